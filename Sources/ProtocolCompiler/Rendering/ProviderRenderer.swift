import Foundation

/// Renders a `ProviderPlan` as one Swift file: the provider's type with its descriptor, tables,
/// codecs, model identifiers and (when it streams) its compiled stream decoder.
struct ProviderRenderer {
    let plan: ProviderPlan

    /// The runtime family of the chat requests.
    private var family: String { RuntimeNames.family(plan.payloadFormat) }

    func render() -> String {
        var writer = SwiftWriter()
        writer.line("public import AIProtocol")
        writer.line()
        var documentation = plan.displayName
        if let summary = plan.summary { documentation += "\n\n" + summary }
        documentation += "\n\nCompiled from `\(plan.source)`."
        writer.documentation(documentation)
        writer.block("nonisolated public enum \(plan.typeName): ProviderAdapter") { writer in
            renderDescriptor(into: &writer)
            writer.line()
            renderRequest(into: &writer)
            writer.line()
            renderResponse(into: &writer)
            writer.line()
            renderErrors(into: &writer)
            writer.line()
            renderTermination(into: &writer)
            writer.line()
            renderUsage(into: &writer)
            writer.line()
            renderModels(into: &writer)
        }
        if let streaming = plan.streaming {
            writer.line()
            StreamDecoderRenderer(plan: plan, streaming: streaming).render(into: &writer)
        }
        if let embeddings = plan.responsePaths["embeddings"], hasEmbeddingsAdapter {
            writer.line()
            renderEmbeddings(embeddings, into: &writer)
        }
        // Capabilities the adapter conformances above already imply are not repeated.
        let implied: Set<String> = [
            plan.streaming == nil ? "" : "SupportsStreaming", hasEmbeddingsAdapter ? "SupportsEmbeddings" : "",
        ]
        let markers = plan.capabilities.map(VocabularyGenerator.capabilityProtocol).filter { !implied.contains($0) }
        if !markers.isEmpty {
            writer.line()
            writer.line("nonisolated extension \(plan.typeName): \(markers.joined(separator: ", ")) {}")
        }
        return GeneratedFile.header(source: plan.source) + "\n" + writer.text
    }

    private var hasEmbeddingsAdapter: Bool {
        plan.responsePaths["embeddings"] != nil && plan.capabilities.contains("embeddings")
            && plan.endpoint("embeddings") != nil
    }

    // MARK: Embeddings

    private func renderEmbeddings(_ path: ValuePath, into writer: inout SwiftWriter) {
        var tree = FieldTree()
        tree.insert(path, use: .value(.json))
        let compiler = PathCompiler(tree: tree, documentVariable: "body")
        let family = RuntimeNames.family(plan.embeddingsPayloadFormat)
        writer.block("nonisolated extension \(plan.typeName): EmbeddingsAdapter") { writer in
            writer.documentation("The body of an embeddings request, in the \(family) shape.")
            writer.block("nonisolated public struct EmbeddingsBody: Encodable, Sendable") { writer in
                writer.line("public var request: EmbeddingsRequest")
                writer.line()
                writer.block("public func encode(to encoder: any Encoder) throws") { writer in
                    writer.line("try \(family).encodeEmbeddings(of: self.request, to: encoder)")
                }
            }
            writer.line()
            writer.documentation("The body for an embeddings request.")
            writer.block(
                "public static func embeddingsBody(for request: EmbeddingsRequest) throws(AIError) -> EmbeddingsBody"
            ) {
                writer in
                writer.line("EmbeddingsBody(request: request)")
            }
            writer.line()
            writer.documentation("The vectors of a decoded embeddings response (`\(path)`).")
            writer.block(
                "public static func embeddingsResponse(from body: EmbeddingsResponseBody) -> EmbeddingsResponse"
            ) {
                writer in
                writer.line(
                    "EmbeddingsResponse(vectors: \(RuntimeNames.Calls.vectors(compiler.values(path), selectsMany: path.selectsMany)))"
                )
            }
            writer.line()
            writer.documentation("The parts of an embeddings response the manifest reads.")
            DecodableRenderer.renderRoot(tree.root, typeName: "EmbeddingsResponseBody", into: &writer)
        }
    }

    // MARK: Descriptor

