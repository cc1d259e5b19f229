import Foundation

/// The Swift names of an object node's members: property names and nested type names, unique
/// within their struct and never a keyword. The type renderer and the path compiler both ask
/// here, so they always agree.
enum TypeNaming {
    /// Property name for each key, in key order.
    static func propertyNames(_ keys: [String], reserved: Set<String> = []) -> [String: String] {
        var used: Set<String> = reserved.union(
            ["init", "CodingKeys", "isEmpty", scanMembersMethod] + wholeValueMembers)
        var names: [String: String] = [:]
        for key in keys.sorted() {
            names[key] = unique(SwiftSource.lowerCamelIdentifier(key), in: &used)
        }
        return names
    }

    /// The method of a generated struct that reads its members (see `DecodableRenderer`), which
    /// no property may be named.
    static let scanMembersMethod = "scanMembers"

    /// The members a struct of a value read whole has besides its properties (see
    /// `FieldTree.Node.whole`), which no property may be named.
    static let wholeValueMembers = [remainderProperty, "jsonValue"]

    /// The property of a struct of a value read whole that holds the rest of the value.
    static let remainderProperty = "remainder"

    /// Nested type name for each key whose node needs a type, in key order.
    static func typeNames(_ keys: [String], reserved: Set<String>) -> [String: String] {
        typeNames(keys, reserved: reserved) { _ in false }
    }

    /// Nested type name for each member whose node needs a type, in key order: a struct or an
    /// array's element named after its key, the enum of a compared string after its key and
    /// `Value` (`type` → `TypeValue`).
    static func typeNames(_ members: [String: FieldTree.Node], reserved: Set<String>) -> [String: String] {
        typeNames(Array(members.keys), reserved: reserved) { key in
            if case .leaf(.texts?) = members[key]! { true } else { false }
        }
    }

    private static func typeNames(
        _ keys: [String], reserved: Set<String>, isComparedText: (String) -> Bool
    ) -> [String: String] {
        var used = reserved.union(["CodingKeys", "Type", "Protocol", "Self", "Any"])
        var names: [String: String] = [:]
        for key in keys.sorted() {
            var base = SwiftSource.upperCamelIdentifier(key).replacingOccurrences(of: "`", with: "")
            if isComparedText(key) {
                base += "Value"
            } else if shadowedNames.contains(base) {
                // A nested `Message` would hide the runtime's inside its struct: say what it is.
                base += "Fields"
            }
            names[key] = unique(base, in: &used)
        }
        return names
    }

    /// The case name for each text of a compared string's enum. `other` is the case of any
    /// other text; `none` and `some` would be taken for `Optional`'s in `value == .none`.
    static func textCaseNames(_ texts: [String]) -> [String: String] {
        var used: Set<String> = ["other", "none", "some", "init", "self", "Type"]
        var names: [String: String] = [:]
        for text in texts.sorted() {
            var base = SwiftSource.lowerCamelIdentifier(text)
            if base.allSatisfy({ $0 == "_" }) { base = "empty" }
            names[text] = unique(base, in: &used)
        }
        return names
    }

    /// Names of the runtime and the standard library that generated code refers to.
    static let shadowedNames: Set<String> = [
        "AIError", "Array", "Bool", "ChatCandidate", "ChatRequest", "ChatResponse", "ContentBlock", "Decodable",
        "Decoder", "Double", "Encodable", "Encoder", "Error", "ExpressionSupport", "Int", "JSONValue", "Message",
        "Model", "Optional", "Result", "Sendable", "Set", "StreamEvent", "String", "Tool", "ToolCall",
        "TerminationReason", "Usage",
    ]

    /// `base`, or `base2`, `base3`… when taken. A keyword's backticks do not count: `` `default` ``
    /// and `default2` are distinct names.
    private static func unique(_ base: String, in used: inout Set<String>) -> String {
        let bare = base.hasPrefix("`") ? String(base.dropFirst().dropLast()) : base
        var name = bare
        var counter = 2
        while used.contains(name) {
            name = bare + String(counter)
            counter += 1
        }
        used.insert(name)
        return name == bare ? base : name
    }
}
