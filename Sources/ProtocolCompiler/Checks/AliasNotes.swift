import LocatedYAML

/// A note wherever a manifest uses an accepted alias of a vocabulary name (`chat` for `text`,
/// `insufficient_quota` for `quota_exhausted`), naming the canonical spelling. Notes are neither
/// errors nor warnings: the alias works, the canonical name is clearer.
enum AliasNotes {
    /// Which vocabulary each place draws its names from.
    static let places: [(vocabulary: String, pattern: NodePattern)] = [
        ("capabilities", NodePattern("/capabilities/required/*")),
        ("capabilities", NodePattern("/capabilities/optional/*")),
        ("capabilities", NodePattern("/capabilities/*")),
        ("error-classes", NodePattern("/error_classification/*/*")),
        ("events", NodePattern("/streaming/event_map/*/emit")),
        ("parameters", NodePattern("/parameters/*/alias")),
        ("termination-reasons", NodePattern("/termination/mapping/*")),
    ]

    static func check(_ root: YAMLNode, path: String, vocabulary: Vocabulary) -> [Diagnostic] {
        var notes: [Diagnostic] = []
        for (name, pattern) in places {
            let aliases = vocabulary.aliases(of: name)
            for (pointer, node) in pattern.matches(in: root) {
                guard let text = node.string, let canonical = aliases[text] else { continue }
                notes.append(
                    Diagnostic(
                        severity: .note,
                        message: "\"\(text)\" is an accepted alias of \"\(canonical)\"; prefer \"\(canonical)\"",
                        path: path, range: node.range, pointer: pointer))
            }
        }
        return notes
    }
}
