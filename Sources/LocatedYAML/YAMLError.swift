/// A problem found while reading YAML, with the source range it is about.
public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Equatable, Sendable {
        /// The text is not well-formed YAML.
        case syntax
        /// A mapping has the same key twice with different values; reported at the second
        /// occurrence.
        case duplicateKey
        /// A mapping repeats a key with the same value as before: redundant rather than
        /// ambiguous, so callers may treat it as a warning.
        case repeatedKey
        /// The bytes are not valid UTF-8.
        case invalidUTF8
        /// The document is larger than `YAMLReader.Limits.maxBytes`.
        case documentTooLarge
        /// Collections nest deeper than `YAMLReader.Limits.maxDepth`.
        case nestingTooDeep
        /// Aliases expand to more nodes than `YAMLReader.Limits.maxAliasNodes`.
        case aliasBudgetExceeded
        /// An alias names an anchor that was not defined before it.
        case undefinedAlias
    }

    /// A secondary location that helps explain the error.
    public struct Note: Equatable, Sendable {
        /// What the note says.
        public var message: String
        /// Where it points.
        public var range: SourceRange

        /// Creates a note.
        public init(message: String, range: SourceRange) {
            self.message = message
            self.range = range
        }
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// A message a person understands.
    public var message: String
    /// Where the problem is.
    public var range: SourceRange
    /// Further locations, such as the first occurrence of a duplicate key.
    public var notes: [Note]

    /// Creates an error.
    public init(kind: Kind, message: String, range: SourceRange, notes: [Note] = []) {
        self.kind = kind
        self.message = message
        self.range = range
        self.notes = notes
    }

    public var description: String { "\(range.start): \(message)" }

    /// Whether reading went on past this error, so the documents are complete.
    public var isRecoverable: Bool { kind == .duplicateKey || kind == .repeatedKey }
}

/// Every error found while reading one YAML stream: any number of recoverable errors (duplicate
/// keys) and at most one that stopped the reader.
public struct YAMLReadFailure: Error, Equatable, Sendable {
    /// The errors, in source order.
    public var errors: [YAMLError]
    /// The documents as read, when every error is recoverable (a repeated key); otherwise empty.
    public var documents: [YAMLDocument]

    /// Creates a failure.
    public init(errors: [YAMLError], documents: [YAMLDocument] = []) {
        self.errors = errors
        self.documents = documents
    }
}
