import LocatedYAML

/// A minimal JSON parser producing `YAMLNode`s (with empty ranges), for the few test-suite files
/// that libyaml cannot read (surrogate-pair escapes such as `\uD83D\uDE00`).
struct TestJSONParser {
    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ text: String) throws -> YAMLNode {
        var parser = TestJSONParser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw TestFailure("trailing characters in JSON")
        }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws -> YAMLNode {
        skipWhitespace()
        guard index < bytes.count else { throw TestFailure("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var entries: [YAMLMappingEntry] = []
            skipWhitespace()
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return YAMLNode(.mapping(entries))
            }
            while true {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                try expect(":")
                let item = try value()
                entries.append(
                    YAMLMappingEntry(
                        key: YAMLNode(
                            .scalar(YAMLScalar(value: .string(key), text: key, style: .doubleQuoted))),
                        value: item))
                skipWhitespace()
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("}")
                return YAMLNode(.mapping(entries))
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [YAMLNode] = []
            skipWhitespace()
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return YAMLNode(.sequence(items))
            }
            while true {
                items.append(try value())
                skipWhitespace()
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("]")
                return YAMLNode(.sequence(items))
            }
        case UInt8(ascii: "\""):
            let text = try string()
            return YAMLNode(.scalar(YAMLScalar(value: .string(text), text: text, style: .doubleQuoted)))
        default:
            let start = index
            while index < bytes.count, !",]} \n\r\t".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            let value: YAMLScalar.Value
            switch text {
            case "null": value = .null
            case "true": value = .bool(true)
            case "false": value = .bool(false)
            default:
                if let integer = Int(text) {
                    value = .integer(integer)
                } else if let double = Double(text) {
                    value = .float(double)
                } else {
                    throw TestFailure("bad JSON literal \(text)")
                }
            }
            return YAMLNode(.scalar(YAMLScalar(value: value, text: text, style: .plain)))
        }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else {
            throw TestFailure("expected \(character) in JSON at byte \(index)")
        }
        index += 1
    }

    private mutating func string() throws -> String {
        try expect("\"")
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(escape))
                }
            default:
                raw.append(byte)
            }
        }
        throw TestFailure("unterminated JSON string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw TestFailure("bad \\u escape") }
        index += 4
        return code
    }
}
