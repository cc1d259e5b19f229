import LocatedYAML

/// Maps a position inside a YAML string's value to its place in the file.
enum StringColumns {
    /// The range in the file of the characters an expression error points at. Exact when the
    /// scalar sits on one line and its source text equals its value (no escapes); otherwise the
    /// whole scalar.
    static func range(of error: ExpressionError, in node: YAMLNode, source: SourceFile) -> SourceRange {
        guard let scalar = node.scalar, node.range.start.line == node.range.end.line else { return node.range }
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        guard scalar.style != .literal, scalar.style != .folded else { return node.range }
        let start = node.range.start.offset + quote
        let end = node.range.end.offset - quote
        guard start <= end, end <= source.bytes.count, Array(source.bytes[start..<end]) == Array(scalar.text.utf8)
        else { return node.range }
        let scalars = Array(scalar.text.unicodeScalars)
        let offset = min(error.offset, scalars.count)
        let length = min(error.length, max(scalars.count - offset, 1))
        func location(_ index: Int) -> SourceLocation {
            let bytes = scalars[..<min(index, scalars.count)].reduce(0) { $0 + UTF8.width($1) }
            return SourceLocation(
                line: node.range.start.line, column: node.range.start.column + quote + index, offset: start + bytes)
        }
        return SourceRange(start: location(offset), end: location(offset + length))
    }
}