    private func renderDescriptor(into writer: inout SwiftWriter) {
        writer.documentation("The provider's static facts, from its manifest.")
        writer.line("public static let descriptor = ProviderDescriptor(")
        writer.indented { writer in
            writer.line("id: \(SwiftSource.literal(plan.id)),")
            writer.line("displayName: \(SwiftSource.literal(plan.displayName)),")
            writer.line("baseURL: \(SwiftSource.literal(plan.baseURL)),")
            writer.line("auth: \(authCode),")
            let headers = plan.extraHeaders.map {
                ".init(name: \(SwiftSource.literal($0.name)), value: \(SwiftSource.literal($0.value)))"
            }
            writer.line("extraHeaders: [\(headers.joined(separator: ", "))],")
            let endpoints = plan.endpoints.map {
                "\($0.role): Endpoint(method: \(SwiftSource.literal($0.method)), path: \(SwiftSource.literal($0.path)))"
            }
            let listKey = plan.modelListKey.map { ["modelListKey: \(SwiftSource.literal($0))"] } ?? []
            writer.line("endpoints: Endpoints(\((endpoints + listKey).joined(separator: ", "))),")
            writer.line("retryPolicy: \(retryCode),")
            // In the order of `RateLimitHeaders.init`'s parameters.
            let headerNames = RuntimeNames.rateLimitFields.compactMap { field, label -> String? in
                guard let header = plan.rateLimitHeaders.first(where: { $0.field == field })?.header else { return nil }
                return "\(label): \(SwiftSource.literal(header))"
            }
            writer.line("rateLimitHeaders: RateLimitHeaders(\(headerNames.joined(separator: ", "))),")
            let capabilities = plan.capabilities.map { "." + SwiftSource.lowerCamelIdentifier($0) }
            writer.line("capabilities: [\(capabilities.joined(separator: ", "))],")
            if !plan.mediaInputs.isEmpty {
                writer.line("mediaInputs: [\(plan.mediaInputs.map { "." + $0 }.joined(separator: ", "))],")
            }
            writer.line("timeout: \(plan.timeoutMilliseconds.map { ".milliseconds(\($0))" } ?? "nil"),")
            writer.line("payloadFormat: .\(SwiftSource.lowerCamelIdentifier(plan.payloadFormat))")
        }
        writer.line(")")
    }

    private var authCode: String {
        let placement: String
        switch plan.auth.placement {
        case .header(let name, let prefix):
            placement =
                ".header(name: \(SwiftSource.literal(name)), prefix: \(prefix.map(SwiftSource.literal) ?? "nil"))"
        case .query(let name):
            placement = ".query(name: \(SwiftSource.literal(name)))"
        case .none:
            placement = ".none"
        }
        let variables = plan.auth.keyVariables.map(SwiftSource.literal).joined(separator: ", ")
        let conventional = plan.auth.conventionalVariable.map { ", conventionalVariable: \(SwiftSource.literal($0))" }
        return "AuthScheme(placement: \(placement), keyVariables: [\(variables)]\(conventional ?? ""))"
    }

    private var retryCode: String {
        guard let retry = plan.retry else { return "RetryPolicy()" }
        var arguments: [String] = []
        if let value = retry.maxRetries { arguments.append("maxRetries: \(value)") }
        if let value = retry.minDelayMilliseconds { arguments.append("minDelay: .milliseconds(\(value))") }
        if let value = retry.maxDelayMilliseconds { arguments.append("maxDelay: .milliseconds(\(value))") }
        if let value = retry.jitter, ["none", "full", "equal"].contains(value) {
            arguments.append("jitter: .\(value)")
        }
        if !retry.statuses.isEmpty {
            arguments.append("retryOnStatuses: [\(retry.statuses.map(String.init).joined(separator: ", "))]")
        }
        if !retry.classes.isEmpty {
            let classes = retry.classes.map { "." + SwiftSource.lowerCamelIdentifier($0) }
            arguments.append("retryOnClasses: [\(classes.joined(separator: ", "))]")
        }
        if !retry.providerStatuses.isEmpty {
            let statuses = retry.providerStatuses.map(SwiftSource.literal)
            arguments.append("retryOnProviderStatuses: [\(statuses.joined(separator: ", "))]")
        }
        if let backoff = retry.backoff { arguments.append("backoff: .\(backoff)") }
        return "RetryPolicy(\(arguments.joined(separator: ", ")))"
    }

    // MARK: Request

