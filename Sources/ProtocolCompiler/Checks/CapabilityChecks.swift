import LocatedYAML

/// A declared capability must come with what it needs, as `spec/vocabulary/capabilities.yaml`
/// says: streaming a decoder, tools a way to read tool calls, embeddings an endpoint. A warning by
/// default (upstream's test fixtures declare capabilities they do not describe), an error under
/// `--strict`.
enum CapabilityChecks {
    /// Every capability the manifest declares, with the node that declares it. Handles the v2
    /// `required`/`optional` lists, the v1 list form and the v1 boolean flags.
    static func declared(in root: YAMLNode) -> [(name: String, node: YAMLNode)] {
        guard let capabilities = root["capabilities"] else { return [] }
        if let items = capabilities.items {
            return items.compactMap { item in item.string.map { ($0, item) } }
        }
        var found: [(String, YAMLNode)] = []
        for list in ["required", "optional"] {
            for item in capabilities[list]?.items ?? [] {
                if let name = item.string { found.append((name, item)) }
            }
        }
        for entry in capabilities.entries ?? [] where entry.value.bool == true {
            if let name = entry.key.keyText { found.append((name, entry.key)) }
        }
        return found
    }

    static func check(_ root: YAMLNode, path: String, vocabulary: Vocabulary, strict: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        let requirements = vocabulary.capabilityRequirements
        for (name, node) in declared(in: root) where !reported.contains(name) {
            guard let requirement = requirements[name],
                !requirement.anyOf.contains(where: { isPresent($0, in: root) })
            else { continue }
            reported.insert(name)
            diagnostics.append(
                Diagnostic(
                    severity: strict ? .error : .warning,
                    message: "capability \"\(name)\" needs \(requirement.hint); add it or remove the capability",
                    path: path, range: node.range))
        }
        return diagnostics
    }

    /// Whether a place (`/a/*/b`, or `/a/*/b=VALUE`) exists in the manifest.
    private static func isPresent(_ place: String, in root: YAMLNode) -> Bool {
        let parts = place.split(separator: "=", maxSplits: 1).map(String.init)
        let matches = NodePattern(parts[0]).matches(in: root)
        guard parts.count == 2 else { return !matches.isEmpty }
        return matches.contains { $0.node.string == parts[1] }
    }
}
