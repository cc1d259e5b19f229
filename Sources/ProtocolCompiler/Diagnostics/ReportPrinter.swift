import Foundation

/// Writes a report where a command-line user expects it: human diagnostics and the summary on
/// standard error, the JSON object on standard output.
public struct ReportPrinter: Sendable {
    /// The two output forms.
    public enum Format: Sendable {
        case human, json
    }

    /// The form to write.
    public var format: Format

    /// Creates a printer.
    public init(format: Format) {
        self.format = format
    }

    /// The text for standard output and for standard error.
    public func render(_ report: ValidationReport, sources: [SourceFile]) -> (stdout: String, stderr: String) {
        switch format {
        case .json:
            return (JSONReportEncoder.encode(report) + "\n", "")
        case .human:
            let renderer = DiagnosticRenderer(sources: sources)
            let diagnostics = report.files.flatMap(\.diagnostics).map(renderer.render).joined()
            return ("", diagnostics + report.summary + "\n")
        }
    }

    /// Writes the report.
    public func print(_ report: ValidationReport, sources: [SourceFile]) {
        let (stdout, stderr) = render(report, sources: sources)
        write(stdout, to: .standardOutput)
        write(stderr, to: .standardError)
    }

    private func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data(text.utf8))
    }
}
