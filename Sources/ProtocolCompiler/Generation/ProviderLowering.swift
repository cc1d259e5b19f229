import LocatedYAML

/// Lowers a validated provider manifest (v1 or v2) and its registry models to a `ProviderPlan`.
///
/// Validation has already passed, so the shapes are right; lowering decides what the manifest
/// means for Swift: names, the payload family, parameter bindings, the field trees' paths.
struct ProviderLowering {
    let vocabulary: Vocabulary

    /// The models of the registry, by provider id.
    let models: [String: [RegistryModel]]

    struct RegistryModel {
        var id: String
        var node: YAMLNode
        var range: SourceRange
        var path: String
    }

    func lower(_ root: YAMLNode, source: String) -> (ProviderPlan, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let id = root["id"]?.string ?? root["provider_id"]?.string ?? "provider"
        let displayName = root["name"]?.string ?? id
        let endpoint = root["endpoint"]
        let family = Self.family(of: root)
        let chatPath = endpoint?["chat"]?.string ?? root["chat_path"]?.string ?? endpointPath(root, "chat")
        let parameters = lowerParameters(root, family: family)
        let models = lowerModels(id: id, diagnostics: &diagnostics)
        let plan = ProviderPlan(
            id: id,
            typeName: Self.typeName(id: id, displayName: displayName),
            displayName: displayName,
            summary: root["description"]?.string,
            source: source,
            baseURL: endpoint?["base_url"]?.string ?? root["base_url"]?.string ?? root["base_url_template"]?.string
                ?? "",
            auth: lowerAuth(endpoint?["auth"] ?? root["auth"], id: id),
            extraHeaders: (endpoint?["auth"]?["extra_headers"] ?? root["auth"]?["extra_headers"])?.items?.compactMap {
                guard let name = $0["name"]?.string, let value = $0["value"]?.string else { return nil }
                return (name, value)
            } ?? [],
            endpoints: lowerEndpoints(root, chatPath: chatPath),
            modelListKey: (root["services"]?["list_models"] ?? root["endpoints"]?["models"])?["response_binding"]?
                .string,
            timeoutMilliseconds: endpoint?["timeout_ms"]?.integer,
            retry: lowerRetry(root["retry_policy"]),
            rateLimitHeaders: (root["rate_limit_headers"]?.entries ?? []).compactMap { entry in
                guard let field = entry.key.keyText, let header = entry.value.string else { return nil }
                return (field, header)
            },
            capabilities: canonicalCapabilities(root),
            termination: (root["termination"]?["mapping"]?.entries ?? []).compactMap { entry in
                guard let raw = entry.key.keyText, let reason = entry.value.string,
                    let canonical = vocabulary.canonical(reason, in: "termination-reasons")
                else { return nil }
                return (raw, canonical)
            },
            errorCodes: errorTable(root["error_classification"], keys: ["by_error_code", "by_error_status"]),
            errorMessageSubstrings: errorTable(root["error_classification"], keys: ["by_message_contains"]).map {
                ($0.code, $0.errorClass)
            },
            errorMessagePatterns: (root["error_classification"]?["by_error_message"]?.items ?? []).compactMap { item in
                guard let pattern = item["pattern"]?.string, let target = item["maps_to"]?.string,
                    let errorClass = vocabulary.canonical(target, in: "error-classes")
                else { return nil }
                return (pattern, errorClass)
            },
            errorStatuses: (root["error_classification"]?["by_http_status"]?.entries ?? []).compactMap { entry in
                guard let status = entry.key.keyText.flatMap({ Int($0) }), let target = entry.value.string,
                    let errorClass = vocabulary.canonical(target, in: "error-classes")
                else { return nil }
                return (status, errorClass)
            }.sorted { $0.status < $1.status },
            errorPaths: lowerErrorPaths(root),
            family: family,
            parameters: parameters,
            sendsModelInBody: !(chatPath ?? "").contains("{model}"),
            sendsStreamFlag: root["parameters"]?["stream"] != nil || family != "GeminiFamily",
            streamRequestFields: root["streaming"]?["request_fields"].map(Self.jsonValueCode),
            response: ProviderPlan.Response(paths: paths(in: root["response_paths"])),
            usagePaths: usagePaths(root["response_paths"]),
            streaming: lowerStreaming(root),
            models: models)
        return (plan, diagnostics)
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

    /// The runtime payload family a manifest's chat endpoint speaks.
    static func family(of root: YAMLNode) -> String {
        let adapter =
            root["endpoints"]?["chat"]?["adapter"]?.string ?? root["streaming"]?["decoder"]?["strategy"]?.string
            ?? root["payload_format"]?.string ?? "openai"
        switch adapter {
        case let name where name.hasPrefix("anthropic"): return "AnthropicMessagesFamily"
        case let name where name.hasPrefix("gemini") || name.hasPrefix("google"): return "GeminiFamily"
        case let name where name.hasPrefix("cohere"): return "CohereV2Family"
        case let name where name.hasPrefix("ollama"): return "OllamaChatFamily"
        default: return "OpenAIChatFamily"
        }
    }

    // MARK: Sections

    private func lowerAuth(_ auth: YAMLNode?, id: String) -> ProviderPlan.Auth {
        let conventional = id.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" } + "_API_KEY"
        var variables: [String] = []
        for key in ["token_env", "key_env"] {
            if let variable = auth?[key]?.string, !variables.contains(variable) { variables.append(variable) }
        }
        if !variables.contains(String(conventional)) { variables.append(String(conventional)) }
        let placement: ProviderPlan.Auth.Placement
        switch auth?["type"]?.string ?? "bearer" {
        case "none":
            placement = .none
        case "query_param":
            placement = .query(name: auth?["param_name"]?.string ?? "key")
        case "custom_header", "api_key":
            placement = .header(
                name: auth?["header"]?.string ?? auth?["header_name"]?.string ?? "x-api-key",
                prefix: auth?["prefix"]?.string)
        default:
            placement = .header(
                name: auth?["header"]?.string ?? auth?["header_name"]?.string ?? "Authorization",
                prefix: auth?["prefix"]?.string ?? "Bearer")
        }
        return ProviderPlan.Auth(placement: placement, keyVariables: placement == .none ? [] : variables)
    }

    private func endpointPath(_ root: YAMLNode, _ role: String) -> String? {
        let entry = root["endpoints"]?[role]
        return entry?.string ?? entry?["path"]?.string
    }

    private func lowerEndpoints(_ root: YAMLNode, chatPath: String?) -> [(
        role: String, endpoint: ProviderPlan.Endpoint
    )] {
        var endpoints: [(String, ProviderPlan.Endpoint)] = []
        func add(_ role: String, _ path: String?, method: String?) {
            guard let path, path.hasPrefix("/") else { return }
            endpoints.append((role, ProviderPlan.Endpoint(method: method ?? "POST", path: path)))
        }
        add("chat", chatPath, method: root["endpoints"]?["chat"]?["method"]?.string)
        let stream = root["endpoints"]?["stream_chat"]
        add("streamChat", stream?.string ?? stream?["path"]?.string, method: stream?["method"]?.string)
        add(
            "embeddings", root["endpoint"]?["embeddings"]?.string ?? endpointPath(root, "embeddings"),
            method: root["endpoints"]?["embeddings"]?["method"]?.string)
        let list = root["services"]?["list_models"] ?? root["endpoints"]?["models"]
        add("listModels", list?.string ?? list?["path"]?.string, method: list?["method"]?.string ?? "GET")
        return endpoints
    }

    private func lowerRetry(_ node: YAMLNode?) -> ProviderPlan.Retry? {
        guard let node else { return nil }
        return ProviderPlan.Retry(
            maxRetries: node["max_retries"]?.integer,
            minDelayMilliseconds: node["min_delay_ms"]?.integer,
            maxDelayMilliseconds: node["max_delay_ms"]?.integer,
            jitter: node["jitter"]?.string,
            statuses: ((node["retry_on_http_status"] ?? node["retry_on_error_status"])?.items ?? []).compactMap(
                \.integer),
            classes: (node["retry_on_error_code"]?.items ?? []).compactMap {
                $0.string.flatMap { vocabulary.canonical($0, in: "error-classes") }
            })
    }

    private func canonicalCapabilities(_ root: YAMLNode) -> [String] {
        let names = CapabilityChecks.declared(in: root).compactMap {
            vocabulary.canonical($0.name, in: "capabilities")
        }
        return Array(Set(names)).sorted()
    }

    private func errorTable(_ node: YAMLNode?, keys: [String]) -> [(code: String, errorClass: String)] {
        var table: [(String, String)] = []
        for key in keys {
            for entry in node?[key]?.entries ?? [] {
                guard let code = entry.key.keyText, let target = entry.value.string,
                    let errorClass = vocabulary.canonical(target, in: "error-classes"),
                    !table.contains(where: { $0.0 == code })
                else { continue }
                table.append((code, errorClass))
            }
        }
        return table
    }

    private func lowerErrorPaths(_ root: YAMLNode) -> [String: ValuePath] {
        let declared = root["error_classification"]?["error_paths"] ?? root["features"]?["response_mapping"]?["error"]
        var paths: [String: ValuePath] = [:]
        for (field, key) in [("message", "message_path"), ("type", "type_path"), ("code", "code_path")] {
            if let text = declared?[key]?.string, let path = try? ExpressionParser.parsePath(text) {
                paths[field] = path
            }
        }
        // Without error paths, the shape most providers share: {"error": {"message", "type", "code"}}.
        if paths.isEmpty {
            for field in ["message", "type", "code"] {
                paths[field] = ValuePath(root: .document, segments: [.key("error"), .key(field)])
            }
        }
        return paths
    }

    private func lowerParameters(_ root: YAMLNode, family: String) -> [ProviderPlan.Parameter] {
        var parameters: [ProviderPlan.Parameter] = []
        var seen: Set<String> = []
        for entry in root["parameters"]?.entries ?? [] {
            guard let wireName = entry.key.keyText else { continue }
            let standard =
                entry.value["alias"]?.string.flatMap { vocabulary.canonical($0, in: "parameters") }
                ?? vocabulary.canonical(wireName, in: "parameters") ?? wireName
            guard let binding = OptionBinding.forParameter(standard, family: family), !seen.contains(standard) else {
                continue
            }
            seen.insert(standard)
            let wirePath: [String]
            if let text = entry.value["path"]?.string, let path = try? ExpressionParser.parsePath(text) {
                wirePath = path.segments.compactMap {
                    if case .key(let key) = $0 { return key }
                    return nil
                }
            } else {
                wirePath = [wireName]
            }
            parameters.append(
                ProviderPlan.Parameter(
                    standardName: standard, wirePath: wirePath, binding: binding,
                    isRequired: entry.value["required"]?.bool == true,
                    defaultCode: entry.value["default"].flatMap { Self.literalCode($0, type: binding.swiftType) }))
        }
        // v1 manifests map standard names to wire names in `parameter_mappings`.
        for entry in root["parameter_mappings"]?.entries ?? [] {
            guard let name = entry.key.keyText, let wire = entry.value.string,
                let standard = vocabulary.canonical(name, in: "parameters"), !seen.contains(standard),
                let binding = OptionBinding.forParameter(standard, family: family)
            else { continue }
            seen.insert(standard)
            parameters.append(
                ProviderPlan.Parameter(
                    standardName: standard, wirePath: wire.split(separator: ".").map(String.init), binding: binding,
                    isRequired: false, defaultCode: nil))
        }
        return parameters
    }

    /// A YAML value as Swift code of a `JSONValue`.
    static func jsonValueCode(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return ".null"
            case .bool(let value): return ".bool(\(value))"
            case .integer(let value): return ".integer(\(value))"
            case .float(let value): return value.isFinite ? ".number(\(value))" : ".null"
            case .string(let value): return ".string(\(SwiftSource.literal(value)))"
            }
        case .sequence(let items):
            return ".array([" + items.map(jsonValueCode).joined(separator: ", ") + "])"
        case .mapping(let entries):
            let members = entries.map { entry in
                ".init(\(SwiftSource.literal(entry.key.keyText ?? "")), \(jsonValueCode(entry.value)))"
            }
            return ".object([" + members.joined(separator: ", ") + "])"
        }
    }

    /// A manifest default as Swift code of the parameter's type, when it has that type.
    static func literalCode(_ node: YAMLNode, type: String) -> String? {
        switch type {
        case "Int": return node.integer.map(String.init)
        case "Double": return node.number.map { "\($0)" }
        case "Bool": return node.bool.map { $0 ? "true" : "false" }
        case "String": return node.string.map(SwiftSource.literal)
        default: return nil
        }
    }

    private func paths(in node: YAMLNode?) -> [String: ValuePath] {
        var paths: [String: ValuePath] = [:]
        for entry in node?.entries ?? [] {
            guard let key = entry.key.keyText, let text = entry.value.string,
                let path = try? ExpressionParser.parsePath(text)
            else { continue }
            paths[key] = path
        }
        return paths
    }

    /// Token-count paths relative to the usage object (`$.usage.prompt_tokens` under `$.usage`
    /// is `prompt_tokens`), so one function reads usage from a response and from a stream event.
    private func usagePaths(_ node: YAMLNode?) -> [String: ValuePath] {
        let all = paths(in: node)
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

    private func lowerStreaming(_ root: YAMLNode) -> ProviderPlan.Streaming? {
        guard let streaming = root["streaming"], let decoder = streaming["decoder"] else { return nil }
        let format = decoder["format"]?.string ?? "sse"
        let formatEntry = vocabulary.files["stream-decoders"]?.entries.first { $0.name == format }
        let framing = formatEntry?.node["framing"]?.string ?? "sse"
        func expression(_ node: YAMLNode?) -> Expression? {
            node?.string.flatMap { try? ExpressionParser.parseExpression($0) }
        }
        var fanOut: ValuePath?
        if streaming["candidate"]?["fan_out"]?.bool == true,
            let text = streaming["candidate"]?["candidate_id_path"]?.string,
            let path = try? ExpressionParser.parsePath(text),
            let wildcard = path.segments.firstIndex(of: .wildcard)
        {
            fanOut = ValuePath(root: path.root, segments: Array(path.segments[..<wildcard]))
        }
        let rules = (streaming["event_map"]?.items ?? []).compactMap { rule -> ProviderPlan.Rule? in
            guard let match = expression(rule["match"]), let emit = rule["emit"]?.string,
                let event = vocabulary.canonical(emit, in: "events")
            else { return nil }
            let fields = ((rule["extract"] ?? rule["fields"])?.entries ?? []).compactMap {
                entry -> (String, ValuePath)? in
                guard let name = entry.key.keyText, let text = entry.value.string,
                    let path = try? ExpressionParser.parsePath(text)
                else { return nil }
                return (name, path)
            }
            return ProviderPlan.Rule(match: match, event: event, fields: fields)
        }
        return ProviderPlan.Streaming(
            framing: framing,
            doneSignal: decoder["done_signal"]?.string ?? formatEntry?.node["done_signal"]?.string,
            frameSelector: expression(streaming["frame_selector"]),
            fanOut: fanOut,
            rules: rules,
            stopCondition: expression(streaming["stop_condition"]),
            flushOn: expression(streaming["accumulator"]?["flush_on"]))
    }

    private func lowerModels(id: String, diagnostics: inout [Diagnostic]) -> [ProviderPlan.Model] {
        var identifiers: [String: RegistryModel] = [:]
        var plans: [ProviderPlan.Model] = []
        for model in (models[id] ?? []).sorted(by: { $0.id < $1.id }) {
            let identifier = SwiftSource.lowerCamelIdentifier(model.id)
            if let first = identifiers[identifier] {
                diagnostics.append(
                    Diagnostic(
                        severity: .error,
                        message:
                            "model ids \"\(first.id)\" and \"\(model.id)\" both become the Swift name \(identifier); rename one",
                        path: model.path, range: model.range,
                        notes: [
                            Diagnostic(
                                severity: .note, message: "\"\(first.id)\" is defined here", path: first.path,
                                range: first.range)
                        ]))
                continue
            }
            identifiers[identifier] = model
            let node = model.node
            let pricing = node["pricing"]
            plans.append(
                ProviderPlan.Model(
                    id: model.id, identifier: identifier, displayName: node["display_name"]?.string,
                    contextWindow: node["context_window"]?.integer, maxOutputTokens: node["max_output_tokens"]?.integer,
                    capabilities: (node["capabilities"]?.items ?? []).compactMap {
                        $0.string.flatMap { vocabulary.canonical($0, in: "capabilities") }
                    }.sorted(),
                    inputPrice: pricing?["input_per_1m"]?.number, outputPrice: pricing?["output_per_1m"]?.number,
                    cachedInputPrice: pricing?["cache_hit_input_per_1m"]?.number,
                    currency: pricing?["currency"]?.string, status: node["status"]?.string))
        }
        return plans
    }
}