    private func renderRequest(into writer: inout SwiftWriter) {
        let accepted = plan.parameters.map { "." + SwiftSource.lowerCamelIdentifier($0.standardName) }
        writer.documentation("The standard parameters this provider accepts; setting another is an error.")
        writer.line(
            "public static let acceptedParameters: Set<StandardParameter> = [\(accepted.joined(separator: ", "))]")
        writer.line()
        writer.documentation(
            "The request body: the conversation in the \(family) shape, then the parameters where the manifest puts them."
        )
        writer.block("public static func chatBody(for request: ChatRequest) throws(AIError) -> ChatBody") { writer in
            writer.block("for parameter in request.options.setParameters where !acceptedParameters.contains(parameter)")
            {
                writer in
                writer.line(
                    "throw AIError(.unsupportedParameter(parameter), errorClass: .invalidRequest, providerID: descriptor.id)"
                )
            }
            writer.line("var body = ChatBody(request: request)")
            if plan.sendsModelInBody { writer.line("body.model = request.model") }
            if plan.sendsStreamFlag { writer.line("body.stream = request.stream") }
            let tree = RequestTree(plan.parameters)
            renderAssignments(tree.members, target: "body", typePrefix: "ChatBody", into: &writer)
            writer.line("return body")
        }
        writer.line()
        renderBody(RequestTree(plan.parameters), into: &writer)
    }

    private func renderAssignments(
        _ members: [String: RequestTree.Node], target: String, typePrefix: String, into writer: inout SwiftWriter
    ) {
        let keys = members.keys.sorted()
        var reserved: Set<String> = []
        if target == "body" { reserved = ["request", "model", "stream"] }
        let properties = bodyPropertyNames(keys, reserved: reserved)
        let types = TypeNaming.typeNames(keys, reserved: [typePrefix.split(separator: ".").last.map(String.init) ?? ""])
        for key in keys {
            switch members[key]! {
            case .value(let parameter):
                writer.line("\(target).\(properties[key]!) = \(valueCode(parameter))")
            case .object(let children):
                let variable = SwiftSource.lowerCamelIdentifier(key).replacingOccurrences(of: "`", with: "") + "Members"
                writer.line("var \(variable) = \(typePrefix).\(types[key]!)()")
                renderAssignments(children, target: variable, typePrefix: "\(typePrefix).\(types[key]!)", into: &writer)
                writer.line("\(target).\(properties[key]!) = \(variable).isEmpty ? nil : \(variable)")
            }
        }
    }

    private func valueCode(_ parameter: ProviderPlan.Parameter) -> String {
        let option = parameter.option
        var code = option.code(family)
        if let value = parameter.defaultValue, let defaultCode = SwiftSource.value(value, as: option.swiftType) {
            code += " ?? \(defaultCode)"
        } else if parameter.isRequired, parameter.standardName == "max_tokens" {
            // The provider requires a limit; without one from the caller, the model's own.
            code += " ?? Model(request.model).info?.maxOutputTokens ?? 4096"
        }
        return code
    }

    private func bodyPropertyNames(_ keys: [String], reserved: Set<String>) -> [String: String] {
        TypeNaming.propertyNames(keys, reserved: reserved)
    }

