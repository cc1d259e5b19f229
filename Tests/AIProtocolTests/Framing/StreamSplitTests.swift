import Testing

@testable import AIProtocol

/// Realistic provider streams give the same frames however the network cuts them.
@Suite("Framing: streams split anywhere")
struct FramingStreamSplitTests {
    static let openAIStream = """
        data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1718000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

        data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1718000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hello 👋, 世界"},"finish_reason":null}]}

        : keep-alive

        data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1718000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" \\"quoted\\" é"},"finish_reason":null}]}

        data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1718000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}

        data: [DONE]


        """

    static let anthropicStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"こんにちは 🌸"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Zürich\\""}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

        event: message_stop
        data: {"type":"message_stop"}

        """

    @Test func openAIStreamFramesWhole() {
        let outcome = frameStream([streamBytes(Self.openAIStream)], as: .serverSentEvents(doneSignal: "[DONE]"))
        #expect(outcome.error == nil)
        #expect(outcome.reachedDoneSignal)
        #expect(outcome.frames.count == 4)
        #expect(outcome.frames.allSatisfy { $0.event == nil && $0.payload.hasPrefix("{\"id\":\"chatcmpl-9x\"") })
        #expect(outcome.frames[1].payload.contains("Hello 👋, 世界"))
    }

    @Test func anthropicStreamFramesWhole() {
        let outcome = frameStream([streamBytes(Self.anthropicStream)], as: .serverSentEvents(doneSignal: nil))
        #expect(outcome.error == nil)
        #expect(!outcome.reachedDoneSignal)
        #expect(
            outcome.frames.map(\.event) == [
                "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop",
            ])
        #expect(outcome.frames[3].payload.contains("こんにちは 🌸"))
        #expect(outcome.frames[7].payload == #"{"type":"message_stop"}"#)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func openAIStreamSplitAnywhere(lineEnding: String) {
        let stream = streamBytes(
            Self.openAIStream.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineEnding))
        let mismatches = splitMismatches(stream, as: .serverSentEvents(doneSignal: "[DONE]"), seed: 1)
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func anthropicStreamSplitAnywhere(lineEnding: String) {
        let stream = streamBytes(
            Self.anthropicStream.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineEnding))
        let mismatches = splitMismatches(stream, as: .serverSentEvents(doneSignal: nil), seed: 2)
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }

    /// The last event without its blank line (as many LLM servers end) is delivered by `finish()`
    /// whatever the split.
    @Test func streamEndingWithoutBlankLineSplitAnywhere() {
        let stream = streamBytes("event: message_stop\r\ndata: {\"type\":\"message_stop\"}")
        #expect(
            frameStream([stream], as: .serverSentEvents(doneSignal: nil)).frames == [
                RawStreamFrame(event: "message_stop", payload: #"{"type":"message_stop"}"#)
            ])
        let mismatches = splitMismatches(stream, as: .serverSentEvents(doneSignal: nil))
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }

    /// Whether an event is too large does not depend on where the stream is cut. The first event
    /// peaks at 38 bytes: 22 of data so far plus its third 16-byte line.
    @Test(arguments: [20, 26, 27, 37, 38, 60])
    func maximumSizeErrorSplitAnywhere(limit: Int) {
        let stream = streamBytes("data: 0123456789\ndata: 0123456789\ndata: 0123456789\n\ndata: ok\n\n")
        let whole = frameStream([stream], as: .serverSentEvents(doneSignal: nil), maximumFrameSize: limit)
        #expect(whole.error == (limit < 38 ? .frameTooLarge(limit: limit) : nil))
        #expect(whole.frames.count == (limit < 38 ? 0 : 2))
        let mismatches = splitMismatches(stream, as: .serverSentEvents(doneSignal: nil), maximumFrameSize: limit)
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }
}
