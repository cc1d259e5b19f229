import AIProtocol
import AIProviders
import Foundation
import Testing

/// Cohere v2 chat: typed SSE events, `message-end` last.
@Suite struct CohereRecordingTests {
    static let id = "c14c80c3-18eb-4519-9460-6c92edd8cfb4"

    @Test func streamedText() throws {
        let run = try ProviderPipeline.stream(Cohere.self, recording: "Cohere/stream-text.sse")
        #expect(
            run.events == [
                .metadata(id: Self.id, model: nil),
                .textDelta("Cloudy"),
                .textDelta(" and 18 °C."),
                .usage(Usage(promptTokens: 9, completionTokens: 7)),
                .finish(.endTurn, raw: "COMPLETE"),
            ])
        #expect(run.isFinished)
        #expect(!run.reachedDoneSignal)
    }

    /// tool-plan-delta as thinking, then tool-call-start / -delta / -end per call.
    @Test func streamedToolCalls() throws {
        let run = try ProviderPipeline.stream(Cohere.self, recording: "Cohere/stream-tool-calls.sse")
        #expect(
            run.events == [
                .metadata(id: Self.id, model: nil),
                .thinkingDelta("I will check"),
                .thinkingDelta(" the weather and the time."),
                .toolCallStarted(index: 0, id: "get_weather_nsz5zm3w56q3", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"city""#),
                .toolCallArgumentsDelta(index: 0, fragment: #": "Paris"}"#),
                .toolCallEnded(index: 0),
                .toolCallStarted(index: 1, id: "get_time_6r8h2kq0xq1f", name: "get_time"),
                .toolCallArgumentsDelta(index: 1, fragment: #"{"timezone": "Europe/Paris"}"#),
                .toolCallEnded(index: 1),
                .usage(Usage(promptTokens: 37, completionTokens: 41)),
                .finish(.toolUse, raw: "TOOL_CALL"),
            ])
        #expect(run.isFinished)
    }

    @Test func streamedThinkingContent() throws {
        let run = try ProviderPipeline.stream(Cohere.self, recording: "Cohere/stream-thinking.sse")
        #expect(
            run.events == [
                .metadata(id: Self.id, model: nil),
                .thinkingDelta("27 * 453 = 12231."),
                .textDelta("12,231"),
                .usage(Usage(promptTokens: 11, completionTokens: 20)),
                .finish(.maxTokens, raw: "MAX_TOKENS"),
            ])
    }

    @Test func responseWithToolCall() throws {
        let response = try ProviderPipeline.response(Cohere.self, recording: "Cohere/response-tool-calls.json")
        #expect(response.id == "5d3a7a55-1f9e-4f0e-8c33-5c0a8e3bb0b7")
        #expect(
            response.toolCalls == [
                ToolCall(id: "get_weather_1byjy32y4hvq", name: "get_weather", arguments: #"{"city":"Paris"}"#)
            ])
        #expect(response.finishReason == .toolUse)
        #expect(response.usage == Usage(promptTokens: 37, completionTokens: 28))
    }

    @Test func responseWithThinkingAndText() throws {
        let response = try ProviderPipeline.response(Cohere.self, recording: "Cohere/response-text.json")
        #expect(
            response.content == [.thinking("The user wants the product.", signature: nil), .text("27 × 453 = 12,231.")])
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "COMPLETE")
    }

    @Test func requestBody() throws {
        let request = SampleConversation.request(model: "command-a-03-2025", callID: "get_weather_nsz5zm3w56q3")
        let body = try ProviderPipeline.requestJSON(Cohere.self, for: request)
        #expect(body == (try ProviderPipeline.expectedJSON("Cohere/request-conversation.json")))
    }

    @Test func topKAndSeed() throws {
        let body = try ProviderPipeline.requestObject(
            Cohere.self,
            for: SampleConversation.request(model: "command-a-03-2025", options: ChatOptions(topK: 40, seed: 9)))
        #expect(body["k"] as? Int == 40)
        #expect(body["seed"] as? Int == 9)
    }

    @Test func unsupportedParameterThrows() {
        expectUnsupported(.user) {
            _ = try Cohere.chatBody(
                for: SampleConversation.request(model: "command-a-03-2025", options: ChatOptions(user: "u")))
        }
        expectUnsupported(.n) {
            _ = try Cohere.chatBody(
                for: SampleConversation.request(model: "command-a-03-2025", options: ChatOptions(candidateCount: 2)))
        }
    }

    @Test func tooManyTokensByMessage() throws {
        let details = try ProviderPipeline.errorDetails(Cohere.self, recording: "Cohere/error-too-many-tokens.json")
        #expect(details.type == nil && details.code == nil)
        #expect(Cohere.classify(status: 400, details: details) == .requestTooLarge)
    }

    @Test func trialLimitByStatus() throws {
        let details = try ProviderPipeline.errorDetails(Cohere.self, recording: "Cohere/error-trial-limit.json")
        #expect(Cohere.classify(status: 429, details: details) == .rateLimited)
        #expect(Cohere.classify(status: 499, details: ProviderErrorDetails()) == .cancelled)
    }

    @Test(arguments: [
        ("COMPLETE", TerminationReason.endTurn), ("STOP_SEQUENCE", .stopSequence), ("MAX_TOKENS", .maxTokens),
        ("TOOL_CALL", .toolUse), ("ERROR", .error), ("TIMEOUT", .error),
    ])
    func finishReasons(raw: String, reason: TerminationReason) {
        #expect(Cohere.terminationReason(forProviderValue: raw) == reason)
    }
}
