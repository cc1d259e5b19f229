/// UTF-8 checked a whole frame at a time.
///
/// The framers cut raw bytes at ASCII delimiters before any decoding. That gives the same frames
/// as decoding first: an ASCII byte never occurs inside a multi-byte scalar, and the WHATWG
/// decoder never takes one into an ill-formed sequence (it ends the sequence with U+FFFD and
/// reads the byte afresh). Each frame is then checked once, here, by whoever reads it, and
/// repaired only when it is ill-formed, which a well-behaved server never sends. The compiled
/// frame scanners check nothing up front (see `JSONScanner.init(unchecked:)`).
@usableFromInline
enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8 (Unicode table 3-7: no overlong forms, surrogates
    /// or values past U+10FFFF).
    static func isWellFormed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            // ASCII, which is most of every frame, eight bytes at a time.
            while index + 8 <= count,
                base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { return true }
            let lead = base.load(fromByteOffset: index, as: UInt8.self)
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF4:
                length = 4
                high = 0x8F
            case 0xF1...0xF3: length = 4
            default: return false
            }
            guard index + length <= count else { return false }
            // Only the first continuation byte has a narrowed range.
            let second = base.load(fromByteOffset: index + 1, as: UInt8.self)
            guard second >= low && second <= high else { return false }
            for offset in 2..<length {
                let byte = base.load(fromByteOffset: index + offset, as: UInt8.self)
                guard byte & 0xC0 == 0x80 else { return false }
            }
            index += length
        }
        return true
    }

    /// Calls `body` with `bytes` when they are well-formed, otherwise with their repair: one
    /// U+FFFD per maximal ill-formed subpart, as the WHATWG Encoding Standard's decoder does.
    @usableFromInline
    static func withWellFormed<Result>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        if isWellFormed(bytes) { return body(bytes) }
        return repaired(bytes).withUnsafeBytes(body)
    }

    /// The text of `bytes`, repaired as `withWellFormed` repairs them.
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        withWellFormed(bytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// The WHATWG repair of `bytes`. A byte order mark is kept: only a stream's first is
    /// dropped, and the framers do that before cutting frames.
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var decoder = UTF8StreamDecoder(droppingByteOrderMark: false)
        var output: [UInt8] = []
        decoder.decode(bytes, into: &output)
        decoder.finish(into: &output)
        return output
    }
}

/// Drops the byte order mark a stream may start with, which the server-sent events
/// specification requires and JSON permits. A chunk may end inside the mark, so its first
/// bytes are held back until the mark is complete or disproved.
struct LeadingByteOrderMark: Sendable {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// How many bytes of the mark have arrived and been held back.
    private var held = 0
    /// Whether the stream's start has been read: the mark was there and dropped, or was not.
    private var settled = false

    /// Drops the mark's bytes from the front of `bytes`. Returns the held bytes that turned out
    /// not to start a mark after all, which the caller reads before `bytes`.
    mutating func strip(_ bytes: inout UnsafeRawBufferPointer) -> ArraySlice<UInt8> {
        if settled { return [] }
        var index = 0
        while index < bytes.count && held < 3 {
            guard bytes[index] == Self.mark[held] else {
                settled = true
                bytes = UnsafeRawBufferPointer(rebasing: bytes[index...])
                return Self.mark[..<held]
            }
            held += 1
            index += 1
        }
        bytes = UnsafeRawBufferPointer(rebasing: bytes[index...])
        if held == 3 { settled = true }
        return []
    }

    /// The held bytes when the stream ends inside what could have been a mark; then resets for
    /// a new stream.
    mutating func finish() -> ArraySlice<UInt8> {
        defer { self = LeadingByteOrderMark() }
        return settled ? [] : Self.mark[..<held]
    }
}
