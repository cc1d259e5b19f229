import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// `AnyClient` from `ProviderRegistry.client(for:configuration:)`: the provider chosen at run time.
@Suite("AnyClient")
struct AnyClientTests {
    @Test func chatThroughTheRegistry() async throws {
        let body = try Recording.text("OpenAI/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = try ProviderRegistry.client(for: "openai/gpt-4o", configuration: .testing(server))
            #expect(client.providerID == "openai")
            #expect(client.model == "gpt-4o")
            #expect(client.capabilities.contains(.tools))
            let reply = try await client.chat(messages: Conversation.messages, tools: [Conversation.weatherTool])
            #expect(reply.id == "chatcmpl-C1mX2bKp9d")
            #expect(reply.text == "Mostly cloudy in Paris, 18 °C.")
            #expect(reply.finishReason == .endTurn)
            let request = try #require(await server.requests().first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            let json = request.json()
            #expect(json["model"] as? String == "gpt-4o")
            #expect(json["stream"] as? Bool == false)
            #expect((json["tools"] as? [Any])?.count == 1)
        }
    }

    @Test func streamThroughTheRegistry() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = try ProviderRegistry.client(for: "openai/gpt-4o", configuration: .testing(server))
            let response = try await client.stream(messages: Conversation.messages).collectContent()
            #expect(response == StreamingTests.openAITextResponse)
            let request = try #require(await server.requests().first)
            #expect(request.header("accept") == "text/event-stream")
            #expect(request.json()["stream"] as? Bool == true)
            #expect(request.json()["model"] as? String == "gpt-4o")
        }
    }

    @Test func aliasAndModelWithSlashes() async throws {
        let body = try Recording.text("Gemini/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = try ProviderRegistry.client(
                for: "google/tunedModels/my-model",
                configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            #expect(client.providerID == "gemini")
            #expect(client.model == "tunedModels/my-model")
            _ = try await client.chat(messages: Conversation.messages)
            // The model is one path segment, its slash percent-encoded.
            #expect(
                await server.requests().first?.path == "/v1beta/models/tunedModels%2Fmy-model:generateContent")
        }
    }

    @Test func anthropicStreamThroughTheRegistry() async throws {
        let events = try Recording.events("Anthropic/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = try ProviderRegistry.client(
                for: "anthropic/claude-sonnet-4-5-20250929", configuration: .testing(server, apiKey: TestKey.anthropic))
            let outcome = await consume(client.stream(messages: Conversation.messages))
            #expect(outcome.error == nil)
            #expect(outcome.text == "Cloudy and 18 °C.")
            #expect(await server.requests().first?.header("x-api-key") == TestKey.anthropic)
        }
    }

    @Test(arguments: ["nope/gpt-4o", "gpt-4o", "openai/", ""])
    func unknownProviderOrMalformedReference(reference: String) throws {
        do {
            _ = try ProviderRegistry.client(for: reference, configuration: ClientConfiguration(environment: [:]))
            Issue.record("\(reference) resolved")
        } catch {
            guard case .invalidConfiguration(let reason) = error.kind else {
                Issue.record("expected .invalidConfiguration, got \(error)")
                return
            }
            #expect(reason.contains("\"\(reference)\""))
            #expect(error.errorClass == .invalidRequest)
        }
    }

    @Test func toolsOnProviderWithoutTools() async throws {
        try await withServer(responding: .json(body: "{}")) { server in
            let client = try ProviderRegistry.client(for: "yi/yi-lightning", configuration: .testing(server))
            #expect(!client.capabilities.contains(.tools))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(messages: Conversation.messages, tools: [Conversation.weatherTool])
                })
            #expect(error.kind == .unsupportedFeature("tools"))
            #expect(error.errorClass == .invalidRequest)
            #expect(error.providerID == "yi")
            #expect(error.description == "E1001 invalid_request: yi does not support tools")

            let stream = await consume(
                client.stream(messages: Conversation.messages, tools: [Conversation.weatherTool]))
            #expect(stream.events.isEmpty)
            #expect(stream.aiError?.kind == .unsupportedFeature("tools"))
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func streamingOnProviderWithoutStreaming() async throws {
        // Jina (embeddings and rerank) declares no streaming.
        try await withServer(responding: .json(body: "{}")) { server in
            let client = try ProviderRegistry.client(for: "jina/jina-embeddings-v3", configuration: .testing(server))
            let stream = await consume(client.stream(messages: Conversation.messages))
            #expect(stream.aiError?.kind == .unsupportedFeature("streaming"))
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func embeddingsAndModelsThroughTheRegistry() async throws {
        let body = """
            {"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -1]}],
             "model": "text-embedding-3-small"}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = try ProviderRegistry.client(
                for: "openai/text-embedding-3-small", configuration: .testing(server))
            #expect(try await client.embed(inputs: ["hello"]).vectors == [[0.5, -1]])
            #expect(await server.requests().first?.json()["model"] as? String == "text-embedding-3-small")
        }
        let models = #"{"object": "list", "data": [{"id": "gpt-4o"}, {"id": "gpt-4o-mini"}]}"#
        try await withServer(responding: .json(body: models)) { server in
            let client = try ProviderRegistry.client(for: "openai/gpt-4o", configuration: .testing(server))
            #expect(try await client.listModels() == ["gpt-4o", "gpt-4o-mini"])
        }
    }

    @Test func embeddingsOnAProviderWithoutThem() async throws {
        // Anthropic declares no embeddings: the error names the capability, and nothing is sent.
        try await withServer(responding: .json(body: "{}")) { server in
            let client = try ProviderRegistry.client(
                for: "anthropic/claude-sonnet-4-5-20250929", configuration: .testing(server, apiKey: "sk-ant-test"))
            let error = try #require(await aiError { _ = try await client.embed(inputs: ["a"]) })
            #expect(error.kind == .unsupportedFeature("embeddings"))
            #expect(error.description.contains("does not support embeddings"))
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func errorsThroughTheRegistry() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(
            responding: .json(status: .tooManyRequests, headers: ["x-request-id": "req_any"], body: body)
        ) { server in
            let client = try ProviderRegistry.client(for: "openai/gpt-4o", configuration: .testing(server))
            let error = try #require(await aiError { _ = try await client.chat(messages: Conversation.messages) })
            #expect(error.errorClass == .rateLimited)
            #expect(error.providerCode == "rate_limit_exceeded")
            #expect(error.requestID == "req_any")
            let stream = await consume(client.stream(messages: Conversation.messages))
            #expect(stream.aiError?.errorClass == .rateLimited)
        }
    }
}
