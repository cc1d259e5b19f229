import JSONSchemaValidation
import LocatedYAML

/// Lowers a `ProviderManifest` and its registry models to a `ProviderPlan`: decides what the
/// manifest means for the runtime (the payload format, the endpoints, the parameter bindings,
/// the event rules) and reports, located, every part it cannot compile.
///
/// Nothing is dropped silently. What changes how a call behaves and cannot be compiled is left
/// out with a warning (an error under `--strict`); what only describes the provider (an
/// operation the runtime has no call for, a path nothing reads) is a remark.
struct ProviderLowering {
    let vocabulary: Vocabulary

    /// The manifest's file name as the generated header shows it.
    let sourceName: String

    /// The plan, or `nil` when the manifest's wire shape is unknown (reported).
    func lower(
        _ manifest: ProviderManifest, models: [RegisteredModel], into diagnostics: inout Diagnostics
    ) -> ProviderPlan? {
        var context = Context(manifest: manifest, diagnostics: diagnostics)
        defer { diagnostics = context.diagnostics }
        guard let payloadFormat = payloadFormat(of: manifest, context: &context) else { return nil }
        let endpoints = lowerEndpoints(manifest, context: &context)
        let chatPath = endpoints.first { $0.role == "chat" }?.path ?? ""
        let embeddingsFormat =
            manifest.endpoints.first { $0.role == .embeddings }?.adapter.flatMap {
                resolvePayloadFormat($0, context: &context)
            } ?? payloadFormat
        let responsePaths = lowerResponsePaths(manifest, payloadFormat: payloadFormat, context: &context)
        if let tooling = manifest.tooling {
            context.remark(
                "tooling is not read: the \(payloadFormat) payload format writes and reads tool calls itself",
                at: tooling)
        }
        var reasoningField = manifest.reasoningField?.value
        if let field = manifest.reasoningField, payloadFormat != "openai" {
            context.leftOut(
                "tooling.reasoning_field applies to the openai payload format only, not \(payloadFormat); remove it",
                consequence: "reasoning is not sent back",
                at: field)
            reasoningField = nil
        }
        return ProviderPlan(
            id: manifest.id.value,
            typeName: Self.typeName(id: manifest.id.value, displayName: manifest.displayName),
            displayName: manifest.displayName,
            summary: manifest.summary,
            source: sourceName,
            aliases: manifest.aliases.map(\.value),
            baseURL: manifest.baseURL?.value ?? "",
            auth: lowerAuth(manifest),
            extraHeaders: manifest.auth.extraHeaders.map { ($0.name.value, $0.value.value) },
            endpoints: endpoints,
            modelListKey: manifest.endpoints.first { $0.role == .listModels }?.responseBinding?.value,
            timeoutMilliseconds: manifest.timeoutMilliseconds?.value,
            retry: lowerRetry(manifest.retry),
            rateLimitHeaders: lowerRateLimitHeaders(manifest, context: &context),
            capabilities: manifest.capabilities.map(\.value).sorted(),
            mediaInputs: manifest.mediaInputs,
            reasoningField: reasoningField,
            termination: uniqueTermination(manifest, context: &context),
            errorCodes: unique(
                manifest.errors.byCode.map { ($0.code, $0.errorClass) }, what: "error code", context: &context),
            errorMessageSubstrings: unique(
                manifest.errors.byMessageText.map { ($0.text, $0.errorClass) }, what: "message text", context: &context),
            errorMessagePatterns: manifest.errors.byMessagePattern.map { ($0.pattern.value, $0.errorClass.value) },
            errorStatuses: manifest.errors.byStatus.map { ($0.status.value, $0.errorClass.value) }
                .sorted { $0.0 < $1.0 },
            errorPaths: lowerErrorPaths(manifest, context: &context),
            retryAfterExtraction: manifest.errors.retryAfterPattern.map {
                ($0.value, manifest.errors.retryAfterUnit == "milliseconds")
            },
            payloadFormat: payloadFormat,
            embeddingsPayloadFormat: embeddingsFormat,
            parameters: lowerParameters(manifest, context: &context),
            sendsModelInBody: !chatPath.contains("{model}"),
            sendsStreamFlag: manifest.parameters.contains { $0.standardName?.value == "stream" }
                || payloadFormat != "gemini",
            responsePaths: responsePaths,
            usagePaths: usagePaths(responsePaths),
            streaming: lowerStreaming(manifest, context: &context),
            models: lowerModels(models, context: &context))
    }

