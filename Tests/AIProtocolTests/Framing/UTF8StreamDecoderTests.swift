import Testing

@testable import AIProtocol

@Suite("Framing: UTF-8 stream decoder")
struct FramingUTF8StreamDecoderTests {
    /// Decodes `chunks` in order, through to `finish()`.
    private func decode(_ chunks: [some Collection<UInt8>]) -> String {
        var decoder = UTF8StreamDecoder()
        var text = ""
        for chunk in chunks {
            text += decoder.decode(chunk)
            #expect(decoder.pendingByteCount <= 3)
        }
        return text + decoder.finish()
    }

    @Test func scalarsSplitAcrossChunksAreCompleted() {
        let text = "naïve 日本語のテキスト — emoji 👩‍💻🚀 and 𝄞 clef"
        let encoded = streamBytes(text)
        for offset in 0...encoded.count {
            let decoded = decode(encoded.chunks(cutAt: [offset]))
            #expect(decoded == text, "split at \(offset)")
            #expect(!decoded.unicodeScalars.contains("\u{FFFD}"))
        }
        #expect(decode(encoded.map { [$0] }) == text)
    }

    @Test func pendingBytesAreHeldUntilTheScalarCompletes() {
        var decoder = UTF8StreamDecoder()
        #expect(decoder.decode([0xF0, 0x9F, 0x9A]) == "")
        #expect(decoder.pendingByteCount == 3)
        #expect(decoder.decode([0x80, 0x41]) == "🚀A")
        #expect(decoder.pendingByteCount == 0)
    }

    /// The WHATWG decoder's replacements: one U+FFFD per maximal ill-formed subpart.
    @Test(
        arguments: [
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
            ([0x80], "\u{FFFD}"),
            ([0xC0, 0x80], "\u{FFFD}\u{FFFD}"),  // overlong lead byte, then a lone continuation
            ([0xC1, 0xBF], "\u{FFFD}\u{FFFD}"),
            ([0xE0, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),  // overlong 3-byte form
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),  // a surrogate
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),  // past U+10FFFF
            ([0xF5, 0x41], "\u{FFFD}A"),
            ([0xE2, 0x82, 0x41], "\u{FFFD}A"),  // truncated sequence: one replacement
            ([0xF0, 0x9F, 0x98, 0x0A], "\u{FFFD}\n"),  // the delimiter that cut it survives
            ([0xE2, 0x82], "\u{FFFD}"),  // truncated by the end of the stream
        ] as [([UInt8], String)])
    func invalidBytesBecomeReplacementCharacters(input: [UInt8], expected: String) {
        #expect(decode([input]) == expected)
        for offset in 0...input.count {
            #expect(decode(input.chunks(cutAt: [offset])) == expected, "split at \(offset)")
        }
    }

    /// Swift's own repair also follows the maximal-subpart practice, so it is an oracle for
    /// random bytes cut at random places.
    @Test func randomBytesDecodeAsTheWholeBufferDoes() {
        var generator = FramingSplitMix64(seed: 7)
        let alphabet: [UInt8] = [
            0x41, 0x0A, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<2000 {
            var input = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst() }
            let cuts = input.randomCuts(Int.random(in: 0...4, using: &generator), using: &generator)
            #expect(
                decode(input.chunks(cutAt: cuts)) == String(decoding: input, as: UTF8.self), "\(input) cut at \(cuts)")
        }
    }

    @Test func byteOrderMarkAtTheStartIsDropped() {
        let marked: [UInt8] = [0xEF, 0xBB, 0xBF] + streamBytes("hi")
        for offset in 0...marked.count {
            #expect(decode(marked.chunks(cutAt: [offset])) == "hi", "split at \(offset)")
        }
        #expect(decode([marked.map { $0 }, marked]) == "hi\u{FEFF}hi")  // only at the very start
        #expect(decode([[0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]]) == "\u{FEFF}")
        #expect(decode([[0xEF, 0xBB, 0x41]]) == "\u{FFFD}A")
    }

    @Test func finishStartsANewStream() {
        var decoder = UTF8StreamDecoder()
        #expect(decoder.decode([0xEF, 0xBB, 0xBF, 0x61, 0xE2]) == "a")
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(decoder.decode([0xEF, 0xBB, 0xBF, 0x62]) == "b")
        #expect(decoder.finish() == "")
    }
}
