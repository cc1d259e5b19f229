import LocatedYAML

/// One way an instance fails its schema (or, in the warnings of a result, a tolerated problem).
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the instance fails, with the facts a tool needs to suggest a fix.
    public enum Reason: Equatable, Sendable {
        /// `type`: the instance's JSON type is none of `expected`.
        case typeMismatch(expected: [String], found: String)
        /// `required`: the object lacks property `name`.
        case missingProperty(name: String)
        /// `dependentRequired`: the object has `requiredBy` but lacks `name`.
        case missingDependentProperty(name: String, requiredBy: String)
        /// `additionalProperties: false` or `unevaluatedProperties: false` (or a property schema
        /// `false`): property `name` is not allowed; `allowed` lists the properties the schema
        /// declares at that place, for suggestions.
        case unexpectedProperty(name: String, allowed: [String])
        /// An item is not allowed (`items: false` after `prefixItems`, `unevaluatedItems: false`).
        case unexpectedItem(index: Int)
        /// `enum`: the value is none of `allowed`.
        case notInEnum(allowed: [JSONValue])
        /// `const`: the value is not `expected`.
        case constMismatch(expected: JSONValue)
        /// `minimum` / `exclusiveMinimum`.
        case tooSmall(limit: Double, exclusive: Bool)
        /// `maximum` / `exclusiveMaximum`.
        case tooLarge(limit: Double, exclusive: Bool)
        /// `multipleOf`.
        case notMultipleOf(Double)
        /// `minLength`; lengths count Unicode scalars.
        case stringTooShort(minLength: Int, length: Int)
        /// `maxLength`; lengths count Unicode scalars.
        case stringTooLong(maxLength: Int, length: Int)
        /// `pattern`.
        case patternMismatch(pattern: String)
        /// `format`, when formats are assertions.
        case invalidFormat(format: String)
        /// `minItems`.
        case tooFewItems(minItems: Int, count: Int)
        /// `maxItems`.
        case tooManyItems(maxItems: Int, count: Int)
        /// `uniqueItems`: items `first` and `second` are equal.
        case duplicateItems(first: Int, second: Int)
        /// `contains` / `minContains`: too few items match.
        case tooFewMatching(minContains: Int, count: Int)
        /// `maxContains`: too many items match.
        case tooManyMatching(maxContains: Int, count: Int)
        /// `minProperties`.
        case tooFewProperties(minProperties: Int, count: Int)
        /// `maxProperties`.
        case tooManyProperties(maxProperties: Int, count: Int)
        /// `not`: the instance matches the negated schema.
        case matchesNegatedSchema
        /// `oneOf`: the instance matches more than one alternative (their indices).
        case matchesSeveralAlternatives(indices: [Int])
        /// `anyOf`/`oneOf`: no alternative matches (reported when no closer error can be given).
        case noAlternativeMatches
        /// The schema is `false`: no value is allowed.
        case falseSchema
        /// Schemas applied to each other too deeply (a schema recursing without consuming input).
        case evaluationTooDeep
    }

    /// The instance location as a JSON pointer, such as `/endpoints/0/url`.
    public var instancePointer: String
    /// The failing keyword as a JSON pointer from the root schema, through `$ref`s
    /// (`/properties/a/$ref/type`): the specification's `keywordLocation`.
    public var keywordLocation: String
    /// The failing keyword as an absolute URI with a JSON-pointer fragment in the schema resource
    /// that holds it (`https://example.com/s.json#/$defs/a/type`).
    public var absoluteKeywordLocation: String?
    /// The source range of the offending instance node; for an unexpected property, its key.
    public var range: SourceRange
    /// A message a person understands, such as `expected integer, found string "ten"`.
    public var message: String
    /// Why the instance fails, structured.
    public var reason: Reason

    /// Creates an error.
    public init(
        instancePointer: String, keywordLocation: String, absoluteKeywordLocation: String?,
        range: SourceRange,
        message: String, reason: Reason
    ) {
        self.instancePointer = instancePointer
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.range = range
        self.message = message
        self.reason = reason
    }

    /// `line:column: instancePointer: message`.
    public var description: String {
        "\(range.start): \(instancePointer.isEmpty ? "(root)" : instancePointer): \(message)"
    }

    /// How many tokens the instance pointer has.
    var instanceDepth: Int {
        instancePointer.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
    }
}

/// The outcome of validating one instance.
public struct ValidationResult: Equatable, Sendable {
    /// Problems that make the instance invalid, in source order.
    public var errors: [ValidationError]
    /// Problems that are tolerated by the options (unknown properties in lenient mode), in source
    /// order.
    public var warnings: [ValidationError]

    /// Creates a result.
    public init(errors: [ValidationError] = [], warnings: [ValidationError] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    /// Whether the instance is valid: it has no errors (warnings do not count).
    public var isValid: Bool { errors.isEmpty }
}
