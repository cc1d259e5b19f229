/// A small printer for Swift source: lines, indentation and blocks.
///
/// Everything the generator writes goes through it, so formatting is uniform and deterministic.
struct SwiftWriter {
    private(set) var text = ""
    private var indentation = 0

    /// Writes one line at the current indentation (an empty line stays empty).
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
    }

    /// Writes `header {`, the body one level deeper, then `}` (or `footer`).
    mutating func block(_ header: String, footer: String = "}", _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line(footer)
    }

    /// Writes `if condition {`, the first body, `} else {`, the second body, then `}`.
    mutating func ifElse(
        _ condition: String, _ then: (inout SwiftWriter) -> Void, else otherwise: (inout SwiftWriter) -> Void
    ) {
        line("if \(condition) {")
        indented(then)
        line("} else {")
        indented(otherwise)
        line("}")
    }

    /// Writes `switch subject {`, the cases at the switch's own indentation (as swift-format
    /// does), then `}`.
    mutating func switchBlock(_ subject: String, _ body: (inout SwiftWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }

    /// Writes text another writer produced, each line at this writer's indentation plus its own.
    mutating func lines(_ text: String) {
        for piece in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            line(String(piece))
        }
    }

    /// Writes `body` one level deeper.
    mutating func indented(_ body: (inout SwiftWriter) -> Void) {
        indentation += 1
        body(&self)
        indentation -= 1
    }

    /// Writes a `///` documentation comment, one line per line of `text`.
    mutating func documentation(_ text: String) {
        for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line(piece.isEmpty ? "///" : "/// " + SwiftSource.commentSafe(String(piece)))
        }
    }
}
