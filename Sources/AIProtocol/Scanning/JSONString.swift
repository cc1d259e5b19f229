/// The text of a JSON string with escapes, as `JSONDecoder` reads it.
@usableFromInline
enum JSONString {
    /// The text of a string's content (between its quotes); `nil` when it cannot be read: an
    /// unknown escape, `\u` without four hex digits, a surrogate without its pair, or a control
    /// character not escaped.
    @usableFromInline
    static func unescaped(_ content: UnsafeRawBufferPointer) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var index = 0
        let count = content.count
        while index < count {
            let byte = content[index]
            if byte < 0x20 { return nil }
            guard byte == JSONByte.backslash else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < count else { return nil }
            let escape = content[index + 1]
            index += 2
            switch escape {
            case JSONByte.quote, JSONByte.backslash, 0x2F: output.append(escape)
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
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
                append(Unicode.Scalar(scalar)!, to: &output)
            default:
                return nil
            }
        }
        return String(decoding: output, as: UTF8.self)
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

    private static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { output.append(unit) }
    }
}
