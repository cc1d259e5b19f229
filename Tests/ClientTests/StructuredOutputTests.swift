import AIProtocol
import AIProviders
import Foundation
import Testing

/// `chat(…, returning:)`: the schema derived from a `Decodable` type, sent in the provider's
/// structured-output or JSON mode as its manifest declares, and the reply decoded.
@Suite("Typed structured output")
struct StructuredOutputTests {
    struct City: Codable, Sendable, Equatable {
        var name: String
        var population: Int
        var landmarks: [String]
        var mayor: String?
    }

    static let lima = City(name: "Lima", population: 10_000_000, landmarks: ["Plaza Mayor"], mayor: nil)

    /// An OpenAI-format chat response whose reply text is `content`.
    static func openAIReply(_ content: String, finish: String = "stop") throws -> ScriptedResponse {
        let body: [String: Any] = [
            "id": "chatcmpl-typed", "object": "chat.completion", "model": "gpt-4o",
            "choices": [
                ["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": finish]
            ],
            "usage": ["prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52],
        ]
        return .json(body: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
    }

    static let limaJSON = #"{"name":"Lima","population":10000000,"landmarks":["Plaza Mayor"],"mayor":null}"#

    @Test func schemaModeSendsTheStrictSchemaAndDecodesTheReply() async throws {
        try await withServer(responding: try Self.openAIReply(Self.limaJSON)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let reply = try await client.chat(
                model: .gpt4o, messages: [.user("The largest city of Peru?")], returning: City.self)
            #expect(reply.value == Self.lima)
            #expect(reply.response.usage?.completionTokens == 12)
            #expect(reply.response.statistics?.attempts == 1)

            let body = try #require(await server.requests().first).json()
            let format = try #require(body["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let schemaFormat = try #require(format["json_schema"] as? [String: Any])
            #expect(schemaFormat["name"] as? String == "City")
            #expect(schemaFormat["strict"] as? Bool == true)
            let schema = try #require(schemaFormat["schema"] as? [String: Any])
            // Strict: every property required, the optional one nullable.
            #expect(Set(schema["required"] as? [String] ?? []) == ["name", "population", "landmarks", "mayor"])
            #expect(schema["additionalProperties"] as? Bool == false)
            let mayor = try #require((schema["properties"] as? [String: Any])?["mayor"] as? [String: Any])
            #expect((mayor["anyOf"] as? [[String: Any]])?.last?["type"] as? String == "null")
            // No instruction is added: the schema travels in the format.
            #expect((body["messages"] as? [Any])?.count == 1)
        }
    }

    @Test func jsonModeProvidersGetTheSchemaAsAnInstruction() async throws {
        let fenced = "```json\n" + Self.limaJSON + "\n```\n"
        try await withServer(responding: try Self.openAIReply(fenced)) { server in
            let client = Client<DeepSeek>(configuration: .testing(server, path: ""))
            let reply = try await client.chat(
                model: .deepseekFlash, messages: [.system("Be brief."), .user("The largest city of Peru?")],
                returning: City.self)
            #expect(reply.value == Self.lima)  // the code fence is tolerated

            let body = try #require(await server.requests().first).json()
            #expect((body["response_format"] as? [String: Any])?["type"] as? String == "json_object")
            let messages = try #require(body["messages"] as? [[String: Any]])
            #expect(messages.count == 2)
            let system = try #require(messages.first?["content"] as? String)
            #expect(system.hasPrefix("Be brief."))
            #expect(system.contains("JSON Schema"))
            #expect(system.contains(#""required":["name","population","landmarks"]"#))
        }
    }

    @Test func aReplyThatDoesNotDecodeIsATypedErrorWithTheRawText() async throws {
        let partial = #"{"name":"Lima","landmarks":[]}"#
        try await withServer(responding: try Self.openAIReply(partial, finish: "length")) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let error = await aiError {
                _ = try await client.chat(model: .gpt4o, messages: [.user("Peru?")], returning: City.self)
            }
            guard case .outputMismatch(let type, let reason, let rawText) = error?.kind else {
                Issue.record("expected outputMismatch, got \(String(describing: error))")
                return
            }
            #expect(type == "City")
            #expect(rawText == partial)
            #expect(reason.contains("missing \"population\""))
            #expect(reason.contains("max_tokens"))
            #expect(error?.code == "E9999")
            #expect(error?.description.contains("not a City") == true)
        }
    }

    @Test func geminiAsksForTheSchemaInGenerationConfig() async throws {
        let reply: [String: Any] = [
            "candidates": [
                [
                    "content": ["role": "model", "parts": [["text": Self.limaJSON]]],
                    "finishReason": "STOP", "index": 0,
                ]
            ],
            "usageMetadata": ["promptTokenCount": 9, "candidatesTokenCount": 20, "totalTokenCount": 29],
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: reply), as: UTF8.self)
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let typed = try await client.chat(
                model: .gemini2_5Flash, messages: [.user("Peru?")], returning: City.self)
            #expect(typed.value == Self.lima)
            let request = try #require(await server.requests().first)
            let config = try #require(request.json()["generationConfig"] as? [String: Any])
            #expect(config["responseMimeType"] as? String == "application/json")
            let schema = try #require(config["responseJsonSchema"] as? [String: Any])
            #expect(
                (schema["properties"] as? [String: Any])?.keys.sorted() == ["landmarks", "mayor", "name", "population"])
        }
    }

    @Test func anthropicAsksForTheSchemaInOutputConfig() async throws {
        let reply: [String: Any] = [
            "id": "msg_typed", "type": "message", "role": "assistant", "model": "claude-opus-4-8",
            "content": [["type": "text", "text": Self.limaJSON]], "stop_reason": "end_turn",
            "usage": ["input_tokens": 30, "output_tokens": 25],
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: reply), as: UTF8.self)
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let typed = try await client.chat(
                model: .claudeOpus4_8, messages: [.user("Peru?")], returning: City.self,
                options: ChatOptions(maxTokens: 500))
            #expect(typed.value == Self.lima)
            let request = try #require(await server.requests().first)
            let format = try #require((request.json()["output_config"] as? [String: Any])?["format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            #expect((format["schema"] as? [String: Any])?["additionalProperties"] as? Bool == false)
            #expect(request.json()["system"] == nil)  // no instruction: the schema is in the format
        }
    }

    @Test func anyClientOffersItAndNamesTheCapabilityWhereItIsMissing() async throws {
        try await withServer(responding: try Self.openAIReply(Self.limaJSON)) { server in
            let openAI = try ProviderRegistry.client(for: "openai/gpt-4o", configuration: .testing(server))
            #expect(try await openAI.chat(messages: [.user("Peru?")], returning: City.self).value == Self.lima)

            let moonshot = try ProviderRegistry.client(for: "moonshot/kimi-k2.6", configuration: .testing(server))
            #expect(!moonshot.capabilities.contains(.structuredOutput))
            let error = await aiError {
                _ = try await moonshot.chat(messages: [.user("Peru?")], returning: City.self)
            }
            #expect(error?.kind == .unsupportedFeature("structured output"))
            #expect(error?.description.contains("moonshot does not support structured output") == true)
            #expect(await server.requests().count == 1)  // only the OpenAI call was sent
        }
    }

    @Test func schemasOfNestedAndOptionalMembers() throws {
        struct Trip: Decodable {
            struct Stop: Decodable {
                var city: String
                var nights: Int?
            }
            var title: String
            var stops: [Stop]
            var budget: Double?
        }
        guard case .jsonSchema(let name, let strict, true) = try ResponseFormat.jsonSchema(for: Trip.self),
            case .jsonSchema(_, let loose, false) = try ResponseFormat.jsonSchema(for: Trip.self, strict: false)
        else {
            Issue.record("expected strict and non-strict schema formats")
            return
        }
        #expect(name == "Trip")
        #expect(
            loose.description
                == #"{"type":"object","properties":{"title":{"type":"string"},"stops":{"type":"array","items":{"type":"object","properties":{"city":{"type":"string"},"nights":{"type":"integer"}},"required":["city"],"additionalProperties":false}},"budget":{"type":"number"}},"required":["title","stops"],"additionalProperties":false}"#
        )
        #expect(
            strict.description
                == #"{"type":"object","properties":{"title":{"type":"string"},"stops":{"type":"array","items":{"type":"object","properties":{"city":{"type":"string"},"nights":{"anyOf":[{"type":"integer"},{"type":"null"}]}},"required":["city","nights"],"additionalProperties":false}},"budget":{"anyOf":[{"type":"number"},{"type":"null"}]}},"required":["title","stops","budget"],"additionalProperties":false}"#
        )
    }

    struct Link: Decodable {
        enum Kind: String, Decodable, CaseIterable { case article, video }
        enum Priority: Int, Decodable, CaseIterable {
            case low = 1
            case high = 2
        }
        var url: URL
        var kind: Kind
        var priority: Priority?
    }

    struct Outline: Decodable {
        var title: String
        var children: [Outline]
    }

    @Test func urlsAndEnumerationsHaveTheirSchemasAndRecursionIsAnErrorNotACrash() throws {
        guard case .jsonSchema(_, let schema, _) = try ResponseFormat.jsonSchema(for: Link.self, strict: false) else {
            Issue.record("expected a schema format")
            return
        }
        #expect(
            schema.description
                == #"{"type":"object","properties":{"url":{"type":"string","format":"uri"},"kind":{"type":"string","enum":["article","video"]},"priority":{"type":"integer","enum":[1,2]}},"required":["url","kind"],"additionalProperties":false}"#
        )
        #expect(throws: DecodingError.self) { try ResponseFormat.jsonSchema(for: Outline.self) }
        #expect(throws: DecodingError.self) {
            try Tool(name: "outline", description: "An outline", arguments: Outline.self)
        }
    }
}
