import AIProtocol
import AIProviders
import Foundation
import Testing

/// What the manifest does not map, sent anyway: extra body members and headers, per client and
/// per call, merged after the manifest's mappings.
@Suite("Extra body members and headers")
struct ExtraFieldsTests {
    static let openAIText = ScriptedResponse.json(body: (try? Recording.text("OpenAI/response-text.json")) ?? "")

    @Test func extraMembersMergeIntoTheBodyAndWinOverTheManifests() async throws {
        try await withServer(responding: Self.openAIText) { server in
            var configuration = ClientConfiguration.testing(server)
            configuration.extraBody = .object([
                "service_tier": .string("flex"), "temperature": .number(0.3), "max_tokens": .null,
                "metadata": .object(["run": .string("nightly")]),
            ])
            let client = Client<OpenAI>(configuration: configuration)
            _ = try await client.chat(
                model: .gpt4o, messages: Conversation.messages, options: ChatOptions(temperature: 0.7, maxTokens: 50))
            let body = try #require(await server.requests().first).jsonObject()
            #expect(body["service_tier"] as? String == "flex")
            #expect(body["temperature"] as? Double == 0.3)  // the extra member wins
            #expect(body["max_tokens"] == nil)  // null removes
            #expect((body["metadata"] as? [String: Any])?["run"] as? String == "nightly")
            #expect((body["messages"] as? [Any])?.count == Conversation.messages.count)
        }
    }

    @Test func objectsMergeMemberByMemberForOneCall() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("Gemini/response-text.json"))
        try await withServer(responding: reply) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let json = client.with {
                $0.extraBody = .object(["generationConfig": .object(["responseMimeType": .string("application/json")])])
            }
            _ = try await json.chat(
                model: .gemini2_5Flash, messages: Conversation.messages, options: ChatOptions(temperature: 0.2))
            _ = try await client.chat(model: .gemini2_5Flash, messages: Conversation.messages)
            let requests = await server.requests()
            let config = try #require(try requests[0].jsonObject()["generationConfig"] as? [String: Any])
            #expect(config["responseMimeType"] as? String == "application/json")
            #expect(config["temperature"] as? Double == 0.2)  // the manifest's mapping stays
            // Only that call.
            #expect((try requests[1].jsonObject()["generationConfig"] as? [String: Any])?["responseMimeType"] == nil)
        }
    }

    @Test func extraHeadersAreAddedOrReplaceTheRuntimes() async throws {
        try await withServer(responding: Self.openAIText) { server in
            var configuration = ClientConfiguration.testing(server)
            configuration.extraHeaders = [
                .init(name: "X-Vendor-Flag", value: "on"), .init(name: "user-agent", value: "mine"),
            ]
            _ = try await Client<OpenAI>(configuration: configuration)
                .chat(model: .gpt4o, messages: Conversation.messages)
            let request = try #require(await server.requests().first)
            #expect(request.header("x-vendor-flag") == "on")
            #expect(request.header("User-Agent") == "mine")
        }
    }

    @Test func mergingRules() {
        let base = JSONValue.object([
            "a": .integer(1), "b": .object(["c": .integer(2), "d": .integer(3)]), "e": .array([.integer(1)]),
        ])
        let merged = base.merging(
            .object(["b": .object(["c": .null, "f": .integer(4)]), "e": .array([.integer(2)]), "g": .bool(true)]))
        #expect(
            merged
                == .object([
                    "a": .integer(1), "b": .object(["d": .integer(3), "f": .integer(4)]), "e": .array([.integer(2)]),
                    "g": .bool(true),
                ]))
        #expect(base.merging(.string("x")) == .string("x"))
    }
}
