import AIProtocol
import AIProviders
import Foundation
import Testing

/// Anthropic Messages: named SSE events without a done signal; `message_stop` ends the stream.
@Suite struct AnthropicRecordingTests {
    static let model = "claude-sonnet-4-5-20250929"

    @Test func streamedText() throws {
        let run = try ProviderPipeline.stream(Anthropic.self, recording: "Anthropic/stream-text.sse")
        #expect(
            run.events == [
                .metadata(id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: Self.model),
                .usage(Usage(promptTokens: 25, completionTokens: 1, cachedTokens: 0)),
                .textDelta("Cloudy"),
                .textDelta(" and 18 °C."),
                .usage(Usage(completionTokens: 9)),
                .finish(.endTurn, raw: "end_turn"),
            ])
        #expect(run.error == nil)
        #expect(run.isFinished)
        #expect(!run.reachedDoneSignal)
    }

    @Test func streamedToolUse() throws {
        let run = try ProviderPipeline.stream(Anthropic.self, recording: "Anthropic/stream-tool-use.sse")
        let start = run.events.firstIndex { if case .toolCallStarted = $0 { true } else { false } }
        let index = try #require(
            start.map { run.events[$0] }.flatMap { event -> Int? in
                if case .toolCallStarted(let index, _, _, _) = event { return index }
                return nil
            })
        // The call's events all carry the same index, and the empty first piece is dropped.
        #expect(
            run.events == [
                .metadata(id: "msg_014p7gG3wDgGV9EUtLvnow3U", model: Self.model),
                .usage(Usage(promptTokens: 472, completionTokens: 2)),
                .textDelta("Checking the weather."),
                .toolCallStarted(index: index, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather"),
                .toolCallArgumentsDelta(index: index, fragment: #"{"city": "Pa"#),
                .toolCallArgumentsDelta(index: index, fragment: #"ris"}"#),
                .toolCallEnded(index: index),
                .usage(Usage(completionTokens: 89)),
                .finish(.toolUse, raw: "tool_use"),
            ])
        #expect(run.isFinished)
        // StreamEvent.toolCallStarted: "the model began tool call number `index` of its response".
        #expect(index == 0)
    }

    @Test func streamedThinkingWithSignature() throws {
        let run = try ProviderPipeline.stream(Anthropic.self, recording: "Anthropic/stream-thinking.sse")
        #expect(
            run.events == [
                .metadata(id: "msg_01KzP2bV4thnk", model: "claude-opus-4-1-20250805"),
                .usage(Usage(promptTokens: 40, completionTokens: 3)),
                .thinkingDelta("27 * 453: 27 * 400 = 10800,"),
                .thinkingDelta(" 27 * 53 = 1431, total 12231."),
                .thinkingDelta("", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
                .textDelta("27 × 453 = 12,231."),
                .usage(Usage(completionTokens: 61)),
                .finish(.endTurn, raw: "end_turn"),
            ])
        #expect(run.isFinished)
    }

    @Test func streamErrorEventThrowsOverloaded() throws {
        let run = try ProviderPipeline.stream(Anthropic.self, recording: "Anthropic/stream-error.sse")
        #expect(
            run.events == [
                .metadata(id: "msg_01Ov3rL0ad", model: Self.model),
                .usage(Usage(promptTokens: 12, completionTokens: 1)),
                .textDelta("Cloudy"),
            ])
        let error = try #require(run.error)
        #expect(error.kind == .provider)
        #expect(error.errorClass == .overloaded)
        #expect(error.code == "E3002")
        #expect(error.providerType == "overloaded_error")
        #expect(error.providerMessage == "Overloaded")
        #expect(error.isRetryable)
    }

    @Test func responseWithToolUse() throws {
        let response = try ProviderPipeline.response(Anthropic.self, recording: "Anthropic/response-tool-use.json")
        #expect(response.id == "msg_01Aq9w938a90dw8q")
        #expect(response.model == Self.model)
        #expect(response.text == "I'll look that up.")
        let call = try #require(response.toolCalls.first)
        #expect(response.toolCalls.count == 1)
        #expect(call.id == "toolu_01A09q90qw90lq917835lq9")
        #expect(call.name == "get_weather")
        #expect(
            try ProviderPipeline.canonicalJSON(Data(call.arguments.utf8))
                == ProviderPipeline.canonicalJSON(Data(#"{"city":"Paris","unit":"celsius"}"#.utf8)))
        // Decoded objects have their keys sorted (decoders do not report the order of the text).
        #expect(call.arguments == #"{"city":"Paris","unit":"celsius"}"#)
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_use")
        #expect(response.usage == Usage(promptTokens: 384, completionTokens: 58, cachedTokens: 128))
    }

    @Test func responseWithThinking() throws {
        let response = try ProviderPipeline.response(Anthropic.self, recording: "Anthropic/response-thinking.json")
        #expect(response.text == "27 × 453 = 12,231.")
        #expect(response.finishReason == .maxTokens)
        #expect(response.usage == Usage(promptTokens: 40, completionTokens: 61))
        guard case .thinking(let text, let signature)? = response.content.first else {
            Issue.record("no thinking block first: \(response.content)")
            return
        }
        #expect(text == "27 * 453 = 12231.")
        // The Messages API rejects a tool loop whose thinking block comes back without its
        // signature (AnthropicMessagesFamily drops thinking without one): it is kept.
        #expect(signature == "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds")
    }

    @Test func requestBody() throws {
        let request = SampleConversation.request(model: "claude-sonnet-4-5", callID: "toolu_01T1x1")
        let body = try ProviderPipeline.requestJSON(Anthropic.self, for: request)
        #expect(body == (try ProviderPipeline.expectedJSON("Anthropic/request-conversation.json")))
    }

    @Test func maxTokensIsAlwaysSent() throws {
        let known = SampleConversation.request(model: "claude-sonnet-4-5", options: ChatOptions())
        let knownBody = try ProviderPipeline.requestObject(Anthropic.self, for: known)
        let expected = Anthropic.Model("claude-sonnet-4-5").info?.maxOutputTokens ?? 4096
        #expect(knownBody["max_tokens"] as? Int == expected)

        let unknown = SampleConversation.request(model: "claude-unlisted-test", options: ChatOptions())
        #expect(try ProviderPipeline.requestObject(Anthropic.self, for: unknown)["max_tokens"] as? Int == 4096)
    }

    @Test func userGoesToMetadata() throws {
        let request = SampleConversation.request(model: "claude-sonnet-4-5", options: ChatOptions(user: "user-42"))
        let body = try ProviderPipeline.requestObject(Anthropic.self, for: request)
        #expect((body["metadata"] as? [String: Any])?["user_id"] as? String == "user-42")
        #expect(body["user"] == nil)
    }

    @Test func unsupportedParameterThrows() {
        #expect(!Anthropic.acceptedParameters.contains(.seed))
        expectUnsupported(.seed) {
            _ = try Anthropic.chatBody(
                for: SampleConversation.request(model: "claude-sonnet-4-5", options: ChatOptions(seed: 1)))
        }
        expectUnsupported(.frequencyPenalty) {
            _ = try Anthropic.chatBody(
                for: SampleConversation.request(model: "claude-sonnet-4-5", options: ChatOptions(frequencyPenalty: 0.5))
            )
        }
    }

    @Test func overloadedOn529() throws {
        let details = try ProviderPipeline.errorDetails(Anthropic.self, recording: "Anthropic/error-overloaded.json")
        #expect(details == ProviderErrorDetails(message: "Overloaded", type: "overloaded_error", code: nil))
        #expect(Anthropic.classify(status: 529, details: details) == .overloaded)
        #expect(Anthropic.classify(status: 529, details: ProviderErrorDetails()) == .overloaded)
    }

    @Test func promptTooLongByMessage() throws {
        let details = try ProviderPipeline.errorDetails(
            Anthropic.self, recording: "Anthropic/error-prompt-too-long.json")
        #expect(details.type == "invalid_request_error")
        #expect(Anthropic.classify(status: 400, details: details) == .requestTooLarge)
        #expect(
            Anthropic.classify(status: 400, details: ProviderErrorDetails(type: "invalid_request_error"))
                == .invalidRequest)
    }

    @Test(arguments: [
        ("end_turn", TerminationReason.endTurn), ("max_tokens", .maxTokens), ("stop_sequence", .stopSequence),
        ("tool_use", .toolUse), ("pause_turn", .pauseTurn), ("refusal", .refusal),
        ("model_context_window_exceeded", .maxTokens),
    ])
    func finishReasons(raw: String, reason: TerminationReason) {
        #expect(Anthropic.terminationReason(forProviderValue: raw) == reason)
    }
}
