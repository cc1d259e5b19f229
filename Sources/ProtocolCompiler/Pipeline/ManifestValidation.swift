import LocatedYAML

/// `protocolc validate [PATH...]`: checks provider manifests, model registries, vocabulary files
/// and the spec's own schemas, each against the schema of its kind, then everything a schema
/// cannot say, through the compiler's front half (model, checks and lowering), so that what
/// `generate` would leave out is reported here too.
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
        let result = FrontEnd(spec: spec, limits: limits).run(paths: paths)
        return Outcome(report: result.report, sources: result.sources)
    }
}
