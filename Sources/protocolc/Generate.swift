import ArgumentParser
import Foundation
import ProtocolCompiler

/// `protocolc generate [--output DIR] [--check] [--strict] [--format human|json] [--providers-only]
/// [--access-level LEVEL] [--import MODULE]... [--registry-name NAME] [PATH...]`
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile provider manifests and the model registry into Swift.",
        discussion: """
            Runs the checks of `protocolc validate` (an error stops generation; so does a \
            provider whose payload format is unknown), then writes the vocabulary module and \
            one Swift file per provider below the output folder. Files are written only when \
            their bytes change; generated files that are no longer produced are removed. With \
            --check nothing is written: the command lists the files that differ and exits 1 if \
            any does.
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

    @Flag(name: .long, help: "Make unknown keys, unknown names and parts that cannot be compiled errors.")
    var strict = false

    @Option(name: .long, help: "Output format: human (standard error) or json (standard output).")
    var format: Validate.OutputFormat = .human

    @Flag(name: .long, help: "Show the remarks: parts of the manifests that are not used, and why.")
    var remarks = false

    @Flag(
        name: .long,
        help: """
            Generate only the providers and their registry, flat in the output folder, each file \
            named after its manifest (for a target of your own, as the SwiftPM plugins do): no \
            vocabulary module, which the AIProtocol product provides.
            """)
    var providersOnly = false

    @Option(name: .long, help: "The access level of generated declarations: public, package or internal.")
    var accessLevel: GenerationOptions.AccessLevel = .public

    @Option(
        name: .customLong("import"), help: ArgumentHelp("A module every provider file imports.", valueName: "module"))
    var imports: [String] = []

    @Option(name: .long, help: "The name of the registry type (default: ProviderRegistry).")
    var registryName = "ProviderRegistry"

    @Argument(help: ArgumentHelp("Manifest files or folders (default: the spec folder).", valueName: "path"))
    var paths: [String] = []

    /// The layout the options ask for.
    var options: GenerationOptions {
        GenerationOptions(
            providersOnly: providersOnly, accessLevel: accessLevel, imports: imports, registryName: registryName)
    }

    func validate() throws {
        guard SwiftIdentifier.isValid(registryName) else {
            throw ValidationError("--registry-name must be a Swift type name, not \"\(registryName)\"")
        }
        for module in imports where !SwiftIdentifier.isValid(module) {
            throw ValidationError("--import takes a module name, not \"\(module)\"")
        }
    }

    func run() throws {
        guard let directory = specDirectory ?? SpecBundle.locate() else {
            throw ValidationError("cannot find the spec folder; name it with --spec DIR")
        }
        let printer = ReportPrinter(format: format == .json ? .json : .human, showsRemarks: remarks)
        let spec: SpecBundle
        do {
            spec = try SpecBundle(directory: directory, strict: strict)
        } catch {
            let diagnostic = Diagnostic(
                severity: .error, message: "cannot load the spec's schemas: \(error)", path: directory)
            printer.print(
                ValidationReport(files: [FileReport(path: directory, diagnostics: [diagnostic])]), sources: [])
            throw ExitCode(1)
        }
        let outcome = CodeGenerator(spec: spec).generate(paths: paths.isEmpty ? [directory] : paths, options: options)
        let report = outcome.report
        guard report.errorCount == 0 else {
            printer.print(report, sources: outcome.sources, summary: "nothing generated: the manifests have errors")
            throw ExitCode(1)
        }
        let changes = try GeneratedOutput(directory: output).apply(outcome.files, checkOnly: check)
        if check {
            var summary = "\(output) is up to date (\(outcome.files.count) files)"
            if !changes.isEmpty {
                summary = "\(output) is stale; run `swift run protocolc generate`"
                for path in changes.changed { summary += "\n  stale: \(output)/\(path)" }
                for path in changes.removed { summary += "\n  no longer generated: \(output)/\(path)" }
            }
            printer.print(
                report, sources: outcome.sources, summary: summary, isError: !changes.isEmpty, output: changes)
            if !changes.isEmpty { throw ExitCode(1) }
            return
        }
        printer.print(
            report, sources: outcome.sources,
            summary:
                "generated \(outcome.files.count) files into \(output): \(changes.changed.count) written, \(changes.removed.count) removed, \(changes.unchanged) unchanged",
            output: changes)
    }
}

extension GenerationOptions.AccessLevel: ExpressibleByArgument {}

/// Names the command line takes as Swift identifiers.
enum SwiftIdentifier {
    /// Whether `name` is a plain Swift identifier: a letter or `_`, then letters, digits or `_`.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
