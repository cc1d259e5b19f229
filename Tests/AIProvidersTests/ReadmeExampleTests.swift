import AIProtocol
import AIProviders
import Testing

/// The generated API as the README shows it.
@Suite("README examples of the generated API")
struct ReadmeExampleTests {
    @Test func typedModelsDescriptorsAndTables() {
        let model: OpenAI.Model = .gpt4o
        #expect(model.id == "gpt-4o")
        #expect(model.info?.contextWindow == 128000)
        let custom = OpenAI.Model("ft:gpt-4o:acme")
        #expect(custom.info == nil)
        #expect(OpenAI.descriptor.endpoints.chat?.path == "/chat/completions")
        #expect(OpenAI.terminationReason(forProviderValue: "length") == .maxTokens)
        let resolved = ProviderRegistry.resolve("anthropic/claude-sonnet-4-5-20250929")
        #expect(resolved?.provider.descriptor.id == "anthropic")
        #expect(resolved?.model == "claude-sonnet-4-5-20250929")
    }

    @Test func capabilitiesAreConformances() {
        #expect((OpenAI.self as Any.Type) is any SupportsTools.Type)
        #expect(!((Jina.self as Any.Type) is any SupportsTools.Type))
        #expect((Jina.self as Any.Type) is any SupportsEmbeddings.Type)
        #expect((Anthropic.self as Any.Type) is any StreamingAdapter.Type)
    }

    @Test func registryKnowsEveryProviderAndAlias() {
        #expect(ProviderRegistry.all.count >= 30)
        #expect(ProviderRegistry.provider(id: "google")?.descriptor.id == "gemini")
        #expect(ProviderRegistry.resolve("nope/model") == nil)
        #expect(ProviderRegistry.resolve("openai/") == nil)
        #expect(ProviderRegistry.resolve("openrouter/meta-llama/llama-3.1-70b")?.model == "meta-llama/llama-3.1-70b")
    }

    /// "Resilience and observability": the values its examples build.
    @Test func resilienceExamples() throws {
        let client = Client<OpenAI>(apiKey: "sk-test-readme")
        let quick = client.with {
            $0.deadline = .seconds(5)
            $0.maxRetries = 0
        }
        #expect(quick.configuration.deadline == .seconds(5) && quick.configuration.maxRetries == 0)
        let batch = client.with {
            $0.rateLimit = RateLimitPolicy(requestsPerSecond: 2, tokensPerMinute: 40_000, maxConcurrentRequests: 4)
        }
        #expect(batch.configuration.rateLimit?.maxConcurrentRequests == 4)
        #expect(client.configuration.rateLimit == RateLimitPolicy())
        #expect(
            client.configuration.circuitBreaker == CircuitBreakerPolicy(failureThreshold: 5, cooldown: .seconds(30)))
        let chain = try FallbackChain(
            ["openai/gpt-4o", "anthropic/claude-sonnet-4-5-20250929"].map { try ProviderRegistry.client(for: $0) })
        #expect(chain.targets.map(\.providerID) == ["openai", "anthropic"])
    }
}

/// The README's quick start, compiled (not run: it would need the providers' servers).
enum ReadmeQuickStart {
    static func quickStart() async throws {
        let client = Client<OpenAI>()
        let reply = try await client.chat(
            model: .gpt4o,
            messages: [.system("Be brief."), .user("Hello")],
            options: ChatOptions(temperature: 0.2, maxTokens: 200))
        print(reply.text, reply.finishReason ?? .other, reply.usage?.totalTokens ?? 0)

        for try await event in Client<Anthropic>().stream(model: .claudeSonnet4_6, messages: [.user("Hi")]) {
            if case .textDelta(let text, _) = event { print(text, terminator: "") }
        }

        struct Weather: Codable { var city: String }
        let weather = try Tool(name: "get_weather", description: "Current weather", arguments: Weather.self)
        let answer = try await client.chat(model: .gpt4o, messages: [.user("Weather in Paris?")], tools: [weather])
        for call in answer.toolCalls {
            let arguments = try call.decodeArguments(as: Weather.self)
            print(call.name, arguments.city)
        }

        struct City: Codable {
            var name: String
            var population: Int
        }
        let city = try await client.chat(
            model: .gpt4o, messages: [.user("Largest city of Peru?")], returning: City.self)
        print(city.value.name, city.value.population)
        if let stats = city.response.statistics {
            print(stats.latency, stats.attempts, stats.cost?.description ?? "no price in the registry")
        }
        let flex = client.with { $0.extraBody = .object(["service_tier": .string("flex")]) }
        _ = try await flex.chat(model: .gpt4o, messages: [.user("Hello")])

        let any = try ProviderRegistry.client(for: "anthropic/claude-sonnet-4-6")
        _ = try await any.chat(messages: [.user("Hello")]).text
        _ = try await Client<OpenAI>().embed(model: "text-embedding-3-small", inputs: ["a"])
        _ = try await Client<OpenAI>().listModels()
    }
}