    private func renderBody(_ tree: RequestTree, into writer: inout SwiftWriter) {
        let keys = tree.members.keys.sorted()
        let properties = bodyPropertyNames(keys, reserved: ["request", "model", "stream"])
        let types = TypeNaming.typeNames(keys, reserved: ["ChatBody"])
        writer.documentation("The body of a chat request in the provider's wire shape.")
        writer.block("nonisolated public struct ChatBody: Encodable, Sendable") { writer in
            writer.documentation("The standard request; its conversation is encoded by `\(family)`.")
            writer.line("public var request: ChatRequest")
            if plan.sendsModelInBody { writer.line("public var model: String?") }
            if plan.sendsStreamFlag { writer.line("public var stream: Bool?") }
            for key in keys {
                writer.line(
                    "public var \(properties[key]!): \(RequestTree.swiftType(tree.members[key]!, typeName: types[key]!))?"
                )
            }
            writer.line()
            writer.block("init(request: ChatRequest)") { writer in
                writer.line("self.request = request")
            }
            writer.line()
            var codingKeys = keys.map { ($0, properties[$0]!) }
            if plan.sendsModelInBody { codingKeys.insert(("model", "model"), at: 0) }
            if plan.sendsStreamFlag { codingKeys.insert(("stream", "stream"), at: 0) }
            if !codingKeys.isEmpty {
                writer.block("enum CodingKeys: String, CodingKey") { writer in
                    for (key, property) in codingKeys.sorted(by: { $0.0 < $1.0 }) {
                        writer.line("case \(property) = \(SwiftSource.literal(key))")
                    }
                }
                writer.line()
            }
            if let fields = plan.streaming?.requestFields {
                writer.documentation("Members the manifest adds to a streamed request (`streaming.request_fields`).")
                writer.line("static let streamRequestFields: JSONValue = \(SwiftSource.jsonValue(fields))")
                writer.line()
            }
            writer.block("public func encode(to encoder: any Encoder) throws") { writer in
                if let field = plan.reasoningField {
                    writer.line(
                        "try \(family).encodeConversation(of: self.request, reasoningField: \(SwiftSource.literal(field)), to: encoder)"
                    )
                } else {
                    writer.line("try \(family).encodeConversation(of: self.request, to: encoder)")
                }
                if plan.streaming?.requestFields != nil {
                    writer.block("if self.request.stream, case .object(let members) = Self.streamRequestFields") {
                        writer in
                        writer.line("var extra = encoder.container(keyedBy: AnyKey.self)")
                        writer.line(
                            "for member in members { try extra.encode(member.value, forKey: AnyKey(member.key)) }")
                    }
                }
                if !codingKeys.isEmpty {
                    writer.line("var container = encoder.container(keyedBy: CodingKeys.self)")
                    for (_, property) in codingKeys.sorted(by: { $0.0 < $1.0 }) {
                        writer.line("try container.encodeIfPresent(self.\(property), forKey: .\(property))")
                    }
                }
            }
            for key in keys {
                if case .object(let children) = tree.members[key]! {
                    writer.line()
                    RequestTree.renderStruct(name: types[key]!, members: children, into: &writer)
                }
            }
        }
    }

    // MARK: Response

    private func renderResponse(into writer: inout SwiftWriter) {
        var tree = FieldTree()
        for path in plan.responsePaths.values { tree.insert(path, use: .value(.json)) }
        let compiler = PathCompiler(tree: tree, documentVariable: "body")
        let paths = plan.responsePaths
        writer.documentation("The standard response for a decoded chat response.")
        writer.block("public static func chatResponse(from body: ChatResponseBody) -> ChatResponse") { writer in
            let readsContent = ["thinking", "content", "tool_calls"].contains { paths[$0] != nil }
            writer.line("\(readsContent ? "var" : "let") content: [ContentBlock] = []")
            if let thinking = paths["thinking"] {
                writer.block("if let thinking = \(compiler.string(thinking)), !thinking.isEmpty") { writer in
                    let signature = paths["thinking_signature"].map(compiler.string) ?? "nil"
                    writer.line("content.append(.thinking(thinking, signature: \(signature)))")
                }
            }
            if let text = paths["content"] {
                writer.block("if let text = \(compiler.string(text)), !text.isEmpty") { writer in
                    writer.line("content.append(.text(text))")
                }
            }
            if let calls = paths["tool_calls"] {
                writer.line(
                    "content += \(family).toolCallContent(from: \(RuntimeNames.Calls.flattened(compiler.values(calls))))"
                )
            }
            writer.line("let rawFinishReason: String? = \(paths["finish_reason"].map(compiler.string) ?? "nil")")
            var usageArguments: [String] = []
            for (field, label) in Self.usageLabels {
                if let path = paths[field] { usageArguments.append("\(label): \(compiler.integer(path))") }
            }
            if usageArguments.isEmpty {
                let usage =
                    paths["usage"].map { RuntimeNames.Calls.conventionalUsage(compiler.firstValue($0)) } ?? "nil"
                writer.line("let usage: Usage? = \(usage)")
            } else {
                writer.line("let usage = Usage(\(usageArguments.joined(separator: ", ")))")
            }
            writer.line("return ChatResponse(")
            writer.indented { writer in
                writer.line("id: \(paths["id"].map(compiler.string) ?? "nil"),")
                writer.line("model: \(paths["model"].map(compiler.string) ?? "nil"),")
                writer.line("candidates: [")
                writer.indented { writer in
                    writer.line("ChatCandidate(")
                    writer.indented { writer in
                        writer.line("index: 0, content: content,")
                        writer.line(
                            "finishReason: rawFinishReason.flatMap(terminationReason(forProviderValue:))?.reportingToolUse(in: content),"
                        )
                        writer.line("rawFinishReason: rawFinishReason)")
                    }
                }
                writer.line("],")
                let check = usageArguments.isEmpty ? "usage" : "usage == Usage() ? nil : usage"
                writer.line("usage: \(check))")
            }
        }
        writer.line()
        writer.documentation("The parts of a chat response the manifest reads.")
        DecodableRenderer.renderRoot(tree.root, typeName: "ChatResponseBody", into: &writer)
    }

