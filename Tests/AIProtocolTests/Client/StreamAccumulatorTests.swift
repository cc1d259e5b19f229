import Testing

@testable import AIProtocol

@Suite("Stream accumulation")
struct StreamAccumulatorTests {
    private func accumulate(_ events: [StreamEvent]) -> ChatResponse {
        var accumulator = StreamAccumulator()
        for event in events { accumulator.add(event) }
        return accumulator.response
    }

    @Test func consecutiveDeltasOfOneKindJoinIntoOneBlock() {
        let response = accumulate([
            .thinkingDelta("Let me ", signature: nil), .thinkingDelta("think.", signature: "sig-1"),
            .textDelta("Hello, "), .textDelta("world"), .thinkingDelta("Again.", signature: nil), .textDelta("!"),
            .finish(.endTurn, raw: "stop"),
        ])
        #expect(
            response.content == [
                .thinking("Let me think.", signature: "sig-1"), .text("Hello, world"),
                .thinking("Again.", signature: nil), .text("!"),
            ])
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "stop")
    }

    @Test func candidatesToolCallsUsageAndIdsAccumulateSeparately() {
        let response = accumulate([
            .metadata(id: "resp-1", model: nil), .textDelta("a", candidate: 1), .textDelta("b"),
            .toolCallStarted(index: 0, id: "call-1", name: "get_weather"),
            .toolCallArgumentsDelta(index: 0, fragment: "{\"city\":"),
            .toolCallArgumentsDelta(index: 0, fragment: "\"Paris\"}"),
            .toolCallArgumentsDelta(index: 1, fragment: "{}"), .toolCallEnded(index: 0),
            .usage(Usage(promptTokens: 10)), .usage(Usage(completionTokens: 3)), .metadata(id: nil, model: "m-1"),
        ])
        #expect(response.id == "resp-1")
        #expect(response.model == "m-1")
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 3))
        #expect(response.candidates.map(\.index) == [0, 1])
        #expect(response.candidates[1].content == [.text("a")])
        #expect(
            response.candidates[0].content == [
                .text("b"), .toolUse(ToolCall(id: "call-1", name: "get_weather", arguments: "{\"city\":\"Paris\"}")),
                .toolUse(ToolCall(id: "call_1", name: "", arguments: "{}")),
            ])
    }

    @Test func aLongStreamAccumulatesEveryDelta() {
        // Long enough that growing the text by copying it would show; the result must be exact.
        var accumulator = StreamAccumulator()
        var expected = ""
        for index in 0..<20000 {
            let delta = index % 3 == 0 ? "雨" : "ab\u{1F600}"
            expected += delta
            accumulator.add(.textDelta(delta))
            accumulator.add(.toolCallArgumentsDelta(index: 0, fragment: "x"))
        }
        #expect(accumulator.response.text == expected)
        #expect(accumulator.response.toolCalls.first?.arguments.count == 20000)
    }

    @Test func eventsFoldIntoTheResponseChatWouldReturn() {
        var accumulator = StreamAccumulator()
        let events: [StreamEvent] = [
            .metadata(id: "r1", model: "m"), .thinkingDelta("Let me ", candidate: 0),
            .thinkingDelta("see.", signature: "sig", candidate: 0), .textDelta("Hel"), .textDelta("lo"),
            .toolCallStarted(index: 0, id: "a", name: "f"), .toolCallStarted(index: 1, id: "b", name: "g"),
            .toolCallArgumentsDelta(index: 1, fragment: "{\"y\""), .toolCallArgumentsDelta(index: 0, fragment: "{}"),
            .toolCallArgumentsDelta(index: 1, fragment: ":1}"), .toolCallEnded(index: 0), .toolCallEnded(index: 1),
            .usage(Usage(promptTokens: 3, completionTokens: 4)), .finish(.toolUse, raw: "tool_calls"),
        ]
        for event in events { accumulator.add(event) }
        #expect(
            accumulator.response
                == ChatResponse(
                    id: "r1", model: "m",
                    candidates: [
                        ChatCandidate(
                            index: 0,
                            content: [
                                .thinking("Let me see.", signature: "sig"), .text("Hello"),
                                .toolUse(ToolCall(id: "a", name: "f", arguments: "{}")),
                                .toolUse(ToolCall(id: "b", name: "g", arguments: "{\"y\":1}")),
                            ], finishReason: .toolUse, rawFinishReason: "tool_calls")
                    ], usage: Usage(promptTokens: 3, completionTokens: 4, totalTokens: 7)))
    }

    @Test func callsWithoutIDsAreNamedByIndex() {
        var accumulator = StreamAccumulator()
        accumulator.add(.toolCallArgumentsDelta(index: 2, fragment: "{}"))
        #expect(accumulator.response.toolCalls == [ToolCall(id: "call_2", name: "", arguments: "{}")])
    }

    /// A whole response as stream events, accumulated again, is the same response.
    @Test func aResponsesStreamEventsAccumulateBackIntoIt() {
        let response = ChatResponse(
            id: "r1", model: "m1",
            candidates: [
                ChatCandidate(
                    index: 0,
                    content: [
                        .thinking("why", signature: "sig"), .text("Hello"),
                        .toolUse(ToolCall(id: "c1", name: "f", arguments: #"{"a":1}"#)),
                        .toolUse(ToolCall(id: "c2", name: "g", arguments: "{}")),
                    ], finishReason: .toolUse, rawFinishReason: "tool_calls"),
                ChatCandidate(index: 1, content: [.text("Hi")], finishReason: .endTurn, rawFinishReason: "stop"),
            ], usage: Usage(promptTokens: 3, completionTokens: 4))
        var accumulator = StreamAccumulator()
        response.streamEvents.forEach { accumulator.add($0) }
        #expect(accumulator.response == response)
    }
}
