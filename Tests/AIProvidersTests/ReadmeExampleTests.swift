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
}
