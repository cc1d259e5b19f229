import ArgumentParser
import ProtocolCompiler

/// `protocolc validate [PATH...]` and `protocolc validate --schema SCHEMA DOC...`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate provider manifests and the model registry, or any document against a schema.",
        discussion: """
            Without --schema, each file is recognised from its content (v1 or v2 provider \
            manifest, model registry, vocabulary file, JSON Schema) and checked against the \
            spec's schema for its kind, then by the compiler's checks (expressions, vocabulary \
            names, capabilities, ids across files, and what generation could not compile). With \
            no path, the bundled spec/ is validated. Unknown keys, unknown names and parts that \
            cannot be compiled are warnings unless --strict; parts that are not used for a \
            reason that needs no action are counted as remarks (--remarks shows them).

            With --schema, every document of every file is checked against that JSON Schema.

            Diagnostics go to standard error as path:line:col: severity: message, with the \
            source line and a caret; --format json prints one JSON object on standard output \
            instead. The exit status is 0 when there is no error and 1 when there is one.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case human, json
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Validate the documents against this JSON Schema (2020-12) file instead of the spec.",
            valueName: "schema"))
    var schema: String?

    @Option(
        name: .customLong("schema-dir"),
        help: ArgumentHelp(
            "With --schema: a folder of further schema files, registered by their $id. Repeatable.",
            valueName: "dir"))
    var schemaDirectories: [String] = []

    @Option(
        name: .customLong("spec"),
        help: ArgumentHelp(
            "The spec folder whose schemas and vocabulary apply (default: the nearest spec/).",
            valueName: "dir"))
    var specDirectory: String?

    @Flag(name: .long, help: "Make keys the schema does not know errors instead of warnings.")
    var strict = false

    @Option(name: .long, help: "Output format: human (standard error) or json (standard output).")
    var format: OutputFormat = .human

    @Flag(name: .long, help: "Show the remarks: parts of the manifests that are not used, and why.")
    var remarks = false

    @Flag(name: .customLong("assert-formats"), help: "With --schema: check `format` instead of only annotating.")
    var assertFormats = false

    @Argument(help: ArgumentHelp("Files or folders to validate (default: the spec folder).", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if schema != nil, paths.isEmpty {
            throw ValidationError("give at least one document to validate against --schema")
        }
        if schema == nil, !schemaDirectories.isEmpty || assertFormats {
            throw ValidationError("--schema-dir and --assert-formats apply only with --schema")
        }
    }

    func run() throws {
        let outcome: (report: ValidationReport, sources: [SourceFile])
        if let schema {
            let job = SchemaValidation(
                schemaPath: schema, schemaDirectories: schemaDirectories, assertFormats: assertFormats)
            let result = job.run(paths: paths)
            outcome = (result.report, result.sources)
        } else {
            guard let directory = specDirectory ?? SpecBundle.locate() else {
                throw ValidationError("cannot find the spec folder; name it with --spec DIR")
            }
            let bundle: SpecBundle
            do {
                bundle = try SpecBundle(directory: directory, strict: strict)
            } catch {
                let diagnostic = Diagnostic(
                    severity: .error, message: "cannot load the spec's schemas: \(error)", path: directory)
                ReportPrinter(format: format == .json ? .json : .human).print(
                    ValidationReport(files: [FileReport(path: directory, diagnostics: [diagnostic])]), sources: [])
                throw ExitCode(1)
            }
            let result = ManifestValidation(spec: bundle).run(paths: paths.isEmpty ? [directory] : paths)
            outcome = (result.report, result.sources)
        }
        ReportPrinter(format: format == .json ? .json : .human, showsRemarks: remarks).print(
            outcome.report, sources: outcome.sources)
        if outcome.report.errorCount > 0 {
            throw ExitCode(1)
        }
    }
}
