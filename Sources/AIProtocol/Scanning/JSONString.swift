/// The text of a JSON string with escapes, as `JSONDecoder` reads it.
@usableFromInline
enum JSONString {
    /// The text of a string's content (between its quotes); `nil` when it cannot be read: an
    /// unknown escape, `\u` without four hex digits, a surrogate without its pair, or a control
    /// character not escaped.
    @usableFromInline
    static func unescaped(_ content: UnsafeRawBufferPointer) -> String? {
        // The text is never longer than its escaped form, so it is written straight into the
        // string's storage: no buffer in between, and no allocation at all for a short text.
        var readable = true
        let text = String(unsafeUninitializedCapacity: content.count) { output in
            guard let count = unescape(content, into: output) else {
                readable = false
                return 0
            }
            return count
        }
        return readable ? text : nil
    }

    /// Writes the text of `content` into `output`, which holds at least `content.count` bytes;
    /// the number of bytes written, or `nil` when the content cannot be read.
    private static func unescape(_ content: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>)
        -> Int?
    {
        var written = 0
        var index = 0
        let count = content.count
        while index < count {
            let byte = content[index]
            if byte < 0x20 { return nil }
            guard byte == JSONByte.backslash else {
                output[written] = byte
                written += 1
                index += 1
                continue
            }
            guard index + 1 < count else { return nil }
            let escape = content[index + 1]
            index += 2
            let unescaped: UInt8
            switch escape {
            case JSONByte.quote, JSONByte.backslash, 0x2F: unescaped = escape
            case 0x62: unescaped = 0x08
            case 0x66: unescaped = 0x0C
            case 0x6E: unescaped = 0x0A
            case 0x72: unescaped = 0x0D
            case 0x74: unescaped = 0x09
            case JSONByte.letterU:
                guard let unit = hexUnit(content, at: index) else { return nil }
                index += 4
                var scalar = UInt32(unit)
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate needs a low one, escaped, right after it.
                    guard index + 1 < count, content[index] == JSONByte.backslash,
                        content[index + 1] == JSONByte.letterU,
                        let low = hexUnit(content, at: index + 2), (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    index += 6
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    return nil
                }
                // Six escaped bytes (twelve for a pair) become at most four.
                written += encode(scalar, into: output, at: written)
                continue
            default:
                return nil
            }
            output[written] = unescaped
            written += 1
        }
        return written
    }

    /// Writes `scalar` (not a surrogate) as UTF-8 at `offset`; the number of bytes written.
    private static func encode(_ scalar: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int
    {
        switch scalar {
        case ..<0x80:
            output[offset] = UInt8(scalar)
            return 1
        case ..<0x800:
            output[offset] = 0xC0 | UInt8(scalar >> 6)
            output[offset + 1] = 0x80 | UInt8(scalar & 0x3F)
            return 2
        case ..<0x10000:
            output[offset] = 0xE0 | UInt8(scalar >> 12)
            output[offset + 1] = 0x80 | UInt8(scalar >> 6 & 0x3F)
            output[offset + 2] = 0x80 | UInt8(scalar & 0x3F)
            return 3
        default:
            output[offset] = 0xF0 | UInt8(scalar >> 18)
            output[offset + 1] = 0x80 | UInt8(scalar >> 12 & 0x3F)
            output[offset + 2] = 0x80 | UInt8(scalar >> 6 & 0x3F)
            output[offset + 3] = 0x80 | UInt8(scalar & 0x3F)
            return 4
        }
    }

    private static func hexUnit(_ content: UnsafeRawBufferPointer, at index: Int) -> UInt16? {
        guard index + 4 <= content.count else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = content[index + offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
