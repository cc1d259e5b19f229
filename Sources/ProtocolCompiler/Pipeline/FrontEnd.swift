import Foundation
import JSONSchemaValidation
import LocatedYAML

/// The compiler's front half, which `validate` and `generate` share:
///
/// read (files → YAML documents of known kinds) → validate (each against the schema of its
/// kind) → model (`ProviderManifest`s and `RegisteredModel`s) → check (capabilities, ids across
/// files) → lower (`ProviderPlan`s).
///
/// Each stage is a function of what the previous one produced; all report to one `Diagnostics`.
struct FrontEnd {
    let spec: SpecBundle
    let limits: YAMLReader.Limits

    /// What the front half produced.
    struct Result {
        /// The files read, for source excerpts.
        var sources: [SourceFile] = []
        /// The paths the run was given, expanded, in order (every file gets a report).
        var paths: [String] = []
        var manifests: [ProviderManifest] = []
        var models: [RegisteredModel] = []
        /// The plans of the manifests that could be lowered, in manifest order.
        var plans: [(plan: ProviderPlan, manifest: ProviderManifest)] = []
        var providerDocuments = 0
        var diagnostics: Diagnostics
    }

    func run(paths: [String]) -> Result {
        let vocabulary = Vocabulary(specDirectory: spec.directory)
        var result = Result(diagnostics: Diagnostics(strictness: spec.strict ? .strict : .lenient))
        var schemaErrors: [(error: ValidationError, diagnostic: Diagnostic)] = []
        var modelDiagnostics = Diagnostics(strictness: result.diagnostics.strictness)
        for path in InputFiles.expand(paths) {
            result.paths.append(path)
            guard let (source, documents) = read(path, into: &result.diagnostics) else { continue }
            result.sources.append(source)
            for document in documents {
                guard let kind = recognise(document.root, path: path, into: &result.diagnostics) else { continue }
                if let validator = spec.validator(for: kind) {
                    let outcome = validator.validate(document.root)
                    for error in outcome.errors {
                        schemaErrors.append(
                            (
                                error,
                                SchemaDiagnostics.diagnostic(
                                    for: error, severity: .error, path: path, document: document.root)
                            ))
                    }
                    result.diagnostics.append(
                        contentsOf: outcome.warnings.map {
                            SchemaDiagnostics.diagnostic(
                                for: $0, severity: .warning, path: path, document: document.root)
                        })
                }
                switch kind {
                case .providerV1, .providerV2:
                    result.providerDocuments += 1
                    let decoder = ManifestDecoder(vocabulary: vocabulary, source: source)
                    if let manifest = decoder.decode(
                        document.root, generation: kind == .providerV1 ? .v1 : .v2, into: &modelDiagnostics)
                    {
                        result.manifests.append(manifest)
                    }
                case .modelRegistry:
                    result.models += RegistryDecoder(vocabulary: vocabulary, path: path).decode(
                        document.root, into: &modelDiagnostics)
                case .providerContract, .specification:
                    result.diagnostics.remark(
                        "a \(kind.rawValue) is recognised but not checked: spec/ has no schema for it, and nothing is compiled from it",
                        path: path, range: document.root.range)
                case .vocabulary, .jsonSchema:
                    break
                }
            }
        }
        result.diagnostics.append(
            contentsOf: OpenVocabulary.merge(
                schemaErrors: schemaErrors, modelDiagnostics: modelDiagnostics.all,
                strictness: result.diagnostics.strictness))
        result.diagnostics.append(contentsOf: modelDiagnostics.all)

        for manifest in result.manifests {
            CapabilityChecks.check(manifest, vocabulary: vocabulary, into: &result.diagnostics)
        }
        CrossFileChecks.check(
            result.manifests, result.models, bundledProviders: bundledProviderIDs(), into: &result.diagnostics)

        for manifest in result.manifests {
            let lowering = ProviderLowering(
                vocabulary: vocabulary, sourceName: Self.sourceName(manifest.path, spec: spec.directory))
            // A model defined twice was reported by the cross-file checks; the first counts.
            var seen: Set<String> = []
            let models = result.models.filter {
                $0.provider.value == manifest.id.value && seen.insert($0.id.value).inserted
            }
            if let plan = lowering.lower(manifest, models: models, into: &result.diagnostics) {
                result.plans.append((plan, manifest))
            }
        }
        return result
    }

    /// The file and its YAML documents; what cannot be read is reported. Documents of a file
    /// with a recoverable error (a key repeated with the same value) are still returned.
    private func read(_ path: String, into diagnostics: inout Diagnostics) -> (SourceFile, [YAMLDocument])? {
        let source: SourceFile
        do {
            source = try SourceFile.read(atPath: path)
        } catch {
            diagnostics.append(error)
            return nil
        }
        do {
            return (source, try YAMLReader(limits: limits).read(source.bytes))
        } catch {
            for yamlError in error.errors {
                var diagnostic = Diagnostic.from(yamlError, path: path)
                if yamlError.kind == .repeatedKey { diagnostic.severity = .warning }
                diagnostics.append(diagnostic)
            }
            return (source, error.documents)
        }
    }

    private func recognise(_ root: YAMLNode, path: String, into diagnostics: inout Diagnostics) -> DocumentKind? {
        guard let kind = DocumentKind.recognise(root) else {
            diagnostics.error(
                "unrecognised document: expected a mapping (a provider manifest, a model registry, a vocabulary file or a JSON Schema)",
                path: path, range: root.range)
            return nil
        }
        return kind
    }

    /// The ids of the bundled providers, so that a registry checked on its own may name them.
    private func bundledProviderIDs() -> Set<String> {
        var ids: Set<String> = []
        for path in InputFiles.expand([spec.directory + "/providers"]) {
            guard let data = FileManager.default.contents(atPath: path),
                let root = try? YAMLReader(limits: limits).read([UInt8](data)).first?.root,
                let id = root["id"]?.string
            else { continue }
            ids.insert(id)
        }
        return ids
    }

    /// The manifest's path as a generated file's header names it: relative to the spec's parent
    /// when inside it, so the output does not depend on where the repository is checked out.
    static func sourceName(_ path: String, spec: String) -> String {
        let parent = (spec as NSString).deletingLastPathComponent
        if !parent.isEmpty, path.hasPrefix(parent + "/") { return String(path.dropFirst(parent.count + 1)) }
        if let range = path.range(of: "/spec/", options: .backwards) { return "spec/" + path[range.upperBound...] }
        return displayPath(path)
    }
}

extension FrontEnd.Result {
    /// The diagnostics, file by file in the order of the inputs, each file's in source order.
    var report: ValidationReport {
        var byPath: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics.all { byPath[diagnostic.path, default: []].append(diagnostic) }
        var files = paths.map { FileReport(path: $0, diagnostics: byPath.removeValue(forKey: $0) ?? []) }
        // Diagnostics about files that were not inputs (a note at a first definition elsewhere).
        for (path, diagnostics) in byPath.sorted(by: { $0.key < $1.key }) {
            files.append(FileReport(path: path, diagnostics: diagnostics))
        }
        for index in files.indices {
            files[index].diagnostics = files[index].diagnostics.enumerated().sorted {
                let left = $0.element.range?.start.offset ?? -1
                let right = $1.element.range?.start.offset ?? -1
                return left != right ? left < right : $0.offset < $1.offset
            }.map(\.element)
        }
        return ValidationReport(files: files, manifestCounts: (providerDocuments, models.count))
    }
}
