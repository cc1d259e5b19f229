import AIProtocol
import AIProviders
import Foundation
import Testing

/// What a reasoning model needs back in the next turn: Anthropic's thinking signatures and
/// Gemini's thought signatures kept from a whole (non-streamed) response, and DeepSeek's
/// `reasoning_content` sent back where the manifest names it (`tooling.reasoning_field`).
@Suite("Reasoning round trips")
struct ReasoningRoundTripTests {
    static func json(_ object: [String: Any]) throws -> ScriptedResponse {
        .json(body: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    static let weatherCall = ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)

    @Test func deepSeekGetsItsReasoningBackAndOpenAIDoesNot() async throws {
        let conversation: [Message] = [
            .user("Weather in Paris?"),
            Message(
                role: .assistant,
                content: [.thinking("The user wants weather.", signature: nil), .toolUse(Self.weatherCall)]),
            .tool(callID: "call_1", result: "18 °C"),
        ]
        let reply = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: reply) { server in
            _ = try await Client<DeepSeek>(configuration: .testing(server, path: ""))
                .chat(model: .deepseekFlash, messages: conversation)
            _ = try await Client<OpenAI>(configuration: .testing(server)).chat(model: .gpt4o, messages: conversation)
            let requests = await server.requests()
            let deepSeek = try #require(requests[0].json()["messages"] as? [[String: Any]])
            #expect(deepSeek[1]["reasoning_content"] as? String == "The user wants weather.")
            #expect((deepSeek[1]["tool_calls"] as? [Any])?.count == 1)
            let openAI = try #require(requests[1].json()["messages"] as? [[String: Any]])
            #expect(openAI[1]["reasoning_content"] == nil)
        }
    }

    @Test func anthropicKeepsTheSignatureOfAWholeResponseAndSendsItBack() async throws {
        let reply = try Self.json([
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-opus-4-8",
            "content": [
                ["type": "thinking", "thinking": "Check the weather.", "signature": "sig-A1"],
                ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]],
            ],
            "stop_reason": "tool_use", "usage": ["input_tokens": 10, "output_tokens": 20],
        ])
        try await withServer(responding: reply) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let first = try await client.chat(
                model: .claudeOpus4_8, messages: [.user("Weather in Paris?")], tools: [Conversation.weatherTool],
                options: ChatOptions(maxTokens: 2000))
            #expect(first.content.first == .thinking("Check the weather.", signature: "sig-A1"))
            let next: [Message] = [
                .user("Weather in Paris?"), Message(role: .assistant, content: first.content),
                .tool(callID: "toolu_1", result: "18 °C"),
            ]
            _ = try await client.chat(
                model: .claudeOpus4_8, messages: next, tools: [Conversation.weatherTool],
                options: ChatOptions(maxTokens: 2000))
            let sent = try #require(await server.requests().last?.json()["messages"] as? [[String: Any]])
            let blocks = try #require(sent[1]["content"] as? [[String: Any]])
            #expect(blocks.first?["type"] as? String == "thinking")
            #expect(blocks.first?["signature"] as? String == "sig-A1")
        }
    }

    @Test func geminiKeepsTheThoughtSignatureOfAWholeResponsesCall() async throws {
        let reply = try Self.json([
            "candidates": [
                [
                    "content": [
                        "role": "model",
                        "parts": [
                            [
                                "functionCall": ["name": "get_weather", "args": ["city": "Paris"]],
                                "thoughtSignature": "sig-G1",
                            ]
                        ],
                    ],
                    "finishReason": "STOP",
                ]
            ]
        ])
        try await withServer(responding: reply) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let first = try await client.chat(
                model: .gemini2_5Flash, messages: [.user("Weather in Paris?")], tools: [Conversation.weatherTool])
            #expect(first.toolCalls.map(\.name) == ["get_weather"])
            #expect(first.content.first == .thinking("", signature: "sig-G1"))
            let callID = try #require(first.toolCalls.first?.id)
            _ = try await client.chat(
                model: .gemini2_5Flash,
                messages: [
                    .user("Weather in Paris?"), Message(role: .assistant, content: first.content),
                    .tool(callID: callID, name: "get_weather", result: #"{"temperature":18}"#),
                ], tools: [Conversation.weatherTool])
            let request = try #require(await server.requests().last)
            let contents = try #require(request.json()["contents"] as? [[String: Any]])
            let modelPart = try #require((contents[1]["parts"] as? [[String: Any]])?.first)
            #expect(modelPart["thoughtSignature"] as? String == "sig-G1")
            #expect((modelPart["functionCall"] as? [String: Any])?["name"] as? String == "get_weather")
        }
    }
}
