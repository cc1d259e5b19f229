/// What compiled manifest expressions call at run time: the semantics of `spec/EXPRESSIONS.md`
/// over `JSONValue`s. Public for generated code; not meant to be called by hand.
public enum ExpressionSupport {
    /// A comparison operator.
    public enum Operator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// A bare path as a condition: present, and not `false`.
    public static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?: false
        default: true
        }
    }

    /// The values of an optional: none or one.
    public static func values(_ value: JSONValue?) -> [JSONValue] {
        guard let value, value != .null else { return [] }
        return [value]
    }

    /// `value` unless it is `null`: the first of `values(value)`, without the array.
    @inlinable
    public static func nonNull(_ value: JSONValue?) -> JSONValue? {
        value == .null ? nil : value
    }

    /// `value op literal`. Numbers compare by value, strings with strings; any other pairing
    /// does not hold (`notEqual` is handled by `noneEqual`).
    public static func compare(_ value: JSONValue, _ operation: Operator, _ literal: JSONValue) -> Bool {
        switch operation {
        case .equal: return equal(value, literal)
        case .notEqual: return !equal(value, literal)
        default: break
        }
        if let left = value.numberValue, let right = literal.numberValue {
            switch operation {
            case .less: return left < right
            case .lessOrEqual: return left <= right
            case .greater: return left > right
            default: return left >= right
            }
        }
        if case .string(let left) = value, case .string(let right) = literal {
            switch operation {
            case .less: return left < right
            case .lessOrEqual: return left <= right
            case .greater: return left > right
            default: return left >= right
            }
        }
        return false
    }

    /// `P != literal`: at least one value selected, none equal to the literal.
    public static func noneEqual(_ values: [JSONValue], _ literal: JSONValue) -> Bool {
        !values.isEmpty && !values.contains { equal($0, literal) }
    }

    /// `P op Q` between two paths: some pair of selected values satisfies it.
    public static func compareAny(_ left: [JSONValue], _ operation: Operator, _ right: [JSONValue]) -> Bool {
        if operation == .notEqual {
            return !left.isEmpty && !right.isEmpty && !left.contains { l in right.contains { equal(l, $0) } }
        }
        return left.contains { l in right.contains { compare(l, operation, $0) } }
    }

    /// `P in [a, b]`.
    public static func isMember(_ value: JSONValue, of literals: [JSONValue]) -> Bool {
        literals.contains { equal(value, $0) }
    }

    /// JSON equality: numbers by value (`1 == 1.0`), everything else structurally.
    public static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        if let l = left.numberValue, let r = right.numberValue { return l == r }
        return left == right
    }

    /// The text of several selected values, joined (as for a text filter over content parts);
    /// `nil` when none is text.
    ///
    /// One loop over the values, without a lazy wrapper of its own: each wrapper around the
    /// generated filters and projections is another value copied, per frame.
    @inlinable
    public static func joinedText(_ values: some Sequence<JSONValue>) -> String? {
        var joined: String?
        for value in values {
            guard let text = value.textValue else { continue }
            if joined == nil { joined = text } else { joined!.append(text) }
        }
        return joined
    }

    /// Several selected strings, joined; `nil` when there are none. One string, the usual
    /// content part, is returned as it is: no array, no joining.
    @inlinable
    public static func joinedText(_ texts: some Sequence<String>) -> String? {
        var iterator = texts.makeIterator()
        guard var joined = iterator.next() else { return nil }
        while let next = iterator.next() { joined += next }
        return joined
    }
}

extension ExpressionSupport {
    /// Whether `value` is `literal`, compared byte by byte: how generated rules compare a string
    /// field with an ASCII literal of a manifest (`type == 'content_block_delta'`), many times
    /// per frame; `String`'s `==` compares by canonical equivalence, which costs more and for
    /// ASCII differs only for oddities such as the Kelvin sign.
    @inlinable @inline(__always)
    public static func isText(_ value: String?, _ literal: StaticString) -> Bool {
        guard let value, value.utf8.count == literal.utf8CodeUnitCount else { return false }
        return value.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty || memoryEquals(bytes.baseAddress!, literal.utf8Start, bytes.count)
        } ?? value.utf8.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}

extension Array {
    /// The element at `index`, `nil` when out of range. Inlinable, like `lenientValue`, so that
    /// generated code calls it specialised to its own types, without generic dispatch per frame.
    @inlinable
    public func element(at index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}

extension KeyedDecodingContainer {
    /// The member's value, or `nil` when it is absent, `null`, or not of the type: generated
    /// response types never fail on a field they do not need.
    @inlinable
    public func lenientValue<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}

extension ExpressionSupport {
    /// The values of a path, with arrays opened: a `tool_calls` path may select the array of
    /// calls or (with a filter) the calls themselves.
    public static func flattened(_ values: [JSONValue]) -> [JSONValue] {
        values.flatMap { $0.elements ?? [$0] }
    }
}

extension Usage {
    /// Usage from an object whose fields have the conventional names (`prompt_tokens` or
    /// `input_tokens`, `completion_tokens` or `output_tokens`, `total_tokens`); for manifests
    /// that give no usage paths. `nil` when none is present.
    public init?(conventional object: JSONValue?) {
        guard let object else { return nil }
        let prompt = (object.member("prompt_tokens") ?? object.member("input_tokens"))?.intValue
        let completion = (object.member("completion_tokens") ?? object.member("output_tokens"))?.intValue
        let total = object.member("total_tokens")?.intValue
        guard prompt != nil || completion != nil || total != nil else { return nil }
        self.init(promptTokens: prompt, completionTokens: completion, totalTokens: total)
    }
}

extension Usage {
    /// The counts a stream frame's usage object holds, read as integers by generated code:
    /// `manifest`'s (by the manifest's usage paths) when any is present, else `conventional`'s
    /// (the conventional names), else `nil`: what `usage(from:)` gives for the whole object.
    public static func read(_ manifest: Usage, orConventional conventional: Usage) -> Usage? {
        if manifest != Usage() { return manifest }
        return conventional == Usage() ? nil : conventional
    }
}

extension TerminationReason {
    /// `tool_use` for a candidate that ended "normally" with tool calls (Gemini and Ollama
    /// report `STOP` even then); the reason itself otherwise.
    public func reportingToolUse(in content: [ContentBlock]) -> TerminationReason {
        guard self == .endTurn else { return self }
        let madeCalls = content.contains {
            if case .toolUse = $0 { return true }
            return false
        }
        return madeCalls ? .toolUse : self
    }
}
