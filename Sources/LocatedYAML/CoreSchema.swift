/// Resolution of plain scalars by the YAML 1.2 core schema.
///
/// Unlike YAML 1.1 (and libyaml's own loader), `yes`, `no`, `on` and `off` stay strings, and
/// octal needs the `0o` prefix.
enum CoreSchema {
    /// The value a plain scalar's text denotes.
    static func resolvePlain(_ text: String) -> YAMLScalar.Value {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch text {
        case "null", "Null", "NULL", "~": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        // Only text that starts like a number can be one; this keeps the common case cheap.
        guard
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }

        if utf8.count > 2, first == UInt8(ascii: "0") {
            let marker = utf8[utf8.index(after: utf8.startIndex)]
            let digits = String(text.dropFirst(2))
            if marker == UInt8(ascii: "o"), digits.utf8.allSatisfy(isOctalDigit) {
                return integer(digits, radix: 8, text: text)
            }
            if marker == UInt8(ascii: "x"), digits.utf8.allSatisfy(isHexDigit) {
                return integer(digits, radix: 16, text: text)
            }
        }
        if isDecimalInteger(utf8) {
            return integer(text, radix: 10, text: text)
        }
        if isFloat(utf8), let value = Double(text) {
            return .float(value)
        }
        return .string(text)
    }

    private static func integer(_ digits: String, radix: Int, text: String) -> YAMLScalar.Value {
        if let value = Int(digits, radix: radix) { return .integer(value) }
        // Too large for Int: keep the magnitude as a float; the text keeps every digit.
        if radix == 10, let value = Double(digits) { return .float(value) }
        var value = 0.0
        for byte in digits.utf8 { value = value * Double(radix) + Double(hexValue(byte)) }
        return .float(value)
    }

    /// `[-+]?[0-9]+`
    private static func isDecimalInteger(_ utf8: String.UTF8View) -> Bool {
        var index = utf8.startIndex
        if utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
            index = utf8.index(after: index)
        }
        guard index < utf8.endIndex else { return false }
        return utf8[index...].allSatisfy(isDecimalDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ utf8: String.UTF8View) -> Bool {
        var bytes = Array(utf8)[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let integerDigits = bytes.prefix(while: isDecimalDigit).count
        bytes = bytes.dropFirst(integerDigits)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix(while: isDecimalDigit).count
            bytes = bytes.dropFirst(fractionDigits)
            if integerDigits == 0 && fractionDigits == 0 { return false }
        } else if integerDigits == 0 {
            return false
        }
        if let exponent = bytes.first, exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            let exponentDigits = bytes.prefix(while: isDecimalDigit).count
            guard exponentDigits > 0 else { return false }
            bytes = bytes.dropFirst(exponentDigits)
        }
        return bytes.isEmpty
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isOctalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        hexValue(byte) < 16
    }

    private static func hexValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: 16
        }
    }
}
