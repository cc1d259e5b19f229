import LocatedYAML

/// A JSON number as read: an exact integer or a double.
enum NumericValue: Sendable, Equatable, Comparable {
    case int(Int)
    case double(Double)

    /// The number a node holds, if it holds one (booleans are not numbers).
    init?(_ node: YAMLNode) {
        guard case .scalar(let scalar) = node.content else { return nil }
        switch scalar.value {
        case .integer(let value): self = .int(value)
        case .float(let value): self = .double(value)
        default: return nil
        }
    }

    var doubleValue: Double {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        }
    }

    /// Whether the number has no fractional part (JSON Schema's "integer").
    var isIntegral: Bool {
        switch self {
        case .int: return true
        case .double(let value): return value.isFinite && value == value.rounded(.towardZero)
        }
    }

    static func == (lhs: NumericValue, rhs: NumericValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            guard b.isFinite, b == b.rounded(.towardZero), abs(b) < 9.3e18 else { return false }
            return Double(a) == b && Int(exactly: b) == a
        case (.double(let a), .double(let b)): return a == b
        }
    }

    static func < (lhs: NumericValue, rhs: NumericValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a < b
        default: return lhs.doubleValue < rhs.doubleValue
        }
    }

    var description: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return NumberFormatting.text(value)
        }
    }
}

/// The JSON type of an instance node, with integral numbers reported as `integer`.
enum InstanceKind: UInt8, Sendable {
    case null, boolean, integer, number, string, array, object

    init(_ node: YAMLNode) {
        switch node.content {
        case .sequence: self = .array
        case .mapping: self = .object
        case .scalar(let scalar):
            switch scalar.value {
            case .null: self = .null
            case .bool: self = .boolean
            case .integer: self = .integer
            case .float(let value):
                self = value.isFinite && value == value.rounded(.towardZero) ? .integer : .number
            case .string: self = .string
            }
        }
    }

    var name: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// Structural equality of JSON values held in YAML nodes.
enum JSONEquality {
    /// Whether two nodes hold equal JSON values.
    static func equal(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            return scalarEqual(x.value, y.value)
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return false }
            for index in x.indices where !equal(x[index], y[index]) { return false }
            return true
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            if x.count <= 8 {
                for entry in x {
                    let key = entry.key.keyText
                    guard let other = y.first(where: { $0.key.keyText == key }),
                        equal(entry.value, other.value)
                    else { return false }
                }
                return true
            }
            var index: [String: YAMLNode] = [:]
            for entry in y { index[entry.key.keyText ?? ""] = entry.value }
            for entry in x {
                guard let other = index[entry.key.keyText ?? ""], equal(entry.value, other) else {
                    return false
                }
            }
            return true
        default:
            return false
        }
    }

    /// Whether a node holds the same JSON value as `value`.
    static func equal(_ node: YAMLNode, _ value: JSONValue) -> Bool {
        switch (node.content, value) {
        case (.scalar(let scalar), _):
            switch (scalar.value, value) {
            case (.null, .null): return true
            case (.bool(let a), .bool(let b)): return a == b
            case (.string(let a), .string(let b)): return sameScalars(a, b)
            case (.integer(let a), .integer(let b)): return a == b
            case (.integer(let a), .number(let b)): return NumericValue.int(a) == .double(b)
            case (.float(let a), .integer(let b)): return NumericValue.double(a) == .int(b)
            case (.float(let a), .number(let b)): return a == b
            default: return false
            }
        case (.sequence(let items), .array(let values)):
            guard items.count == values.count else { return false }
            for index in items.indices where !equal(items[index], values[index]) { return false }
            return true
        case (.mapping(let entries), .object(let values)):
            guard entries.count == values.count else { return false }
            for entry in entries {
                let key = entry.key.keyText ?? ""
                guard let other = values.first(where: { $0.key == key }), equal(entry.value, other.value)
                else { return false }
            }
            return true
        default:
            return false
        }
    }

    private static func scalarEqual(_ a: YAMLScalar.Value, _ b: YAMLScalar.Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return sameScalars(x, y)
        case (.integer(let x), .integer(let y)): return x == y
        case (.integer(let x), .float(let y)): return NumericValue.int(x) == .double(y)
        case (.float(let x), .integer(let y)): return NumericValue.double(x) == .int(y)
        case (.float(let x), .float(let y)): return x == y
        default: return false
        }
    }

    /// String equality by Unicode scalars: JSON strings that look alike but are encoded
    /// differently (precomposed or with combining marks) are different.
    static func sameScalars(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && x.elementsEqual(y) } }
    }

    /// A hash consistent with `equal(_:_:)`: numbers hash by value, objects ignore key order.
    static func hash(_ node: YAMLNode) -> Int {
        var hasher = Hasher()
        combine(node, into: &hasher)
        return hasher.finalize()
    }

    private static func combine(_ node: YAMLNode, into hasher: inout Hasher) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: hasher.combine(0)
            case .bool(let value):
                hasher.combine(1)
                hasher.combine(value)
            case .integer(let value):
                hasher.combine(2)
                hasher.combine(Double(value))
            case .float(let value):
                hasher.combine(2)
                hasher.combine(value)
            case .string(let value):
                hasher.combine(3)
                hasher.combine(value)
            }
        case .sequence(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .mapping(let entries):
            hasher.combine(5)
            var sum = 0
            for entry in entries {
                var inner = Hasher()
                inner.combine(entry.key.keyText ?? "")
                combine(entry.value, into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        }
    }
}
