import JSONSchemaValidation
import LocatedYAML

/// A value of a manifest with where it was written: its source range and its JSON pointer.
/// Every stage after reading keeps these, so that any diagnostic points at the source.
struct Located<Value> {
    var value: Value
    var range: SourceRange
    var pointer: String

    init(_ value: Value, range: SourceRange, pointer: String) {
        self.value = value
        self.range = range
        self.pointer = pointer
    }

    /// The same place with another value (such as a name resolved to its canonical spelling).
    func map<Other>(_ transform: (Value) throws -> Other) rethrows -> Located<Other> {
        Located<Other>(try transform(value), range: range, pointer: pointer)
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}

/// A node of a YAML document together with its JSON pointer: what the model decoder walks.
struct NodeCursor {
    let node: YAMLNode
    let pointer: String

    init(_ node: YAMLNode, pointer: String = "") {
        self.node = node
        self.pointer = pointer
    }

    var range: SourceRange { node.range }

    /// The member `key`, when the node is a mapping that has it.
    subscript(key: String) -> NodeCursor? {
        guard let child = node[key] else { return nil }
        return NodeCursor(child, pointer: pointer + "/" + JSONPointer.escape(key))
    }

    /// The first of several spellings of a member that is present (`token_env`, `key_env`).
    func first(_ keys: String...) -> NodeCursor? {
        for key in keys {
            if let child = self[key] { return child }
        }
        return nil
    }

    /// The entries of a mapping with located keys; empty for anything else.
    var entries: [(key: Located<String>, value: NodeCursor)] {
        (node.entries ?? []).compactMap { entry in
            guard let key = entry.key.keyText else { return nil }
            let childPointer = pointer + "/" + JSONPointer.escape(key)
            return (
                Located(key, range: entry.key.range, pointer: childPointer),
                NodeCursor(entry.value, pointer: childPointer)
            )
        }
    }

    /// The items of a sequence; empty for anything else.
    var items: [NodeCursor] {
        (node.items ?? []).enumerated().map { NodeCursor($1, pointer: pointer + "/\($0)") }
    }

    var string: Located<String>? { node.string.map { Located($0, range: range, pointer: pointer) } }
    var integer: Located<Int>? { node.integer.map { Located($0, range: range, pointer: pointer) } }
    var number: Double? { node.number }
    var bool: Bool? { node.bool }

    /// The strings of a sequence (a single string counts as a list of one).
    var strings: [Located<String>] {
        if let single = string { return [single] }
        return items.compactMap(\.string)
    }

    /// The value detached from the document, for defaults and literal request members.
    var value: JSONValue { JSONValue(node) }
}
