import JSONSchemaValidation
import LocatedYAML

/// `protocolc validate [PATH...]`: checks provider manifests, model registries, vocabulary files
/// and the spec's own schemas, each against the schema of its kind, then the semantic checks the
/// schema cannot express, then the checks across files.
public struct ManifestValidation: Sendable {
    /// The spec whose schemas and vocabulary apply.
    public var spec: SpecBundle
    /// Limits for reading each file.
    public var limits: YAMLReader.Limits

    /// Creates a validation run.
    public init(spec: SpecBundle, limits: YAMLReader.Limits = .init()) {
        self.spec = spec
        self.limits = limits
    }

    /// What a run found, and the files it read (for source excerpts).
    public struct Outcome: Sendable {
        /// The diagnostics, file by file, with provider and model counts.
        public var report: ValidationReport
        /// The files read.
        public var sources: [SourceFile]
    }

    /// Validates every file of `paths` (folders are searched for `.yaml`, `.yml` and `.json`).
    public func run(paths: [String]) -> Outcome {
        let vocabulary = Vocabulary(specDirectory: spec.directory)
        var registry = CrossFileRegistry()
        var files: [FileReport] = []
        var sources: [SourceFile] = []
        for path in InputFiles.expand(paths) {
            let source: SourceFile
            do {
                source = try SourceFile.read(atPath: path)
            } catch {
                files.append(FileReport(path: path, diagnostics: [error]))
                continue
            }
            sources.append(source)
            files.append(
                FileReport(
                    path: path, diagnostics: check(source, vocabulary: vocabulary, registry: &registry)))
        }
        registry.addBundledProviders(specDirectory: spec.directory, limits: limits)
        for diagnostic in registry.diagnostics() {
            guard let index = files.firstIndex(where: { $0.path == diagnostic.path }) else { continue }
            files[index].diagnostics.append(diagnostic)
        }
        for index in files.indices {
            files[index].diagnostics.sort { ($0.range?.start.offset ?? -1) < ($1.range?.start.offset ?? -1) }
        }
        return Outcome(
            report: ValidationReport(
                files: files, manifestCounts: (registry.providerCount, registry.modelCount)),
            sources: sources)
    }

    private func check(_ source: SourceFile, vocabulary: Vocabulary, registry: inout CrossFileRegistry)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader(limits: limits).read(source.bytes)
        } catch {
            for yamlError in error.errors {
                var diagnostic = Diagnostic.from(yamlError, path: source.path)
                if yamlError.kind == .repeatedKey { diagnostic.severity = .warning }
                diagnostics.append(diagnostic)
            }
            documents = error.documents
        }
        for document in documents {
            let root = document.root
            guard let kind = DocumentKind.recognise(root) else {
                diagnostics.append(
                    Diagnostic(
                        severity: .error,
                        message:
                            "unrecognised document: expected a mapping (a provider manifest, a model registry, a vocabulary file or a JSON Schema)",
                        path: source.path, range: root.range))
                continue
            }
            let result = spec.validator(for: kind).validate(root)
            diagnostics += result.errors.map {
                SchemaDiagnostics.diagnostic(for: $0, severity: .error, path: source.path, document: root)
            }
            diagnostics += result.warnings.map {
                SchemaDiagnostics.diagnostic(for: $0, severity: .warning, path: source.path, document: root)
            }
            switch kind {
            case .providerV1, .providerV2:
                diagnostics += ExpressionChecks.check(root, source: source)
                diagnostics += PatternChecks.check(root, path: source.path)
                diagnostics += CapabilityChecks.check(
                    root, path: source.path, vocabulary: vocabulary, strict: spec.strict)
                diagnostics += AliasNotes.check(root, path: source.path, vocabulary: vocabulary)
                registry.addProvider(root, path: source.path)
            case .modelRegistry:
                registry.addModels(root, path: source.path)
            case .vocabulary, .jsonSchema:
                break
            }
        }
        return diagnostics
    }
}
