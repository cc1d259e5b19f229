/// The wire shape of Cohere's v2 chat (`/v2/chat`).
///
/// Request members it writes:
/// - `messages`: `[{role, content}]` in conversation order with roles `system`, `user`,
///   `assistant` and `tool`. User content is a string when it is only text, else parts
///   `[{type: "text", text}, {type: "image_url", image_url: {url}}]` (base64 images as `data:`
///   URLs). An assistant message carries `tool_calls` `[{id, type: "function", function: {name,
///   arguments}}]`, its text as `content` (omitted when it has none and calls), and — when it
///   has calls — its thinking text as `tool_plan` (the stream's `tool-plan-delta` arrives as
///   thinking). Each tool result is its own message
///   `{role: "tool", tool_call_id, content: [{type: "document", document: {data: <text>}}]}`
///   (the wire has no error flag: `isError` is not sent).
/// - `tools`: `[{type: "function", function: {name, description, parameters}}]`, only when there
///   are tools.
/// - `tool_choice`: `"NONE"` or `"REQUIRED"`; `.auto` sends nothing (Cohere's default). Cohere
///   cannot name a tool, so `.tool(name)` sends `"REQUIRED"` with `tools` narrowed to that tool
///   (all tools when none has that name). Only together with `tools`.
public enum CohereV2Family: PayloadFamily {
    public static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(try messages(of: request.messages), for: "messages")
        guard !request.tools.isEmpty else { return }
        var tools = request.tools
        if case .tool(let name)? = request.toolChoice, tools.contains(where: { $0.name == name }) {
            tools = tools.filter { $0.name == name }
        }
        try container.encode(tools.map(FunctionToolWire.init), for: "tools")
        switch request.toolChoice {
        case .none?: try container.encode("NONE", for: "tool_choice")
        case .required?, .tool?: try container.encode("REQUIRED", for: "tool_choice")
        case .auto?, nil: break
        }
    }

    /// `{type: "text"}`, `{type: "json_object"}`, or `{type: "json_object", json_schema: <schema>}`
    /// (the schema's name and strictness have no place on Cohere's wire).
    public static func responseFormatValue(_ format: ResponseFormat) -> JSONValue {
        switch format {
        case .text: .object(["type": .string("text")])
        case .jsonObject: .object(["type": .string("json_object")])
        case .jsonSchema(_, let schema, _): .object(["type": .string("json_object"), "json_schema": schema])
        }
    }

    /// The calls in `message.tool_calls`: objects `{id, type: "function", function: {name,
    /// arguments}}` or arrays of them; `arguments` is the JSON text as sent. A call without an id
    /// gets `call_<n>`, `n` its position.
    public static func toolCalls(from values: [JSONValue]) -> [ToolCall] {
        functionToolCalls(from: values)
    }

    /// The events of a tool-call fragment of Cohere's typed event stream.
    ///
    /// - `field` `"tool_calls"` or `"tool_call"`: `value` is `delta.message.tool_calls` — one call
    ///   delta `{id?, type?, function: {name?, arguments?}}`, with an `index` member when the
    ///   generator adds the event's index (else 0) — or an array of deltas (index: their
    ///   `index`, else their position). A delta with an id or name gives `.toolCallStarted`
    ///   (the `tool-call-start` event); a non-empty `arguments` piece gives
    ///   `.toolCallArgumentsDelta` (`tool-call-start` sends `""`, `tool-call-delta` the pieces).
    /// - `field` `"event"`, `"tool-call-start"`, `"tool-call-delta"` or `"tool-call-end"`: `value`
    ///   is the whole event `{type, index, delta: {message: {tool_calls}}}`, which carries its
    ///   index; `tool-call-end` gives `.toolCallEnded`.
    ///
    /// Other fields give no events.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent] {
        switch field {
        case "tool_calls", "tool_call":
            return functionCallDeltaEvents(from: value, candidate: candidate)
        case "event", "tool-call-start", "tool-call-delta", "tool-call-end":
            let index = value["index"]?.intValue ?? 0
            switch value["type"]?.stringValue {
            case "tool-call-start", "tool-call-delta":
                guard let delta = value["delta"]?["message"]?["tool_calls"], let members = delta.members
                else { return [] }
                let indexed = JSONValue.object(
                    members.filter { $0.key != "index" } + [JSONValue.Member("index", .integer(index))])
                return functionCallDeltaEvents(from: indexed, candidate: candidate)
            case "tool-call-end":
                return [.toolCallEnded(index: index, candidate: candidate)]
            default:
                return []
            }
        default:
            return []
        }
    }

    /// OpenAI's turns; an assistant's thinking goes back as its `tool_plan` when it made calls.
    private static func messages(of conversation: [Message]) throws -> [MessageWire] {
        try OpenAIChatFamily.turns(of: conversation, provider: "Cohere").map { turn in
            switch turn {
            case .system(let text): .system(text)
            case .user(let blocks):
                .user(try OpenAIUserContentWire(blocks, role: "user", provider: "Cohere", mediaParts: false))
            case .assistant(let text, let thinking, let calls):
                .assistant(text: text, plan: calls.isEmpty ? "" : thinking, calls: calls)
            case .tool(let result): .tool(result)
            }
        }
    }

    private enum MessageWire: Encodable {
        case system(String)
        case user(OpenAIUserContentWire)
        case assistant(text: String, plan: String, calls: [ToolCall])
        case tool(ToolResult)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            switch self {
            case .system(let text):
                try container.encode("system", for: "role")
                try container.encode(text, for: "content")
            case .user(let content):
                try container.encode("user", for: "role")
                try container.encode(content, for: "content")
            case .assistant(let text, let plan, let calls):
                try container.encode("assistant", for: "role")
                if !text.isEmpty || calls.isEmpty { try container.encode(text, for: "content") }
                if !plan.isEmpty { try container.encode(plan, for: "tool_plan") }
                if !calls.isEmpty { try container.encode(calls.map(FunctionCallWire.init), for: "tool_calls") }
            case .tool(let result):
                try container.encode("tool", for: "role")
                try container.encode(result.callID, for: "tool_call_id")
                let document = JSONValue.object([
                    "type": .string("document"), "document": .object(["data": .string(result.content)]),
                ])
                try container.encode([document], for: "content")
            }
        }
    }
}

extension CohereV2Family {
    /// Cohere's v2 embed: `{model, texts, input_type: "search_document", embedding_types: ["float"]}`.
    public static func encodeEmbeddings(of request: EmbeddingsRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(request.model, forKey: AnyKey("model"))
        try container.encode(request.inputs, forKey: AnyKey("texts"))
        try container.encode("search_document", forKey: AnyKey("input_type"))
        try container.encode(["float"], forKey: AnyKey("embedding_types"))
        try container.encodeIfPresent(request.dimensions, forKey: AnyKey("output_dimension"))
    }
}
