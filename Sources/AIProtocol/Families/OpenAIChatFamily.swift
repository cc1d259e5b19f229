/// The wire shape of OpenAI's chat completions (`/chat/completions`), which most
/// OpenAI-compatible providers share.
///
/// Request members it writes:
/// - `messages`: `[{role, content}]` in conversation order with roles `system`, `user`,
///   `assistant` and `tool`. User content is a string when it is only text, else parts
///   `[{type: "text", text}, {type: "image_url", image_url: {url}}]`, base64 images as
///   `data:<mediaType>;base64,<data>` URLs; documents as `{type: "file", file: {filename,
///   file_data}}` and wav or mp3 audio as `{type: "input_audio", input_audio: {data, format}}`,
///   both from data only. An assistant message carries `tool_calls`
///   `[{id, type: "function", function: {name, arguments}}]`, with `content: null` when it has no
///   text. Each tool result is its own message `{role: "tool", tool_call_id, content}` (the
///   wire has no error flag: `isError` is not sent). Thinking blocks are not sent, unless the
///   manifest names a `tooling.reasoning_field`: then an assistant message's thinking text goes
///   there.
/// - `tools`: `[{type: "function", function: {name, description, parameters}}]`, only when there
///   are tools.
/// - `tool_choice`: `"auto"`, `"none"`, `"required"` or `{type: "function", function: {name}}`,
///   only together with `tools` (OpenAI rejects a choice without tools).
///
/// Tool results found in a user message are written as tool messages before the user message's
/// other content.
public enum OpenAIChatFamily: PayloadFamily {
    public static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws {
        try encode(request, reasoningField: nil, to: encoder)
    }

    /// The same, with an assistant message's thinking text in `reasoningField` (DeepSeek's
    /// `reasoning_content`); a message without thinking has no such member.
    public static func encodeConversation(
        of request: ChatRequest, reasoningField: String, to encoder: any Encoder
    ) throws {
        try encode(request, reasoningField: reasoningField, to: encoder)
    }

    private static func encode(_ request: ChatRequest, reasoningField: String?, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(try messages(of: request.messages, reasoningField: reasoningField), for: "messages")
        if !request.tools.isEmpty {
            try container.encode(request.tools.map(FunctionToolWire.init), for: "tools")
            if let choice = request.toolChoice { try container.encode(toolChoiceValue(choice), for: "tool_choice") }
        }
    }

    /// `{type: "text"}`, `{type: "json_object"}` or
    /// `{type: "json_schema", json_schema: {name, schema, strict}}` (the `response_format` member).
    public static func responseFormatValue(_ format: ResponseFormat) -> JSONValue {
        switch format {
        case .text: .object(["type": .string("text")])
        case .jsonObject: .object(["type": .string("json_object")])
        case .jsonSchema(let name, let schema, let strict):
            .object([
                "type": .string("json_schema"),
                "json_schema": .object(["name": .string(name), "schema": schema, "strict": .bool(strict)]),
            ])
        }
    }

    /// The calls in `message.tool_calls`: each value is a call object
    /// `{id, type, function: {name, arguments}}` or an array of them. `arguments` is kept as the
    /// JSON text the model wrote; when a lenient server sends an object, it is serialised
    /// compactly. A call without an id gets `call_<n>`, `n` its position.
    public static func toolCalls(from values: [JSONValue]) -> [ToolCall] {
        functionToolCalls(from: values)
    }

