/// Maps positions in a UTF-8 source to `SourceLocation`s.
///
/// libyaml reports positions as a character index with a 0-based line and column; the tree
/// wants byte offsets too. For ASCII text the two are the same; otherwise a cursor walks the
/// bytes from the last position asked for, which stays cheap because the parser's positions
/// mostly move forward.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Bytes of a leading byte-order mark. libyaml counts it as one character of line 1, which
    /// a person does not see, so columns on that line are shifted back.
    let bomLength: Int
    private let isASCII: Bool
    private var cursorCharacter = 0
    private var cursorByte = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bomLength = hasBOM ? 3 : 0
        isASCII = !bytes.contains { $0 >= 0x80 }
    }

    /// The location of a libyaml mark.
    mutating func location(characterIndex: Int, line: Int, column: Int) -> SourceLocation {
        let hiddenColumns = line == 0 && bomLength > 0 ? 1 : 0
        return SourceLocation(
            line: line + 1, column: max(column + 1 - hiddenColumns, 1),
            offset: byteOffset(ofCharacter: characterIndex))
    }

    private mutating func byteOffset(ofCharacter index: Int) -> Int {
        if isASCII { return min(index, bytes.count) }
        while cursorCharacter < index, cursorByte < bytes.count {
            cursorByte += 1
            while cursorByte < bytes.count, bytes[cursorByte] & 0xC0 == 0x80 { cursorByte += 1 }
            cursorCharacter += 1
        }
        while cursorCharacter > index, cursorByte > 0 {
            cursorByte -= 1
            while cursorByte > 0, bytes[cursorByte] & 0xC0 == 0x80 { cursorByte -= 1 }
            cursorCharacter -= 1
        }
        return cursorByte
    }

    /// The location of a byte offset, counting lines as YAML 1.2 does (LF, CR, CRLF). Used only
    /// for errors, so a scan from the start is fine.
    func location(ofByte offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var index = bomLength
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(line: line, column: column, offset: max(offset, 0))
    }

    /// The range of the single character at a byte offset.
    func characterRange(atByte offset: Int) -> SourceRange {
        let start = location(ofByte: offset)
        var end = start
        end.offset = min(offset + 1, bytes.count)
        end.column += 1
        return SourceRange(start: start, end: end)
    }

    /// The byte offset of the first invalid UTF-8 sequence and a description of it, or `nil`
    /// when the text is valid UTF-8.
    func firstInvalidUTF8() -> (offset: Int, problem: String)? {
        if isASCII { return nil }
        var index = bomLength
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upperBound = 0x9F  // no UTF-16 surrogates
            case 0xF0:
                length = 4
                lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upperBound = 0x8F
            default:
                return (index, "byte 0x\(hex(lead)) cannot start a UTF-8 character")
            }
            for position in 1..<length {
                guard index + position < bytes.count else {
                    return (index, "the file ends inside a UTF-8 character")
                }
                let byte = bytes[index + position]
                let low = position == 1 ? lowerBound : 0x80
                let high = position == 1 ? upperBound : 0xBF
                guard byte >= low && byte <= high else {
                    return (index, "byte 0x\(hex(byte)) is not a valid continuation of a UTF-8 character")
                }
            }
            index += length
        }
        return nil
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
