import LocatedYAML

/// A problem with a schema: a file that cannot be read or parsed, a reference that resolves to
/// nothing, or a keyword whose value is malformed. Located in the schema source when possible.
public struct SchemaLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Equatable, Sendable {
        /// The schema file could not be read.
        case unreadableFile
        /// The schema file is not well-formed YAML or JSON.
        case invalidSyntax
        /// A `$ref` or `$dynamicRef` resolves to no known schema.
        case unresolvableReference
        /// A keyword's value is not what the specification allows.
        case invalidSchema
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The schema file the problem is in, if the schema came from a file.
    public var filePath: String?
    /// The URI of the schema document the problem is in, if known.
    public var uri: String?
    /// Where in the schema source the problem is, if known.
    public var range: SourceRange?
    /// A message a person understands.
    public var message: String
    /// The reader's errors, when the schema file is not well-formed.
    public var yamlErrors: [YAMLError]

    /// Creates an error.
    public init(
        kind: Kind, filePath: String? = nil, uri: String? = nil, range: SourceRange? = nil,
        message: String,
        yamlErrors: [YAMLError] = []
    ) {
        self.kind = kind
        self.filePath = filePath
        self.uri = uri
        self.range = range
        self.message = message
        self.yamlErrors = yamlErrors
    }

    /// `path:line:column: message`, with whatever of the location is known.
    public var description: String {
        var location = filePath ?? uri ?? ""
        if let range {
            location += (location.isEmpty ? "" : ":") + "\(range.start.line):\(range.start.column)"
        }
        return location.isEmpty ? message : location + ": " + message
    }
}
