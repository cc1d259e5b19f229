import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// Where the key comes from and where it goes; base URL placeholders; extra headers.
@Suite("Client credentials")
struct CredentialTests {
    static let openAIText = ScriptedResponse.json(body: (try? Recording.text("OpenAI/response-text.json")) ?? "")

    @Test func explicitKeyWinsOverEnvironment() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenAI>(
                configuration: .testing(
                    server, apiKey: "sk-test-explicit", environment: ["OPENAI_API_KEY": "sk-test-from-env"]))
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().first?.header("authorization") == "Bearer sk-test-explicit")
        }
    }

    @Test func manifestVariableWhenNoExplicitKey() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenAI>(
                configuration: .testing(server, apiKey: nil, environment: ["OPENAI_API_KEY": "sk-test-from-env"]))
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().first?.header("authorization") == "Bearer sk-test-from-env")
        }
    }

    @Test func emptyExplicitKeyFallsBackToEnvironment() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenAI>(
                configuration: .testing(server, apiKey: "", environment: ["OPENAI_API_KEY": "sk-test-from-env"]))
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().first?.header("authorization") == "Bearer sk-test-from-env")
        }
    }

    /// Qwen's manifest names DASHSCOPE_API_KEY; QWEN_API_KEY (`<ID>_API_KEY`) comes after it.
    @Test func manifestVariableBeforeProviderIDVariable() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let both = Client<Qwen>(
                configuration: .testing(
                    server, apiKey: nil,
                    environment: ["DASHSCOPE_API_KEY": "sk-test-dashscope", "QWEN_API_KEY": "sk-test-qwen"]))
            _ = try await both.chat(model: Qwen.Model("qwen-plus"), messages: Conversation.messages)
            let onlyID = Client<Qwen>(
                configuration: .testing(server, apiKey: nil, environment: ["QWEN_API_KEY": "sk-test-qwen"]))
            _ = try await onlyID.chat(model: Qwen.Model("qwen-plus"), messages: Conversation.messages)
            let emptyFirst = Client<Qwen>(
                configuration: .testing(
                    server, apiKey: nil, environment: ["DASHSCOPE_API_KEY": "", "QWEN_API_KEY": "sk-test-qwen"]))
            _ = try await emptyFirst.chat(model: Qwen.Model("qwen-plus"), messages: Conversation.messages)
            #expect(
                await server.requests().map { $0.header("authorization") } == [
                    "Bearer sk-test-dashscope", "Bearer sk-test-qwen", "Bearer sk-test-qwen",
                ])
        }
    }

    /// The chain reports where the key came from, and never shows the key.
    @Test func credentialSourcesWithoutTheKey() throws {
        let auth = AuthScheme(
            placement: .header(name: "Authorization", prefix: "Bearer"), keyVariables: ["ACME_TOKEN"],
            conventionalVariable: "ACME_API_KEY")
        let environment = ["ACME_TOKEN": "sk-test-token", "ACME_API_KEY": "sk-test-conventional"]
        let explicit = try #require(try auth.credential(explicit: "sk-test-explicit", environment: environment))
        let manifest = try #require(try auth.credential(explicit: nil, environment: environment))
        let conventional = try #require(
            try auth.credential(explicit: "", environment: ["ACME_API_KEY": "sk-test-conventional"]))
        #expect(explicit.source == .explicit)
        #expect(manifest.source == .manifestVariable("ACME_TOKEN"))
        #expect(conventional.source == .conventionalVariable("ACME_API_KEY"))
        for credential in [explicit, manifest, conventional] {
            #expect(!"\(credential)".contains("sk-test"))
            #expect(!String(reflecting: credential).contains("sk-test"))
        }
        #expect(throws: AIError.self) { try auth.credential(explicit: nil, environment: ["ACME_TOKEN": ""]) }
        let none = AuthScheme(placement: .none, keyVariables: [])
        #expect(try none.credential(explicit: nil, environment: [:]) == nil)
    }

    @Test func missingKeyNamesTheVariables() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenAI>(
                configuration: .testing(server, apiKey: nil, environment: ["ANTHROPIC_API_KEY": "sk-ant-elsewhere"]))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) })
            #expect(error.kind == .missingCredential(variables: ["OPENAI_API_KEY"]))
            #expect(error.errorClass == .authentication)
            #expect(error.code == "E1002")
            #expect(error.providerID == "openai")
            #expect(error.description.contains("OPENAI_API_KEY"))
            #expect(error.description == "E1002 authentication: no API key: pass one explicitly or set OPENAI_API_KEY")

            let stream = await consume(client.stream(model: .gpt4o, messages: Conversation.messages))
            #expect(stream.aiError?.kind == .missingCredential(variables: ["OPENAI_API_KEY"]))
            // Nothing was sent without a key.
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func missingKeyNamesEveryVariable() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<Qwen>(configuration: .testing(server, apiKey: nil))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: Qwen.Model("qwen-plus"), messages: Conversation.messages)
                })
            #expect(error.kind == .missingCredential(variables: ["DASHSCOPE_API_KEY", "QWEN_API_KEY"]))
            #expect(error.description.contains("DASHSCOPE_API_KEY or QWEN_API_KEY"))
        }
    }

    @Test func noBundledProviderUsesQueryAuth() {
        for provider in ProviderRegistry.all {
            if case .query = provider.descriptor.auth.placement {
                Issue.record("\(provider.descriptor.id) uses query auth: add an end-to-end test for it")
            }
        }
    }

    // MARK: Base URLs

    @Test func selfHostedBaseURLFromEnvironment() async throws {
        let body = try Recording.text("Ollama/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Ollama>(
                configuration: ClientConfiguration(
                    environment: ["OLLAMA_BASE_URL": server.baseURL + "/"], maxRetries: 0))
            let reply = try await client.chat(model: .llama3_1, messages: Conversation.messages)
            #expect(reply.text == "Cloudy and 18 °C.")
            #expect(reply.finishReason == .maxTokens)
            let request = try #require(await server.requests().first)
            // The trailing slash of the variable is not doubled.
            #expect(request.path == "/api/chat")
            // A provider without auth sends no key header.
            #expect(request.header("authorization") == nil)
            let json = request.json()
            #expect(json["model"] as? String == "llama3.1")
            #expect(json["stream"] as? Bool == false)
        }
    }

    /// A transport that keeps the URLs it was asked for and answers none.
    final class URLRecorder: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var urls: [String] = []
        var recorded: [String] { lock.withLock { urls } }

        func execute(_ request: TransportRequest) async throws -> TransportResponse {
            lock.withLock { urls.append(request.url) }
            throw CancellationError()
        }
    }

    /// Qwen's and Moonshot's regions: a variable chooses, the international endpoint is the default.
    @Test func regionalEndpointsByVariable() async throws {
        let cases: [(String, [String: String], String)] = [
            ("qwen/qwen-plus", [:], "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"),
            (
                "qwen/qwen-plus", ["QWEN_BASE_URL": "https://dashscope.aliyuncs.com/compatible-mode/v1"],
                "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"
            ),
            ("moonshot/kimi-k2", [:], "https://api.moonshot.ai/v1/chat/completions"),
            (
                "moonshot/kimi-k2", ["MOONSHOT_BASE_URL": "https://api.moonshot.cn/v1"],
                "https://api.moonshot.cn/v1/chat/completions"
            ),
        ]
        for (reference, environment, expected) in cases {
            let recorder = URLRecorder()
            let client = try ProviderRegistry.client(
                for: reference,
                configuration: ClientConfiguration(
                    apiKey: "sk-test-region", transport: recorder, environment: environment, maxRetries: 0))
            _ = try? await client.chat(messages: Conversation.messages)
            #expect(recorder.recorded == [expected], "\(reference) \(environment)")
        }
    }

    @Test func explicitBaseURLOverridesPlaceholder() async throws {
        let body = try Recording.text("Ollama/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Ollama>(
                configuration: ClientConfiguration(
                    baseURL: server.baseURL, environment: ["OLLAMA_BASE_URL": "http://127.0.0.1:1"], maxRetries: 0))
            _ = try await client.chat(model: .llama3_1, messages: Conversation.messages)
            #expect(await server.requests().first?.path == "/api/chat")
        }
    }

    @Test func unsetPlaceholderWithoutDefaultIsInvalidConfiguration() async throws {
        try await withServer(responding: Self.openAIText) { server in
            // Azure's base URL is https://${AZURE_OPENAI_RESOURCE}.openai.azure.com/openai.
            let client = Client<AzureOpenAI>(
                configuration: ClientConfiguration(apiKey: "azure-test-key", environment: [:], maxRetries: 0))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(
                        model: AzureOpenAI.Model("my-deployment"), messages: Conversation.messages)
                })
            guard case .invalidConfiguration(let reason) = error.kind else {
                Issue.record("expected .invalidConfiguration, got \(error)")
                return
            }
            #expect(reason.contains("AZURE_OPENAI_RESOURCE"))
            #expect(error.errorClass == .invalidRequest)
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func azureDeploymentPathQueryAndKeyHeader() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<AzureOpenAI>(
                configuration: .testing(server, path: "/openai", apiKey: "azure-test-key"))
            _ = try await client.chat(model: AzureOpenAI.Model("gpt 4o/prod"), messages: Conversation.messages)
            let request = try #require(await server.requests().first)
            // The model (deployment) is percent-encoded into the path; the api-version query stays.
            #expect(request.path == "/openai/deployments/gpt%204o%2Fprod/chat/completions?api-version=2024-10-21")
            #expect(request.header("api-key") == "azure-test-key")
            #expect(request.header("authorization") == nil)
        }
    }

    // MARK: Extra headers

    @Test func extraHeadersFromEnvironment() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenRouter>(
                configuration: .testing(
                    server, apiKey: "sk-or-test",
                    environment: [
                        "OPENROUTER_APP_URL": "https://example.test/app", "OPENROUTER_APP_NAME": "Client Tests",
                    ]))
            _ = try await client.chat(model: OpenRouter.Model("openai/gpt-4o"), messages: Conversation.messages)
            let request = try #require(await server.requests().first)
            #expect(request.header("HTTP-Referer") == "https://example.test/app")
            #expect(request.header("X-Title") == "Client Tests")
            #expect(request.header("authorization") == "Bearer sk-or-test")
        }
    }

    /// The manifest calls these headers optional ("Optional app-attribution headers"), but an
    /// unset `${NAME}` without a default throws, so every OpenRouter call fails unless both
    /// variables are set.
    @Test func optionalExtraHeadersMayBeUnset() async throws {
        try await withServer(responding: Self.openAIText) { server in
            let client = Client<OpenRouter>(configuration: .testing(server, apiKey: "sk-or-test"))
            _ = try await client.chat(model: OpenRouter.Model("openai/gpt-4o"), messages: Conversation.messages)
            let request = try #require(await server.requests().first)
            #expect(request.header("HTTP-Referer") == nil)
            #expect(request.header("X-Title") == nil)
        }
    }

    @Test func userAgentIsSent() async throws {
        try await withServer(responding: Self.openAIText) { server in
            _ = try await Client<OpenAI>(configuration: .testing(server)).chat(
                model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().first?.header("user-agent") == "ai-protocol-swift")
        }
    }
}
