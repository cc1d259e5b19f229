import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// The retry loop against a server that fails first: what is retried, how often, and that a
/// stream is retried only before its body.
@Suite("Client retries")
struct RetryTests {
    static func failing(
        _ failures: [ScriptedResponse], then success: ScriptedResponse
    ) -> ScriptedHTTPServer.Handler {
        let counter = RequestCounter()
        return { _ in
            let number = await counter.next()
            return number < failures.count ? failures[number] : success
        }
    }

    static let unavailable = ScriptedResponse.oneShot(
        status: .serviceUnavailable, headers: ["Retry-After": "0"], contentType: "text/plain",
        bytes: Array("service unavailable".utf8))

    @Test func serviceUnavailableThenSuccess() async throws {
        let success = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(handler: Self.failing([Self.unavailable], then: success)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 2))
            let reply = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(reply.text == "Mostly cloudy in Paris, 18 °C.")
            #expect(reply.statistics?.attempts == 2)
            let requests = await server.requests()
            #expect(requests.count == 2)
            // The same request both times.
            #expect(requests.map(\.bodyText) == Array(repeating: requests[0].bodyText, count: 2))
            #expect(requests.map(\.path) == ["/v1/chat/completions", "/v1/chat/completions"])
            #expect(requests.allSatisfy { $0.header("authorization") == "Bearer \(TestKey.openAI)" })
        }
    }

    @Test func rateLimitedThenSuccess() async throws {
        let limited = ScriptedResponse.json(
            status: .tooManyRequests, headers: ["Retry-After": "0"],
            body: try Recording.text("OpenAI/error-rate-limit.json"))
        let success = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(handler: Self.failing([limited, limited], then: success)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 2))
            let reply = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(reply.id == "chatcmpl-C1mX2bKp9d")
            #expect(await server.requests().count == 3)
        }
    }

    @Test func retriesStopAtMaxRetries() async throws {
        try await withServer(responding: Self.unavailable) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 2))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) })
            #expect(error.httpStatus == 503)
            #expect(error.errorClass == .overloaded)
            #expect(error.providerMessage == "service unavailable")
            #expect(await server.requests().count == 3)
        }
    }

    @Test func badRequestIsNotRetried() async throws {
        let bad = ScriptedResponse.json(
            status: .badRequest, headers: ["Retry-After": "0"],
            body: try Recording.text("OpenAI/error-bad-request.json"))
        try await withServer(responding: bad) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 3))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) })
            #expect(error.errorClass == .invalidRequest)
            #expect(error.providerCode == "invalid_value")
            #expect(await server.requests().count == 1)
        }
    }

    @Test func quotaExhaustedIsNotRetried() async throws {
        let quota = ScriptedResponse.json(
            status: .tooManyRequests, headers: ["Retry-After": "0"],
            body: try Recording.text("OpenAI/error-insufficient-quota.json"))
        try await withServer(responding: quota) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 3))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) })
            #expect(error.errorClass == .quotaExhausted)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func anthropicOverloadedThenSuccess() async throws {
        let overloaded = ScriptedResponse.json(
            status: HTTPResponseStatus(statusCode: 529), headers: ["retry-after": "0"],
            body: try Recording.text("Anthropic/error-overloaded.json"))
        let success = ScriptedResponse.json(body: try Recording.text("Anthropic/response-tool-use.json"))
        try await withServer(handler: Self.failing([overloaded], then: success)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic, maxRetries: 1))
            let reply = try await client.chat(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
            #expect(reply.id == "msg_01Aq9w938a90dw8q")
            #expect(await server.requests().count == 2)
        }
    }

    @Test func maxRetriesZeroSendsOnce() async throws {
        try await withServer(responding: Self.unavailable) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 0))
            _ = await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) }
            #expect(await server.requests().count == 1)
        }
    }

    /// Without Retry-After the manifest's backoff applies (its bounds are unit-tested in
    /// AIProtocolTests; no timing is asserted here).
    @Test func backoffWithoutRetryAfterRetries() async throws {
        let plain = ScriptedResponse.oneShot(
            status: .serviceUnavailable, contentType: "text/plain", bytes: Array("busy".utf8))
        let success = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(handler: Self.failing([plain], then: success)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 1))
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().count == 2)
        }
    }

    // MARK: Streams

    @Test func streamIsRetriedBeforeItsBody() async throws {
        let stream = ScriptedResponse.sse(events: try Recording.events("OpenAI/stream-text.sse"))
        try await withServer(handler: Self.failing([Self.unavailable], then: stream)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 2))
            let outcome = await consume(client.stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.error == nil)
            // Each event exactly once.
            #expect(
                outcome.events.filter {
                    if case .textDelta = $0 { true } else { false }
                } == [.textDelta("Mostly"), .textDelta(" cloudy,"), .textDelta(" 18 °C.")])
            #expect(outcome.events.filter { if case .finish = $0 { true } else { false } }.count == 1)
            #expect(outcome.text == "Mostly cloudy, 18 °C.")
            #expect(await server.requests().count == 2)
        }
    }

    @Test func streamCutMidBodyIsNotRetried() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        var broken = ScriptedResponse.sse(events: Array(events.prefix(2)))
        broken.body += [.pause(.milliseconds(50)), .resetConnection]
        let whole = ScriptedResponse.sse(events: events)
        try await withServer(handler: Self.failing([broken], then: whole)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 3))
            let outcome = await consume(client.stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Mostly")])
            #expect(outcome.aiError != nil)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func streamErrorEventIsNotRetried() async throws {
        let events = try Recording.events("OpenAI/stream-error.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 3))
            let outcome = await consume(client.stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Partly")])
            #expect(outcome.aiError?.errorClass == .serverError)
            #expect(await server.requests().count == 1)
        }
    }
}
