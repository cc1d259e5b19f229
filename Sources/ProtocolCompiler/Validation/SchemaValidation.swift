import JSONSchemaValidation
import LocatedYAML

/// Validates arbitrary YAML or JSON documents against one JSON Schema file: the generic mode of
/// `protocolc validate --schema`.
public struct SchemaValidation: Sendable {
    /// The schema file to validate against.
    public var schemaPath: String
    /// Further folders whose schema files are registered by `$id` for references.
    public var schemaDirectories: [String]
    /// Whether `format` is checked (an assertion) instead of only annotated.
    public var assertFormats: Bool
    /// Limits for reading the documents.
    public var limits: YAMLReader.Limits

    /// Creates a validation job.
    public init(
        schemaPath: String, schemaDirectories: [String] = [], assertFormats: Bool = false,
        limits: YAMLReader.Limits = .init()
    ) {
        self.schemaPath = schemaPath
        self.schemaDirectories = schemaDirectories
        self.assertFormats = assertFormats
        self.limits = limits
    }

    /// The outcome of a run: the report, and the sources its diagnostics quote.
    public struct Outcome: Sendable {
        /// What was found, file by file.
        public var report: ValidationReport
        /// The files read, for rendering source excerpts.
        public var sources: [SourceFile]
    }

    /// Validates every document of every file in `paths`.
    ///
    /// A schema that cannot be loaded is reported against the schema file and no document is
    /// checked; a document that cannot be read or parsed is an error for that file alone.
    public func run(paths: [String]) -> Outcome {
        var sources: [SourceFile] = []
        let validator: JSONSchemaValidator
        do {
            validator = try loadValidator()
        } catch {
            let diagnostic = Diagnostic.from(error, fallbackPath: schemaPath)
            if let source = try? SourceFile.read(atPath: diagnostic.path) { sources.append(source) }
            return Outcome(
                report: ValidationReport(files: [FileReport(path: diagnostic.path, diagnostics: [diagnostic])]),
                sources: sources)
        }
        var files: [FileReport] = []
        for path in paths {
            let source: SourceFile
            do {
                source = try SourceFile.read(atPath: path)
            } catch {
                files.append(FileReport(path: path, diagnostics: [error]))
                continue
            }
            sources.append(source)
            files.append(FileReport(path: path, diagnostics: validate(source, with: validator)))
        }
        return Outcome(report: ValidationReport(files: files), sources: sources)
    }

    private func loadValidator() throws(SchemaLoadError) -> JSONSchemaValidator {
        var registry = SchemaRegistry()
        for directory in schemaDirectories {
            try registry.registerSchemaDirectory(atPath: directory)
        }
        let uri = try registry.loadSchemaFile(atPath: schemaPath)
        return try JSONSchemaValidator(
            schemaURI: uri, registry: registry, options: ValidationOptions(assertFormats: assertFormats))
    }

    private func validate(_ source: SourceFile, with validator: JSONSchemaValidator) -> [Diagnostic] {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader(limits: limits).read(source.bytes)
        } catch {
            return error.errors.map { Diagnostic.from($0, path: source.path) }
        }
        if documents.isEmpty {
            return [Diagnostic(severity: .warning, message: "the file holds no document", path: source.path)]
        }
        return documents.flatMap { document in
            let result = validator.validate(document.root)
            return result.errors.map { Diagnostic.from($0, severity: .error, path: source.path) }
                + result.warnings.map { Diagnostic.from($0, severity: .warning, path: source.path) }
        }
        .sorted { ($0.range?.start.offset ?? 0) < ($1.range?.start.offset ?? 0) }
    }
}

extension Diagnostic {
    /// The diagnostic for a schema violation.
    static func from(_ error: ValidationError, severity: Severity, path: String) -> Diagnostic {
        Diagnostic(
            severity: severity, message: error.message, path: path, range: error.range,
            pointer: error.instancePointer, schemaPointer: error.keywordLocation)
    }

    /// The diagnostic for a schema that could not be loaded, naming the schema file as the user
    /// would: relative to the current folder when it is inside it.
    static func from(_ error: SchemaLoadError, fallbackPath: String) -> Diagnostic {
        let path = error.filePath.map(displayPath) ?? fallbackPath
        if let yamlError = error.yamlErrors.first {
            return Diagnostic.from(yamlError, path: path)
        }
        return Diagnostic(severity: .error, message: error.message, path: path, range: error.range)
    }
}
