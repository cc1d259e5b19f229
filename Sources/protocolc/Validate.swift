import ArgumentParser
import ProtocolCompiler

/// `protocolc validate --schema SCHEMA DOC...`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate YAML or JSON documents against a JSON Schema.",
        discussion: """
            Every document of every file is checked. Diagnostics go to standard error as \
            path:line:col: severity: message, with the source line and a caret; --format json \
            prints one JSON object on standard output instead. The exit status is 0 when no \
            document has an error and 1 when one does.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case human, json
    }

    @Option(name: .long, help: ArgumentHelp("The JSON Schema (2020-12) file to validate against.", valueName: "schema"))
    var schema: String

    @Option(
        name: .customLong("schema-dir"),
        help: ArgumentHelp(
            "A folder of further schema files, registered by their $id for references. Repeatable.",
            valueName: "dir"))
    var schemaDirectories: [String] = []

    @Option(name: .long, help: "Output format: human (standard error) or json (standard output).")
    var format: OutputFormat = .human

    @Flag(name: .customLong("assert-formats"), help: "Check the `format` keyword instead of only annotating.")
    var assertFormats = false

    @Argument(help: ArgumentHelp("The YAML or JSON files to validate.", valueName: "doc"))
    var documents: [String]

    func validate() throws {
        guard !documents.isEmpty else {
            throw ValidationError("give at least one document to validate")
        }
    }

    func run() throws {
        let job = SchemaValidation(
            schemaPath: schema, schemaDirectories: schemaDirectories, assertFormats: assertFormats)
        let outcome = job.run(paths: documents)
        ReportPrinter(format: format == .json ? .json : .human).print(outcome.report, sources: outcome.sources)
        if outcome.report.errorCount > 0 {
            throw ExitCode(1)
        }
    }
}
