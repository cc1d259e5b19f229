import Foundation
import JSONSchemaValidation
import LocatedYAML

/// Turns schema violations into diagnostics a manifest author can act on: a "did you mean" note
/// for a misspelt key or value, and plain words for the spec's string formats instead of their
/// regular expressions.
enum SchemaDiagnostics {
    static func diagnostic(
        for error: ValidationError, severity: Diagnostic.Severity, path: String, document: YAMLNode
    ) -> Diagnostic {
        var diagnostic = Diagnostic.from(error, severity: severity, path: path)
        switch error.reason {
        case .unexpectedProperty(let name, let allowed):
            if severity == .warning {
                diagnostic.message = "unknown key \"\(name)\" (ignored; an error with --strict)"
            }
            if let suggestion = Suggestion.nearest(to: name, in: allowed) {
                diagnostic.notes.append(didYouMean(suggestion, path: path, range: error.range))
            }
        case .notInEnum(let allowed):
            let candidates = allowed.compactMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
            if let found = document.node(atPointer: error.instancePointer)?.scalar?.text,
                let suggestion = Suggestion.nearest(to: found, in: candidates)
            {
                diagnostic.notes.append(didYouMean(suggestion, path: path, range: error.range))
            }
        case .typeMismatch(let expected, _):
            // JSON calls 2.0 an integer; the author wrote 2.0, and most likely meant a string.
            if expected.contains("string"), let node = document.node(atPointer: error.instancePointer),
                let scalar = node.scalar, scalar.style == .plain, node.range == error.range
            {
                diagnostic.message =
                    "expected \(expected.joined(separator: " or ")), found \(scalar.text); write \"\(scalar.text)\" (quoted) to make it a string"
            }
        case .patternMismatch:
            if let format = namedFormat(of: error),
                let value = document.text(atPointer: error.instancePointer, range: error.range),
                let message = formatMessages[format]?(value)
            {
                diagnostic.message = message
            }
        default:
            break
        }
        return diagnostic
    }

    private static func didYouMean(_ suggestion: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(severity: .note, message: "did you mean \"\(suggestion)\"?", path: path, range: range)
    }

    /// The `$defs` name of the spec's string format whose pattern failed, such as `urlPath`.
    private static func namedFormat(of error: ValidationError) -> String? {
        guard let location = error.absoluteKeywordLocation, location.hasSuffix("/pattern"),
            let defs = location.range(of: "#/$defs/", options: .backwards)
        else { return nil }
        let name = location[defs.upperBound...].dropLast("/pattern".count)
        return name.contains("/") ? nil : String(name)
    }

    /// Messages for the string formats of `spec/schemas/common.json`, each saying how to fix it.
    private static let formatMessages: [String: @Sendable (String) -> String] = [
        "urlPath": { "endpoint path \"\($0)\" must start with \"/\" and contain no spaces" },
        "envVarName": {
            "\"\($0)\" is not an environment variable name: use upper-case letters, digits and \"_\", not starting with a digit"
        },
        "envPlaceholder": { "\"\($0)\" must be exactly one placeholder such as \"${OPENAI_BASE_URL}\"" },
        "templatedString": {
            "\"\($0)\" has a malformed placeholder: write \"${NAME}\" with a name of letters, digits and \"_\" (a \"$\" not followed by \"{\" is literal)"
        },
        "identifier": {
            "\"\($0)\" is not a valid id: use 2 to 64 lower-case letters, digits, \"_\" and \"-\", starting with a letter or digit"
        },
        "httpStatusKey": { "\"\($0)\" is not an HTTP status: use three digits from 100 to 599" },
        "headerName": { "\"\($0)\" is not a valid HTTP header name" },
        "date": { "\"\($0)\" is not a date: write YYYY-MM-DD, quoted" },
        "currency": { "\"\($0)\" is not a currency code: use three upper-case letters such as USD" },
        "modelId": { "\"\($0)\" is not a valid model id" },
    ]
}

extension YAMLNode {
    /// The string an error at `range` is about: the value at `pointer`, or its key when the
    /// range is the key's (as for `propertyNames`).
    func text(atPointer pointer: String, range: SourceRange) -> String? {
        guard let tokens = JSONPointer.tokens(of: pointer), let last = tokens.last else {
            return node(atPointer: pointer)?.string
        }
        let parentPointer = tokens.dropLast().reduce("") { $0 + "/" + JSONPointer.escape($1) }
        if let entry = node(atPointer: parentPointer)?.entry(forKey: last), entry.key.range == range {
            return entry.key.keyText
        }
        return node(atPointer: pointer)?.string
    }

    /// The node a JSON pointer such as `/streaming/event_map/0/match` designates.
    func node(atPointer pointer: String) -> YAMLNode? {
        guard let tokens = JSONPointer.tokens(of: pointer) else { return nil }
        var node = self
        for token in tokens {
            switch node.content {
            case .mapping:
                guard let child = node[token] else { return nil }
                node = child
            case .sequence(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                node = items[index]
            case .scalar:
                return nil
            }
        }
        return node
    }
}
