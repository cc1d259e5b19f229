import Foundation
import LocatedYAML

/// `protocolc generate`: the front half (read, validate, model, check, lower), then the back
/// half: the vocabulary module, one Swift file per provider plan, and the registry of providers.
///
/// Generation is a pure function of the spec: the same input gives byte-identical files.
public struct CodeGenerator: Sendable {
    /// The module the providers are generated into.
    static let providersModule = "AIProviders"

    /// The spec whose schemas and vocabulary apply.
    public var spec: SpecBundle

    /// Creates a generator.
    public init(spec: SpecBundle) {
        self.spec = spec
    }

    /// What a generation produced: the files (none when anything is an error) and every
    /// diagnostic of the run, file by file.
    public struct Outcome: Sendable {
        /// The files to write below the output folder.
        public var files: [GeneratedFile]
        /// The diagnostics of every stage, and the provider and model counts.
        public var report: ValidationReport
        /// The files read, for source excerpts.
        public var sources: [SourceFile]
    }

    /// Generates code for the manifests and registries in `paths`.
    public func generate(paths: [String]) -> Outcome {
        var result = FrontEnd(spec: spec, limits: .init()).run(paths: paths)
        var plans: [ProviderPlan] = []
        var typeNames: [String: ProviderManifest] = [:]
        for manifest in result.manifests
        where !result.plans.contains(where: { $0.manifest.path == manifest.path && $0.manifest.id == manifest.id }) {
            // A manifest whose wire shape is unknown was left out by the lowering; code cannot be
            // generated without it.
            result.diagnostics.error(
                "provider \"\(manifest.id.value)\" cannot be generated: the payload format of its requests is unknown (see above)",
                path: manifest.path, range: manifest.id.range, pointer: manifest.id.pointer)
        }
        for (plan, manifest) in result.plans {
            if let first = typeNames[plan.typeName] {
                result.diagnostics.error(
                    "provider \"\(plan.id)\" becomes the Swift type \(plan.typeName), which another provider already is",
                    path: manifest.path, range: manifest.id.range,
                    notes: [
                        Diagnostic(
                            severity: .note, message: "that provider is defined here", path: first.path,
                            range: first.id.range)
                    ])
                continue
            }
            typeNames[plan.typeName] = manifest
            plans.append(plan)
        }
        guard !result.diagnostics.hasErrors else {
            return Outcome(files: [], report: result.report, sources: result.sources)
        }
        var files = VocabularyGenerator(vocabulary: Vocabulary(specDirectory: spec.directory)).files()
        for plan in plans {
            files.append(
                GeneratedFile(
                    path: "\(Self.providersModule)/\(plan.typeName).swift",
                    contents: ProviderRenderer(plan: plan).render()))
        }
        if !plans.isEmpty {
            files.append(RegistryRenderer(plans: plans).file())
        }
        files.sort { $0.path < $1.path }
        return Outcome(files: files, report: result.report, sources: result.sources)
    }
}
