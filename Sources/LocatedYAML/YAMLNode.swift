/// One node of a YAML document: a scalar, a sequence or a mapping, with the source range it came
/// from.
///
/// Nodes are values. An alias in the source becomes a copy of the node its anchor names (arrays
/// share storage, so this is cheap); the copy keeps the anchor's ranges.
public struct YAMLNode: Equatable, Sendable {
    /// What the node holds.
    public enum Content: Equatable, Sendable {
        /// A scalar.
        case scalar(YAMLScalar)
        /// A sequence of nodes.
        case sequence([YAMLNode])
        /// A mapping; entries keep their source order.
        case mapping([YAMLMappingEntry])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node is in the source.
    public var range: SourceRange
    /// The node's explicit tag (for example `!!str`), if it had one.
    public var tag: String?

    /// Creates a node.
    public init(_ content: Content, range: SourceRange = .zero, tag: String? = nil) {
        self.content = content
        self.range = range
        self.tag = tag
    }
}

/// A key and value of a mapping; the key keeps its own range.
public struct YAMLMappingEntry: Equatable, Sendable {
    /// The key node.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar: its resolved value under the YAML 1.2 core schema and the text it was written as.
public struct YAMLScalar: Equatable, Sendable {
    /// The value a scalar resolves to by the YAML 1.2 core schema.
    public enum Value: Equatable, Sendable {
        case null
        case bool(Bool)
        /// An integer that fits in `Int`.
        case integer(Int)
        /// A float, or an integer too large for `Int`.
        case float(Double)
        case string(String)
    }

    /// How the scalar was written.
    public enum Style: Equatable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The resolved value.
    public var value: Value
    /// The scalar's text after YAML unescaping, before resolution.
    public var text: String
    /// How the scalar was written.
    public var style: Style

    /// Creates a scalar.
    public init(value: Value, text: String, style: Style) {
        self.value = value
        self.text = text
        self.style = style
    }
}

/// One document of a YAML stream.
public struct YAMLDocument: Equatable, Sendable {
    /// The document's root node.
    public var root: YAMLNode
    /// The document's range, from its first to its last byte.
    public var range: SourceRange

    /// Creates a document.
    public init(root: YAMLNode, range: SourceRange) {
        self.root = root
        self.range = range
    }
}
