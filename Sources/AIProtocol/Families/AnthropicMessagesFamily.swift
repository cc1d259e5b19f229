/// The wire shape of Anthropic's Messages API (`/v1/messages`), also served by the
/// Anthropic-compatible endpoints of other providers.
///
/// Request members it writes:
/// - `system`: the text of the system messages joined with a blank line (`"\n\n"`); omitted when
///   there are none.
/// - `messages`: roles `user` and `assistant` only. Content is a string when a message is only
///   text, else blocks: `{type: "text", text}` (empty text blocks are skipped, the API rejects
///   them), `{type: "image", source: {type: "base64", media_type, data}}` or
///   `{type: "image", source: {type: "url", url}}` (a base64 `data:` URL is sent as base64),
///   documents the same way as `{type: "document", source}` (audio is an error),
///   `{type: "tool_use", id, name, input}` with `input` the call's arguments parsed as an object
///   (`{}` when empty or not an object), `{type: "thinking", thinking, signature}` for thinking
///   with a signature (thinking without one is not sent). Tool results become
///   `{type: "tool_result", tool_use_id, content, is_error?}` blocks of a user message; results
///   of consecutive tool messages share one user message.
/// - `tools`: `[{name, description, input_schema}]`, only when there are tools.
/// - `tool_choice`: `{type: "auto" | "any" | "none"}` or `{type: "tool", name}`, only together
///   with `tools`.
public enum AnthropicMessagesFamily: PayloadFamily {
    public static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        var systemTexts: [String] = []
        var messages: [MessageWire] = []
        for message in request.messages {
            switch message.role {
            case .system:
                systemTexts.append(try textOnly(message.content, role: "system", provider: "Anthropic"))
            case .user, .tool:
                let split = SplitContent(message.content)
                if message.role == .tool, !split.others.allSatisfy(\.isThinking) {
                    throw conversationError("a tool message carries only tool results")
                }
                let results = split.results.map(BlockWire.toolResult)
                if !results.isEmpty, let last = messages.last, last.role == "user", last.isOnlyToolResults {
                    messages[messages.count - 1].blocks += results
                } else if !results.isEmpty {
                    messages.append(MessageWire(role: "user", blocks: results))
                }
                if message.role == .user, !split.others.isEmpty || split.results.isEmpty {
                    messages.append(MessageWire(role: "user", blocks: try split.others.compactMap(userBlock)))
                }
            case .assistant:
                messages.append(MessageWire(role: "assistant", blocks: try message.content.compactMap(assistantBlock)))
            }
        }
        if !systemTexts.isEmpty { try container.encode(systemTexts.joined(separator: "\n\n"), for: "system") }
        try container.encode(messages, for: "messages")
        if !request.tools.isEmpty {
            try container.encode(request.tools.map(ToolWire.init), for: "tools")
            if let choice = request.toolChoice { try container.encode(toolChoiceValue(choice), for: "tool_choice") }
        }
    }

    /// Anthropic's output format (`output_config.format`, structured outputs):
    /// `{type: "json_schema", schema}`. It has no schema-free JSON mode, so `.jsonObject` asks for
    /// any object, and `.text` sends nothing (`null`).
    public static func responseFormatValue(_ format: ResponseFormat) -> JSONValue {
        switch format {
        case .text: .null
        case .jsonObject: jsonSchemaFormat(.object(["type": .string("object")]))
        case .jsonSchema(_, let schema, _): jsonSchemaFormat(schema)
        }
    }

    /// Extended thinking: `{type: "enabled", budget_tokens}`, or `{type: "disabled"}` for 0.
    /// Anthropic needs at least 1024 tokens and fewer than `max_tokens`; it says so itself.
    public static func thinkingBudgetValue(_ tokens: Int) -> JSONValue {
        guard tokens > 0 else { return .object(["type": .string("disabled")]) }
        return .object([.init("type", .string("enabled")), .init("budget_tokens", .integer(tokens))])
    }

    private static func jsonSchemaFormat(_ schema: JSONValue) -> JSONValue {
        .object([.init("type", .string("json_schema")), .init("schema", schema)])
    }

    /// The calls among content blocks `{type: "tool_use", id, name, input}` (values may also be
    /// arrays of blocks; blocks of other types are skipped). `arguments` is the compact JSON text
    /// of `input`.
    public static func toolCalls(from values: [JSONValue]) -> [ToolCall] {
        var calls: [ToolCall] = []
        for block in flattenedObjects(values) {
            if let type = block["type"]?.stringValue, type != "tool_use" { continue }
            guard let name = block["name"]?.stringValue else { continue }
            let id = block["id"]?.nonEmptyString ?? SynthesizedCallID.make(calls.count)
            calls.append(ToolCall(id: id, name: name, arguments: argumentsText(block["input"])))
        }
        return calls
    }

    /// The events of a tool-use fragment of Anthropic's event stream.
    ///
    /// `toolCallEvents` has no index parameter and Anthropic sends the block index beside the
    /// block, so the generator normally emits `.toolCallStarted` / `.toolCallArgumentsDelta`
    /// itself from the extracted `id`, `name`, `index` and `partial_json` fields. This function
    /// serves the cases where it hands over an object instead:
    /// - `field` `"tool_call"`, `"content_block"` or `"content_block_start"`: a `tool_use` block
    ///   `{id, name, input}`, or the whole `content_block_start` event `{index, content_block}`
    ///   → `.toolCallStarted` (index: the event's `index`, else the block's `index`, else 0),
    ///   plus one arguments delta when `input` is a non-empty object (the API sends `{}` and
    ///   streams the arguments as `partial_json`).
    /// - `field` `"partial_json"`, `"input_json_delta"` or `"content_block_delta"`: an object
    ///   `{index, partial_json}` or the whole `content_block_delta` event
    ///   `{index, delta: {type: "input_json_delta", partial_json}}` → `.toolCallArgumentsDelta`.
    ///   A bare string fragment gives no events: without its index it cannot be placed.
    ///
    /// Other fields give no events.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent] {
        switch field {
        case "tool_call", "content_block", "content_block_start":
            let block = value["content_block"] ?? value
            guard case .object = block, block["type"]?.stringValue ?? "tool_use" == "tool_use" else { return [] }
            let index = value["index"]?.intValue ?? 0
            let id = block["id"]?.nonEmptyString
            let name = block["name"]?.nonEmptyString
            guard id != nil || name != nil else { return [] }
            var events: [StreamEvent] = [.toolCallStarted(index: index, id: id, name: name, candidate: candidate)]
            if let input = block["input"], let members = input.members, !members.isEmpty {
                events.append(
                    .toolCallArgumentsDelta(index: index, fragment: JSONText.serialize(input), candidate: candidate))
            }
            return events
        case "partial_json", "input_json_delta", "content_block_delta":
            guard let index = value["index"]?.intValue else { return [] }
            let fragment = value["delta"]?["partial_json"]?.stringValue ?? value["partial_json"]?.stringValue
            guard let fragment, !fragment.isEmpty else { return [] }
            return [.toolCallArgumentsDelta(index: index, fragment: fragment, candidate: candidate)]
        default:
            return []
        }
    }

    static func toolChoiceValue(_ choice: ToolChoice) -> JSONValue {
        switch choice {
        case .auto: .object(["type": .string("auto")])
        case .none: .object(["type": .string("none")])
        case .required: .object(["type": .string("any")])
        case .tool(let name): .object(["type": .string("tool"), "name": .string(name)])
        }
    }

    private static func userBlock(_ block: ContentBlock) throws -> BlockWire? {
        switch block {
        case .text(let text): return text.isEmpty ? nil : .text(text)
        case .image(let source): return .media("image", source)
        case .document(let source): return .media("document", source)
        case .audio: throw unsupportedContent("audio input (Anthropic)")
        case .thinking: return nil
        case .toolUse: throw conversationError("a user message cannot carry a tool call")
        case .toolResult: return nil
        }
    }

    private static func assistantBlock(_ block: ContentBlock) throws -> BlockWire? {
        switch block {
        case .text(let text): return text.isEmpty ? nil : .text(text)
        case .toolUse(let call): return .toolUse(call)
        case .thinking(let text, let signature?): return .thinking(text, signature: signature)
        case .thinking(_, nil): return nil
        case .image, .document, .audio: throw unsupportedContent("media in assistant messages (Anthropic)")
        case .toolResult: throw conversationError("an assistant message cannot carry a tool result")
        }
    }

    private struct MessageWire: Encodable {
        var role: String
        var blocks: [BlockWire]

        var isOnlyToolResults: Bool {
            !blocks.isEmpty
                && blocks.allSatisfy {
                    if case .toolResult = $0 { return true }
                    return false
                }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(role, for: "role")
            let texts = blocks.compactMap {
                if case .text(let text) = $0 { return text }
                return nil
            }
            if texts.count == blocks.count {
                try container.encode(texts.joined(), for: "content")
            } else {
                try container.encode(blocks, for: "content")
            }
        }
    }

    private enum BlockWire: Encodable {
        case text(String)
        /// An `image` or `document` block.
        case media(String, MediaSource)
        case toolUse(ToolCall)
        case toolResult(ToolResult)
        case thinking(String, signature: String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            switch self {
            case .text(let text):
                try container.encode("text", for: "type")
                try container.encode(text, for: "text")
            case .media(let type, let source):
                try container.encode(type, for: "type")
                var wire = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("source"))
                switch source {
                case .base64(let data, let mediaType):
                    try wire.encode("base64", for: "type")
                    try wire.encode(mediaType, for: "media_type")
                    try wire.encode(data, for: "data")
                case .url(let url):
                    if let inline = DataURL(url) {
                        try wire.encode("base64", for: "type")
                        try wire.encode(inline.mediaType, for: "media_type")
                        try wire.encode(inline.base64, for: "data")
                    } else {
                        try wire.encode("url", for: "type")
                        try wire.encode(url, for: "url")
                    }
                }
            case .toolUse(let call):
                try container.encode("tool_use", for: "type")
                try container.encode(call.id, for: "id")
                try container.encode(call.name, for: "name")
                try container.encode(argumentsObject(of: call), for: "input")
            case .toolResult(let result):
                try container.encode("tool_result", for: "type")
                try container.encode(result.callID, for: "tool_use_id")
                try container.encode(result.content, for: "content")
                if result.isError { try container.encode(true, for: "is_error") }
            case .thinking(let text, let signature):
                try container.encode("thinking", for: "type")
                try container.encode(text, for: "thinking")
                try container.encode(signature, for: "signature")
            }
        }
    }

    private struct ToolWire: Encodable {
        var tool: Tool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(tool.name, for: "name")
            try container.encode(tool.description, for: "description")
            try container.encode(tool.parameters, for: "input_schema")
        }
    }
}
