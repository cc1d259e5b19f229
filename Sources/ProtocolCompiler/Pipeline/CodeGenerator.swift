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

    /// Generates code for the manifests and registries in `paths`, laid out as `options` say.
    public func generate(paths: [String], options: GenerationOptions = GenerationOptions()) -> Outcome {
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
        if options.providersOnly {
            diagnoseFileNameClashes(
                of: plans, manifests: typeNames, registryName: options.registryName, into: &result.diagnostics)
        }
        guard !result.diagnostics.hasErrors else {
            return Outcome(files: [], report: result.report, sources: result.sources)
        }
        var files: [GeneratedFile] = []
        if !options.providersOnly {
            files += VocabularyGenerator(vocabulary: Vocabulary(specDirectory: spec.directory)).files()
        }
        for plan in plans {
            let path =
                options.providersOnly
                ? GenerationOptions.providerFileName(forManifest: plan.source)
                : "\(Self.providersModule)/\(plan.typeName).swift"
            let contents = options.advising(
                options.declaringAccess(options.addingImports(ProviderRenderer(plan: plan).render())))
            files.append(GeneratedFile(path: path, contents: contents))
        }
        if !plans.isEmpty {
            var registry = RegistryRenderer(plans: plans, typeName: options.registryName).file()
            if options.providersOnly { registry.path = "\(options.registryName).swift" }
            registry.contents = options.advising(options.declaringAccess(registry.contents))
            files.append(registry)
        }
        files.sort { $0.path < $1.path }
        return Outcome(files: files, report: result.report, sources: result.sources)
    }

    /// In the flat layout, two manifests with the same file name (in different folders), or one
    /// named like the registry, would write the same file.
    private func diagnoseFileNameClashes(
        of plans: [ProviderPlan], manifests: [String: ProviderManifest], registryName: String,
        into diagnostics: inout Diagnostics
    ) {
        var sources: [String: String] = ["\(registryName).swift": "the registry \(registryName)"]
        for plan in plans {
            let name = GenerationOptions.providerFileName(forManifest: plan.source)
            if let other = sources[name] {
                diagnostics.error(
                    "the manifest's generated file \(name) clashes with that of \(other); rename one of the files",
                    path: plan.source, range: manifests[plan.typeName]?.id.range)
            } else {
                sources[name] = plan.source
            }
        }
    }
}