    /// Response-path fields that are token counts, and their `Usage` labels.
    static let usageLabels = [
        ("prompt_tokens", "promptTokens"), ("completion_tokens", "completionTokens"), ("total_tokens", "totalTokens"),
        ("reasoning_tokens", "reasoningTokens"), ("cached_tokens", "cachedTokens"),
    ]

    /// `usage(from:)`: token counts from a usage object, as stream events carry it.
    private func renderUsage(into writer: inout SwiftWriter) {
        writer.documentation("Token counts from a usage object (as stream events carry it).")
        writer.block("public static func usage(from object: JSONValue?) -> Usage?") { writer in
            guard !plan.usagePaths.isEmpty else {
                writer.line(RuntimeNames.Calls.conventionalUsage("object"))
                return
            }
            writer.line("guard let object else { return nil }")
            let compiler = PathCompiler(tree: FieldTree(rootLeaf: .json), documentVariable: "object")
            var arguments: [String] = []
            for (field, label) in Self.usageLabels {
                if let path = plan.usagePaths[field] { arguments.append("\(label): \(compiler.integer(path))") }
            }
            writer.line("let usage = Usage(\(arguments.joined(separator: ", ")))")
            writer.line("return usage == Usage() ? \(RuntimeNames.Calls.conventionalUsage("object")) : usage")
        }
    }

    // MARK: Errors

    private func renderErrors(into writer: inout SwiftWriter) {
        var tree = FieldTree()
        for path in plan.errorPaths.values { tree.insert(path, use: .value(.json)) }
        let compiler = PathCompiler(tree: tree, documentVariable: "body")
        writer.documentation("The provider's message, type and code in an error body.")
        writer.block("public static func errorDetails(from body: ErrorBody) -> ProviderErrorDetails") { writer in
            let fields = ["message", "type", "code"].map { field in
                "\(field): \(plan.errorPaths[field].map(compiler.string) ?? "nil")"
            }
            writer.line("ProviderErrorDetails(\(fields.joined(separator: ", ")))")
        }
        writer.line()
        writer.documentation("The parts of an error response the manifest reads.")
        DecodableRenderer.renderRoot(tree.root, typeName: "ErrorBody", into: &writer)
        writer.line()
        writer.documentation(
            "The manifest's classification: error code or type, then message, then HTTP status; `nil` when it says nothing."
        )
        writer.block("public static func classify(status: Int?, details: ProviderErrorDetails) -> ErrorClass?") {
            writer in
            if !plan.errorCodes.isEmpty {
                writer.block("for evidence in [details.code, details.type].compactMap({ $0 })") { writer in
                    writer.switchBlock("evidence") { writer in
                        for (code, errorClass) in plan.errorCodes {
                            writer.line(
                                "case \(SwiftSource.literal(code)): return .\(SwiftSource.lowerCamelIdentifier(errorClass))"
                            )
                        }
                        writer.line("default: break")
                    }
                }
            }
            if !plan.errorMessageSubstrings.isEmpty || !plan.errorMessagePatterns.isEmpty {
                writer.block("if let message = details.message") { writer in
                    for (text, errorClass) in plan.errorMessageSubstrings {
                        writer.line(
                            "if message.contains(\(SwiftSource.literal(text))) { return .\(SwiftSource.lowerCamelIdentifier(errorClass)) }"
                        )
                    }
                    for (pattern, errorClass) in plan.errorMessagePatterns {
                        writer.line(
                            "if let pattern = try? Regex(\(SwiftSource.literal(pattern))), message.contains(pattern) { return .\(SwiftSource.lowerCamelIdentifier(errorClass)) }"
                        )
                    }
                }
            }
            if !plan.errorStatuses.isEmpty {
                writer.block("if let status") { writer in
                    writer.switchBlock("status") { writer in
                        for (status, errorClass) in plan.errorStatuses {
                            writer.line("case \(status): return .\(SwiftSource.lowerCamelIdentifier(errorClass))")
                        }
                        writer.line("default: break")
                    }
                }
            }
            writer.line("return nil")
        }
        if let extraction = plan.retryAfterExtraction {
            writer.line()
            writer.documentation("How long an error body asks to wait (the manifest's `retry_after_extraction`).")
            writer.block("public static func retryAfter(inErrorBody text: String) -> Duration?") { writer in
                writer.line(
                    "guard let pattern = try? Regex(\(SwiftSource.literal(extraction.pattern))), let match = text.firstMatch(of: pattern),"
                )
                writer.line(
                    "    match.output.count > 1, let group = match.output[1].substring, let value = Double(group), value >= 0"
                )
                writer.line("else { return nil }")
                writer.line("return .milliseconds(Int64(value\(extraction.inMilliseconds ? "" : " * 1000")))")
            }
        }
    }

