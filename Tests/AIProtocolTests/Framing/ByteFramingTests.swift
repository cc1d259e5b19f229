import Testing

@testable import AIProtocol

/// The framers cut raw bytes and check UTF-8 once per frame. These tests hold them to what
/// decoding the whole stream first would give, on streams full of ill-formed UTF-8, byte order
/// marks and line breaks of every kind, cut anywhere.
@Suite("Framing: bytes first, UTF-8 once per frame")
struct ByteFramingTests {
    /// Pieces random streams are made of: the framings' delimiters and field names, valid
    /// multi-byte text, every kind of ill-formed UTF-8, and byte order marks.
    private static let pieces: [[UInt8]] =
        [
            "data: ", "data:", "event: ", "id: ", "retry: 5", ": ping", "\n", "\r", "\r\n", "\n\n", "[DONE]", "[", "]",
            "{",
            "}", "\"", "\\", ",", " ", "x", "{\"a\":1}", "日本", "👩‍💻", "é",
        ].map { Array($0.utf8) } + [
            [0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xEF],
        ]

    private static func randomStream(using generator: inout FramingSplitMix64) -> [UInt8] {
        let count = Int.random(in: 0...40, using: &generator)
        return (0..<count).flatMap { _ in pieces.randomElement(using: &generator)! }
    }

    /// The bytes a WHATWG decoder makes of the whole stream. Every byte order mark is kept:
    /// the framer drops the first, as it does on raw bytes.
    private static func decodedFirst(_ stream: [UInt8]) -> [UInt8] {
        stream.withUnsafeBytes(UTF8Validation.repaired)
    }

    static let framings: [StreamFraming] = [.serverSentEvents(doneSignal: "[DONE]"), .newlineDelimitedJSON, .jsonArray]

    @Test(arguments: framings)
    func cuttingRawBytesEqualsDecodingFirst(framing: StreamFraming) {
        var generator = FramingSplitMix64(seed: 20_261_206)
        var mismatches: [String] = []
        for _ in 0..<3000 {
            var stream = Self.randomStream(using: &generator)
            if framing == .jsonArray, Bool.random(using: &generator) { stream = Array("[".utf8) + stream }
            // A stream that ends inside what could have been a byte order mark is a stream cut
            // short, which no framing reports as an error; decoded first it is U+FFFD instead.
            if stream == [0xEF] || stream == [0xEF, 0xBB] { continue }
            let raw = frameStream([stream], as: framing)
            var decoded = frameStream([Self.decodedFirst(stream)], as: framing)
            // Cut anywhere, the raw bytes give the same frames (up to an error, which ends the
            // stream and drops what the chunk it is in held).
            let cut = frameStream(stream.chunks(cutAt: stream.randomCuts(3, using: &generator)), as: framing)
            if raw.error == nil && cut != raw { mismatches.append("\(stream) cut: \(cut) vs whole \(raw)") }
            // A malformed-array error names the byte it met: U+FFFD's first byte once decoded.
            if raw.error != decoded.error, case .malformedJSONArray = raw.error,
                case .malformedJSONArray = decoded.error
            {
                decoded.error = raw.error
            }
            if raw != decoded { mismatches.append("\(stream): raw \(raw) vs decoded \(decoded)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test(arguments: framings)
    func byteOrderMarkSplitAnywhereIsDropped(framing: StreamFraming) {
        let body: String
        switch framing {
        case .serverSentEvents: body = "data: {\"a\":1}\n\n"
        case .newlineDelimitedJSON: body = "{\"a\":1}\n"
        case .jsonArray: body = "[{\"a\":1}]"
        }
        let stream: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(body.utf8)
        let expected = frameStream([Array(body.utf8)], as: framing)
        #expect(expected.frames == [RawStreamFrame(payload: "{\"a\":1}")])
        for first in 0...stream.count {
            for second in first...min(stream.count, first + 3) {
                #expect(
                    frameStream(stream.chunks(cutAt: [first, second]), as: framing) == expected,
                    "cut at \(first), \(second)")
            }
        }
    }

    @Test func aByteOrderMarkInsideAFrameIsKept() throws {
        var framer = StreamFramer(.newlineDelimitedJSON)
        let line: [UInt8] = Array("{\"a\":\"".utf8) + [0xEF, 0xBB, 0xBF] + Array("\"}\n".utf8)
        #expect(try framer.push(line) == [RawStreamFrame(payload: "{\"a\":\"\u{FEFF}\"}")])
    }

    @Test func wellFormednessAgreesWithTheStandardLibrary() {
        var generator = FramingSplitMix64(seed: 7)
        var disagreements: [[UInt8]] = []
        for _ in 0..<20000 {
            let count = Int.random(in: 0...24, using: &generator)
            let bytes: [UInt8] = (0..<count).map { _ in
                // Mostly bytes that matter to UTF-8: ASCII, continuations and every lead range.
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: UInt8.random(in: 0x20...0x7F, using: &generator)
                case 1: UInt8.random(in: 0x80...0xBF, using: &generator)
                case 2: UInt8.random(in: 0xC0...0xFF, using: &generator)
                default: [0xE0, 0xED, 0xF0, 0xF4, 0xEF, 0xBB, 0xBF][Int.random(in: 0..<7, using: &generator)]
                }
            }
            let ours = bytes.withUnsafeBytes(UTF8Validation.isWellFormed)
            if ours != (String(validating: bytes, as: UTF8.self) != nil) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        // Long ASCII runs take the eight-byte path; an ill-formed byte after one is still found.
        let ascii = [UInt8](repeating: 0x61, count: 37)
        #expect(ascii.withUnsafeBytes(UTF8Validation.isWellFormed))
        for position in 0..<ascii.count {
            var bytes = ascii
            bytes[position] = 0xFF
            #expect(!bytes.withUnsafeBytes(UTF8Validation.isWellFormed), "0xFF at \(position)")
        }
    }

    @Test func repairIsTheWHATWGDecoders() {
        let bytes: [UInt8] = [0x61, 0xF0, 0x9F, 0x41, 0xED, 0xA0, 0x80, 0xEF, 0xBB, 0xBF, 0xE2, 0x82]
        let text = bytes.withUnsafeBytes(UTF8Validation.string)
        #expect(text == "a\u{FFFD}A\u{FFFD}\u{FFFD}\u{FFFD}\u{FEFF}\u{FFFD}")
    }

    @Test func anyCollectionOfBytesCanBePushed() throws {
        // Not contiguous: copied once, with the same frames.
        let text = "data: {\"a\":1}\n\ndata: [DONE]\n\n"
        var framer = StreamFramer(.serverSentEvents(doneSignal: "[DONE]"))
        #expect(try framer.push(text.utf8.lazy.map { $0 }) == [RawStreamFrame(payload: "{\"a\":1}")])
        #expect(framer.reachedDoneSignal)
    }
}
