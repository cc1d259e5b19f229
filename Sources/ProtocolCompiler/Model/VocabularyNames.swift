/// Names a manifest takes from `spec/vocabulary/`: resolved to their canonical spelling once,
/// with a note for an accepted alias and a diagnostic with a suggestion for an unknown name.
extension Vocabulary {
    /// A kind of name, the vocabulary file it comes from and how messages call it.
    struct NameKind: Sendable {
        /// The vocabulary file's kind (`capabilities`).
        var file: String
        /// One such name, in words (`capability`).
        var noun: String

        static let capability = NameKind(file: "capabilities", noun: "capability")
        static let event = NameKind(file: "events", noun: "event kind")
        static let terminationReason = NameKind(file: "termination-reasons", noun: "termination reason")
        static let errorClass = NameKind(file: "error-classes", noun: "error class")
        static let parameter = NameKind(file: "parameters", noun: "standard parameter")
        static let modelStatus = NameKind(file: "model-statuses", noun: "model status")
        static let decoderStrategy = NameKind(file: "stream-decoders/strategies", noun: "decoder strategy")
        static let payloadFormat = NameKind(file: "payload-formats", noun: "payload format")
    }

    /// Every spelling of a kind: canonical names and aliases.
    func spellings(of kind: NameKind) -> [String] {
        let entries = files[kind.file]?.entries ?? []
        return entries.map(\.name) + entries.flatMap(\.aliases)
    }

    /// The canonical name of `name`: itself, or the name it is an alias of (with a note that
    /// says so). An unknown name is left out, with the nearest known spelling (a warning, an
    /// error under `--strict`), and gives `nil`; `consequence` says what is left out.
    func resolve(
        _ name: Located<String>, as kind: NameKind, consequence: String = "left out", path: String,
        into diagnostics: inout Diagnostics
    ) -> Located<String>? {
        if let canonical = canonical(name.value, in: kind.file) {
            if canonical != name.value {
                diagnostics.note(
                    "\"\(name.value)\" is an accepted alias of \"\(canonical)\"; prefer \"\(canonical)\"", path: path,
                    range: name.range, pointer: name.pointer)
            }
            return name.map { _ in canonical }
        }
        var notes: [Diagnostic] = []
        if let suggestion = Suggestion.nearest(to: name.value, in: spellings(of: kind)) {
            notes.append(
                Diagnostic(severity: .note, message: "did you mean \"\(suggestion)\"?", path: path, range: name.range))
        }
        diagnostics.leftOut(
            "unknown \(kind.noun) \"\(name.value)\"", consequence: consequence, path: path, range: name.range,
            pointer: name.pointer, notes: notes)
        return nil
    }
}