    /// The events of a `delta.tool_calls` fragment.
    ///
    /// - `field == "tool_calls"`: `value` is the array of call deltas
    ///   `[{index, id?, type?, function: {name?, arguments?}}]`.
    /// - `field == "tool_call"`: `value` is one such delta.
    ///
    /// A delta with an id or a name starts call `index` (`.toolCallStarted`); a non-empty
    /// `arguments` piece then follows as `.toolCallArgumentsDelta`. A delta without `index` (some
    /// servers omit it) takes its position in the array. Calls are never ended here: the
    /// provider's finish (`finish_reason: tool_calls`) ends them. Other fields give no events.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent] {
        switch field {
        case "tool_calls", "tool_call": functionCallDeltaEvents(from: value, candidate: candidate)
        default: []
        }
    }

    /// The same; deltas without `index` (some servers omit it) are numbered from `firstIndex`:
    /// a delta with an id or name starts the next call, one with only arguments continues the
    /// last.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int, firstIndex: Int)
        -> [StreamEvent]
    {
        switch field {
        case "tool_calls", "tool_call":
            functionCallDeltaEvents(from: value, candidate: candidate, firstIndex: firstIndex)
        default: []
        }
    }

    static func toolChoiceValue(_ choice: ToolChoice) -> JSONValue {
        switch choice {
        case .auto: .string("auto")
        case .none: .string("none")
        case .required: .string("required")
        case .tool(let name):
            .object(["type": .string("function"), "function": .object(["name": .string(name)])])
        }
    }

    private static func messages(of conversation: [Message], reasoningField: String?) throws -> [MessageWire] {
        try turns(of: conversation, provider: "OpenAI chat").map { turn in
            switch turn {
            case .system(let text): .system(text)
            case .user(let blocks):
                .user(try OpenAIUserContentWire(blocks, role: "user", provider: "OpenAI chat", mediaParts: true))
            case .assistant(let text, let thinking, let calls):
                .assistant(
                    text: text, calls: calls,
                    reasoning: reasoningField.flatMap { thinking.isEmpty ? nil : ($0, thinking) })
            case .tool(let result): .tool(callID: result.callID, content: result.content)
            }
        }
    }

    /// A conversation in the order of OpenAI-style wires (OpenAI, Cohere v2, Ollama): each
    /// message a turn, and each tool result a `tool` turn of its own, before the rest of the user
    /// message it came with. What no such wire can carry is an error naming `provider`: images
    /// in system or assistant messages, tool calls in user messages, tool results anywhere but
    /// in user and tool messages.
    static func turns(of conversation: [Message], provider: String) throws -> [OpenAIStyleTurn] {
        var turns: [OpenAIStyleTurn] = []
        for message in conversation {
            switch message.role {
            case .system:
                turns.append(.system(try textOnly(message.content, role: "system", provider: provider)))
            case .user:
                let split = SplitContent(message.content)
                turns += split.results.map(OpenAIStyleTurn.tool)
                guard !split.others.isEmpty || split.results.isEmpty else { continue }
                if split.others.contains(where: \.isToolUse) {
                    throw conversationError("a user message cannot carry a tool call")
                }
                turns.append(.user(split.others.filter { !$0.isThinking }))
            case .assistant:
                var text = ""
                var thinking = ""
                var calls: [ToolCall] = []
                for block in message.content {
                    switch block {
                    case .text(let value): text += value
                    case .thinking(let value, _): thinking += value
                    case .toolUse(let call): calls.append(call)
                    case .image, .document, .audio:
                        throw unsupportedContent("media in assistant messages (\(provider))")
                    case .toolResult: throw conversationError("an assistant message cannot carry a tool result")
                    }
                }
                turns.append(.assistant(text: text, thinking: thinking, calls: calls))
            case .tool:
                let split = SplitContent(message.content)
                guard split.others.allSatisfy(\.isThinking) else {
                    throw conversationError("a tool message carries only tool results")
                }
                turns += split.results.map(OpenAIStyleTurn.tool)
            }
        }
        return turns
    }

    private enum MessageWire: Encodable {
        case system(String)
        case user(OpenAIUserContentWire)
        /// `reasoning` is the member and the thinking text sent back, when the provider wants it.
        case assistant(text: String, calls: [ToolCall], reasoning: (field: String, text: String)?)
        case tool(callID: String, content: String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            switch self {
            case .system(let text):
                try container.encode("system", for: "role")
                try container.encode(text, for: "content")
            case .user(let content):
                try container.encode("user", for: "role")
                try container.encode(content, for: "content")
            case .assistant(let text, let calls, let reasoning):
                try container.encode("assistant", for: "role")
                if text.isEmpty && !calls.isEmpty {
                    try container.encodeNull(for: "content")
                } else {
                    try container.encode(text, for: "content")
                }
                if let reasoning { try container.encode(reasoning.text, for: reasoning.field) }
                if !calls.isEmpty { try container.encode(calls.map(FunctionCallWire.init), for: "tool_calls") }
            case .tool(let callID, let content):
                try container.encode("tool", for: "role")
                try container.encode(callID, for: "tool_call_id")
                try container.encode(content, for: "content")
            }
        }
    }
}

