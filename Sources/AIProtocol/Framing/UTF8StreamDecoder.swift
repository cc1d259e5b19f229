/// Decodes UTF-8 a chunk at a time, as the network delivers it.
///
/// Chunk boundaries fall anywhere, including inside a multi-byte scalar, so decoding each chunk
/// on its own would turn CJK text and emoji into U+FFFD at random. This decoder holds back an
/// incomplete sequence (at most 3 bytes) until the next chunk completes it.
///
/// Bytes that can never be UTF-8 become U+FFFD exactly as the WHATWG Encoding Standard's decoder
/// replaces them (one per maximal ill-formed subpart), so the text matches what a browser's
/// `EventSource` or `TextDecoder` would show. A byte order mark at the very start is dropped: the
/// server-sent events specification requires it and JSON permits it.
public struct UTF8StreamDecoder: Sendable, Hashable {
    /// The bytes of the incomplete sequence, the first in the low 8 bits.
    private var pending: UInt32 = 0
    /// How many bytes of the incomplete sequence have arrived (0 when none is open).
    private var seen = 0
    /// The length of the open sequence, from its lead byte (0 when none is open).
    private var needed = 0
    /// The range the next continuation byte must fall in; narrower than 0x80...0xBF only after
    /// E0, ED, F0 and F4, which is how overlong forms, surrogates and values past U+10FFFF are
    /// rejected at the first byte that proves them wrong.
    private var lowerBoundary: UInt8 = 0x80
    private var upperBoundary: UInt8 = 0xBF
    /// Whether nothing has been produced yet, so that a BOM would be the stream's first.
    private var atStart = true
    private let dropsByteOrderMark: Bool

    /// Creates a decoder at the start of a stream.
    public init() {
        dropsByteOrderMark = true
    }

    /// Creates a decoder for bytes that are not a stream's start: a byte order mark is kept.
    init(droppingByteOrderMark: Bool) {
        dropsByteOrderMark = droppingByteOrderMark
    }

    /// The bytes held back because their scalar is not yet complete (0 to 3).
    public var pendingByteCount: Int { seen }

    /// The text of `bytes`, without the tail of a scalar that the next chunk may complete.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        decode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The text held back at the end of the stream: U+FFFD when a scalar was left incomplete,
    /// otherwise empty. The decoder is then ready for a new stream (a BOM is dropped again).
    public mutating func finish() -> String {
        var output: [UInt8] = []
        finish(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the well-formed UTF-8 of `bytes` to `output`: the framers scan these bytes for
    /// their ASCII delimiters without building a `String` per chunk.
    mutating func decode(_ bytes: some Collection<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + 3)
        for byte in bytes {
            if needed == 0 && byte < 0x80 {
                output.append(byte)
                atStart = false
            } else {
                consume(byte, into: &output)
            }
        }
    }

    /// Appends U+FFFD when a scalar was left incomplete, and resets the decoder.
    mutating func finish(into output: inout [UInt8]) {
        if needed != 0 {
            appendReplacement(to: &output)
        }
        self = UTF8StreamDecoder(droppingByteOrderMark: dropsByteOrderMark)
    }

    private mutating func consume(_ byte: UInt8, into output: inout [UInt8]) {
        if needed == 0 {
            switch byte {
            case 0x00...0x7F:
                output.append(byte)
                atStart = false
            case 0xC2...0xDF:
                open(byte, length: 2)
            case 0xE0...0xEF:
                if byte == 0xE0 { lowerBoundary = 0xA0 }
                if byte == 0xED { upperBoundary = 0x9F }
                open(byte, length: 3)
            case 0xF0...0xF4:
                if byte == 0xF0 { lowerBoundary = 0x90 }
                if byte == 0xF4 { upperBoundary = 0x8F }
                open(byte, length: 4)
            default:
                appendReplacement(to: &output)
            }
            return
        }
        guard byte >= lowerBoundary && byte <= upperBoundary else {
            // The open sequence is a maximal ill-formed subpart: one U+FFFD for it, and the byte
            // that ended it starts afresh (it may be ASCII, a delimiter the framers need).
            appendReplacement(to: &output)
            consume(byte, into: &output)
            return
        }
        lowerBoundary = 0x80
        upperBoundary = 0xBF
        pending |= UInt32(byte) << (8 * UInt32(seen))
        seen += 1
        if seen == needed {
            let isByteOrderMark = needed == 3 && pending == 0xBF_BB_EF
            if !(atStart && isByteOrderMark && dropsByteOrderMark) {
                for index in 0..<needed {
                    output.append(UInt8(truncatingIfNeeded: pending >> (8 * UInt32(index))))
                }
            }
            atStart = false
            close()
        }
    }

    private mutating func open(_ lead: UInt8, length: Int) {
        pending = UInt32(lead)
        seen = 1
        needed = length
    }

    private mutating func close() {
        pending = 0
        seen = 0
        needed = 0
        lowerBoundary = 0x80
        upperBoundary = 0xBF
    }

    private mutating func appendReplacement(to output: inout [UInt8]) {
        close()
        output.append(0xEF)
        output.append(0xBF)
        output.append(0xBD)
        atStart = false
    }
}
