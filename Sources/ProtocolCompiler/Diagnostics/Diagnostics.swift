import LocatedYAML

/// How forgiving a run is. Lenient is the protocol's forward-compatible default: what a
/// manifest says that the compiler does not know or cannot compile is a warning and is left
/// out. Strict (`--strict`) makes each of those an error.
public enum Strictness: Sendable, Equatable {
    case lenient, strict

    /// The severity of "this part of the input is left out".
    var leftOut: Diagnostic.Severity { self == .strict ? .error : .warning }
}

/// The one place every stage of a run reports to: reading, schema validation, the model, the
/// checks and the lowering. `validate` and `generate` print what it holds the same way.
struct Diagnostics: Sendable {
    private(set) var all: [Diagnostic] = []
    let strictness: Strictness

    init(strictness: Strictness) {
        self.strictness = strictness
    }

    mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        all.append(contentsOf: diagnostics)
    }

    /// An error at a place in a file.
    mutating func error(
        _ message: String, path: String, range: SourceRange?, pointer: String? = nil, notes: [Diagnostic] = []
    ) {
        append(Diagnostic(severity: .error, message: message, path: path, range: range, pointer: pointer, notes: notes))
    }

    /// Something the input says that this run does not use: a warning, or an error under
    /// `--strict`. `message` says what is wrong and `consequence` what happens to it, as in
    /// `unknown capability "web_search" (left out; an error with --strict)`.
    mutating func leftOut(
        _ message: String, consequence: String = "left out", path: String, range: SourceRange?,
        pointer: String? = nil, notes: [Diagnostic] = []
    ) {
        let outcome = strictness == .strict ? consequence : consequence + "; an error with --strict"
        append(
            Diagnostic(
                severity: strictness.leftOut, message: "\(message) (\(outcome))", path: path, range: range,
                pointer: pointer, notes: notes))
    }

    /// A note: a hint about the input, such as a preferred spelling.
    mutating func note(_ message: String, path: String, range: SourceRange?, pointer: String? = nil) {
        append(Diagnostic(severity: .note, message: message, path: path, range: range, pointer: pointer))
    }

    /// A remark: a part of the input that is not used, for a reason that needs no action.
    mutating func remark(_ message: String, path: String, range: SourceRange?, pointer: String? = nil) {
        append(Diagnostic(severity: .remark, message: message, path: path, range: range, pointer: pointer))
    }

    /// Whether any error was reported.
    var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Whether any error was reported about `path`.
    func hasErrors(in path: String) -> Bool { all.contains { $0.severity == .error && $0.path == path } }
}
