import AIProtocol
import AIProviders
import Foundation
import Testing

/// DeepSeek: the OpenAI chat dialect with `reasoning_content` thinking.
@Suite struct DeepSeekRecordingTests {
    static let id = "0f3c5e2a-7b1d-4c8e-9a6f-2d4b8c1e7f3a"

    @Test func streamedReasoningThenAnswer() throws {
        let run = try ProviderPipeline.stream(DeepSeek.self, recording: "DeepSeek/stream-reasoning.sse")
        #expect(
            run.events == [
                .thinkingDelta("27 * 453"),
                .thinkingDelta(" = 12231."),
                .textDelta("12,"),
                .textDelta("231"),
                .finish(.endTurn, raw: "stop"),
                .metadata(id: Self.id, model: "deepseek-reasoner"),
                .usage(
                    Usage(
                        promptTokens: 15, completionTokens: 120, totalTokens: 135, reasoningTokens: 110,
                        cachedTokens: 0)),
            ])
        // No stop condition: [DONE] ends the stream.
        #expect(!run.isFinished)
        #expect(run.reachedDoneSignal)
    }

    @Test func responseWithReasoning() throws {
        let response = try ProviderPipeline.response(DeepSeek.self, recording: "DeepSeek/response-reasoning.json")
        #expect(response.content == [.thinking("27 * 453 = 12231.", signature: nil), .text("12,231")])
        #expect(response.finishReason == .maxTokens)
        #expect(response.usage?.cachedTokens == 64)
        #expect(response.usage?.reasoningTokens == 110)
    }

    /// The manifest: "In thinking mode reasoning_content must be echoed in tool loops".
    @Test func reasoningIsSentBackInToolLoops() throws {
        let request = ChatRequest(
            model: "deepseek-reasoner",
            messages: [
                .user("What's the weather in Paris?"),
                Message(
                    role: .assistant,
                    content: [
                        .thinking("I should call get_weather.", signature: nil),
                        .toolUse(ToolCall(id: "call_00_x1", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
                    ]),
                .tool(callID: "call_00_x1", result: "cloudy"),
            ],
            tools: [SampleConversation.weatherTool])
        let body = try ProviderPipeline.requestObject(DeepSeek.self, for: request)
        let assistant = (body["messages"] as? [[String: Any]])?[1]
        #expect(assistant?["role"] as? String == "assistant")
        #expect(assistant?["reasoning_content"] as? String == "I should call get_weather.")
    }

    @Test func unsupportedParameterThrows() {
        expectUnsupported(.seed) {
            _ = try DeepSeek.chatBody(
                for: SampleConversation.request(model: "deepseek-chat", options: ChatOptions(seed: 1)))
        }
    }

    @Test func finishReasons() {
        #expect(DeepSeek.terminationReason(forProviderValue: "insufficient_system_resource") == .error)
        #expect(DeepSeek.terminationReason(forProviderValue: "tool_calls") == .toolUse)
    }
}
