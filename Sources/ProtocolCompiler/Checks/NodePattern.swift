import JSONSchemaValidation
import LocatedYAML

/// A set of places in a document, written like a JSON pointer whose tokens may be `*` (any key
/// or index) or `*_suffix` (any key with that suffix): `/streaming/event_map/*/match`.
struct NodePattern: Sendable {
    let tokens: [String]

    init(_ text: String) {
        tokens = text.split(separator: "/").map(String.init)
    }

    /// Every node of `root` at a place the pattern names, with its JSON pointer.
    func matches(in root: YAMLNode) -> [(pointer: String, node: YAMLNode)] {
        var found: [(String, YAMLNode)] = []
        collect(root, tokens[...], pointer: "", into: &found)
        return found
    }

    private func collect(
        _ node: YAMLNode, _ remaining: ArraySlice<String>, pointer: String, into found: inout [(String, YAMLNode)]
    ) {
        guard let token = remaining.first else {
            found.append((pointer, node))
            return
        }
        let rest = remaining.dropFirst()
        switch node.content {
        case .mapping(let entries):
            for entry in entries {
                guard let key = entry.key.keyText, Self.token(token, matches: key) else { continue }
                collect(entry.value, rest, pointer: pointer + "/" + JSONPointer.escape(key), into: &found)
            }
        case .sequence(let items) where token == "*" || Int(token) != nil:
            for (index, item) in items.enumerated() where token == "*" || Int(token) == index {
                collect(item, rest, pointer: pointer + "/\(index)", into: &found)
            }
        default:
            break
        }
    }

    private static func token(_ token: String, matches key: String) -> Bool {
        if token == "*" { return true }
        if token.hasPrefix("*") { return key.hasSuffix(token.dropFirst()) }
        return token == key
    }
}
