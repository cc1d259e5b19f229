import AIProtocol
import AIProviders
import Foundation
import Testing

/// Cancelling a non-streaming `chat()` closes its connection and ends the call with
/// `AIError.cancelled`, whether the server has not answered yet or is halfway through the body.
/// (Streams are covered in `StreamingTests`.)
@Suite("Cancelling a chat call")
struct ChatCancellationTests {
    @Test func cancellingWhileWaitingForTheHeadClosesTheConnection() async throws {
        let body = try Recording.text("OpenAI/response-text.json")
        let handler: ScriptedHTTPServer.Handler = { _ in
            try? await Task.sleep(for: .seconds(30))
            return .json(body: body)
        }
        try await withServer(handler: handler) { server in try await expectCancellationCloses(server) }
    }

    @Test func cancellingMidBodyClosesTheConnection() async throws {
        let body = Array(try Recording.text("OpenAI/response-text.json").utf8)
        let response = ScriptedResponse(
            headers: ["Content-Type": "application/json"],
            body: [
                .bytes(Array(body.prefix(body.count / 2))), .pause(.seconds(30)),
                .bytes(Array(body.dropFirst(body.count / 2))),
            ])
        try await withServer(responding: response) { server in try await expectCancellationCloses(server) }
    }

    /// Starts a chat call, cancels it once the request has reached the server, and checks that
    /// the call ends with `cancelled`, the connection closes and nothing is retried.
    private func expectCancellationCloses(_ server: ScriptedHTTPServer) async throws {
        let client = Client<OpenAI>(configuration: .testing(server))
        let call = Task { try await client.chat(model: .gpt4oMini, messages: Conversation.messages) }
        // Waits only as long as the request takes to arrive; a loaded CI machine may take long.
        let deadline = ContinuousClock.now + .seconds(60)
        while await server.requests().isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(await server.requests().count == 1)
        call.cancel()
        let error = await aiError { _ = try await call.value }
        #expect(error?.kind == .cancelled)
        #expect(error?.errorClass == .cancelled)
        #expect(await server.waitForDisconnects(1, timeout: .seconds(10)))
        #expect(await server.requests().count == 1, "a cancelled call is not retried")
    }
}
