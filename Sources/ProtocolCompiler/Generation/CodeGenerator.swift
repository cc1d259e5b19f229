import Foundation
import LocatedYAML

/// `protocolc generate`: validates the manifests, then renders the vocabulary module, one Swift
/// file per provider, and the registry of providers.
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

    /// What a generation produced: the files (none when validation or generation found an
    /// error), the validation outcome and generation's own diagnostics.
    public struct Outcome: Sendable {
        /// The files to write below the output folder.
        public var files: [GeneratedFile]
        /// The validation of the inputs.
        public var validation: ManifestValidation.Outcome
        /// Problems only generation finds, such as two models that get the same Swift name.
        public var diagnostics: [Diagnostic]
    }

    /// Generates code for the manifests and registries in `paths`.
    public func generate(paths: [String]) -> Outcome {
        let validation = ManifestValidation(spec: spec).run(paths: paths)
        guard validation.report.errorCount == 0 else {
            return Outcome(files: [], validation: validation, diagnostics: [])
        }
        let vocabulary = Vocabulary(specDirectory: spec.directory)
        var manifests: [(root: YAMLNode, source: SourceFile)] = []
        var models: [String: [ProviderLowering.RegistryModel]] = [:]
        for source in validation.sources {
            let documents = (try? YAMLReader().read(source.bytes)) ?? []
            for document in documents {
                switch DocumentKind.recognise(document.root) {
                case .providerV1?, .providerV2?:
                    manifests.append((document.root, source))
                case .modelRegistry?:
                    for model in Self.registryModels(document.root, path: source.path) {
                        models[model.provider, default: []].append(model.model)
                    }
                default:
                    break
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        var plans: [ProviderPlan] = []
        let lowering = ProviderLowering(vocabulary: vocabulary, models: models)
        var typeNames: [String: (path: String, range: SourceRange)] = [:]
        for (root, source) in manifests {
            let (plan, found) = lowering.lower(root, source: Self.sourceName(source.path, spec: spec.directory))
            diagnostics += found
            let range = root["id"]?.range ?? root.range
            if let first = typeNames[plan.typeName] {
                diagnostics.append(
                    Diagnostic(
                        severity: .error,
                        message:
                            "provider \"\(plan.id)\" becomes the Swift type \(plan.typeName), which another provider already is",
                        path: source.path, range: range,
                        notes: [
                            Diagnostic(
                                severity: .note, message: "that provider is defined here", path: first.path,
                                range: first.range)
                        ]))
                continue
            }
            typeNames[plan.typeName] = (source.path, range)
            plans.append(plan)
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Outcome(files: [], validation: validation, diagnostics: diagnostics)
        }
        var files = VocabularyGenerator(vocabulary: vocabulary).files()
        for plan in plans {
            files.append(
                GeneratedFile(
                    path: "\(Self.providersModule)/\(plan.typeName).swift",
                    contents: ProviderRenderer(plan: plan).render()))
        }
        if !plans.isEmpty {
            files.append(RegistryRenderer(plans: plans, manifests: manifests.map(\.root)).file())
        }
        files.sort { $0.path < $1.path }
        return Outcome(files: files, validation: validation, diagnostics: diagnostics)
    }

    /// The models of a registry document, with their provider.
    static func registryModels(_ root: YAMLNode, path: String) -> [(
        provider: String, model: ProviderLowering.RegistryModel
    )] {
        let fileProvider = root["provider"]?.string
        var found: [(String, ProviderLowering.RegistryModel)] = []
        if let entries = root["models"]?.entries {
            for entry in entries {
                guard let id = entry.key.keyText, let provider = entry.value["provider"]?.string ?? fileProvider else {
                    continue
                }
                found.append((provider, .init(id: id, node: entry.value, range: entry.key.range, path: path)))
            }
        } else {
            for item in root["models"]?.items ?? [] {
                guard let idNode = item["id"], let id = idNode.string,
                    let provider = item["provider"]?.string ?? fileProvider
                else { continue }
                found.append((provider, .init(id: id, node: item, range: idNode.range, path: path)))
            }
        }
        return found
    }

    /// The manifest's path as the header names it: relative to the spec's parent when inside it,
    /// so the output does not depend on where the repository is checked out.
    static func sourceName(_ path: String, spec: String) -> String {
        let parent = (spec as NSString).deletingLastPathComponent
        if !parent.isEmpty, path.hasPrefix(parent + "/") { return String(path.dropFirst(parent.count + 1)) }
        if let range = path.range(of: "/spec/", options: .backwards) { return "spec/" + path[range.upperBound...] }
        return displayPath(path)
    }
}
