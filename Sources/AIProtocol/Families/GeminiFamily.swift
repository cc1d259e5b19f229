/// The wire shape of Gemini's `generateContent` / `streamGenerateContent`.
///
/// Request members it writes:
/// - `systemInstruction`: `{parts: [{text}]}`, one part per system message; omitted when none.
/// - `contents`: `[{role: "user" | "model", parts}]`; assistant messages have role `model`.
///   Parts: `{text}` (empty text is skipped), `{inlineData: {mimeType, data}}` for base64 images,
///   documents and audio (and base64 `data:` URLs), `{fileData: {mimeType?, fileUri}}` for other
///   URLs (the MIME type is inferred from a common file extension), `{functionCall: {name, args, id?}}` for
///   tool calls with `args` the parsed arguments object (`{}` when empty or not an object).
///   Tool results become a `user` content of `{functionResponse: {name, response, id?}}` parts;
///   results of consecutive tool messages share one content, as Gemini wants one response part
///   per call of the turn. `response` is the result parsed as a JSON object, else
///   `{"result": <text>}`; a failed call (`isError`) sends `{"error": <object or text>}`. The
///   function `name` is the result's `name`, else that of the earlier call with the result's id
///   (a result whose name cannot be found is an error).
///   Ids: a call id is sent (in `functionCall.id` and `functionResponse.id`) unless it has the
///   form `call_<n>` that ``toolCalls(from:)`` makes up for calls that came without one.
///   Thinking: thought text is not sent back, but a thinking block's signature is sent as the
///   `thoughtSignature` of the part that follows it in the message (or, when none follows, of
///   the part before it), which is where Gemini returned it.
/// - `tools`: `[{functionDeclarations: [{name, description, parameters}]}]`, only when there are
///   tools.
/// - `toolConfig`: `{functionCallingConfig: {mode: "AUTO" | "NONE" | "ANY"}}`, with
///   `allowedFunctionNames: [name]` and mode `ANY` for a specific tool; only together with
///   `tools`.
public enum GeminiFamily: PayloadFamily {
    public static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        var systemParts: [PartWire] = []
        var contents: [ContentWire] = []
        var names = ToolNameLookup()
        for message in request.messages {
            switch message.role {
            case .system:
                let text = try textOnly(message.content, role: "system", provider: "Gemini")
                if !text.isEmpty { systemParts.append(PartWire(.text(text))) }
            case .user, .tool:
                let split = SplitContent(message.content)
                if message.role == .tool, !split.others.allSatisfy(\.isThinking) {
                    throw conversationError("a tool message carries only tool results")
                }
                let responses = try split.results.map { result in
                    guard let name = names.name(of: result) else {
                        throw conversationError(
                            "Gemini needs the function name of the result for call \(result.callID), "
                                + "and no earlier call has that id")
                    }
                    return PartWire(.functionResponse(name: name, result: result))
                }
                if !responses.isEmpty, let last = contents.last, last.isOnlyFunctionResponses {
                    contents[contents.count - 1].parts += responses
                } else if !responses.isEmpty {
                    contents.append(ContentWire(role: "user", parts: responses))
                }
                if message.role == .user, !split.others.isEmpty || split.results.isEmpty {
                    contents.append(ContentWire(role: "user", parts: try userParts(split.others)))
                }
            case .assistant:
                names.record(message)
                contents.append(ContentWire(role: "model", parts: try modelParts(message.content)))
            }
        }
        if !systemParts.isEmpty {
            try container.encode(ContentWire(role: nil, parts: systemParts), for: "systemInstruction")
        }
        try container.encode(contents, for: "contents")
        if !request.tools.isEmpty {
            let declarations = JSONValue.array(
                request.tools.map {
                    .object([
                        "name": .string($0.name), "description": .string($0.description), "parameters": $0.parameters,
                    ])
                })
            try container.encode([JSONValue.object(["functionDeclarations": declarations])], for: "tools")
            if let choice = request.toolChoice { try container.encode(toolConfigValue(choice), for: "toolConfig") }
        }
    }

    /// The JSON schema for `.jsonSchema`, `{"type": "object"}` for `.jsonObject`, `null` (send
    /// nothing) for `.text`. The manifest maps it to `generationConfig.responseJsonSchema`, and
    /// maps `response_format_mode` to `generationConfig.responseMimeType` (see
    /// `responseFormatMode(_:)`): Gemini ignores the schema without the MIME type.
    /// `application/json` for both JSON formats; nothing for free text (Gemini's default).
    public static func responseFormatMode(_ format: ResponseFormat) -> String? {
        format == .text ? nil : "application/json"
    }

    public static func responseFormatValue(_ format: ResponseFormat) -> JSONValue {
        switch format {
        case .text: .null
        case .jsonObject: .object(["type": .string("object")])
        case .jsonSchema(_, let schema, _): schema
        }
    }

    /// The calls in `functionCall` objects `{name, args, id?}`, in parts that contain one
    /// (`{functionCall: {...}}`), or in arrays of either. `arguments` is the compact JSON text of
    /// `args` (`{}` when absent); a call without an id gets `call_<n>`, `n` its position.
    public static func toolCalls(from values: [JSONValue]) -> [ToolCall] {
        functionCalls(in: values).enumerated().map { position, call in
            ToolCall(
                id: call["id"]?.nonEmptyString ?? SynthesizedCallID.make(position),
                name: call["name"]?.stringValue ?? "",
                arguments: argumentsText(call["args"]))
        }
    }

    /// The calls, each after a signature-only thinking block when its part carries a
    /// `thoughtSignature` (the values are then the parts, `parts[?(@.functionCall)]`): the
    /// encoder sends that signature back on the part that follows it, the call's, as Gemini needs.
    public static func toolCallContent(from values: [JSONValue]) -> [ContentBlock] {
        let parts = flattenedObjects(values)
        let calls = toolCalls(from: parts)
        var content: [ContentBlock] = []
        var position = 0
        for part in parts where (part["functionCall"] ?? part)["name"]?.stringValue != nil {
            if let signature = part["thoughtSignature"]?.nonEmptyString {
                content.append(.thinking("", signature: signature))
            }
            content.append(.toolUse(calls[position]))
            position += 1
        }
        return content
    }

    /// The events of whole function calls in a stream frame: ``toolCallEvents(from:field:candidate:firstIndex:)``
    /// with the calls numbered from 0.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent] {
        toolCallEvents(from: value, field: field, candidate: candidate, firstIndex: 0)
    }

    /// The events of whole function calls in a stream frame.
    ///
    /// `field` `"tool_call"`, `"tool_calls"`, `"functionCall"` or `"part"`; `value` is a
    /// `functionCall` object `{name, args, id?}`, a part holding one (`{functionCall, thoughtSignature?}`),
    /// or an array of either. Gemini sends calls whole, so each gives `.toolCallStarted`, one
    /// `.toolCallArgumentsDelta` with the whole `args` JSON, and `.toolCallEnded`. Calls are
    /// numbered from `firstIndex` in order; a call without an id gets `call_<index>`, as in
    /// ``toolCalls(from:)``. A part's `thoughtSignature` comes first as
    /// `.thinkingDelta("", signature:)`, so that the signature is kept with the call and sent back
    /// (selecting the parts, `parts[?(@.functionCall)]`, rather than `.functionCall` keeps it).
    ///
    /// Gemini may spread a response's calls over several frames; a decoder that counts the calls
    /// it has seen passes that count as `firstIndex` so that indices and made-up ids stay unique.
    /// Without it each frame starts again at 0, which is safe for consumers that close a call at
    /// its `.toolCallEnded`. Other fields give no events.
    public static func toolCallEvents(
        from value: JSONValue, field: String, candidate: Int, firstIndex: Int
    ) -> [StreamEvent] {
        guard ["tool_call", "tool_calls", "functionCall", "function_call", "part", "parts"].contains(field) else {
            return []
        }
        let items: [JSONValue] = value.elements ?? [value]
        var events: [StreamEvent] = []
        var index = firstIndex
        for item in items {
            guard case .object = item else { continue }
            let call = item["functionCall"] ?? item
            guard let name = call["name"]?.stringValue else { continue }
            if let signature = item["thoughtSignature"]?.nonEmptyString {
                events.append(.thinkingDelta("", signature: signature, candidate: candidate))
            }
            let id = call["id"]?.nonEmptyString ?? SynthesizedCallID.make(index)
            events.append(.toolCallStarted(index: index, id: id, name: name, candidate: candidate))
            events.append(
                .toolCallArgumentsDelta(index: index, fragment: argumentsText(call["args"]), candidate: candidate))
            events.append(.toolCallEnded(index: index, candidate: candidate))
            index += 1
        }
        return events
    }

    static func toolConfigValue(_ choice: ToolChoice) -> JSONValue {
        let config: JSONValue =
            switch choice {
            case .auto: .object(["mode": .string("AUTO")])
            case .none: .object(["mode": .string("NONE")])
            case .required: .object(["mode": .string("ANY")])
            case .tool(let name): .object(["mode": .string("ANY"), "allowedFunctionNames": .array([.string(name)])])
            }
        return .object(["functionCallingConfig": config])
    }

    private static func functionCalls(in values: [JSONValue]) -> [JSONValue] {
        flattenedObjects(values).compactMap { object in
            let call = object["functionCall"] ?? object
            return call["name"]?.stringValue == nil ? nil : call
        }
    }

    private static func userParts(_ blocks: [ContentBlock]) throws -> [PartWire] {
        try blocks.compactMap { block in
            switch block {
            case .text(let text): return text.isEmpty ? nil : PartWire(.text(text))
            case .image(let source), .document(let source), .audio(let source): return PartWire(.media(source))
            case .thinking, .toolResult: return nil
            case .toolUse: throw conversationError("a user message cannot carry a tool call")
            }
        }
    }

    private static func modelParts(_ blocks: [ContentBlock]) throws -> [PartWire] {
        var parts: [PartWire] = []
        var pendingSignature: String?
        for block in blocks {
            var part: PartWire
            switch block {
            case .text(let text):
                guard !text.isEmpty else { continue }
                part = PartWire(.text(text))
            case .image(let source): part = PartWire(.media(source))
            case .document, .audio: throw unsupportedContent("documents or audio in assistant messages (Gemini)")
            case .toolUse(let call): part = PartWire(.functionCall(call))
            case .thinking(_, let signature):
                if let signature, !signature.isEmpty { pendingSignature = signature }
                continue
            case .toolResult: throw conversationError("an assistant message cannot carry a tool result")
            }
            part.thoughtSignature = pendingSignature
            pendingSignature = nil
            parts.append(part)
        }
        if let pendingSignature, !parts.isEmpty, parts[parts.count - 1].thoughtSignature == nil {
            parts[parts.count - 1].thoughtSignature = pendingSignature
        }
        return parts
    }

    private struct ContentWire: Encodable {
        var role: String?
        var parts: [PartWire]

        var isOnlyFunctionResponses: Bool {
            role == "user" && !parts.isEmpty
                && parts.allSatisfy {
                    if case .functionResponse = $0.kind { return true }
                    return false
                }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encodeIfPresent(role, for: "role")
            try container.encode(parts, for: "parts")
        }
    }

    private struct PartWire: Encodable {
        enum Kind {
            case text(String)
            case media(MediaSource)
            case functionCall(ToolCall)
            case functionResponse(name: String, result: ToolResult)
        }

        var kind: Kind
        var thoughtSignature: String?

        init(_ kind: Kind) { self.kind = kind }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            switch kind {
            case .text(let text):
                try container.encode(text, for: "text")
            case .media(let source):
                if let inline = DataURL(source) {
                    try container.encode(
                        JSONValue.object(["mimeType": .string(inline.mediaType), "data": .string(inline.base64)]),
                        for: "inlineData")
                } else if case .url(let url) = source {
                    var file: [JSONValue.Member] = []
                    if let mediaType = mediaType(forURL: url) {
                        file.append(.init("mimeType", .string(mediaType)))
                    }
                    file.append(.init("fileUri", .string(url)))
                    try container.encode(JSONValue.object(file), for: "fileData")
                }
            case .functionCall(let call):
                var members: [JSONValue.Member] = [
                    .init("name", .string(call.name)), .init("args", argumentsObject(of: call)),
                ]
                if !SynthesizedCallID.matches(call.id) { members.append(.init("id", .string(call.id))) }
                try container.encode(JSONValue.object(members), for: "functionCall")
            case .functionResponse(let name, let result):
                let parsed = JSONText.parseObject(result.content)
                let response: JSONValue =
                    result.isError
                    ? .object(["error": parsed ?? .string(result.content)])
                    : parsed ?? .object(["result": .string(result.content)])
                var members: [JSONValue.Member] = [.init("name", .string(name)), .init("response", response)]
                if !SynthesizedCallID.matches(result.callID) { members.append(.init("id", .string(result.callID))) }
                try container.encode(JSONValue.object(members), for: "functionResponse")
            }
            try container.encodeIfPresent(thoughtSignature, for: "thoughtSignature")
        }
    }
}

extension GeminiFamily {
    /// `embedContent` takes one text: `{content: {parts: [{text}]}, outputDimensionality?}`; the
    /// texts after the first need `batchEmbedContents`, which the runtime does not use, so they
    /// are an error instead of being dropped.
    public static func encodeEmbeddings(of request: EmbeddingsRequest, to encoder: any Encoder) throws {
        guard request.inputs.count == 1 else {
            throw AIError(
                .unsupportedFeature("more than one text per embeddings request"), errorClass: .invalidRequest,
                providerID: "gemini")
        }
        var container = encoder.container(keyedBy: AnyKey.self)
        let content = JSONValue.object([
            .init("parts", .array([.object([.init("text", .string(request.inputs[0]))])]))
        ])
        try container.encode(content, forKey: AnyKey("content"))
        try container.encodeIfPresent(request.dimensions, forKey: AnyKey("outputDimensionality"))
    }
}
