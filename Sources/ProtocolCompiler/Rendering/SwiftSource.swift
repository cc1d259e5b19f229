import Foundation
import JSONSchemaValidation

/// Turns manifest text into Swift that cannot change the meaning of the generated code: string
/// literals with every special character escaped, identifiers that are always valid, comments
/// that cannot close themselves.
enum SwiftSource {
    /// A Swift string literal whose value is exactly `value`.
    ///
    /// Quotes, backslashes (so no `\(` interpolation), and control characters are escaped;
    /// everything else is kept, so the literal stays readable.
    static func literal(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Text safe inside a `//` or `///` comment: one line, and no `*/` that could matter to a
    /// block comment around it.
    static func commentSafe(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                result += " "
            } else if scalar.value < 0x20 {
                continue
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.replacingOccurrences(of: "*/", with: "* /")
    }

    /// Swift's reserved words, which become identifiers only in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw",
        "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws",
        "true", "try", "_", "Type", "Protocol", "async", "some", "any", "consume", "borrowing", "consuming",
        "copy", "discard", "each", "macro", "package", "sending",
    ]

    /// The words of a name: split at characters that cannot be in an identifier and at
    /// lower-to-upper case changes (`maxOutputTokens`, `gpt-4o`, `claude_3.5`).
    static func words(_ name: String) -> [String] {
        name.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(name) : characterWords(name)
    }

    /// `words` by `Character`, for names with non-ASCII text (where a combining mark makes the
    /// letter before it part of a non-ASCII character, which splits).
    static func characterWords(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            let isWordCharacter = character.isASCII && (character.isLetter || character.isNumber)
            if !isWordCharacter {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, previous.isLowercase, character.isUppercase {
                words.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `words` for an ASCII name, byte by byte: the same split without `Character`'s grapheme
    /// breaking, which made naming a tenth of `generate`'s time.
    static func asciiWords(_ name: String) -> [String] {
        var words: [String] = []
        var start: String.UTF8View.Index?
        var previousIsLowercase = false
        let bytes = name.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let isUppercase = byte >= 0x41 && byte <= 0x5A
            let isLowercase = byte >= 0x61 && byte <= 0x7A
            let isWordByte = isUppercase || isLowercase || (byte >= 0x30 && byte <= 0x39)
            if !isWordByte || (previousIsLowercase && isUppercase), let wordStart = start {
                words.append(String(name[wordStart..<index]))
                start = nil
            }
            if isWordByte && start == nil { start = index }
            previousIsLowercase = isWordByte && isLowercase
            bytes.formIndex(after: &index)
        }
        if let start { words.append(String(name[start...])) }
        return words
    }

    /// A lowerCamelCase identifier for a name (`gpt-4o` → `gpt4o`, `max_tokens` → `maxTokens`).
    /// Never empty, never starts with a digit (`3.5-turbo` → `_3_5Turbo`), keywords in backticks.
    static func lowerCamelIdentifier(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" + asciiFallback(name) }
        var identifier = first.lowercased()
        for part in parts.dropFirst() {
            identifier += joinable(after: identifier, part.prefix(1).uppercased() + part.dropFirst())
        }
        return finish(identifier)
    }

    /// An UpperCamelCase identifier for a name (`azure-openai` → `AzureOpenai`).
    static func upperCamelIdentifier(_ name: String) -> String {
        let parts = words(name)
        guard !parts.isEmpty else { return "_" + asciiFallback(name) }
        var identifier = ""
        for part in parts {
            identifier += joinable(after: identifier, part.prefix(1).uppercased() + part.dropFirst())
        }
        return finish(identifier)
    }

    /// Digits that follow digits keep a separator (`4.1` → `4_1`, not `41`), so that distinct
    /// names stay distinct.
    private static func joinable(after identifier: String, _ part: String) -> String {
        if let last = identifier.last, last.isNumber, let first = part.first, first.isNumber {
            return "_" + part
        }
        return part
    }

    private static func finish(_ identifier: String) -> String {
        var result = identifier
        if let first = result.first, first.isNumber { result = "_" + result }
        return keywords.contains(result) ? "`\(result)`" : result
    }

    /// For a name with no ASCII letter or digit at all: its scalars' hex values.
    private static func asciiFallback(_ name: String) -> String {
        name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "_")
    }
}

extension SwiftSource {
    /// A manifest value as Swift code of the runtime's `JSONValue`.
    static func jsonValue(_ value: JSONSchemaValidation.JSONValue) -> String {
        switch value {
        case .null: return ".null"
        case .bool(let flag): return ".bool(\(flag))"
        case .integer(let number): return ".integer(\(number))"
        case .number(let number): return number.isFinite ? ".number(\(number))" : ".null"
        case .string(let text): return ".string(\(literal(text)))"
        case .array(let items): return ".array([" + items.map(jsonValue).joined(separator: ", ") + "])"
        case .object(let members):
            return ".object(["
                + members.map { ".init(\(literal($0.key)), \(jsonValue($0.value)))" }.joined(separator: ", ")
                + "])"
        }
    }

    /// A manifest value as Swift code of `swiftType` (an option's type), when it is one.
    static func value(_ value: JSONSchemaValidation.JSONValue, as swiftType: String) -> String? {
        switch (swiftType, value) {
        case ("Int", .integer(let number)): return String(number)
        case ("Double", .integer(let number)): return "\(Double(number))"
        case ("Double", .number(let number)): return "\(number)"
        case ("Bool", .bool(let flag)): return flag ? "true" : "false"
        case ("String", .string(let text)): return literal(text)
        case ("[String]", .array(let items)):
            let texts = items.compactMap(\.stringValue)
            return texts.count == items.count ? "[" + texts.map(literal).joined(separator: ", ") + "]" : nil
        case ("JSONValue", _): return "JSONValue" + jsonValue(value)
        default: return nil
        }
    }
}
