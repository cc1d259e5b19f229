import LocatedYAML

/// The messages of validation errors, written for people.
enum ErrorMessages {
    /// The message for `reason` about the instance `node`.
    static func message(for reason: ValidationError.Reason, instance node: YAMLNode) -> String {
        switch reason {
        case .typeMismatch(let expected, _):
            return "expected \(list(expected, conjunction: "or")), found \(describeWithType(node))"
        case .missingProperty(let name):
            return "missing required property \(quoted(name))"
        case .missingDependentProperty(let name, let requiredBy):
            return "missing property \(quoted(name)), required when \(quoted(requiredBy)) is present"
        case .unexpectedProperty(let name, _):
            return "\(quoted(name)) is not allowed here"
        case .unexpectedItem(let index):
            return "item \(index) is not allowed here"
        case .notInEnum(let allowed):
            let shown = allowed.prefix(12).map(\.description)
            let values = shown.joined(separator: ", ") + (allowed.count > shown.count ? ", …" : "")
            return "expected one of \(values), found \(describe(node))"
        case .constMismatch(let expected):
            return "expected \(short(expected.description)), found \(describe(node))"
        case .tooSmall(let limit, let exclusive):
            return
                "must be \(exclusive ? "greater than" : "at least") \(NumberFormatting.text(limit)), found \(describe(node))"
        case .tooLarge(let limit, let exclusive):
            return
                "must be \(exclusive ? "less than" : "at most") \(NumberFormatting.text(limit)), found \(describe(node))"
        case .notMultipleOf(let divisor):
            return "must be a multiple of \(NumberFormatting.text(divisor)), found \(describe(node))"
        case .stringTooShort(let minLength, let length):
            return "must be at least \(count(minLength, "character")) long, found \(length)"
        case .stringTooLong(let maxLength, let length):
            return "must be at most \(count(maxLength, "character")) long, found \(length)"
        case .patternMismatch(let pattern):
            return "\(describe(node)) does not match the pattern \(quoted(pattern))"
        case .invalidFormat(let format):
            return "\(describe(node)) is not a valid \(format)"
        case .tooFewItems(let minItems, let found):
            return "must have at least \(count(minItems, "item")), found \(found)"
        case .tooManyItems(let maxItems, let found):
            return "must have at most \(count(maxItems, "item")), found \(found)"
        case .duplicateItems(let first, let second):
            return "items must be unique, but items \(first) and \(second) are equal"
        case .tooFewMatching(let minContains, let found):
            return "must contain at least \(count(minContains, "matching item")), found \(found)"
        case .tooManyMatching(let maxContains, let found):
            return "must contain at most \(count(maxContains, "matching item")), found \(found)"
        case .tooFewProperties(let minProperties, let found):
            return
                "must have at least \(count(minProperties, "property", plural: "properties")), found \(found)"
        case .tooManyProperties(let maxProperties, let found):
            return
                "must have at most \(count(maxProperties, "property", plural: "properties")), found \(found)"
        case .matchesNegatedSchema:
            return "must not match the schema in \"not\""
        case .matchesSeveralAlternatives(let indices):
            let names = indices.map { "#\($0)" }
            return
                "must match exactly one alternative of \"oneOf\", but matches \(list(names, conjunction: "and"))"
        case .noAlternativeMatches:
            return "matches none of the alternatives"
        case .falseSchema:
            return "no value is allowed here"
        case .evaluationTooDeep:
            return "schema recursion is too deep; the schema refers to itself without consuming the value"
        }
    }

    /// The value with its type for type errors: `string "ten"`, `integer 5`, `object`.
    static func describeWithType(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "null"
            case .bool(let value): return "boolean \(value)"
            case .integer(let value): return "integer \(value)"
            case .float(let value):
                return
                    "\(InstanceKind(node) == .integer ? "integer" : "number") \(NumberFormatting.text(value))"
            case .string(let value): return "string \(short(quoted(value)))"
            }
        }
    }

    /// The value for other errors: `"ten"`, `5`, `object`.
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "null"
            case .bool(let value): return value ? "true" : "false"
            case .integer(let value): return String(value)
            case .float(let value): return NumberFormatting.text(value)
            case .string(let value): return short(quoted(value))
            }
        }
    }

    static func quoted(_ text: String) -> String { NumberFormatting.quoted(text) }

    /// Shortens long renderings to about 60 characters, keeping the closing quote.
    static func short(_ text: String) -> String {
        let limit = 60
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 2)
        return head + (text.hasSuffix("\"") ? "…\"" : "…")
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String], conjunction: String) -> String {
        switch items.count {
        case 0: return "nothing"
        case 1: return items[0]
        default:
            return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    private static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }
}
