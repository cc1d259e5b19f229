import JSONSchemaValidation

/// The schema's name enums whose vocabulary is open: a value outside them is not a malformed
/// manifest but a name this compiler does not know (a newer capability, an upstream status).
///
/// The schema keeps the enums, so that editors complete the names and a strict run rejects the
/// rest. In a run, the model stage resolves each such name itself: an alias gets a note, an
/// unknown name is left out with a suggestion, a warning (an error under `--strict`). So a schema
/// error about one of these enums gives way to the model's diagnostic at the same place; where the
/// model said nothing (a name in a section it does not read), the schema error stays, with the
/// severity of a left-out part.
enum OpenVocabulary {
    /// The `$defs` of `spec/schemas/common.json` that list open vocabularies.
    static let definitions: Set<String> = [
        "capabilityName", "eventKind", "terminationReason", "errorClassName", "parameterName", "modelStatus",
        "decoderStrategy", "messageRole", "contentBlockType",
    ]

    /// Whether a schema error is an open vocabulary's enum failing.
    static func isOpenVocabularyError(_ error: ValidationError) -> Bool {
        guard case .notInEnum = error.reason, let location = error.absoluteKeywordLocation,
            location.hasSuffix("/enum"), let defs = location.range(of: "#/$defs/", options: .backwards)
        else { return false }
        let name = location[defs.upperBound...].dropLast("/enum".count)
        return definitions.contains(String(name))
    }

    /// The schema diagnostics merged with the model's: an open-vocabulary error the model also
    /// reported at the same pointer is dropped; any other keeps its message with the severity
    /// of a left-out part.
    static func merge(
        schemaErrors: [(error: ValidationError, diagnostic: Diagnostic)], modelDiagnostics: [Diagnostic],
        strictness: Strictness
    ) -> [Diagnostic] {
        let reported = Set(modelDiagnostics.compactMap { $0.severity >= .note ? nil : $0.pointer })
        var merged: [Diagnostic] = []
        for (error, diagnostic) in schemaErrors {
            guard isOpenVocabularyError(error) else {
                merged.append(diagnostic)
                continue
            }
            if reported.contains(error.instancePointer) { continue }
            var demoted = diagnostic
            demoted.severity = strictness.leftOut
            merged.append(demoted)
        }
        return merged
    }
}
