import Testing

@testable import AIProtocol

@Suite("Framing: stream framer")
struct FramingStreamFramerTests {
    @Test func doneSignalEndsTheStreamAndIsNotAFrame() throws {
        var framer = StreamFramer(.serverSentEvents(doneSignal: "[DONE]"))
        let frames = try framer.push(streamBytes("data: {\"n\":1}\n\ndata:  [DONE] \n\ndata: {\"n\":2}\n\n"))
        #expect(frames == [RawStreamFrame(payload: "{\"n\":1}")])
        #expect(framer.reachedDoneSignal)
        #expect(try framer.push(streamBytes("data: {\"n\":3}\n\n")) == [])
        #expect(framer.finish() == [])
    }

    @Test func doneSignalWithoutBlankLineIsSeenByFinish() throws {
        var framer = StreamFramer(.serverSentEvents(doneSignal: "[DONE]"))
        #expect(try framer.push(streamBytes("data: {}\n\ndata: [DONE]")) == [RawStreamFrame(payload: "{}")])
        #expect(!framer.reachedDoneSignal)
        #expect(framer.finish() == [])
        #expect(framer.reachedDoneSignal)
    }

    @Test func withoutDoneSignalTheMarkerIsAFrame() throws {
        var framer = StreamFramer(.serverSentEvents(doneSignal: nil))
        #expect(
            try framer.push(streamBytes("event: end\ndata: [DONE]\n\n")) == [
                RawStreamFrame(event: "end", payload: "[DONE]")
            ])
        #expect(!framer.reachedDoneSignal)
    }

    @Test func otherFramingsCarryNoEventNames() throws {
        var lines = StreamFramer(.newlineDelimitedJSON)
        #expect(try lines.push(streamBytes("{\"a\":1}\n{\"b\"")) == [RawStreamFrame(payload: "{\"a\":1}")])
        #expect(lines.finish() == [RawStreamFrame(payload: "{\"b\"")])
        var array = StreamFramer(.jsonArray)
        #expect(try array.push(streamBytes("[{\"a\":1},")) == [RawStreamFrame(payload: "{\"a\":1}")])
    }

    @Test(arguments: [
        StreamFraming.serverSentEvents(doneSignal: "[DONE]"), .newlineDelimitedJSON, .jsonArray,
    ])
    func frameLargerThanTheMaximumThrowsAndStaysFailed(framing: StreamFraming) throws {
        var framer = StreamFramer(framing, maximumFrameSize: 64)
        let prefix = framing == .jsonArray ? "[\"" : "data: "
        let error = FramingError.frameTooLarge(limit: 64)
        #expect(throws: error) {
            _ = try framer.push(streamBytes(prefix))
            for _ in 0..<10 { _ = try framer.push(streamBytes("0123456789")) }
        }
        #expect(throws: error) { try framer.push(streamBytes("\n\n")) }
        #expect(error.description == "stream frame larger than the maximum of 64 bytes: the server never ended it")
    }

    /// Memory stays bounded: a long stream of small events never grows the buffers.
    @Test func longStreamOfSmallEvents() throws {
        var framer = StreamFramer(.serverSentEvents(doneSignal: "[DONE]"), maximumFrameSize: 256)
        let chunk = streamBytes("data: {\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}\n\n: ping\n\n")
        var count = 0
        for _ in 0..<20_000 {
            count += try framer.push(chunk).count
        }
        #expect(count == 20_000)
    }
}
