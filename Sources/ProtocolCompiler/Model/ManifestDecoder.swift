import JSONSchemaValidation
import LocatedYAML

/// Decodes a provider manifest's node tree into a `ProviderManifest`, once: v1 and v2 unified,
/// vocabulary names resolved, expressions and paths parsed.
///
/// Runs after schema validation, on documents whose shapes the schema has already judged: a
/// value of the wrong type is skipped here because the schema reported it. What this stage
/// reports itself is what a schema cannot say: expression syntax, vocabulary names and their
/// aliases, regular expressions, and places where two spellings of one thing disagree.
struct ManifestDecoder {
    let vocabulary: Vocabulary
    let source: SourceFile

    var path: String { source.path }

    /// The manifest, or `nil` when it has no id (the schema reports that).
    func decode(
        _ root: YAMLNode, generation: ProviderManifest.Generation, into diagnostics: inout Diagnostics
    ) -> ProviderManifest? {
        let document = NodeCursor(root)
        guard let id = document.first("id", "provider_id")?.string else { return nil }
        let endpoint = document["endpoint"]
        return ProviderManifest(
            path: path,
            generation: generation,
            range: root.range,
            id: id,
            displayName: document["name"]?.string?.value ?? id.value,
            summary: document["description"]?.string?.value,
            aliases: document["aliases"]?.strings ?? [],
            baseURL: (endpoint?["base_url"] ?? document.first("base_url", "base_url_template"))?.string,
            auth: auth(endpoint?["auth"] ?? document["auth"], document: document),
            timeoutMilliseconds: endpoint?["timeout_ms"]?.integer,
            endpoints: endpoints(document, into: &diagnostics),
            payloadFormat: document["payload_format"]?.string,
            capabilities: capabilities(document["capabilities"], into: &diagnostics),
            mediaInputs: mediaInputs(document["multimodal"]?["input"]),
            parameters: parameters(document, into: &diagnostics),
            streaming: streaming(document["streaming"], into: &diagnostics),
            termination: termination(document["termination"], into: &diagnostics),
            errors: errorClassification(document, into: &diagnostics),
            retry: retryPolicy(document["retry_policy"], into: &diagnostics),
            rateLimitHeaders: (document["rate_limit_headers"]?.entries ?? []).compactMap { entry in
                entry.value.string.map { ProviderManifest.RateLimitHeader(field: entry.key, header: $0) }
            },
            responsePaths: responsePaths(document, into: &diagnostics),
            outline: DocumentOutline(root),
            tooling: document["tooling"].map { Located("tooling", range: $0.range, pointer: $0.pointer) },
            reasoningField: document["tooling"]?["reasoning_field"]?.string)
    }

    // MARK: Identity and transport

    private func auth(_ node: NodeCursor?, document: NodeCursor) -> ProviderManifest.Auth {
        ProviderManifest.Auth(
            kind: node?["type"]?.string,
            header: node?.first("header", "header_name")?.string,
            prefix: node?["prefix"]?.string,
            queryParameter: node?["param_name"]?.string,
            keyVariables: ["token_env", "key_env"].compactMap { node?[$0]?.string },
            extraHeaders: (node?["extra_headers"]?.items ?? []).compactMap { header in
                guard let name = header["name"]?.string, let value = header["value"]?.string else { return nil }
                return ProviderManifest.Header(name: name, value: value)
            },
            range: node?.range ?? document.range)
    }

