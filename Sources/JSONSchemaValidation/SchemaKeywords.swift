/// What the keywords of draft 2020-12 hold, so that walking a schema finds its subschemas (and
/// only those: an `$id` inside `enum` or an unknown keyword is data, not an identifier).
enum SchemaKeywords {
    /// Keywords whose value is one schema.
    static let singleSchema: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
    ]

    /// Keywords whose value is an object of schemas.
    static let schemaMap: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    ]

    /// Keywords whose value is an array of schemas.
    static let schemaArray: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]

    /// Where a token under a schema leads: to a schema, a container of schemas, or plain data.
    enum ChildPosition {
        case schema, schemaMap, schemaArray, data
    }

    /// The position of the value of keyword `token` inside a schema object, for a value `node`
    /// of the given shape.
    static func position(ofKeyword token: String, valueIsArray: Bool) -> ChildPosition {
        if valueIsArray {
            return schemaArray.contains(token) ? .schemaArray : .data
        }
        if singleSchema.contains(token) { return .schema }
        if schemaMap.contains(token) { return .schemaMap }
        return .data
    }

    /// The URI of the draft 2020-12 meta-schema.
    static let draft202012MetaSchema = "https://json-schema.org/draft/2020-12/schema"
}

/// The vocabularies of draft 2020-12 that a meta-schema may switch on or off with `$vocabulary`.
struct Vocabularies: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let applicator = Vocabularies(rawValue: 1 << 0)
    static let unevaluated = Vocabularies(rawValue: 1 << 1)
    static let validation = Vocabularies(rawValue: 1 << 2)
    static let format = Vocabularies(rawValue: 1 << 3)
    static let all: Vocabularies = [.applicator, .unevaluated, .validation, .format]

    /// The vocabulary named by a `$vocabulary` URI, if it is one of draft 2020-12's.
    static func named(_ uri: String) -> Vocabularies? {
        switch uri {
        case "https://json-schema.org/draft/2020-12/vocab/applicator": return .applicator
        case "https://json-schema.org/draft/2020-12/vocab/unevaluated": return .unevaluated
        case "https://json-schema.org/draft/2020-12/vocab/validation": return .validation
        case "https://json-schema.org/draft/2020-12/vocab/format-annotation",
            "https://json-schema.org/draft/2020-12/vocab/format-assertion":
            return .format
        default: return nil
        }
    }
}
