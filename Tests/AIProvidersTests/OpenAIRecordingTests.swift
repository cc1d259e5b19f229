import AIProtocol
import AIProviders
import Foundation
import Testing

/// OpenAI chat completions: SSE with a `[DONE]` signal, tool-call deltas assembled by index.
@Suite struct OpenAIRecordingTests {
    static let id = "chatcmpl-C1mWq8ZrT4"
    static let model = "gpt-4o-mini-2024-07-18"

    @Test func streamedText() throws {
        let run = try ProviderPipeline.stream(OpenAI.self, recording: "OpenAI/stream-text.sse")
        #expect(
            run.events == [
                .textDelta("Mostly"),
                .textDelta(" cloudy,"),
                .textDelta(" 18 °C."),
                .finish(.endTurn, raw: "stop"),
                .metadata(id: Self.id, model: Self.model),
                .usage(
                    Usage(promptTokens: 21, completionTokens: 7, totalTokens: 28, reasoningTokens: 0, cachedTokens: 0)),
            ])
        #expect(run.error == nil)
        // stop_condition `$.usage && !exists($.choices[0])`: the usage chunk.
        #expect(run.isFinished)
        #expect(run.reachedDoneSignal)
    }

    @Test func streamedTextIsTheSameWhateverTheReadSize() throws {
        let whole = try ProviderPipeline.stream(OpenAI.self, recording: "OpenAI/stream-text.sse", chunkSize: 1 << 20)
        let bytewise = try ProviderPipeline.stream(OpenAI.self, recording: "OpenAI/stream-text.sse", chunkSize: 1)
        #expect(whole.events == bytewise.events)
        #expect(whole.frameCount == 6)
    }

    /// Two parallel calls, id and name only on each call's first delta, arguments in pieces.
    @Test func streamedParallelToolCalls() throws {
        let run = try ProviderPipeline.stream(OpenAI.self, recording: "OpenAI/stream-tool-calls.sse")
        let calls: [StreamEvent] = [
            .toolCallStarted(index: 0, id: "call_Vx1", name: "get_weather"),
            .toolCallArgumentsDelta(index: 0, fragment: #"{"ci"#),
            .toolCallArgumentsDelta(index: 0, fragment: #"ty": "Pa"#),
            .toolCallArgumentsDelta(index: 0, fragment: #"ris"}"#),
            .toolCallStarted(index: 1, id: "call_Qz2", name: "get_time"),
            .toolCallArgumentsDelta(index: 1, fragment: #"{"timezone": "#),
            .toolCallArgumentsDelta(index: 1, fragment: #""Europe/Paris"}"#),
        ]
        let tail: [StreamEvent] = [
            .metadata(id: Self.id, model: Self.model),
            .usage(
                Usage(promptTokens: 88, completionTokens: 46, totalTokens: 134, reasoningTokens: 0, cachedTokens: 0)),
        ]
        // What holds whatever the order of the finish frame's events: one start per call,
        // arguments in order, both calls ended (flush_on), finish tool_use.
        let finishFrame = Array(run.events.dropFirst(calls.count).dropLast(tail.count))
        #expect(Array(run.events.prefix(calls.count)) == calls)
        #expect(Array(run.events.suffix(tail.count)) == tail)
        #expect(
            Set(finishFrame) == [
                .toolCallEnded(index: 0), .toolCallEnded(index: 1), .finish(.toolUse, raw: "tool_calls"),
            ])
        #expect(finishFrame.count == 3)
        #expect(run.isFinished && run.reachedDoneSignal)

        // A candidate's calls end before the candidate does, as on every other provider.
        #expect(
            run.events
                == calls + [
                    .toolCallEnded(index: 0), .toolCallEnded(index: 1), .finish(.toolUse, raw: "tool_calls"),
                ] + tail)
    }

    @Test func streamErrorFrameThrowsClassifiedError() throws {
        let run = try ProviderPipeline.stream(OpenAI.self, recording: "OpenAI/stream-error.sse")
        #expect(run.events == [.textDelta("Partly")])
        let error = try #require(run.error)
        #expect(error.kind == .provider)
        #expect(error.errorClass == .serverError)
        #expect(error.code == "E3001")
        #expect(error.providerID == "openai")
        #expect(error.providerType == "server_error")
        #expect(error.providerCode == nil)
        #expect(error.providerMessage == "The server had an error while processing your request. Sorry about that!")
        // The frame after the error is not read.
        #expect(run.frameCount == 3)
    }

    @Test func responseWithText() throws {
        let response = try ProviderPipeline.response(OpenAI.self, recording: "OpenAI/response-text.json")
        #expect(response.id == "chatcmpl-C1mX2bKp9d")
        #expect(response.model == "gpt-4o-2024-08-06")
        #expect(response.content == [.text("Mostly cloudy in Paris, 18 °C.")])
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "stop")
        #expect(
            response.usage
                == Usage(
                    promptTokens: 1250, completionTokens: 12, totalTokens: 1262, reasoningTokens: 0, cachedTokens: 1024)
        )
    }

    @Test func responseWithToolCalls() throws {
        let response = try ProviderPipeline.response(OpenAI.self, recording: "OpenAI/response-tool-calls.json")
        #expect(response.text == "")
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_Vx1", name: "get_weather", arguments: #"{"city": "Paris"}"#),
                ToolCall(id: "call_Qz2", name: "get_time", arguments: #"{"timezone": "Europe/Paris"}"#),
            ])
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_calls")
        #expect(response.usage?.reasoningTokens == 256)
        #expect(response.usage?.totalTokens == 390)
    }

    @Test func requestBody() throws {
        let body = try ProviderPipeline.requestJSON(OpenAI.self, for: SampleConversation.request(model: "gpt-4o"))
        #expect(body == (try ProviderPipeline.expectedJSON("OpenAI/request-conversation.json")))
    }

    @Test func requestBodyWithOpenAIOnlyOptions() throws {
        let options = ChatOptions(
            seed: 7, responseFormat: .jsonObject, reasoningEffort: .low, candidateCount: 2, parallelToolCalls: false,
            user: "user-42")
        let body = try ProviderPipeline.requestObject(
            OpenAI.self, for: SampleConversation.request(model: "o4-mini", options: options))
        #expect(body["seed"] as? Int == 7)
        #expect(body["reasoning_effort"] as? String == "low")
        #expect(body["n"] as? Int == 2)
        #expect(body["parallel_tool_calls"] as? Bool == false)
        #expect(body["user"] as? String == "user-42")
        #expect((body["response_format"] as? [String: Any])?["type"] as? String == "json_object")
    }

    /// The manifest's stop condition needs the usage chunk, which OpenAI sends only when the
    /// request asks for it with `stream_options.include_usage`.
    @Test func streamedRequestAsksForUsage() throws {
        let body = try ProviderPipeline.requestObject(
            OpenAI.self, for: SampleConversation.request(model: "gpt-4o", stream: true))
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    }

    @Test func unsupportedParameterThrows() {
        expectUnsupported(.topK) {
            _ = try OpenAI.chatBody(for: SampleConversation.request(model: "gpt-4o", options: ChatOptions(topK: 40)))
        }
        expectUnsupported(.repetitionPenalty) {
            _ = try OpenAI.chatBody(
                for: SampleConversation.request(model: "gpt-4o", options: ChatOptions(repetitionPenalty: 1.1)))
        }
    }

    @Test func insufficientQuotaIsNotRateLimiting() throws {
        let details = try ProviderPipeline.errorDetails(OpenAI.self, recording: "OpenAI/error-insufficient-quota.json")
        #expect(details.type == "insufficient_quota")
        #expect(details.code == "insufficient_quota")
        #expect(details.message?.hasPrefix("You exceeded your current quota") == true)
        #expect(OpenAI.classify(status: 429, details: details) == .quotaExhausted)
        #expect(ErrorClass.quotaExhausted.code == "E2002")
    }

    @Test func contextLengthExceeded() throws {
        let details = try ProviderPipeline.errorDetails(OpenAI.self, recording: "OpenAI/error-context-length.json")
        #expect(
            details
                == ProviderErrorDetails(
                    message: details.message, type: "invalid_request_error", code: "context_length_exceeded"))
        let errorClass = OpenAI.classify(status: 400, details: details)
        #expect(errorClass == .requestTooLarge)
        #expect(errorClass?.code == "E1005")
    }

    @Test func rateLimitAndStatusFallback() throws {
        let details = try ProviderPipeline.errorDetails(OpenAI.self, recording: "OpenAI/error-rate-limit.json")
        #expect(OpenAI.classify(status: 429, details: details) == .rateLimited)
        #expect(OpenAI.classify(status: 503, details: ProviderErrorDetails()) == .overloaded)
        #expect(OpenAI.classify(status: 504, details: ProviderErrorDetails()) == .timeout)
        #expect(OpenAI.classify(status: 418, details: ProviderErrorDetails()) == nil)
    }

    @Test(arguments: [
        ("stop", TerminationReason.endTurn), ("length", .maxTokens), ("tool_calls", .toolUse),
        ("function_call", .toolUse), ("content_filter", .refusal),
    ])
    func finishReasons(raw: String, reason: TerminationReason) {
        #expect(OpenAI.terminationReason(forProviderValue: raw) == reason)
    }

    @Test func unknownFinishReasonIsUnmapped() {
        #expect(OpenAI.terminationReason(forProviderValue: "insufficient_system_resource") == nil)
    }
}