    /// The endpoints of every spelling (`endpoint.chat`, `chat_path`, `endpoints.*`,
    /// `services.*`), one per operation, in the order first declared.
    private func endpoints(_ document: NodeCursor, into diagnostics: inout Diagnostics)
        -> [ProviderManifest.Endpoint]
    {
        var found: [ProviderManifest.Endpoint] = []
        func add(_ name: Located<String>, _ node: NodeCursor) {
            let role = Self.role(of: name.value)
            var unsupported = ["headers", "query_params"].compactMap { key in
                node[key].map { Located(key, range: $0.range, pointer: $0.pointer) }
            }
            if let encoding = node["request_encoding"]?.string, encoding.value != "json" {
                unsupported.append(encoding.map { "request_encoding \($0)" })
            }
            let entry = ProviderManifest.Endpoint(
                role: role, name: name, path: node.string ?? node["path"]?.string ?? name.map { _ in "" },
                method: node["method"]?.string, adapter: node["adapter"]?.string,
                responseBinding: node["response_binding"]?.string, unsupported: unsupported)
            if let binding = node["response_binding"] { _ = path(binding, into: &diagnostics) }
            guard entry.path.value != "" else { return }
            guard let index = found.firstIndex(where: { $0.role == role }) else {
                found.append(entry)
                return
            }
            // A second declaration of the same operation adds what the first lacks; a path that
            // disagrees is reported, since one of the two cannot be used.
            var merged = found[index]
            if merged.path.value != entry.path.value {
                diagnostics.leftOut(
                    "\(entry.name.pointer) is \"\(entry.path.value)\" but \(merged.name.pointer) is \"\(merged.path.value)\"",
                    consequence: "\"\(entry.path.value)\" is not used", path: path, range: entry.path.range,
                    pointer: entry.path.pointer)
            }
            merged.method = merged.method ?? entry.method
            merged.adapter = merged.adapter ?? entry.adapter
            merged.responseBinding = merged.responseBinding ?? entry.responseBinding
            merged.unsupported += entry.unsupported
            found[index] = merged
        }
        for (name, node) in document["endpoint"]?.entries ?? []
        where !["base_url", "protocol", "timeout_ms", "auth"].contains(name.value) {
            add(name, node)
        }
        if let chatPath = document["chat_path"] {
            add(Located("chat", range: chatPath.range, pointer: chatPath.pointer), chatPath)
        }
        for (name, node) in document["endpoints"]?.entries ?? [] { add(name, node) }
        for (name, node) in document["services"]?.entries ?? [] { add(name, node) }
        return found
    }

    /// The operation an endpoint name stands for.
    static func role(of name: String) -> ProviderManifest.Endpoint.Role {
        switch name {
        case "chat": .chat
        case "stream_chat": .streamChat
        case "embeddings": .embeddings
        case "list_models", "models": .listModels
        default: .other(name)
        }
    }

    private func capabilities(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> [Located<String>] {
        guard let node else { return [] }
        var declared: [Located<String>] = node.items.compactMap(\.string)
        for list in ["required", "optional"] { declared += node[list]?.items.compactMap(\.string) ?? [] }
        // v1 flags: `streaming: true`. A `false` flag declares nothing.
        for (name, value) in node.entries where value.bool == true { declared.append(name) }
        var canonical: [Located<String>] = []
        for name in declared {
            guard let resolved = vocabulary.resolve(name, as: .capability, path: path, into: &diagnostics),
                !canonical.contains(where: { $0.value == resolved.value })
            else { continue }
            canonical.append(resolved)
        }
        return canonical
    }

    /// `document` when `multimodal.input` supports documents (or images with document
    /// understanding, as Gemini's do), `audio` when it supports audio.
    private func mediaInputs(_ input: NodeCursor?) -> [String] {
        guard let input else { return [] }
        var media: [String] = []
        if input["document"]?["supported"]?.bool == true || input["vision"]?["document_understanding"]?.bool == true {
            media.append("document")
        }
        if input["audio"]?["supported"]?.bool == true { media.append("audio") }
        return media
    }

    // MARK: Expressions and paths

    /// The parsed expression of a string node; a syntax error is reported at its column.
    func expression(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> Located<Expression>? {
        guard let node, let text = node.string else { return nil }
        do throws(ExpressionError) {
            return Located(try ExpressionParser.parseExpression(text.value), range: text.range, pointer: text.pointer)
        } catch {
            diagnostics.append(syntaxError(error, kind: "expression", node: node))
            return nil
        }
    }

    /// The parsed path of a string node; a syntax error is reported at its column.
    func path(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> Located<ValuePath>? {
        guard let node, let text = node.string else { return nil }
        do throws(ExpressionError) {
            return Located(try ExpressionParser.parsePath(text.value), range: text.range, pointer: text.pointer)
        } catch {
            diagnostics.append(syntaxError(error, kind: "path", node: node))
            return nil
        }
    }

    /// The parsed paths of a mapping's string values, by key.
    func paths(_ node: NodeCursor?, into diagnostics: inout Diagnostics) -> [(
        key: Located<String>, path: Located<ValuePath>
    )] {
        (node?.entries ?? []).compactMap { entry in
            path(entry.value, into: &diagnostics).map { (entry.key, $0) }
        }
    }

    private func syntaxError(_ error: ExpressionError, kind: String, node: NodeCursor) -> Diagnostic {
        Diagnostic(
            severity: .error, message: "invalid \(kind): \(error.message)", path: path,
            range: StringColumns.range(of: error, in: node.node, source: source), pointer: node.pointer)
    }
}
