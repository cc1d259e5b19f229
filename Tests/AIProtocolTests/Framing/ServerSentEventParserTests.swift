import Testing

@testable import AIProtocol

@Suite("Framing: server-sent events (WHATWG interpretation rules)")
struct FramingServerSentEventParserTests {
    /// The events a stream dispatches by the specification (no `finish()`).
    private func events(_ text: String) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        return try parser.push(streamBytes(text))
    }

    /// The events a stream dispatches, with the end-of-stream leniency of `finish()`.
    private func eventsThroughFinish(_ chunks: [String]) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks {
            events += try parser.push(streamBytes(chunk))
        }
        return events + parser.finish()
    }

    @Test(arguments: ["\n", "\r", "\r\n"])
    func eachLineEndingEndsLines(ending: String) throws {
        let stream = ["data: a", "", "data: b", "data: c", "", ""].joined(separator: ending)
        #expect(try events(stream) == [ServerSentEvent(data: "a"), ServerSentEvent(data: "b\nc")])
    }

    @Test func mixedLineEndingsInOneStream() throws {
        #expect(
            try events("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r") == [
                ServerSentEvent(data: "a\nb\nc"), ServerSentEvent(data: "d"),
            ])
    }

    @Test func carriageReturnThenLineFeedAcrossChunksIsOneLineBreak() throws {
        #expect(try eventsThroughFinish(["data: a\r", "\ndata: b\r", "\n\r", "\n"]) == [ServerSentEvent(data: "a\nb")])
        // A second CR is a second line break: the empty line dispatches.
        #expect(
            try eventsThroughFinish(["data: a\r", "\r", "data: b\n\n"]) == [
                ServerSentEvent(data: "a"), ServerSentEvent(data: "b"),
            ])
    }

    @Test func carriageReturnWaitsThroughAnIncompleteScalar() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.push(streamBytes("data: a\r")) == [])
        #expect(try parser.push([0xE2]) == [])  // nothing decoded yet: the CR's LF may still come
        #expect(try parser.push([0x82, 0xAC, 0x0A, 0x0A]) == [ServerSentEvent(data: "a")])
        // The euro sign started the second line, which was a field named "€" (ignored).
    }

    @Test func dataLinesAreJoinedWithLineFeeds() throws {
        #expect(
            try events("data: first\ndata: second\ndata:\ndata: fourth\n\n") == [
                ServerSentEvent(data: "first\nsecond\n\nfourth")
            ])
    }

    @Test func onlyOneLeadingSpaceIsRemoved() throws {
        #expect(
            try events("data:test\n\ndata: test\n\ndata:  two\n\ndata:\tt\n\n").map(\.data) == [
                "test", "test", " two", "\tt",
            ])
        #expect(try events("data: a: b:c\n\n").map(\.data) == ["a: b:c"])
    }

    /// The specification's own example: the first block dispatches "", the middle one "\n", and
    /// the last, with no blank line after it, nothing (`finish()` dispatches it: the leniency).
    @Test func specificationExampleOfEmptyData() throws {
        let stream = "data\n\ndata\ndata\n\ndata:"
        #expect(try events(stream).map(\.data) == ["", "\n"])
        #expect(try eventsThroughFinish([stream]).map(\.data) == ["", "\n", ""])
    }

    @Test func emptyDataValueDispatchesEmptyString() throws {
        #expect(try events("data:\n\n") == [ServerSentEvent(data: "")])
    }

    @Test func blankLineWithoutDataDispatchesNothingButResetsTheEventType() throws {
        #expect(try events("\n\n\r\n") == [])
        #expect(try events("event: ping\n\ndata: x\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func commentsAreIgnoredAndReported() throws {
        var parser = ServerSentEventParser()
        var comments: [String] = []
        let events = try parser.push(streamBytes(": keep-alive\n:\ndata: x\n: OPENROUTER PROCESSING\n\n")) {
            comments.append($0)
        }
        #expect(events == [ServerSentEvent(data: "x")])
        #expect(comments == [" keep-alive", "", " OPENROUTER PROCESSING"])
        #expect(try self.events(": only a comment\n\n") == [])
    }

    @Test func eventNames() throws {
        #expect(
            try events("event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: a\nevent: b\ndata: 4\n\n") == [
                ServerSentEvent(event: "add", data: "1"),
                ServerSentEvent(data: "2"),  // reset after each dispatch
                ServerSentEvent(data: "3"),  // empty means "message"
                ServerSentEvent(event: "b", data: "4"),  // the last one wins
            ])
    }

    @Test func lastEventIDCarriesOverAndIgnoresValuesWithNull() throws {
        #expect(
            try events("id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n").map(\.id) == [
                "1", "1", "1", "",
            ])
        #expect(try events("data: a\n\n").map(\.id) == [nil])
    }

    @Test func retryTakesOnlyDigits() throws {
        var parser = ServerSentEventParser()
        let events = try parser.push(
            streamBytes(
                "retry: 3000\ndata: a\n\ndata: b\n\nretry: 30a\ndata: c\n\nretry: -1\nretry:\nretry: 1 \ndata: d\n\n")
        )
        #expect(events.map(\.retry) == [3000, nil, nil, nil])
        #expect(parser.reconnectionTime == 3000)
        // A retry in a block without data dispatches nothing but still sets the stream's time.
        #expect(try parser.push(streamBytes("retry: 250\n\n")) == [])
        #expect(parser.reconnectionTime == 250)
        #expect(try parser.push(streamBytes("retry: 99999999999999999999999\n\n")) == [])
        #expect(parser.reconnectionTime == 250)
    }

    @Test func lineWithoutColonIsAFieldWithEmptyValue() throws {
        #expect(try events("data\n\n") == [ServerSentEvent(data: "")])
        #expect(try events("event\ndata: x\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func unknownAndMiscasedFieldsAreIgnored() throws {
        #expect(try events("foo: bar\nData: no\nDATA: no\n data: no\ndata: yes\n\n") == [ServerSentEvent(data: "yes")])
        #expect(try events("Data: no\n\n") == [])
    }

    @Test func byteOrderMarkIsDroppedOnlyAtTheStart() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.push([0xEF, 0xBB, 0xBF] + streamBytes("data: a\n\n")) == [ServerSentEvent(data: "a")])
        // A second BOM is part of the field name, which is then unknown.
        var second = ServerSentEventParser()
        #expect(try second.push([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + streamBytes("data: a\n\n")) == [])
    }

    @Test func incompleteLastEventOnlyThroughFinish() throws {
        var parser = ServerSentEventParser()
        #expect(try parser.push(streamBytes("event: message_stop\ndata: {\"type\":\"message_stop\"}")) == [])
        #expect(parser.finish() == [ServerSentEvent(event: "message_stop", data: "{\"type\":\"message_stop\"}")])
        #expect(try eventsThroughFinish(["data: a\n"]) == [ServerSentEvent(data: "a")])
        #expect(try eventsThroughFinish(["event: x\nid: 3\n"]) == [])
        #expect(try eventsThroughFinish(["data: a\n\n"]) == [ServerSentEvent(data: "a")])
    }

    @Test func finishResetsForANewStream() throws {
        var parser = ServerSentEventParser()
        _ = try parser.push(streamBytes("id: 5\nevent: e\ndata: a"))
        _ = parser.finish()
        #expect(try parser.push(streamBytes("data: b\n\n")) == [ServerSentEvent(data: "b")])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var parser = ServerSentEventParser()
        #expect(
            try parser.push(streamBytes("data: a") + [0xFF, 0xE2, 0x82] + streamBytes("\n\n")) == [
                ServerSentEvent(data: "a\u{FFFD}\u{FFFD}")
            ])
    }

    @Test func nullInDataIsKept() throws {
        #expect(try events("data: a\0b\n\n").map(\.data) == ["a\0b"])
    }

    @Test func eventLargerThanTheMaximumThrows() throws {
        var parser = ServerSentEventParser(maximumEventSize: 32)
        #expect(try parser.push(streamBytes("data: 0123456789\n\n")).count == 1)
        #expect(throws: FramingError.frameTooLarge(limit: 32)) {
            try parser.push(streamBytes("data: 0123456789\ndata: 0123456789\ndata: 0123456789\n"))
        }
        // The stream cannot continue.
        #expect(throws: FramingError.frameTooLarge(limit: 32)) { try parser.push(streamBytes("data: a\n\n")) }
        #expect(parser.finish() == [])

        // A line that never ends is caught as it grows, not when it ends.
        var endless = ServerSentEventParser(maximumEventSize: 1024)
        #expect(throws: FramingError.frameTooLarge(limit: 1024)) {
            for _ in 0..<100 { _ = try endless.push(streamBytes(": " + String(repeating: "x", count: 100))) }
        }
    }

    /// An event whole in one chunk is read in one step, any other line by line: both ways give
    /// the same events, ids, retries and errors, on random streams read whole and a byte at a
    /// time (where no event is ever whole in a chunk), with a limit some events exceed.
    @Test func eventsWholeInAChunkReadAsLineByLine() {
        let lines = [
            "data: x", "data:{}", "data:", "data:  y", "data: 0123456789abcdefghij", "event: a", "event:", "event:b",
            "id: 7", "retry: 5", ": c", "", "", "dat", "eventx: 1", "datum: 2", "data",
        ]
        let breaks = ["\n", "\n", "\n", "\r\n", "\r", "\n\n"]
        var generator = FramingSplitMix64(seed: 20_261_207)
        var mismatches: [String] = []
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                lines.randomElement(using: &generator)! + breaks.randomElement(using: &generator)!
            }.joined()
            let bytes = Array(text.utf8)
            func read(_ chunks: [[UInt8]]) -> ([ServerSentEvent], FramingError?) {
                var parser = ServerSentEventParser(maximumEventSize: 24)
                var events: [ServerSentEvent] = []
                do {
                    for chunk in chunks { events += try parser.push(chunk) }
                } catch {
                    return (events, error)
                }
                return (events + parser.finish(), nil)
            }
            let whole = read([bytes])
            let byByte = read(bytes.map { [$0] })
            // An error drops the events of the chunk it is in: compare those before it.
            if whole.1 != byByte.1 || (whole.1 == nil && whole.0 != byByte.0) {
                mismatches.append("\(text.debugDescription): \(whole) vs \(byByte)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
