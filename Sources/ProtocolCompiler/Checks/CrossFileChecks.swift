import LocatedYAML

/// What must hold across files: provider ids are unique within a protocol generation (a v1 and
/// a v2 manifest may describe the same provider), model ids are unique per provider, and every
/// model names a provider that a manifest defines.
enum CrossFileChecks {
    /// - Parameter bundledProviders: ids of the bundled spec's providers, which models checked
    ///   without their manifest may name.
    static func check(
        _ manifests: [ProviderManifest], _ models: [RegisteredModel], bundledProviders: Set<String>,
        into diagnostics: inout Diagnostics
    ) {
        var firstByID: [String: ProviderManifest] = [:]
        for manifest in manifests {
            let key = "\(manifest.generation):\(manifest.id.value)"
            guard let first = firstByID[key] else {
                firstByID[key] = manifest
                continue
            }
            diagnostics.error(
                "provider id \"\(manifest.id.value)\" is already defined by the \(manifest.generation) manifest \(first.path); give each provider its own id",
                path: manifest.path, range: manifest.id.range,
                notes: [
                    Diagnostic(
                        severity: .note, message: "\"\(manifest.id.value)\" is first defined here", path: first.path,
                        range: first.id.range)
                ])
        }
        let known = Set(manifests.map(\.id.value)).union(bundledProviders)
        var seen: [String: RegisteredModel] = [:]
        var reportedProviders: Set<String> = []
        for model in models {
            let key = model.provider.value + "/" + model.id.value
            if let first = seen[key] {
                diagnostics.error(
                    "model \"\(key)\" is already defined in \(first.path); remove one of them", path: model.path,
                    range: model.id.range,
                    notes: [
                        Diagnostic(
                            severity: .note, message: "\"\(key)\" is first defined here", path: first.path,
                            range: first.id.range)
                    ])
            } else {
                seen[key] = model
            }
            let place = "\(model.path):\(model.provider.range.start.offset)"
            guard !known.contains(model.provider.value), reportedProviders.insert(place).inserted else { continue }
            var notes: [Diagnostic] = []
            if let suggestion = Suggestion.nearest(to: model.provider.value, in: known) {
                notes.append(
                    Diagnostic(
                        severity: .note, message: "did you mean \"\(suggestion)\"?", path: model.path,
                        range: model.provider.range))
            }
            diagnostics.leftOut(
                "model \"\(model.id.value)\" names provider \"\(model.provider.value)\", which no manifest defines",
                consequence: "its models are not compiled", path: model.path, range: model.provider.range,
                notes: notes)
        }
    }
}