/// One turn of a conversation as OpenAI-style wires have it (see `OpenAIChatFamily.turns`).
enum OpenAIStyleTurn {
    case system(String)
    /// The user's text and images, in order.
    case user([ContentBlock])
    /// The assistant's text, its thinking (which some wires send back) and its tool calls.
    case assistant(text: String, thinking: String, calls: [ToolCall])
    /// One tool result.
    case tool(ToolResult)
}

extension ContentBlock {
    /// Whether this is a thinking block (which some families do not send).
    var isThinking: Bool {
        if case .thinking = self { return true }
        return false
    }

    /// Whether this is a tool call.
    var isToolUse: Bool {
        if case .toolUse = self { return true }
        return false
    }
}

/// The calls of OpenAI-shaped tool-call objects `{id, type, function: {name, arguments}}`
/// (OpenAI, Cohere v2).
func functionToolCalls(from values: [JSONValue]) -> [ToolCall] {
    var calls: [ToolCall] = []
    for object in flattenedObjects(values) {
        guard let function = object["function"], let name = function["name"]?.stringValue else { continue }
        let id = object["id"]?.nonEmptyString ?? SynthesizedCallID.make(calls.count)
        calls.append(ToolCall(id: id, name: name, arguments: argumentsText(function["arguments"])))
    }
    return calls
}

/// The events of OpenAI-shaped tool-call deltas: an array of deltas or one delta
/// `{index?, id?, type?, function: {name?, arguments?}}`. An explicit `index` wins; otherwise the
/// delta's position in the array (0 for a single delta).
/// With `firstIndex` (the index after every call seen so far), a delta without `index` that
/// announces a call (id or name) is a new call, and one that only carries arguments continues the
/// last call; without it, a delta's position in the array stands for its index.
func functionCallDeltaEvents(from value: JSONValue, candidate: Int, firstIndex: Int? = nil) -> [StreamEvent] {
    let deltas: [JSONValue] =
        switch value {
        case .array(let items): items
        case .object: [value]
        default: []
        }
    var events: [StreamEvent] = []
    var newCalls = 0
    for (position, delta) in deltas.enumerated() {
        guard case .object = delta else { continue }
        let function = delta["function"]
        let id = delta["id"]?.nonEmptyString
        let name = function?["name"]?.nonEmptyString
        let index: Int
        if let explicit = delta["index"]?.intValue {
            index = explicit
        } else if let firstIndex {
            if id != nil || name != nil {
                index = firstIndex + newCalls
                newCalls += 1
            } else {
                index = max(firstIndex + newCalls - 1, 0)
            }
        } else {
            index = position
        }
        if id != nil || name != nil {
            events.append(.toolCallStarted(index: index, id: id, name: name, candidate: candidate))
        }
        switch function?["arguments"] {
        case .string(let fragment)? where !fragment.isEmpty:
            events.append(.toolCallArgumentsDelta(index: index, fragment: fragment, candidate: candidate))
        case .object(let members)?:
            events.append(
                .toolCallArgumentsDelta(
                    index: index, fragment: JSONText.serialize(.object(members)), candidate: candidate))
        default: break
        }
    }
    return events
}
