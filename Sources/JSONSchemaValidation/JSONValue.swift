import LocatedYAML

/// A JSON value detached from its source: what a schema keyword such as `const` or `enum` holds,
/// and what error reasons report.
///
/// Equality follows JSON Schema: `1` and `1.0` are equal, object keys are compared without
/// regard to order, and booleans are never numbers.
public enum JSONValue: Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// An object; its entries keep their source order.
    case object([(key: String, value: JSONValue)])

    /// Converts a YAML node; mapping keys become their key text.
    public init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .integer(let value): self = .integer(value)
            case .float(let value): self = .number(value)
            case .string(let value): self = .string(value)
            }
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .mapping(let entries):
            self = .object(entries.map { (key: $0.key.keyText ?? "", value: JSONValue($0.value)) })
        }
    }

    /// The value as compact JSON text, for messages.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return NumberFormatting.text(value)
        case .string(let value): return NumberFormatting.quoted(value)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let entries):
            return "{"
                + entries.map { NumberFormatting.quoted($0.key) + ": " + $0.value.description }
                .joined(separator: ", ") + "}"
        }
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return JSONEquality.sameScalars(a, b)
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer(let a), .number(let b)): return NumericValue.int(a) == NumericValue.double(b)
        case (.number(let a), .integer(let b)): return NumericValue.double(a) == NumericValue.int(b)
        case (.number(let a), .number(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            var index: [String: JSONValue] = [:]
            for entry in b { index[entry.key] = entry.value }
            return a.allSatisfy { entry in index[entry.key].map { $0 == entry.value } ?? false }
        default: return false
        }
    }
}

/// Formatting helpers shared by values and messages.
enum NumberFormatting {
    /// A double as JSON-like text: integral values without a trailing `.0`.
    static func text(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }

    /// A string in double quotes with JSON escapes.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
