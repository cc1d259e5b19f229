import Foundation

/// A compiled `pattern` / `patternProperties` regular expression.
///
/// Patterns are ECMA-262 regular expressions; they run on ICU (`NSRegularExpression`) after a
/// light translation of the places where the two differ for common patterns: `\d`, `\w` and
/// their negations are ASCII-only, and `$` matches only at the very end.
struct CompiledPattern: Sendable {
    /// The pattern as written in the schema.
    let source: String
    private let regex: NSRegularExpression

    /// Compiles a pattern, or returns `nil` if it is not a valid regular expression.
    init?(_ source: String) {
        guard let regex = try? NSRegularExpression(pattern: CompiledPattern.translate(source)) else {
            return nil
        }
        self.source = source
        self.regex = regex
    }

    /// Whether the pattern matches anywhere in `text` (patterns are not anchored).
    func matches(_ text: String) -> Bool {
        let string = text as NSString
        return regex.firstMatch(
            in: text, options: [], range: NSRange(location: 0, length: string.length)) != nil
    }

    /// Rewrites ECMA-262 constructs whose ICU meaning differs.
    static func translate(_ pattern: String) -> String {
        var result = ""
        var inClass = false
        var iterator = pattern.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\\":
                guard let next = iterator.next() else {
                    result += "\\"
                    continue
                }
                switch next {
                case "d": result += inClass ? "0-9" : "[0-9]"
                case "D": result += inClass ? "[^0-9]" : "[^0-9]"
                case "w": result += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W": result += "[^a-zA-Z0-9_]"
                default:
                    result.unicodeScalars.append("\\")
                    result.unicodeScalars.append(next)
                }
            case "[" where !inClass:
                inClass = true
                result += "["
            case "[":
                result += "\\["
            case "]" where inClass:
                inClass = false
                result += "]"
            case "$" where !inClass:
                result += "\\z"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
