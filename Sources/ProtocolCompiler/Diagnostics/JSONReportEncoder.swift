import Foundation

/// Encodes a `ValidationReport` as the `--format json` object:
///
/// ```json
/// {"errors":1,"files":[{"diagnostics":[{"column":3,"line":2,"message":"…","pointer":"/a",
///  "schemaPointer":"/properties/a/type","severity":"error"}],"path":"a.yaml","valid":false}],
///  "warnings":0}
/// ```
///
/// Notes follow the diagnostic they belong to, as entries of severity `note`. Keys are sorted so
/// the output is byte-for-byte stable.
public enum JSONReportEncoder {
    /// The report as one line of JSON; `generate` adds its `message` and what it wrote
    /// (`output`: `changed`, `removed` and `unchanged`).
    public static func encode(
        _ report: ValidationReport, message: String? = nil, output: GeneratedOutput.Changes? = nil
    ) -> String {
        let document = Document(
            files: report.files.map { file in
                File(
                    path: file.path, valid: file.isValid,
                    diagnostics: file.diagnostics.flatMap { [$0] + $0.notes }.map(Entry.init))
            },
            errors: report.errorCount, warnings: report.warningCount,
            providers: report.manifestCounts?.providers, models: report.manifestCounts?.models, message: message,
            output: output.map { Output(changed: $0.changed, removed: $0.removed, unchanged: $0.unchanged) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private struct Document: Encodable {
        var files: [File]
        var errors: Int
        var warnings: Int
        var providers: Int?
        var models: Int?
        var message: String?
        var output: Output?
    }

    private struct Output: Encodable {
        var changed: [String]
        var removed: [String]
        var unchanged: Int
    }

    private struct File: Encodable {
        var path: String
        var valid: Bool
        var diagnostics: [Entry]
    }

    private struct Entry: Encodable {
        var severity: String
        var message: String
        var line: Int?
        var column: Int?
        var pointer: String?
        var schemaPointer: String?

        init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
            line = diagnostic.range?.start.line
            column = diagnostic.range?.start.column
            pointer = diagnostic.pointer
            schemaPointer = diagnostic.schemaPointer
        }
    }
}
