import LocatedYAML

/// The regular expressions of a manifest (error-message patterns, retry-delay extraction) must
/// compile: generated code compiles them with Swift's `Regex`, the same engine used here.
enum PatternChecks {
    static let places = [
        NodePattern("/error_classification/by_error_message/*/pattern"),
        NodePattern("/error_classification/retry_after_extraction/pattern"),
    ]

    static func check(_ root: YAMLNode, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for place in places {
            for (pointer, node) in place.matches(in: root) {
                guard let pattern = node.string else { continue }
                do {
                    _ = try Regex(pattern)
                } catch {
                    diagnostics.append(
                        Diagnostic(
                            severity: .error, message: "invalid regular expression: \(error)", path: path,
                            range: node.range, pointer: pointer))
                }
            }
        }
        return diagnostics
    }
}
