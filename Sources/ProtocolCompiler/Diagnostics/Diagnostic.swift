import LocatedYAML

/// One message of the compiler about a file: an error, a warning or a note, with where it is.
///
/// Every problem protocolc finds becomes a `Diagnostic`: YAML errors, JSON Schema violations,
/// semantic checks. Renderers turn them into the human or the JSON form.
public struct Diagnostic: Error, Equatable, Sendable {
    /// How serious a diagnostic is.
    ///
    /// A remark says that a part of the input is not used, for a reason that needs no action:
    /// the runtime has no call for an operation, nothing reads a path. Human output counts
    /// remarks and shows them with `--remarks`; JSON output always has them.
    public enum Severity: String, Equatable, Sendable, Comparable {
        case error, warning, note, remark

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            case .remark: 3
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// What is wrong, and where possible how to fix it.
    public var message: String
    /// The file it is about, as the user named it.
    public var path: String
    /// Where in the file; `nil` when the problem concerns the whole file (for example when it
    /// cannot be read).
    public var range: SourceRange?
    /// The JSON pointer of the offending value in the document, when known.
    public var pointer: String?
    /// The JSON pointer of the schema keyword that failed, when the check came from a schema.
    public var schemaPointer: String?
    /// Further notes attached to this diagnostic (such as "first defined here").
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(
        severity: Severity, message: String, path: String, range: SourceRange? = nil,
        pointer: String? = nil, schemaPointer: String? = nil, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.pointer = pointer
        self.schemaPointer = schemaPointer
        self.notes = notes
    }
}

extension Diagnostic {
    /// The diagnostics for a failure to read YAML.
    public static func from(_ error: YAMLError, path: String) -> Diagnostic {
        Diagnostic(
            severity: .error, message: error.message, path: path, range: error.range,
            notes: error.notes.map { Diagnostic(severity: .note, message: $0.message, path: path, range: $0.range) })
    }
}
