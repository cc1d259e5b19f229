import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// Fallback chains across providers and models, and the routing configuration that makes them.
@Suite("Fallback and routing", .timeLimit(.minutes(2)))
struct FallbackTests {
    static let overloaded = ScriptedResponse.json(
        status: HTTPResponseStatus(statusCode: 529),
        body: (try? Recording.text("Anthropic/error-overloaded.json")) ?? "")
    static let badRequest = ScriptedResponse.json(
        status: .badRequest, body: (try? Recording.text("OpenAI/error-bad-request.json")) ?? "")
    static let openAIText = ScriptedResponse.json(body: (try? Recording.text("OpenAI/response-text.json")) ?? "")

    private func anthropic(_ server: ScriptedHTTPServer) -> AnyClient {
        AnyClient(
            Anthropic.self, model: "claude-sonnet-4-5-20250929",
            configuration: .testing(server, apiKey: "sk-ant-test-key"))
    }

    private func openAI(_ server: ScriptedHTTPServer) -> AnyClient {
        AnyClient(OpenAI.self, model: "gpt-4o", configuration: .testing(server))
    }

    @Test func aFallbackableErrorMovesToTheNextTarget() async throws {
        try await withServer(responding: Self.overloaded) { first in
            try await withServer(responding: Self.openAIText) { second in
                let chain = try FallbackChain([anthropic(first), openAI(second)])
                let reply = try await chain.chat(messages: Conversation.messages)
                #expect(reply.provider == "openai")
                #expect(reply.text == "Mostly cloudy in Paris, 18 °C.")
                #expect(await first.requests().count == 1)
                #expect(await second.requests().count == 1)
            }
        }
    }

    @Test func anUnreachableProviderMovesToTheNextTarget() async throws {
        // A loopback port that was just closed: the connection is refused.
        let closed = try await withServer(responding: Self.openAIText) { $0.baseURL }
        try await withServer(responding: Self.openAIText) { second in
            var configuration = ClientConfiguration(
                apiKey: "sk-ant-test-key", baseURL: closed + "/v1", environment: [:], maxRetries: 0)
            configuration.clock = VirtualClock()
            configuration.circuitBreakers = CircuitBreakers()
            let unreachable = AnyClient(Anthropic.self, model: "claude-opus-4-8", configuration: configuration)
            let error = await aiError { _ = try await unreachable.chat(messages: Conversation.messages) }
            guard case .transport = error?.kind else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                return
            }
            #expect(error?.isFallbackable == true)
            let reply = try await FallbackChain([unreachable, openAI(second)]).chat(messages: Conversation.messages)
            #expect(reply.provider == "openai")
        }
    }

    @Test func anErrorNoFallbackHelpsEndsTheCall() async throws {
        try await withServer(responding: Self.badRequest) { first in
            try await withServer(responding: Self.openAIText) { second in
                let chain = try FallbackChain([openAI(first), openAI(second)])
                let error = try #require(await aiError { _ = try await chain.chat(messages: Conversation.messages) })
                #expect(error.errorClass == .invalidRequest)
                #expect(await second.requests().isEmpty)
            }
        }
    }

    @Test func theLastTargetsErrorWhenAllFail() async throws {
        try await withServer(responding: Self.overloaded) { first in
            let noKey = AnyClient(
                OpenAI.self, model: "gpt-4o", configuration: .testing(first, apiKey: nil, environment: [:]))
            let chain = try FallbackChain([anthropic(first), noKey])
            let error = try #require(await aiError { _ = try await chain.chat(messages: Conversation.messages) })
            #expect(error.kind == .missingCredential(variables: ["OPENAI_API_KEY"]))
            #expect(await first.requests().count == 1)
        }
        #expect(throws: AIError.self) { try FallbackChain([]) }
    }

    @Test func aStreamFallsBackBeforeItsFirstEvent() async throws {
        let sse = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: Self.overloaded) { first in
            try await withServer(responding: .sse(events: sse)) { second in
                let chain = try FallbackChain([anthropic(first), openAI(second)])
                let response = try await chain.stream(messages: Conversation.messages).collectResponse()
                #expect(response.text == "Mostly cloudy, 18 °C.")
                #expect(await first.requests().count == 1)
            }
        }
    }

    @Test func routingDecodesAndLaysItsSettingsOverEachTarget() throws {
        let json = """
            {"targets": [{"model": "openai/gpt-4o"},
                         {"model": "ollama/llama3.1", "base_url": "http://gpu:11434", "api_key_env": "MY_KEY"}],
             "max_retries": 1, "timeout_seconds": 2.5,
             "circuit_breaker": {"failure_threshold": 3, "cooldown_seconds": 10}}
            """
        let routing = try JSONDecoder().decode(RoutingConfiguration.self, from: Data(json.utf8))
        #expect(routing.targets.map(\.model) == ["openai/gpt-4o", "ollama/llama3.1"])
        let base = ClientConfiguration(environment: ["MY_KEY": "sk-test-mine"])
        let second = routing.configuration(for: routing.targets[1], base: base)
        #expect(second.baseURL == "http://gpu:11434")
        #expect(second.apiKey == "sk-test-mine")
        #expect(second.maxRetries == 1)
        #expect(second.deadline == .milliseconds(2500))
        #expect(second.circuitBreaker == CircuitBreakerPolicy(failureThreshold: 3, cooldown: .seconds(10)))
        let first = routing.configuration(for: routing.targets[0], base: base)
        #expect(first.baseURL == nil && first.apiKey == nil)
        // Round trip: what decodes encodes back to the same value.
        let again = try JSONDecoder().decode(RoutingConfiguration.self, from: JSONEncoder().encode(routing))
        #expect(again == routing)
    }

    @Test func aTargetNoProviderHasIsAnError() throws {
        let routing = RoutingConfiguration(targets: [.init(model: "nowhere/model")])
        #expect(throws: AIError.self) { try routing.chain(ProviderRegistry.client(for:configuration:)) }
    }
}
