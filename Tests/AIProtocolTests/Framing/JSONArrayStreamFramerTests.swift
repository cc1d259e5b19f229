import Testing

@testable import AIProtocol

@Suite("Framing: JSON array streams")
struct FramingJSONArrayStreamFramerTests {
    /// Gemini's shape, with strings that hold everything a naive splitter trips on.
    static let elements = [
        #"{"candidates":[{"content":{"parts":[{"text":"Brackets ] [ } { and, commas"}],"role":"model"},"index":0}]}"#,
        #"{"candidates":[{"content":{"parts":[{"text":"an \"escaped\" quote, a backslash \\ and \\\" then ]"}]}}],"n":[1,[2,[3]],{}]}"#,
        #"{"text":"ends in a backslash \\","emoji":"🧪 測試"}"#,
        #"[1,{"a":[]},"]"]"#,
        #""a top-level \"string\", with ] and ,""#,
        "-12.5e3",
        "true",
        "null",
        "{}",
    ]

    static var stream: String {
        "[" + elements.joined(separator: "\r\n,") + "\r\n]"
    }

    @Test func elementsWhole() throws {
        var framer = JSONArrayStreamFramer()
        #expect(try framer.push(streamBytes(Self.stream)) == Self.elements)
        #expect(framer.reachedEnd)
        #expect(framer.finish() == [])
    }

    @Test func elementIsDeliveredAsSoonAsItCloses() throws {
        var framer = JSONArrayStreamFramer()
        #expect(try framer.push(streamBytes("  [ {\"a\":\"}\"")) == [])
        #expect(try framer.push(streamBytes("}")) == [#"{"a":"}"}"#])
        #expect(!framer.reachedEnd)
        #expect(try framer.push(streamBytes(" , ,\n{\"b\":2}")) == [#"{"b":2}"#])
        #expect(try framer.push(streamBytes("]\n ")) == [])
        #expect(framer.reachedEnd)
    }

    @Test func splitAnywhere() {
        let stream = streamBytes(Self.stream)
        #expect(frameStream([stream], as: .jsonArray).frames.map(\.payload) == Self.elements)
        let mismatches = splitMismatches(stream, as: .jsonArray, randomSplits: 500, seed: 3)
        #expect(mismatches.isEmpty, "\(mismatchSummary(mismatches))")
    }

    @Test func emptyArray() throws {
        var framer = JSONArrayStreamFramer()
        #expect(try framer.push(streamBytes("\u{FEFF}[ ]")) == [])
        #expect(framer.reachedEnd)
    }

    @Test func scalarsEndAtDelimiters() throws {
        var framer = JSONArrayStreamFramer()
        #expect(try framer.push(streamBytes("[1 ,2,")) == ["1", "2"])
        #expect(try framer.push(streamBytes("3")) == [])
        #expect(try framer.push(streamBytes("4]")) == ["34"])
    }

    @Test func finishDeliversATrailingScalarButNotAnUnfinishedObject() throws {
        var framer = JSONArrayStreamFramer()
        _ = try framer.push(streamBytes("[{\"a\":1},42"))
        #expect(framer.finish() == ["42"])
        _ = try framer.push(streamBytes("[{\"a\":1},{\"b\":"))
        #expect(framer.finish() == [])
    }

    @Test func malformedStreamsThrow() throws {
        var object = JSONArrayStreamFramer()
        #expect(throws: FramingError.malformedJSONArray("expected '[' to open the stream, found '{'")) {
            try object.push(streamBytes(" {\"error\":{}}"))
        }
        #expect(throws: FramingError.malformedJSONArray("expected '[' to open the stream, found '{'")) {
            try object.push(streamBytes("[]"))
        }
        var trailing = JSONArrayStreamFramer()
        #expect(throws: FramingError.malformedJSONArray("unexpected ',' after the array's closing ']'")) {
            try trailing.push(streamBytes("[1] ,"))
        }
        var brace = JSONArrayStreamFramer()
        #expect(throws: FramingError.malformedJSONArray("unexpected '}' between elements")) {
            try brace.push(streamBytes("[{}}"))
        }
        var binary = JSONArrayStreamFramer()
        #expect(throws: FramingError.malformedJSONArray("expected '[' to open the stream, found byte 0x01")) {
            try binary.push([0x01])
        }
    }

    @Test func elementLargerThanTheMaximumThrows() throws {
        var framer = JSONArrayStreamFramer(maximumElementSize: 10)
        #expect(try framer.push(streamBytes("[{\"a\":\"1\"},")) == [#"{"a":"1"}"#])
        #expect(throws: FramingError.frameTooLarge(limit: 10)) { try framer.push(streamBytes("{\"a\":\"123\"}")) }
        var growing = JSONArrayStreamFramer(maximumElementSize: 10)
        #expect(throws: FramingError.frameTooLarge(limit: 10)) {
            for _ in 0..<10 { _ = try growing.push(streamBytes("[\"abcdef")) }
        }
    }
}
