import LocatedYAML

/// `protocolc generate`: validates the manifests, then renders the vocabulary module and one
/// Swift file per provider.
///
/// Generation is a pure function of the spec: the same input gives byte-identical files.
public struct CodeGenerator: Sendable {
    /// The spec whose schemas and vocabulary apply.
    public var spec: SpecBundle

    /// Creates a generator.
    public init(spec: SpecBundle) {
        self.spec = spec
    }

    /// What a generation produced: the files (none when validation found an error) and the
    /// validation outcome, whose diagnostics explain why.
    public struct Outcome: Sendable {
        /// The files to write below the output folder.
        public var files: [GeneratedFile]
        /// The validation of the inputs.
        public var validation: ManifestValidation.Outcome
    }

    /// Generates code for the manifests and registries in `paths`.
    public func generate(paths: [String]) -> Outcome {
        let validation = ManifestValidation(spec: spec).run(paths: paths)
        guard validation.report.errorCount == 0 else { return Outcome(files: [], validation: validation) }
        let vocabulary = Vocabulary(specDirectory: spec.directory)
        var files = VocabularyGenerator(vocabulary: vocabulary).files()
        files.sort { $0.path < $1.path }
        return Outcome(files: files, validation: validation)
    }
}
