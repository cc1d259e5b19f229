import LocatedYAML

/// Decodes a model registry document (the map form `models: {id: {...}}` or the list form
/// `models: [{id: ...}]`) into `RegisteredModel`s, once.
struct RegistryDecoder {
    let vocabulary: Vocabulary
    let path: String

    func decode(_ root: YAMLNode, into diagnostics: inout Diagnostics) -> [RegisteredModel] {
        let document = NodeCursor(root)
        let fileProvider = document["provider"]?.string
        var entries: [(id: Located<String>, node: NodeCursor)] = []
        if let models = document["models"], models.node.entries != nil {
            entries = models.entries.map { ($0.key, $0.value) }
        } else {
            entries = (document["models"]?.items ?? []).compactMap { item in item["id"]?.string.map { ($0, item) } }
        }
        return entries.compactMap { id, node in
            // The schema reports an entry that names no provider.
            guard let provider = node["provider"]?.string ?? fileProvider else { return nil }
            let pricing = node["pricing"]
            return RegisteredModel(
                path: path, id: id, provider: provider,
                displayName: node["display_name"]?.string?.value,
                contextWindow: node["context_window"]?.integer?.value,
                maxOutputTokens: node["max_output_tokens"]?.integer?.value,
                capabilities: (node["capabilities"]?.items ?? []).compactMap { item in
                    item.string.flatMap {
                        vocabulary.resolve($0, as: .capability, path: path, into: &diagnostics)?.value
                    }
                },
                inputPrice: price(pricing, perMillion: "input_per_1m", perToken: "input_per_token"),
                outputPrice: price(pricing, perMillion: "output_per_1m", perToken: "output_per_token"),
                cachedInputPrice: pricing?["cache_hit_input_per_1m"]?.number,
                currency: pricing?["currency"]?.string?.value,
                status: node["status"]?.string.flatMap {
                    vocabulary.resolve($0, as: .modelStatus, path: path, into: &diagnostics)?.value
                })
        }
    }

    /// A price per million tokens, from the v2 key or v1's price per token.
    private func price(_ pricing: NodeCursor?, perMillion: String, perToken: String) -> Double? {
        if let value = pricing?[perMillion]?.number { return value }
        guard let value = pricing?[perToken]?.number else { return nil }
        // 0.000012 × 1e6 is 11.999999999999998 in binary: round away the conversion's error.
        return (value * 1_000_000 * 1e6).rounded() / 1e6
    }
}