    /// What the lowering of one manifest carries along: the manifest and the diagnostics.
    struct Context {
        let manifest: ProviderManifest
        var diagnostics: Diagnostics
        var path: String { manifest.path }

        mutating func leftOut(_ message: String, consequence: String = "left out", at place: Located<some Any>) {
            diagnostics.leftOut(
                message, consequence: consequence, path: path, range: place.range, pointer: place.pointer)
        }

        mutating func remark(_ message: String, at place: Located<some Any>) {
            diagnostics.remark(message, path: path, range: place.range, pointer: place.pointer)
        }
    }

    // MARK: Names

    /// The Swift type of a provider: its id, spelt as its display name spells it when the name
    /// contains it (`openai` in "OpenAI" → `OpenAI`, `gemini` in "Google Gemini" → `Gemini`),
    /// otherwise the id in UpperCamelCase.
    static func typeName(id: String, displayName: String) -> String {
        let compactID = id.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        let compactName = String(displayName.filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        // Both are ASCII, so an offset in the lower-cased name is the same offset in the name.
        let lowered = compactName.lowercased()
        if !compactID.isEmpty, let range = lowered.range(of: compactID) {
            let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
            let spelt = compactName.dropFirst(offset).prefix(compactID.count)
            let name = spelt.prefix(1).uppercased() + spelt.dropFirst()
            if let first = name.first, !first.isNumber, !reservedTypeNames.contains(name) { return name }
        }
        let name = SwiftSource.upperCamelIdentifier(id)
        return reservedTypeNames.contains(name) ? name + "Provider" : name
    }

    /// Names a provider type must not take: they would shadow the runtime's.
    static let reservedTypeNames: Set<String> = [
        "AIError", "AIProviders", "AIProtocol", "Capability", "ChatOptions", "ChatRequest", "ChatResponse", "Client",
        "Endpoint", "Endpoints", "ErrorClass", "JSONValue", "Message", "Model", "ModelInfo", "ProviderDescriptor",
        "Registry", "Tool", "ToolCall", "Usage", "String", "Int", "Double", "Bool", "Array", "Dictionary", "Set",
    ]

    // MARK: Payload format

    /// The canonical payload format of the chat requests: the chat endpoint's `adapter`, else
    /// v1's `payload_format`, else the one the decoder strategy implies, else (in a remark)
    /// OpenAI's, the common shape. Without a chat endpoint, the embeddings endpoint's `adapter`
    /// decides. An unknown name leaves the provider out.
    private func payloadFormat(of manifest: ProviderManifest, context: inout Context) -> String? {
        let chat = manifest.endpoints.first { $0.role == .chat }
        let embeddings = manifest.endpoints.first { $0.role == .embeddings }
        if let adapter = chat?.adapter, let declared = manifest.payloadFormat,
            vocabulary.canonical(adapter.value, in: "payload-formats")
                != vocabulary.canonical(declared.value, in: "payload-formats")
        {
            context.leftOut(
                "payload_format \"\(declared.value)\" differs from the chat endpoint's adapter \"\(adapter.value)\"",
                consequence: "the adapter is used", at: declared)
        }
        if let named = chat?.adapter ?? manifest.payloadFormat ?? (chat == nil ? embeddings?.adapter : nil) {
            return resolvePayloadFormat(named, context: &context)
        }
        if let strategy = manifest.streaming?.strategy,
            let implied = vocabulary.files["stream-decoders/strategies"]?.entries
                .first(where: { $0.name == strategy.value })?.node["payload_format"]?.string
        {
            return implied
        }
        // OpenAI's is the protocol's common shape: the one a manifest that names none is read in.
        if let place = chat?.name ?? embeddings?.name {
            context.remark(
                "no payload format is named (endpoints.\(place.value).adapter, payload_format or streaming.decoder.strategy): the requests have the OpenAI shape",
                at: place)
        }
        return "openai"
    }

    /// A payload format name resolved to a canonical format the runtime implements; `nil`, with
    /// the reason, for any other.
    private func resolvePayloadFormat(_ name: Located<String>, context: inout Context) -> String? {
        guard
            let canonical = vocabulary.resolve(
                name, as: .payloadFormat, consequence: "the provider cannot be compiled", path: context.path,
                into: &context.diagnostics)
        else { return nil }
        guard RuntimeNames.families[canonical.value] != nil else {
            context.leftOut(
                "payload format \"\(canonical.value)\" has no implementation in the runtime",
                consequence: "the provider cannot be compiled", at: canonical)
            return nil
        }
        return canonical.value
    }

    // MARK: Transport

    private func lowerAuth(_ manifest: ProviderManifest) -> ProviderPlan.Auth {
        let auth = manifest.auth
        let conventional = String(
            manifest.id.value.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" } + "_API_KEY")
        var variables: [String] = []
        for variable in auth.keyVariables.map(\.value) where !variables.contains(variable) {
            variables.append(variable)
        }
        let placement: ProviderPlan.Auth.Placement
        switch auth.kind?.value ?? "bearer" {
        case "none":
            placement = .none
        case "query_param":
            placement = .query(name: auth.queryParameter?.value ?? "key")
        case "custom_header", "api_key":
            placement = .header(name: auth.header?.value ?? "x-api-key", prefix: auth.prefix?.value)
        default:
            placement = .header(name: auth.header?.value ?? "Authorization", prefix: auth.prefix?.value ?? "Bearer")
        }
        guard placement != .none else { return ProviderPlan.Auth(placement: .none, keyVariables: []) }
        return ProviderPlan.Auth(
            placement: placement, keyVariables: variables,
            conventionalVariable: variables.contains(conventional) ? nil : conventional)
    }

    /// The endpoints of the operations the runtime has a call for; the others are noted.
    private func lowerEndpoints(_ manifest: ProviderManifest, context: inout Context) -> [ProviderPlan.Endpoint] {
        var endpoints: [ProviderPlan.Endpoint] = []
        for endpoint in manifest.endpoints {
            let role: String
            switch endpoint.role {
            case .chat: role = "chat"
            case .streamChat: role = "streamChat"
            case .embeddings: role = "embeddings"
            case .listModels: role = "listModels"
            case .other(let name):
                context.remark(
                    "endpoint \"\(name)\" is not compiled: the runtime has no call for this operation",
                    at: endpoint.name)
                continue
            }
            guard let path = endpointPath(endpoint.path, context: &context) else { continue }
            for part in endpoint.unsupported {
                context.leftOut(
                    "\(part.value) of endpoint \"\(endpoint.name.value)\" cannot be compiled: the runtime sends JSON with the manifest's extra_headers",
                    consequence: "ignored", at: part)
            }
            let method = endpoint.method?.value ?? (endpoint.role == .listModels ? "GET" : "POST")
            endpoints.append(ProviderPlan.Endpoint(role: role, method: method, path: path))
        }
        let order = ["chat", "streamChat", "embeddings", "listModels"]
        return endpoints.sorted { order.firstIndex(of: $0.role)! < order.firstIndex(of: $1.role)! }
    }

    /// The path with `{model}` where the model goes (`{model_id}` is the same placeholder); a
    /// path with another placeholder cannot be filled, and its endpoint is left out.
    private func endpointPath(_ path: Located<String>, context: inout Context) -> String? {
        let normalised = path.value.replacingOccurrences(of: "{model_id}", with: "{model}")
        let unknown = normalised.replacingOccurrences(of: "{model}", with: "")
        if let open = unknown.firstIndex(of: "{"), let close = unknown[open...].firstIndex(of: "}") {
            context.leftOut(
                "placeholder \(unknown[open...close]) of endpoint path \"\(path.value)\" cannot be filled: only {model} is known",
                consequence: "the endpoint is left out", at: path)
            return nil
        }
        return normalised
    }

    /// The retry policy; `strategy: none` retries nothing.
    private func lowerRetry(_ retry: ProviderManifest.RetryPolicy?) -> ProviderPlan.Retry? {
        guard let retry else { return nil }
        let backoff: String? =
            switch retry.strategy?.value {
            case "linear_backoff": "linear"
            case "fixed_delay": "fixed"
            default: nil
            }
        return ProviderPlan.Retry(
            backoff: backoff, maxRetries: retry.strategy?.value == "none" ? 0 : retry.maxRetries?.value,
            minDelayMilliseconds: retry.minDelayMilliseconds?.value,
            maxDelayMilliseconds: retry.maxDelayMilliseconds?.value, jitter: retry.jitter?.value,
            statuses: retry.onStatuses.map(\.value), providerStatuses: retry.onProviderStatuses.map(\.value),
            classes: retry.onClasses.map(\.value))
    }

    /// The rate-limit headers the runtime reads; others are noted.
    private func lowerRateLimitHeaders(_ manifest: ProviderManifest, context: inout Context) -> [(
        field: String, header: String
    )] {
        var headers: [(String, String)] = []
        for header in manifest.rateLimitHeaders {
            guard RuntimeNames.rateLimitLabel(header.field.value) != nil else {
                context.remark(
                    "rate-limit header \"\(header.field.value)\" is not read: the runtime has no field for it",
                    at: header.field)
                continue
            }
            headers.append((header.field.value, header.header.value))
        }
        return headers
    }

    // MARK: Tables

    /// The termination mapping, each provider value once.
    private func uniqueTermination(_ manifest: ProviderManifest, context: inout Context) -> [(
        raw: String, reason: String
    )] {
        unique(
            (manifest.termination?.mapping ?? []).map { ($0.raw, $0.reason) }, what: "finish value", context: &context)
    }

    /// Table entries with their keys once; a repeated key (across `by_error_code` and
    /// `by_error_status`, say) is left out.
    private func unique(
        _ entries: [(key: Located<String>, value: Located<String>)], what: String, context: inout Context
    ) -> [(String, String)] {
        var table: [(String, String)] = []
        for (key, value) in entries {
            if let first = table.first(where: { $0.0 == key.value }) {
                if first.1 != value.value {
                    context.leftOut(
                        "\(what) \"\(key.value)\" is already mapped to \"\(first.1)\"",
                        consequence: "\"\(value.value)\" is not used", at: key)
                }
                continue
            }
            table.append((key.value, value.value))
        }
        return table
    }

    /// Where `message`, `type` and `code` are in an error body. `status` stands in for `type`
    /// when there is none (Gemini's `error.status`); without paths, the shape most providers
    /// share: `{"error": {"message", "type", "code"}}`.
    private func lowerErrorPaths(_ manifest: ProviderManifest, context: inout Context) -> [String: ValuePath] {
        var declared = manifest.errors.paths
        if declared["type"] == nil, let status = declared.removeValue(forKey: "status") { declared["type"] = status }
        guard !declared.isEmpty else {
            return Dictionary(
                uniqueKeysWithValues: ["message", "type", "code"].map {
                    ($0, ValuePath(root: .document, segments: [.key("error"), .key($0)]))
                })
        }
        var paths: [String: ValuePath] = [:]
        for (field, path) in declared.sorted(by: { $0.key < $1.key }) {
            guard ["message", "type", "code"].contains(field) else {
                context.remark("error path \"\(field)\" is not read: a provider error has no field for it", at: path)
                continue
            }
            paths[field] = path.value
        }
        return paths
    }

    // MARK: Responses

    /// The response paths the generated response reader uses; the others are noted. A manifest
    /// that gives none is read by its payload format's (`response_paths` in
    /// `spec/vocabulary/payload-formats.yaml`), as the v1 `response_format` family says.
    private func lowerResponsePaths(_ manifest: ProviderManifest, payloadFormat: String, context: inout Context)
        -> [String: ValuePath]
    {
        var declared = manifest.responsePaths.mapValues(\.value)
        if declared.isEmpty, let defaults = formatResponsePaths(payloadFormat), !defaults.isEmpty {
            declared = defaults
            context.remark(
                "the manifest gives no response_paths: responses are read by the \(payloadFormat) format's (spec/vocabulary/payload-formats.yaml)",
                at: manifest.id)
        }
        var paths: [String: ValuePath] = [:]
        for (field, path) in declared.sorted(by: { $0.key < $1.key }) {
            guard Self.readResponseFields.contains(field) else {
                if let place = manifest.responsePaths[field] {
                    context.remark(
                        "response path \"\(field)\" is not read: \(Self.unreadResponseFields[field] ?? "nothing uses it")",
                        at: place)
                }
                continue
            }
            paths[field] = path
        }
        if paths["finish_reason"] == nil, let source = manifest.termination?.sourceField {
            paths["finish_reason"] = source.value
        }
        return paths
    }

    /// A payload format's own response paths; the spec's files are checked, so a path that does
    /// not parse is not one of them.
    private func formatResponsePaths(_ format: String) -> [String: ValuePath]? {
        let entry = vocabulary.files["payload-formats"]?.entries.first { $0.name == format }
        guard let entries = entry?.node["response_paths"]?.entries else { return nil }
        var paths: [String: ValuePath] = [:]
        for entry in entries {
            guard let key = entry.key.string, let text = entry.value.string,
                let path = try? ExpressionParser.parsePath(text)
            else { continue }
            paths[key] = path
        }
        return paths
    }

    static let readResponseFields: Set<String> = [
        "id", "model", "content", "thinking", "thinking_signature", "tool_calls", "finish_reason", "usage",
        "prompt_tokens",
        "completion_tokens", "total_tokens", "reasoning_tokens", "cached_tokens", "embeddings",
    ]

    static let unreadResponseFields: [String: String] = [
        "candidates": "a response is read from its first candidate"
    ]

    /// Token-count paths relative to the usage object (`$.usage.prompt_tokens` under `$.usage`
    /// is `prompt_tokens`), so one function reads usage from a response and from a stream event.
    private func usagePaths(_ all: [String: ValuePath]) -> [String: ValuePath] {
        // Without a usage path, token counts are read from the whole body (as Ollama's are).
        let usage = all["usage"] ?? ValuePath(root: .document, segments: [])
        var relative: [String: ValuePath] = [:]
        for field in ["prompt_tokens", "completion_tokens", "total_tokens", "reasoning_tokens", "cached_tokens"] {
            guard let path = all[field], path.root == usage.root,
                path.segments.count > usage.segments.count,
                Array(path.segments.prefix(usage.segments.count)) == usage.segments
            else { continue }
            relative[field] = ValuePath(root: .document, segments: Array(path.segments.dropFirst(usage.segments.count)))
        }
        return relative
    }

    // MARK: Models

    private func lowerModels(_ models: [RegisteredModel], context: inout Context) -> [ProviderPlan.Model] {
        var identifiers: [String: RegisteredModel] = [:]
        var plans: [ProviderPlan.Model] = []
        for model in models.sorted(by: { $0.id.value < $1.id.value }) {
            let identifier = SwiftSource.lowerCamelIdentifier(model.id.value)
            if let first = identifiers[identifier] {
                context.diagnostics.error(
                    "model ids \"\(first.id.value)\" and \"\(model.id.value)\" both become the Swift name \(identifier); rename one",
                    path: model.path, range: model.id.range,
                    notes: [
                        Diagnostic(
                            severity: .note, message: "\"\(first.id.value)\" is defined here", path: first.path,
                            range: first.id.range)
                    ])
                continue
            }
            identifiers[identifier] = model
            plans.append(
                ProviderPlan.Model(
                    id: model.id.value, identifier: identifier, displayName: model.displayName,
                    contextWindow: model.contextWindow, maxOutputTokens: model.maxOutputTokens,
                    capabilities: model.capabilities.sorted(), inputPrice: model.inputPrice,
                    outputPrice: model.outputPrice, cachedInputPrice: model.cachedInputPrice,
                    currency: model.currency, status: model.status))
        }
        return plans
    }
}
