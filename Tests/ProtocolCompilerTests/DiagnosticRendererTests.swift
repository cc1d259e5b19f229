import LocatedYAML
import Testing

@testable import ProtocolCompiler

@Suite("Rendering diagnostics")
struct DiagnosticRendererTests {
    private let source = SourceFile(
        path: "m.yaml", bytes: Array("id: openai\nlimits:\n\tmax_tokens: ten\n".utf8))

    private func range(line: Int, column: Int, offset: Int, length: Int) -> SourceRange {
        SourceRange(
            start: SourceLocation(line: line, column: column, offset: offset),
            end: SourceLocation(line: line, column: column + length, offset: offset + length))
    }

    @Test func errorWithCaretPointerAndNote() {
        let diagnostic = Diagnostic(
            severity: .error, message: "expected integer, found string \"ten\"", path: "m.yaml",
            range: range(line: 3, column: 14, offset: 32, length: 3), pointer: "/limits/max_tokens",
            schemaPointer: "/properties/limits/properties/max_tokens/type",
            notes: [
                Diagnostic(
                    severity: .note, message: "\"id\" is first defined here", path: "m.yaml",
                    range: range(line: 1, column: 1, offset: 0, length: 2))
            ])
        let text = DiagnosticRenderer(sources: [source]).render(diagnostic)
        #expect(
            text == """
                m.yaml:3:14: error: expected integer, found string "ten"
                \tmax_tokens: ten
                \t            ^~~
                  at /limits/max_tokens
                m.yaml:1:1: note: "id" is first defined here
                id: openai
                ^~

                """)
    }

    @Test func rangeOverSeveralLinesUnderlinesToTheEndOfTheFirst() {
        let diagnostic = Diagnostic(
            severity: .warning, message: "odd", path: "m.yaml",
            range: SourceRange(
                start: SourceLocation(line: 2, column: 1, offset: 11),
                end: SourceLocation(line: 3, column: 5, offset: 23)))
        #expect(
            DiagnosticRenderer(sources: [source]).render(diagnostic) == """
                m.yaml:2:1: warning: odd
                limits:
                ^~~~~~~

                """)
    }

    @Test func fileLevelDiagnosticHasNoExcerpt() {
        let diagnostic = Diagnostic(severity: .error, message: "cannot read file: no such file", path: "x.yaml")
        #expect(
            DiagnosticRenderer(sources: []).render(diagnostic) == "x.yaml: error: cannot read file: no such file\n")
    }

    @Test func rootPointerIsShownAsSlash() {
        let diagnostic = Diagnostic(
            severity: .error, message: "missing required property \"id\"", path: "m.yaml",
            range: range(line: 1, column: 1, offset: 0, length: 2), pointer: "")
        #expect(DiagnosticRenderer(sources: [source]).render(diagnostic).hasSuffix("  at /\n"))
    }

    @Test func summaryAndJSON() {
        let report = ValidationReport(files: [
            FileReport(
                path: "a.yaml",
                diagnostics: [
                    Diagnostic(
                        severity: .error, message: "missing required property \"id\"", path: "a.yaml",
                        range: range(line: 1, column: 1, offset: 0, length: 1), pointer: "",
                        schemaPointer: "/required",
                        notes: [Diagnostic(severity: .note, message: "n", path: "a.yaml")])
                ]),
            FileReport(path: "b.yaml", diagnostics: []),
        ])
        #expect(report.summary == "2 files checked: 1 error, 0 warnings")
        #expect(
            JSONReportEncoder.encode(report)
                == #"{"errors":1,"files":[{"diagnostics":[{"column":1,"line":1,"message":"missing required property \"id\"","pointer":"","schemaPointer":"/required","severity":"error"},{"message":"n","severity":"note"}],"path":"a.yaml","valid":false},{"diagnostics":[],"path":"b.yaml","valid":true}],"warnings":0}"#
        )
    }

    @Test func missingFileIsADiagnosticNotACrash() {
        #expect(throws: Diagnostic.self) { try SourceFile.read(atPath: "/nonexistent/file.yaml") }
    }
}
