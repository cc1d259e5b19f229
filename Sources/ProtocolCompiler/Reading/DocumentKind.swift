import LocatedYAML

/// What a document of `spec/` is, recognised from its content (never from its file name), by
/// the rules of `spec/README.md`.
public enum DocumentKind: String, Equatable, Sendable, CaseIterable {
    /// A provider manifest of protocol 1.x.
    case providerV1 = "v1 provider manifest"
    /// A provider manifest of protocol 2.x.
    case providerV2 = "v2 provider manifest"
    /// A model registry file.
    case modelRegistry = "model registry"
    /// A file of `spec/vocabulary/`.
    case vocabulary = "vocabulary file"
    /// A JSON Schema (its `$schema` names a json-schema.org dialect), such as `spec/schemas/`.
    case jsonSchema = "JSON Schema"
    /// An upstream provider contract (`contract_version`): how a provider encodes content
    /// blocks. Recognised so that a folder of upstream data can be checked; not compiled.
    case providerContract = "provider contract"
    /// An upstream specification document (`standard_schema` or `ring_1_core`), whose facts
    /// `spec/vocabulary/` restates. Recognised, not compiled.
    case specification = "specification document"

    /// The kind of a document's root node, or `nil` when it is not a mapping.
    public static func recognise(_ root: YAMLNode) -> DocumentKind? {
        guard root.entries != nil else { return nil }
        if let dialect = root["$schema"]?.string,
            dialect.hasPrefix("https://json-schema.org/")
                || dialect.hasPrefix("http://json-schema.org/")
        {
            return .jsonSchema
        }
        if root["vocabulary"] != nil { return .vocabulary }
        if root["contract_version"] != nil { return .providerContract }
        if root["id"] == nil, root["provider_id"] == nil, root["standard_schema"] != nil || root["ring_1_core"] != nil {
            return .specification
        }
        if root["models"] != nil, root["endpoint"] == nil { return .modelRegistry }
        // The version's text, so that an unquoted 2.0 is still recognised (and then reported).
        if let version = root["protocol_version"]?.scalar?.text, version.hasPrefix("2") {
            return .providerV2
        }
        return .providerV1
    }

    /// The file name in `spec/schemas/` of the schema for this kind; `nil` for JSON Schemas,
    /// which are checked against their dialect's metaschema, and for the upstream kinds that are
    /// not checked.
    var schemaFileName: String? {
        switch self {
        case .providerV1: "provider-v1.json"
        case .providerV2: "provider-v2.json"
        case .modelRegistry: "model-registry.json"
        case .vocabulary: "vocabulary.json"
        case .jsonSchema, .providerContract, .specification: nil
        }
    }

    /// Whether documents of this kind are validated against a schema.
    var isChecked: Bool { self != .providerContract && self != .specification }
}
