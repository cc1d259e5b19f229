import AIProtocol
import AIProviders
import Foundation
import Testing

/// Gemini `streamGenerateContent?alt=sse`: SSE without a done signal, whole function calls.
@Suite struct GeminiRecordingTests {
    static let id = "mKkFae7sLpGz1MkP4vXJgQ4"
    static let model = "gemini-2.5-flash"

    @Test func streamedText() throws {
        let run = try ProviderPipeline.stream(Gemini.self, recording: "Gemini/stream-text.sse")
        let expected: [StreamEvent] = [
            .textDelta("Cloudy"),
            .metadata(id: Self.id, model: Self.model),
            .usage(Usage(promptTokens: 9, completionTokens: 1, totalTokens: 10)),
            .textDelta(" and 18 °C."),
            .metadata(id: Self.id, model: Self.model),
            .usage(Usage(promptTokens: 9, completionTokens: 7, totalTokens: 16)),
            .finish(.endTurn, raw: "STOP"),
        ]
        #expect(run.events.removingAdjacentDuplicates == expected)
        #expect(run.error == nil)
        // stop_condition `exists($.error) || $.promptFeedback.blockReason`: a normal stream ends
        // when the body closes, not by a frame.
        #expect(!run.isFinished)
        #expect(!run.reachedDoneSignal)
        #expect(run.events == expected)
    }

