import Testing

@testable import AIProtocol

@Suite("Framing: newline-delimited JSON")
struct FramingNDJSONFramerTests {
    static let ollamaStream = """
        {"model":"llama3.2","created_at":"2024-11-01T10:00:00Z","message":{"role":"assistant","content":"Grüße"},"done":false}\r
        \r

        {"model":"llama3.2","created_at":"2024-11-01T10:00:01Z","message":{"role":"assistant","content":" 🦙"},"done":false}
        {"model":"llama3.2","created_at":"2024-11-01T10:00:02Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}
        """

    @Test func linesWithCRLFBlankLinesAndNoFinalNewline() throws {
        var framer = NDJSONFramer()
        let lines = try framer.push(streamBytes(Self.ollamaStream))
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(#""done":false}"#))
        #expect(lines[1].contains(" 🦙"))
        let last = framer.finish()
        #expect(last.count == 1)
        #expect(last.first?.hasSuffix(#""done_reason":"stop"}"#) == true)
    }

    @Test func splitAnywhere() {
        let stream = streamBytes(Self.ollamaStream)
        #expect(frameStream([stream], as: .newlineDelimitedJSON).frames.count == 3)
        let mismatches = splitMismatches(stream, as: .newlineDelimitedJSON)
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }

    @Test func whitespaceOnlyLastLineIsNotAFrame() throws {
        var framer = NDJSONFramer()
        #expect(try framer.push(streamBytes("{\"a\":1}\n  \r")) == ["{\"a\":1}"])
        #expect(framer.finish() == [])
    }

    @Test func lineLargerThanTheMaximumThrows() throws {
        var framer = NDJSONFramer(maximumLineSize: 8)
        #expect(try framer.push(streamBytes("{\"a\":1}\n")) == ["{\"a\":1}"])
        #expect(throws: FramingError.frameTooLarge(limit: 8)) {
            try framer.push(streamBytes("{\"a\":")) + framer.push(streamBytes("1234}"))
        }
        #expect(throws: FramingError.frameTooLarge(limit: 8)) { try framer.push(streamBytes("\n")) }
    }
}
