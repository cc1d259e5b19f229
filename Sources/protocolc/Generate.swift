import ArgumentParser
import Foundation
import ProtocolCompiler

/// `protocolc generate [--output DIR] [--check] [PATH...]`
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile provider manifests and the model registry into Swift.",
        discussion: """
            Validates the inputs like `protocolc validate` (an error stops generation), then \
            writes the vocabulary module and one Swift file per provider below the output \
            folder. Files are written only when their bytes change; generated files that are no \
            longer produced are removed. With --check nothing is written: the command lists \
            the files that differ and exits 1 if any does.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The folder to write into (default: Generated).", valueName: "dir"))
    var output = "Generated"

    @Flag(name: .long, help: "Write nothing; exit 1 and name the stale files when the output differs.")
    var check = false

    @Option(
        name: .customLong("spec"),
        help: ArgumentHelp(
            "The spec folder whose schemas and vocabulary apply (default: the nearest spec/).", valueName: "dir"))
    var specDirectory: String?

    @Argument(help: ArgumentHelp("Manifest files or folders (default: the spec folder).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        guard let directory = specDirectory ?? SpecBundle.locate() else {
            throw ValidationError("cannot find the spec folder; name it with --spec DIR")
        }
        let spec: SpecBundle
        do {
            spec = try SpecBundle(directory: directory, strict: false)
        } catch {
            FileHandle.standardError.write(Data("error: cannot load the spec's schemas: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let outcome = CodeGenerator(spec: spec).generate(paths: paths.isEmpty ? [directory] : paths)
        let report = outcome.validation.report
        if report.errorCount > 0 || report.warningCount > 0 {
            ReportPrinter(format: .human).print(report, sources: outcome.validation.sources)
        }
        if !outcome.diagnostics.isEmpty {
            let paths = outcome.diagnostics.map(\.path).reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            let files = paths.map { path in
                FileReport(path: path, diagnostics: outcome.diagnostics.filter { $0.path == path })
            }
            ReportPrinter(format: .human).print(ValidationReport(files: files), sources: outcome.validation.sources)
        }
        guard report.errorCount == 0, !outcome.diagnostics.contains(where: { $0.severity == .error }) else {
            FileHandle.standardError.write(Data("error: nothing generated: the manifests have errors\n".utf8))
            throw ExitCode(1)
        }
        let changes = try GeneratedOutput(directory: output).apply(outcome.files, checkOnly: check)
        if check {
            guard changes.isEmpty else {
                var message = "error: \(output) is stale; run `swift run protocolc generate`\n"
                for path in changes.changed { message += "  stale: \(output)/\(path)\n" }
                for path in changes.removed { message += "  no longer generated: \(output)/\(path)\n" }
                FileHandle.standardError.write(Data(message.utf8))
                throw ExitCode(1)
            }
            FileHandle.standardError.write(Data("\(output) is up to date (\(outcome.files.count) files)\n".utf8))
            return
        }
        FileHandle.standardError.write(
            Data(
                "generated \(outcome.files.count) files into \(output): \(changes.changed.count) written, \(changes.removed.count) removed, \(changes.unchanged) unchanged\n"
                    .utf8))
    }
}
