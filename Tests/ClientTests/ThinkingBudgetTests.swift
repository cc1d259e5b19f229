import AIProtocol
import AIProviders
import Foundation
import Testing

/// `ChatOptions.thinkingBudget` (`thinking_budget`), written where and how each manifest maps it.
@Suite("Thinking budget")
struct ThinkingBudgetTests {
    @Test func anthropicGetsExtendedThinking() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("Anthropic/response-tool-use.json"))
        try await withServer(responding: reply) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            _ = try await client.chat(
                model: .claudeOpus4_8, messages: [.user("Think, then answer.")],
                options: ChatOptions(maxTokens: 4096, thinkingBudget: 2048))
            _ = try await client.chat(
                model: .claudeOpus4_8, messages: [.user("Answer at once.")],
                options: ChatOptions(maxTokens: 4096, thinkingBudget: 0))
            let requests = await server.requests()
            let enabled = try #require(requests[0].json()["thinking"] as? [String: Any])
            #expect(enabled["type"] as? String == "enabled")
            #expect(enabled["budget_tokens"] as? Int == 2048)
            #expect((requests[1].json()["thinking"] as? [String: Any])?["type"] as? String == "disabled")
        }
    }

    @Test func geminiGetsThinkingConfig() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("Gemini/response-text.json"))
        try await withServer(responding: reply) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            _ = try await client.chat(
                model: .gemini2_5Flash, messages: [.user("Hi")], options: ChatOptions(thinkingBudget: 0))
            let request = try #require(await server.requests().first)
            let config = try #require(request.json()["generationConfig"] as? [String: Any])
            #expect((config["thinkingConfig"] as? [String: Any])?["thinkingBudget"] as? Int == 0)
        }
    }

    @Test func aProviderWithoutItRefusesBeforeSending() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: reply) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let error = await aiError {
                _ = try await client.chat(
                    model: .gpt4o, messages: [.user("Hi")], options: ChatOptions(thinkingBudget: 1024))
            }
            #expect(error?.kind == .unsupportedParameter(.thinkingBudget))
            #expect(await server.requests().isEmpty)
        }
    }
}
