/// A declared capability must come with what it needs, as `spec/vocabulary/capabilities.yaml`
/// says: streaming a decoder, tools a way to read tool calls, embeddings an endpoint. A warning by
/// default (upstream's test fixtures declare capabilities they do not describe), an error under
/// `--strict`.
enum CapabilityChecks {
    static func check(_ manifest: ProviderManifest, vocabulary: Vocabulary, into diagnostics: inout Diagnostics) {
        let requirements = vocabulary.capabilityRequirements
        for capability in manifest.capabilities {
            guard let requirement = requirements[capability.value],
                !requirement.anyOf.contains(where: manifest.outline.contains)
            else { continue }
            diagnostics.append(
                Diagnostic(
                    severity: diagnostics.strictness.leftOut,
                    message:
                        "capability \"\(capability.value)\" needs \(requirement.hint); add it or remove the capability",
                    path: manifest.path, range: capability.range))
        }
    }
}
