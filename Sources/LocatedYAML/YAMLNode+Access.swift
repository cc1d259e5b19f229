extension YAMLNode {
    /// The node's scalar, if it is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The node's items, if it is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The node's entries, if it is a mapping.
    public var entries: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The node's value if it is a string scalar.
    public var string: String? {
        if case .scalar(let scalar) = content, case .string(let value) = scalar.value { return value }
        return nil
    }

    /// The node's value if it is an integer scalar.
    public var integer: Int? {
        if case .scalar(let scalar) = content, case .integer(let value) = scalar.value { return value }
        return nil
    }

    /// The node's value if it is a number (integer or float).
    public var number: Double? {
        guard case .scalar(let scalar) = content else { return nil }
        switch scalar.value {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// The node's value if it is a boolean scalar.
    public var bool: Bool? {
        if case .scalar(let scalar) = content, case .bool(let value) = scalar.value { return value }
        return nil
    }

    /// Whether the node is the null scalar.
    public var isNull: Bool {
        if case .scalar(let scalar) = content, case .null = scalar.value { return true }
        return false
    }

    /// The value of the first entry whose key is the string `key`, if the node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        entry(forKey: key)?.value
    }

    /// The first entry whose key is the string `key`, if the node is a mapping.
    public func entry(forKey key: String) -> YAMLMappingEntry? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key.keyText == key }
    }

    /// The key as a JSON object key: a scalar's text (its resolved text for plain scalars), or
    /// `nil` for a sequence or mapping used as a key.
    public var keyText: String? {
        guard case .scalar(let scalar) = content else { return nil }
        return scalar.text
    }
}

extension YAMLNode {
    /// Creates a string scalar node.
    public static func string(_ value: String, range: SourceRange = .zero) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value: .string(value), text: value, style: .doubleQuoted)), range: range)
    }
}

extension YAMLNode {
    /// Whether two nodes hold the same data, regardless of where they are in the source, their
    /// scalar styles or tags: `1` equals `1`, `"a"` equals `a`.
    public func hasSameContent(as other: YAMLNode) -> Bool {
        switch (content, other.content) {
        case (.scalar(let left), .scalar(let right)):
            return left.value == right.value
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.hasSameContent(as: $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy {
                    $0.key.hasSameContent(as: $1.key) && $0.value.hasSameContent(as: $1.value)
                }
        default:
            return false
        }
    }
}
