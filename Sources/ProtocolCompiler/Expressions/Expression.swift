/// A parsed expression of a manifest: the `match` of an event rule, a `frame_selector`, a
/// `stop_condition`, a `flush_on`, or a response filter. The grammar is in `spec/EXPRESSIONS.md`.
public indirect enum Expression: Equatable, Sendable {
    /// A path: true when it selects a value that is not null or false (in a condition), or the
    /// selected value (as an operand).
    case path(ValuePath)
    /// `exists(P)`: true when the path selects anything, null included.
    case exists(ValuePath)
    /// A literal operand.
    case literal(Literal)
    /// `!X`
    case not(Expression)
    /// `A && B`
    case and(Expression, Expression)
    /// `A || B`
    case or(Expression, Expression)
    /// `A == B`, `A != B`, `A < B`, `A <= B`, `A > B`, `A >= B`
    case comparison(Expression, ComparisonOperator, Expression)
    /// `A in ['x', 'y']`
    case membership(Expression, [Literal])
}

/// The operator of a comparison.
public enum ComparisonOperator: String, Equatable, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A literal value in an expression.
public enum Literal: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let value): "'\(value)'"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        case .null: "null"
        }
    }
}

/// A path into a JSON value: `$.choices[0].delta.content`, `$.candidates[*]`, the relative
/// `delta.content` or `choices.0.index`, or `@.type` inside a filter.
public struct ValuePath: Equatable, Sendable, CustomStringConvertible {
    /// Where a path starts.
    public enum Root: Equatable, Sendable {
        /// `$`: the whole frame or document.
        case document
        /// `@`: the element a filter is testing.
        case current
        /// No prefix: relative to the value the manifest section applies to.
        case relative
    }

    /// One step of a path.
    public enum Segment: Equatable, Sendable {
        /// `.name` or `['name']`
        case key(String)
        /// `[0]` or `.0`
        case index(Int)
        /// `[*]` or `.*`: every element.
        case wildcard
        /// `[?(…)]`: the elements for which the expression holds.
        case filter(Expression)
    }

    /// Where the path starts.
    public var root: Root
    /// Its steps, in order.
    public var segments: [Segment]

    /// Creates a path.
    public init(root: Root, segments: [Segment]) {
        self.root = root
        self.segments = segments
    }

    /// Whether the path can select more than one value.
    public var selectsMany: Bool {
        segments.contains {
            switch $0 {
            case .wildcard, .filter: true
            case .key, .index: false
            }
        }
    }

    public var description: String {
        var text: String
        switch root {
        case .document: text = "$"
        case .current: text = "@"
        case .relative: text = ""
        }
        for segment in segments {
            switch segment {
            case .key(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let index): text += "[\(index)]"
            case .wildcard: text += "[*]"
            case .filter: text += "[?(…)]"
            }
        }
        return text
    }
}