    // MARK: Termination

    private func renderTermination(into writer: inout SwiftWriter) {
        writer.documentation("The standard reason for a provider's finish value (the manifest's termination mapping).")
        writer.block("public static func terminationReason(forProviderValue value: String) -> TerminationReason?") {
            writer in
            guard !plan.termination.isEmpty else {
                writer.line("TerminationReason(vocabularyName: value)")
                return
            }
            writer.switchBlock("value") { writer in
                for (raw, reason) in plan.termination {
                    writer.line("case \(SwiftSource.literal(raw)): .\(SwiftSource.lowerCamelIdentifier(reason))")
                }
                writer.line("default: nil")
            }
        }
    }

    // MARK: Models

    private func renderModels(into writer: inout SwiftWriter) {
        writer.documentation(
            "\(plan.displayName)'s models: those of the model registry by name, any other by `Model(\"id\")`.")
        writer.block("nonisolated public struct Model: ModelIdentifier") { writer in
            writer.documentation("The id as the API expects it.")
            writer.line("public let id: String")
            writer.line()
            writer.documentation("A model by id, known to the registry or not.")
            writer.block("public init(_ id: String)") { writer in
                writer.line("self.id = id")
            }
            for model in plan.models {
                writer.line()
                var summary = model.displayName ?? model.id
                var facts: [String] = []
                if let window = model.contextWindow { facts.append("context window \(window) tokens") }
                if let output = model.maxOutputTokens { facts.append("up to \(output) output tokens") }
                if let status = model.status, status != "active" { facts.append(status) }
                if !facts.isEmpty { summary += ": " + facts.joined(separator: ", ") }
                writer.documentation("\(summary) (`\(model.id)`).")
                writer.line("public static let \(model.identifier) = Model(\(SwiftSource.literal(model.id)))")
            }
            writer.line()
            writer.documentation("What the model registry says about this model; `nil` for a model it does not list.")
            writer.block("public var info: ModelInfo?") { writer in
                guard !plan.models.isEmpty else {
                    writer.line("nil")
                    return
                }
                writer.switchBlock("id") { writer in
                    for model in plan.models {
                        writer.line("case \(SwiftSource.literal(model.id)):")
                        writer.indented { writer in
                            writer.line("ModelInfo(\(modelInfoArguments(model)))")
                        }
                    }
                    writer.line("default: nil")
                }
            }
            writer.line()
            writer.documentation("Every model of the registry.")
            let all = plan.models.map { "." + $0.identifier }
            writer.line("public static let registered: [Model] = [\(all.joined(separator: ", "))]")
        }
    }

    private func modelInfoArguments(_ model: ProviderPlan.Model) -> String {
        var arguments: [String] = []
        if let name = model.displayName { arguments.append("displayName: \(SwiftSource.literal(name))") }
        if let value = model.contextWindow { arguments.append("contextWindow: \(value)") }
        if let value = model.maxOutputTokens { arguments.append("maxOutputTokens: \(value)") }
        if !model.capabilities.isEmpty {
            let names = model.capabilities.map { "." + SwiftSource.lowerCamelIdentifier($0) }
            arguments.append("capabilities: [\(names.joined(separator: ", "))]")
        }
        if let value = model.inputPrice { arguments.append("inputPricePerMillion: \(value)") }
        if let value = model.outputPrice { arguments.append("outputPricePerMillion: \(value)") }
        if let value = model.cachedInputPrice { arguments.append("cachedInputPricePerMillion: \(value)") }
        if let value = model.currency { arguments.append("currency: \(SwiftSource.literal(value))") }
        if let value = model.status { arguments.append("status: .\(SwiftSource.lowerCamelIdentifier(value))") }
        return arguments.joined(separator: ", ")
    }
}
