import LocatedYAML

/// Parses every expression and path of a provider manifest, reporting syntax errors at their
/// column inside the YAML string.
enum ExpressionChecks {
    /// Where manifests hold expressions (`spec/EXPRESSIONS.md`).
    static let expressionPlaces = [
        "/streaming/frame_selector", "/streaming/stop_condition", "/streaming/accumulator/flush_on",
        "/streaming/event_map/*/match", "/features/response_mapping/tool_calls/filter",
    ].map(NodePattern.init)

    /// Where manifests hold paths.
    static let pathPlaces = [
        "/streaming/event_map/*/extract/*", "/streaming/event_map/*/fields/*",
        "/streaming/candidate/candidate_id_path", "/streaming/accumulator/key_path", "/streaming/*_path",
        "/error_classification/error_paths/*", "/termination/source_field", "/parameters/*/path",
        "/services/*/response_binding", "/tooling/tool_use/*_path", "/tooling/tool_result/*_path",
        "/response_paths/*", "/features/response_mapping/tool_calls/path",
        "/features/response_mapping/tool_calls/fields/*", "/features/response_mapping/error/*_path",
    ].map(NodePattern.init)

    static func check(_ root: YAMLNode, source: SourceFile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (places, isExpression) in [(expressionPlaces, true), (pathPlaces, false)] {
            for place in places {
                for (pointer, node) in place.matches(in: root) {
                    guard let text = node.string else { continue }
                    do {
                        if isExpression {
                            _ = try ExpressionParser.parseExpression(text)
                        } else {
                            _ = try ExpressionParser.parsePath(text)
                        }
                    } catch {
                        diagnostics.append(
                            Diagnostic(
                                severity: .error,
                                message: "invalid \(isExpression ? "expression" : "path"): \(error.message)",
                                path: source.path, range: StringColumns.range(of: error, in: node, source: source),
                                pointer: pointer))
                    }
                }
            }
        }
        return diagnostics
    }
}

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
