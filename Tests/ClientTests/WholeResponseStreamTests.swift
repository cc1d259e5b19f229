import AIProtocol
import AIProviders
import Foundation
import Testing

/// A stream request answered with a whole JSON response (a gateway that cannot stream, a mocked
/// reply): the events a stream would have given, or a typed error naming what came instead.
@Suite("A stream answered with a whole response", .timeLimit(.minutes(2)))
struct WholeResponseStreamTests {
    @Test func aWholeOpenAIResponseBecomesItsEvents() async throws {
        let body = try Recording.text("OpenAI/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let streamed = try await client.stream(model: .gpt4o, messages: Conversation.messages).collectResponse()
            let chatted = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(streamed.text == "Mostly cloudy in Paris, 18 °C.")
            #expect(streamed.finishReason == chatted.finishReason && streamed.rawFinishReason == "stop")
            #expect(streamed.usage == chatted.usage)
            #expect(streamed.id == chatted.id && streamed.model == chatted.model)
        }
    }

    @Test func aWholeAnthropicResponseKeepsItsToolCalls() async throws {
        let body = try Recording.text("Anthropic/response-tool-use.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: "sk-ant-test-key"))
            let chatted = try await client.chat(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
            let streamed = try await client.stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
                .collectResponse()
            #expect(!streamed.toolCalls.isEmpty)
            #expect(streamed.toolCalls == chatted.toolCalls)
            #expect(streamed.finishReason == chatted.finishReason)
        }
    }

    @Test(arguments: [
        ("text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>"),
        ("application/json", #"{"status": "queued"}"#),
    ])
    func anythingElseIsATypedErrorNamingTheContentType(contentType: String, body: String) async throws {
        let response = ScriptedResponse.oneShot(contentType: contentType, bytes: Array(body.utf8))
        try await withServer(responding: response) { server in
            let outcome = await consume(
                Client<OpenAI>(configuration: .testing(server)).stream(model: .gpt4o, messages: Conversation.messages))
            let error = try #require(outcome.aiError)
            #expect(error.description.contains("expected an event stream (text/event-stream), got \(contentType)"))
            #expect(outcome.events.isEmpty)
        }
    }
}