    /// Two functionCall parts in one frame: two whole calls, indices 0 and 1, made-up ids.
    @Test func streamedFunctionCalls() throws {
        let run = try ProviderPipeline.stream(Gemini.self, recording: "Gemini/stream-tool-calls.sse")
        #expect(
            run.events.toolCallEvents == [
                .toolCallStarted(index: 0, id: "call_0", name: "get_weather"),
                .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"Paris"}"#),
                .toolCallEnded(index: 0),
                .toolCallStarted(index: 1, id: "call_1", name: "get_time"),
                .toolCallArgumentsDelta(index: 1, fragment: #"{"timezone":"Europe/Paris"}"#),
                .toolCallEnded(index: 1),
            ])
        #expect(
            run.events.contains(
                .usage(Usage(promptTokens: 70, completionTokens: 30, totalTokens: 152, reasoningTokens: 52))))
        // The signature of the first call's part must come back to Gemini with the call
        // (GeminiFamily.toolCallEvents emits it first as a thinking delta when it is handed the part).
        #expect(run.events.first == .thinkingDelta("", signature: "CiQB0e2Kb7xQm3v"))
        // termination.notes: STOP with functionCall parts is tool_use.
        #expect(run.events.last == .finish(.toolUse, raw: "STOP"))
    }

    @Test func streamedThoughts() throws {
        let run = try ProviderPipeline.stream(Gemini.self, recording: "Gemini/stream-thinking.sse")
        #expect(
            run.events.removingAdjacentDuplicates == [
                .thinkingDelta("**Multiplying** 27 by 453 gives 12231."),
                .metadata(id: Self.id, model: Self.model),
                .usage(Usage(promptTokens: 12, totalTokens: 60, reasoningTokens: 48)),
                .textDelta("27 × 453 = 12,231."),
                .metadata(id: Self.id, model: Self.model),
                .usage(Usage(promptTokens: 12, completionTokens: 9, totalTokens: 69, reasoningTokens: 48)),
                .finish(.endTurn, raw: "STOP"),
            ])
    }

    @Test func streamErrorFrameThrowsOverloaded() throws {
        let run = try ProviderPipeline.stream(Gemini.self, recording: "Gemini/stream-error.sse")
        #expect(run.events.first == .textDelta("Cloudy"))
        let error = try #require(run.error)
        #expect(error.errorClass == .overloaded)
        #expect(error.providerType == "UNAVAILABLE")
        #expect(error.providerMessage == "The model is overloaded. Please try again later.")
    }

    @Test func responseWithThoughtAndText() throws {
        let response = try ProviderPipeline.response(Gemini.self, recording: "Gemini/response-text.json")
        #expect(response.id == "oKkFaa3cLrGz1MkP7uXJgQ4")
        #expect(response.model == "gemini-2.5-pro")
        #expect(
            response.content == [
                .thinking("**Multiplying** 27 by 453 gives 12231.", signature: nil), .text("27 × 453 = 12,231."),
            ])
        #expect(response.finishReason == .maxTokens)
        #expect(
            response.usage
                == Usage(promptTokens: 12, completionTokens: 9, totalTokens: 69, reasoningTokens: 48, cachedTokens: 4))
    }

    @Test func responseWithFunctionCalls() throws {
        let response = try ProviderPipeline.response(Gemini.self, recording: "Gemini/response-tool-calls.json")
        #expect(
            response.toolCalls == [
                ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                ToolCall(id: "call_1", name: "get_time", arguments: #"{"timezone":"Europe/Paris"}"#),
            ])
        #expect(response.rawFinishReason == "STOP")
        #expect(response.usage?.reasoningTokens == 52)
        #expect(response.finishReason == .toolUse)
        // The functionCall part's thoughtSignature is kept, just before its call.
        #expect(response.content.first == .thinking("", signature: "CiQB0e2Kb7xQm3v"))
        #expect(response.content.dropFirst().first == .toolUse(response.toolCalls[0]))
    }

    /// Nested paths: sampling options inside generationConfig; no model or stream member (both
    /// are in the URL).
    @Test func requestBody() throws {
        let request = SampleConversation.request(model: "gemini-2.5-flash", callID: "call_0")
        let body = try ProviderPipeline.requestJSON(Gemini.self, for: request)
        #expect(body == (try ProviderPipeline.expectedJSON("Gemini/request-conversation.json")))
    }

    @Test func requestKeepsRealCallIDs() throws {
        let request = SampleConversation.request(model: "gemini-2.5-flash", callID: "fc_9a8b7c")
        let body = try ProviderPipeline.requestObject(Gemini.self, for: request)
        let contents = try #require(body["contents"] as? [[String: Any]])
        let call = (contents[1]["parts"] as? [[String: Any]])?.first?["functionCall"] as? [String: Any]
        let result = (contents[2]["parts"] as? [[String: Any]])?.first?["functionResponse"] as? [String: Any]
        #expect(call?["id"] as? String == "fc_9a8b7c")
        #expect(result?["id"] as? String == "fc_9a8b7c")
    }

    @Test func nestedGenerationConfigPaths() throws {
        let options = ChatOptions(topK: 40, seed: 3, reasoningEffort: .low, candidateCount: 2)
        let body = try ProviderPipeline.requestObject(
            Gemini.self, for: SampleConversation.request(model: "gemini-3-pro-preview", options: options))
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect(config["topK"] as? Int == 40)
        #expect(config["seed"] as? Int == 3)
        #expect(config["candidateCount"] as? Int == 2)
        #expect((config["thinkingConfig"] as? [String: Any])?["thinkingLevel"] as? String == "low")
    }

    /// The manifest maps `response_format` to `generationConfig.responseJsonSchema` and
    /// `response_format_mode` to `generationConfig.responseMimeType`: both JSON formats send
    /// `application/json`, which Gemini needs to honour the schema.
    @Test func jsonResponseFormatSetsMimeType() throws {
        let body = try ProviderPipeline.requestObject(
            Gemini.self,
            for: SampleConversation.request(
                model: "gemini-2.5-flash", options: ChatOptions(responseFormat: .jsonObject)))
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect((config["responseJsonSchema"] as? [String: Any])?["type"] as? String == "object")
        #expect(config["responseMimeType"] as? String == "application/json")
        let schema = JSONValue.object([.init("type", .string("object")), .init("required", .array([.string("a")]))])
        let bySchema = try ProviderPipeline.requestObject(
            Gemini.self,
            for: SampleConversation.request(
                model: "gemini-2.5-flash", options: ChatOptions(responseFormat: .jsonSchema(name: "a", schema: schema)))
        )
        let schemaConfig = try #require(bySchema["generationConfig"] as? [String: Any])
        #expect(schemaConfig["responseMimeType"] as? String == "application/json")
        #expect((schemaConfig["responseJsonSchema"] as? [String: Any])?["required"] as? [String] == ["a"])
    }

    /// `.text` is Gemini's default: responseFormatValue gives `null`, meaning "send nothing".
    @Test func textResponseFormatSendsNothing() throws {
        let body = try ProviderPipeline.requestObject(
            Gemini.self,
            for: SampleConversation.request(model: "gemini-2.5-flash", options: ChatOptions(responseFormat: .text)))
        #expect(body["generationConfig"] == nil)
    }

    @Test func unsupportedParameterThrows() {
        expectUnsupported(.user) {
            _ = try Gemini.chatBody(
                for: SampleConversation.request(model: "gemini-2.5-flash", options: ChatOptions(user: "u")))
        }
        expectUnsupported(.parallelToolCalls) {
            _ = try Gemini.chatBody(
                for: SampleConversation.request(
                    model: "gemini-2.5-flash", options: ChatOptions(parallelToolCalls: true)))
        }
    }

    @Test func resourceExhaustedIsRateLimited() throws {
        let details = try ProviderPipeline.errorDetails(Gemini.self, recording: "Gemini/error-resource-exhausted.json")
        #expect(details.type == "RESOURCE_EXHAUSTED")
        #expect(details.code == nil)
        #expect(Gemini.classify(status: 429, details: details) == .rateLimited)
    }

    @Test func invalidKeyIsAuthenticationNotInvalidRequest() throws {
        let details = try ProviderPipeline.errorDetails(Gemini.self, recording: "Gemini/error-api-key-invalid.json")
        #expect(
            details == ProviderErrorDetails(message: details.message, type: "INVALID_ARGUMENT", code: "API_KEY_INVALID")
        )
        #expect(Gemini.classify(status: 400, details: details) == .authentication)
    }

    @Test(arguments: [
        ("STOP", TerminationReason.endTurn), ("MAX_TOKENS", .maxTokens), ("SAFETY", .refusal),
        ("RECITATION", .refusal), ("PROHIBITED_CONTENT", .refusal), ("MALFORMED_FUNCTION_CALL", .error),
        ("OTHER", .other), ("FINISH_REASON_UNSPECIFIED", .other),
    ])
    func finishReasons(raw: String, reason: TerminationReason) {
        #expect(Gemini.terminationReason(forProviderValue: raw) == reason)
    }
}
