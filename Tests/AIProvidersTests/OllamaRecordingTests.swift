import AIProtocol
import AIProviders
import Foundation
import Testing

/// Ollama `/api/chat`: NDJSON, whole tool calls, counters on the `done: true` line.
@Suite struct OllamaRecordingTests {
    @Test func streamedText() throws {
        let run = try ProviderPipeline.stream(Ollama.self, recording: "Ollama/stream-text.ndjson")
        let expected: [StreamEvent] = [
            .textDelta("Cloudy"),
            .textDelta(" and 18 °C."),
            .metadata(id: nil, model: "llama3.2"),
            .usage(Usage(promptTokens: 26, completionTokens: 7)),
            .finish(.endTurn, raw: "stop"),
        ]
        #expect(run.events.filter { !$0.isUsage } == expected.filter { !$0.isUsage })
        #expect(run.isFinished)
        #expect(!run.reachedDoneSignal)
        // The manifest maps prompt_eval_count / eval_count (response_paths) and hands the whole
        // final line over as usage.
        #expect(run.events.removingAdjacentDuplicates == expected)
    }

    /// A done=false line with two whole calls: indices 0 and 1, made-up ids.
    @Test func streamedToolCalls() throws {
        let run = try ProviderPipeline.stream(Ollama.self, recording: "Ollama/stream-tool-calls.ndjson")
        #expect(
            run.events.toolCallEvents == [
                .toolCallStarted(index: 0, id: "call_0", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"Paris"}"#),
                .toolCallEnded(index: 0),
                .toolCallStarted(index: 1, id: "call_1", name: "get_time"),
                .toolCallArgumentsDelta(index: 1, fragment: #"{"timezone":"Europe/Paris"}"#),
                .toolCallEnded(index: 1),
            ])
        #expect(Array(run.events.prefix(6)) == run.events.toolCallEvents)
        #expect(run.isFinished)
        // termination.notes: "the runtime infers tool_use from the calls".
        #expect(run.events.last == .finish(.toolUse, raw: "stop"))
    }

    @Test func streamedThinking() throws {
        let run = try ProviderPipeline.stream(Ollama.self, recording: "Ollama/stream-thinking.ndjson")
        #expect(
            Array(run.events.prefix(3)) == [
                .thinkingDelta("27 * 453"), .thinkingDelta(" = 12231."), .textDelta("12,231"),
            ])
        #expect(run.events.last == .finish(.maxTokens, raw: "length"))
    }

    @Test func streamErrorLineThrowsNotFound() throws {
        let run = try ProviderPipeline.stream(Ollama.self, recording: "Ollama/stream-error.ndjson")
        #expect(run.events == [.textDelta("Cloudy")])
        let error = try #require(run.error)
        #expect(error.errorClass == .notFound)
        #expect(error.providerMessage == #"model "llama9" not found, try pulling it first"#)
    }

    @Test func responseWithToolCallAndThinking() throws {
        let response = try ProviderPipeline.response(Ollama.self, recording: "Ollama/response-tool-calls.json")
        #expect(response.model == "qwen3:8b")
        #expect(
            response.content == [
                .thinking("The user wants the weather in Paris; call get_weather.", signature: nil),
                .toolUse(ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
            ])
        #expect(response.usage == Usage(promptTokens: 182, completionTokens: 64))
        #expect(response.finishReason == .toolUse)
    }

    @Test func responseWithText() throws {
        let response = try ProviderPipeline.response(Ollama.self, recording: "Ollama/response-text.json")
        #expect(response.text == "Cloudy and 18 °C.")
        #expect(response.finishReason == .maxTokens)
        #expect(response.rawFinishReason == "length")
        #expect(response.usage == Usage(promptTokens: 26, completionTokens: 7, totalTokens: 33))
    }

    /// Nested paths: sampling options inside `options`, max tokens as num_predict.
    @Test func requestBody() throws {
        let body = try ProviderPipeline.requestJSON(Ollama.self, for: SampleConversation.request(model: "qwen3:8b"))
        #expect(body == (try ProviderPipeline.expectedJSON("Ollama/request-conversation.json")))
    }

    @Test func moreOptionPaths() throws {
        let options = ChatOptions(topK: 20, seed: 5, repetitionPenalty: 1.1, responseFormat: .jsonObject)
        let body = try ProviderPipeline.requestObject(
            Ollama.self, for: SampleConversation.request(model: "qwen3:8b", options: options))
        let nested = try #require(body["options"] as? [String: Any])
        #expect(nested["top_k"] as? Int == 20)
        #expect(nested["seed"] as? Int == 5)
        #expect(nested["repeat_penalty"] as? Double == 1.1)
        #expect(body["format"] as? String == "json")
    }

    /// OllamaChatFamily.responseFormatValue: `.text` is `null`, meaning "send nothing".
    @Test func textResponseFormatSendsNothing() throws {
        let body = try ProviderPipeline.requestObject(
            Ollama.self, for: SampleConversation.request(model: "qwen3:8b", options: ChatOptions(responseFormat: .text))
        )
        #expect(body.keys.contains("format") == false)
    }

    @Test func unsupportedParameterThrows() {
        expectUnsupported(.n) {
            _ = try Ollama.chatBody(
                for: SampleConversation.request(model: "qwen3:8b", options: ChatOptions(candidateCount: 2)))
        }
        expectUnsupported(.user) {
            _ = try Ollama.chatBody(for: SampleConversation.request(model: "qwen3:8b", options: ChatOptions(user: "u")))
        }
    }

    @Test func modelNotFound() throws {
        let details = try ProviderPipeline.errorDetails(Ollama.self, recording: "Ollama/error-model-not-found.json")
        #expect(details == ProviderErrorDetails(message: "model 'llama9' not found"))
        #expect(Ollama.classify(status: 404, details: details) == .notFound)
        #expect(Ollama.classify(status: nil, details: details) == .notFound)
    }

    @Test(arguments: [
        ("stop", TerminationReason.endTurn), ("length", .maxTokens), ("load", .other), ("unload", .other),
    ])
    func finishReasons(raw: String, reason: TerminationReason) {
        #expect(Ollama.terminationReason(forProviderValue: raw) == reason)
    }
}
