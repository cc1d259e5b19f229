import LocatedYAML

/// Renders diagnostics the way compilers do:
///
/// ```
/// openai.yaml:12:5: error: expected integer, found string "ten"
///     max_tokens: ten
///                 ^~~
///   at /parameters/max_tokens
/// ```
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    /// Creates a renderer that quotes source lines from `sources`.
    public init(sources: [SourceFile]) {
        var byPath: [String: SourceFile] = [:]
        for source in sources { byPath[source.path] = source }
        self.sources = byPath
    }

    /// The text of one diagnostic and its notes, each line ending in a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var text = header(diagnostic)
        if let range = diagnostic.range, let source = sources[diagnostic.path] {
            text += excerpt(of: range, in: source)
        }
        if let pointer = diagnostic.pointer {
            text += "  at \(pointer.isEmpty ? "/" : pointer)\n"
        }
        for note in diagnostic.notes {
            text += render(note)
        }
        return text
    }

    private func header(_ diagnostic: Diagnostic) -> String {
        var location = diagnostic.path
        if let range = diagnostic.range {
            location += ":\(range.start.line):\(range.start.column)"
        }
        return "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
    }

    /// The source line and a caret under the range (to the end of the line when the range
    /// spans several lines). Tabs are kept in the caret's indentation so it lines up.
    private func excerpt(of range: SourceRange, in source: SourceFile) -> String {
        let line = source.line(containingByte: range.start.offset)
        let characters = Array(line.unicodeScalars)
        let startIndex = min(range.start.column - 1, characters.count)
        let indentation = String(
            String.UnicodeScalarView(characters[..<startIndex].map { $0 == "\t" ? "\t" : " " }))
        let endColumn = range.end.line == range.start.line ? range.end.column : characters.count + 1
        let width = max(1, min(endColumn, characters.count + 1) - range.start.column)
        return "\(line)\n\(indentation)^\(String(repeating: "~", count: width - 1))\n"
    }
}
