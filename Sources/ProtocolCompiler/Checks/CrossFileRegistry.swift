import Foundation
import LocatedYAML

/// What must hold across files: provider ids and model ids are unique, and every model names a
/// provider that exists.
struct CrossFileRegistry {
    private struct Definition {
        let path: String
        let range: SourceRange
    }

    private struct ModelReference {
        let provider: String
        let id: String
        let definition: Definition
        /// The node naming the provider (the entry's `provider`, or the file's).
        let providerRange: SourceRange
    }

    private var providers: [String: Definition] = [:]
    private var duplicateProviders: [(id: String, second: Definition, first: Definition)] = []
    private var models: [ModelReference] = []
    /// Providers of the bundled spec that were not part of the run: models may name them.
    private var bundledProviders: Set<String> = []
    private(set) var providerCount = 0

    var modelCount: Int { models.count }

    mutating func addProvider(_ root: YAMLNode, path: String) {
        providerCount += 1
        guard let idNode = root["id"], let id = idNode.string else { return }
        let definition = Definition(path: path, range: idNode.range)
        if let first = providers[id] {
            duplicateProviders.append((id, definition, first))
        } else {
            providers[id] = definition
        }
    }

    mutating func addModels(_ root: YAMLNode, path: String) {
        let fileProvider = root["provider"]
        let models = root["models"]
        var entries: [(id: String, idRange: SourceRange, entry: YAMLNode)] = []
        if let mapping = models?.entries {
            entries = mapping.compactMap { item in
                item.key.keyText.map { ($0, item.key.range, item.value) }
            }
        } else if let list = models?.items {
            entries = list.compactMap { entry in
                guard let idNode = entry["id"], let id = idNode.string else { return nil }
                return (id, idNode.range, entry)
            }
        }
        for (id, idRange, entry) in entries {
            guard let providerNode = entry["provider"] ?? fileProvider, let provider = providerNode.string else {
                continue
            }
            self.models.append(
                ModelReference(
                    provider: provider, id: id, definition: Definition(path: path, range: idRange),
                    providerRange: providerNode.range))
        }
    }

    /// Reads the ids of the bundled providers, so that a registry checked on its own may name
    /// them.
    mutating func addBundledProviders(specDirectory: String, limits: YAMLReader.Limits) {
        for path in InputFiles.expand([specDirectory + "/providers"]) {
            guard let data = FileManager.default.contents(atPath: path),
                let root = try? YAMLReader(limits: limits).read([UInt8](data)).first?.root,
                let id = root["id"]?.string
            else { continue }
            bundledProviders.insert(id)
        }
    }

    func diagnostics() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (id, second, first) in duplicateProviders {
            diagnostics.append(
                Diagnostic(
                    severity: .error,
                    message: "provider id \"\(id)\" is already defined in \(first.path); give each provider its own id",
                    path: second.path, range: second.range,
                    notes: [
                        Diagnostic(
                            severity: .note, message: "\"\(id)\" is first defined here", path: first.path,
                            range: first.range)
                    ]))
        }
        var seen: [String: Definition] = [:]
        var reportedProviderNodes: Set<String> = []
        let known = Set(providers.keys).union(bundledProviders)
        for model in models {
            let key = model.provider + "/" + model.id
            if let first = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        severity: .error,
                        message: "model \"\(key)\" is already defined in \(first.path); remove one of them",
                        path: model.definition.path, range: model.definition.range,
                        notes: [
                            Diagnostic(
                                severity: .note, message: "\"\(key)\" is first defined here", path: first.path,
                                range: first.range)
                        ]))
            } else {
                seen[key] = model.definition
            }
            let providerNode = "\(model.definition.path):\(model.providerRange.start.offset)"
            if !known.contains(model.provider), reportedProviderNodes.insert(providerNode).inserted {
                var diagnostic = Diagnostic(
                    severity: .error,
                    message: "model \"\(model.id)\" names provider \"\(model.provider)\", which no manifest defines",
                    path: model.definition.path, range: model.providerRange)
                if let suggestion = Suggestion.nearest(to: model.provider, in: known) {
                    diagnostic.notes.append(
                        Diagnostic(
                            severity: .note, message: "did you mean \"\(suggestion)\"?", path: model.definition.path,
                            range: model.providerRange))
                }
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics
    }
}
