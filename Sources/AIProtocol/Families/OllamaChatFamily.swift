/// The wire shape of Ollama's native chat (`/api/chat`).
///
/// Request members it writes:
/// - `messages`: `[{role, content, …}]` in conversation order with roles `system`, `user`,
///   `assistant` and `tool`; `content` is always the message's text. User images go in `images`
///   as base64 strings (a base64 `data:` URL is unwrapped; other image URLs are an error, Ollama
///   takes no URLs). An assistant message carries `tool_calls` `[{function: {name, arguments}}]`
///   with `arguments` the parsed object (`{}` when empty or not an object), and its thinking text
///   as `thinking`. Each tool result is its own message `{role: "tool", content, tool_name?}`,
///   `tool_name` being the result's name or that of the earlier call with its id (the wire has no
///   error flag: `isError` is not sent).
/// - `tools`: `[{type: "function", function: {name, description, parameters}}]`, only when there
///   are tools.
///
/// Ollama has no tool-choice parameter, so the choice shapes `tools`: `.none` sends no tools,
/// `.tool(name)` sends only that tool (when there is one of that name), `.auto` and `.required`
/// send them all (`.required` cannot be enforced).
public enum OllamaChatFamily: PayloadFamily {
    public static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(try messages(of: request.messages), for: "messages")
        var tools = request.tools
        switch request.toolChoice {
        case .none?: tools = []
        case .tool(let name)? where tools.contains(where: { $0.name == name }): tools = tools.filter { $0.name == name }
        default: break
        }
        if !tools.isEmpty { try container.encode(tools.map(FunctionToolWire.init), for: "tools") }
    }

    /// Ollama's `format`: `"json"` for `.jsonObject`, the schema object for `.jsonSchema`, `null`
    /// (send nothing) for `.text`.
    public static func responseFormatValue(_ format: ResponseFormat) -> JSONValue {
        switch format {
        case .text: .null
        case .jsonObject: .string("json")
        case .jsonSchema(_, let schema, _): schema
        }
    }

    /// The calls in `message.tool_calls`: objects `{function: {name, arguments}}` (or arrays of
    /// them) with `arguments` a JSON object, serialised compactly (a string is kept as it is).
    /// Ollama sends no ids (newer servers may): a call without one gets `call_<n>`, `n` its
    /// position.
    public static func toolCalls(from values: [JSONValue]) -> [ToolCall] {
        var calls: [ToolCall] = []
        for object in flattenedObjects(values) {
            guard let function = object["function"], let name = function["name"]?.stringValue else { continue }
            let id = object["id"]?.nonEmptyString ?? SynthesizedCallID.make(calls.count)
            calls.append(ToolCall(id: id, name: name, arguments: argumentsText(function["arguments"])))
        }
        return calls
    }

    /// The events of whole tool calls in a stream line:
    /// ``toolCallEvents(from:field:candidate:firstIndex:)`` with the calls numbered from 0.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent] {
        toolCallEvents(from: value, field: field, candidate: candidate, firstIndex: 0)
    }

    /// The events of whole tool calls in a stream line.
    ///
    /// `field` `"tool_calls"` (the array `message.tool_calls`) or `"tool_call"` (one call):
    /// Ollama sends calls whole, so each gives `.toolCallStarted`, one `.toolCallArgumentsDelta`
    /// with the whole arguments JSON, and `.toolCallEnded`. The index is the call's
    /// `function.index` when the server sends one, else `firstIndex` plus its position; a call
    /// without an id gets `call_<index>`, as in ``toolCalls(from:)``. A decoder that counts the
    /// calls it has seen passes that count as `firstIndex`, so that calls of later lines do not
    /// reuse indices. Other fields give no events.
    public static func toolCallEvents(
        from value: JSONValue, field: String, candidate: Int, firstIndex: Int
    ) -> [StreamEvent] {
        guard field == "tool_calls" || field == "tool_call" else { return [] }
        var events: [StreamEvent] = []
        for (position, call) in (value.elements ?? [value]).enumerated() {
            guard let function = call["function"], let name = function["name"]?.stringValue else { continue }
            let index = function["index"]?.intValue ?? call["index"]?.intValue ?? firstIndex + position
            let id = call["id"]?.nonEmptyString ?? SynthesizedCallID.make(index)
            events.append(.toolCallStarted(index: index, id: id, name: name, candidate: candidate))
            events.append(
                .toolCallArgumentsDelta(
                    index: index, fragment: argumentsText(function["arguments"]), candidate: candidate))
            events.append(.toolCallEnded(index: index, candidate: candidate))
        }
        return events
    }

    /// OpenAI's turns: user images as base64 strings, the assistant's thinking sent back, tool
    /// results named after their calls.
    private static func messages(of conversation: [Message]) throws -> [MessageWire] {
        var names = ToolNameLookup()
        return try OpenAIChatFamily.turns(of: conversation, provider: "Ollama").map { turn in
            switch turn {
            case .system(let text):
                return MessageWire(role: "system", content: text)
            case .user(let blocks):
                var user = MessageWire(role: "user", content: "")
                for block in blocks {
                    switch block {
                    case .text(let text): user.content += text
                    case .image(.base64(let data, _)): user.images.append(data)
                    case .image(.url(let url)):
                        guard let inline = DataURL(url) else {
                            throw unsupportedContent("image URLs (Ollama takes images as base64 data)")
                        }
                        user.images.append(inline.base64)
                    case .document: throw unsupportedContent("documents (Ollama)")
                    case .audio: throw unsupportedContent("audio input (Ollama)")
                    case .thinking, .toolUse, .toolResult: continue
                    }
                }
                return user
            case .assistant(let text, let thinking, let calls):
                names.record(calls)
                return MessageWire(role: "assistant", content: text, thinking: thinking, toolCalls: calls)
            case .tool(let result):
                return MessageWire(role: "tool", content: result.content, toolName: names.name(of: result))
            }
        }
    }

    private struct MessageWire: Encodable {
        var role: String
        var content: String
        var images: [String] = []
        var thinking = ""
        var toolCalls: [ToolCall] = []
        var toolName: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(role, for: "role")
            try container.encode(content, for: "content")
            if !images.isEmpty { try container.encode(images, for: "images") }
            if !thinking.isEmpty { try container.encode(thinking, for: "thinking") }
            if !toolCalls.isEmpty {
                let calls = toolCalls.map { call in
                    JSONValue.object([
                        "function": .object(["name": .string(call.name), "arguments": argumentsObject(of: call)])
                    ])
                }
                try container.encode(calls, for: "tool_calls")
            }
            try container.encodeIfPresent(toolName, for: "tool_name")
        }
    }
}
