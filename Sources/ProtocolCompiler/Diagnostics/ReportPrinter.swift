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
    /// Whether human output shows remarks (it always counts them); JSON always has them.
    public var showsRemarks: Bool

    /// Creates a printer.
    public init(format: Format, showsRemarks: Bool = false) {
        self.format = format
        self.showsRemarks = showsRemarks
    }

    /// The text for standard output and for standard error.
    ///
    /// - Parameters:
    ///   - summary: A last line after the report's own summary, such as what `generate` wrote;
    ///     `error: ` precedes it when `isError`.
    ///   - output: What `generate` wrote or would write, for the JSON form.
    public func render(
        _ report: ValidationReport, sources: [SourceFile], summary: String? = nil, isError: Bool = false,
        output: GeneratedOutput.Changes? = nil
    ) -> (stdout: String, stderr: String) {
        switch format {
        case .json:
            return (JSONReportEncoder.encode(report, message: summary, output: output) + "\n", "")
        case .human:
            let renderer = DiagnosticRenderer(sources: sources)
            let shown = report.files.flatMap(\.diagnostics).filter { showsRemarks || $0.severity != .remark }
            var text = shown.map(renderer.render).joined() + report.summary
            if report.remarkCount > 0, !showsRemarks { text += " (--remarks shows them)" }
            text += "\n"
            if let summary {
                let failed = isError || report.errorCount > 0
                text += (failed ? "error: " : "") + summary + "\n"
            }
            return ("", text)
        }
    }

    /// Writes the report.
    public func print(
        _ report: ValidationReport, sources: [SourceFile], summary: String? = nil, isError: Bool = false,
        output: GeneratedOutput.Changes? = nil
    ) {
        let (stdout, stderr) = render(report, sources: sources, summary: summary, isError: isError, output: output)
        write(stdout, to: .standardOutput)
        write(stderr, to: .standardError)
    }

    private func write(_ text: String, to handle: FileHandle) {
        guard !text.isEmpty else { return }
        handle.write(Data(text.utf8))
    }
}
