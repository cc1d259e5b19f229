/// The message, tool and tool-result wire shape shared by several providers: OpenAI's chat
/// completions, Anthropic's messages, Gemini's contents, Cohere's v2 chat, Ollama's chat.
///
/// A manifest names its family (`endpoints.chat.adapter`); the generated request body encodes
/// the conversation through it and adds the manifest's parameter mappings.
public protocol PayloadFamily: Sendable {
    /// Writes the conversation — system instructions, messages, tools, tool choice — as the
    /// top-level members of the request body.
    static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws

    /// The same, with the assistant's reasoning sent back in the member `reasoningField` of
    /// its messages, for providers that need it in later turns (`tooling.reasoning_field`).
    /// Families that have no such member ignore it.
    static func encodeConversation(of request: ChatRequest, reasoningField: String, to encoder: any Encoder) throws

    /// The provider's value for a standard response format.
    static func responseFormatValue(_ format: ResponseFormat) -> JSONValue

    /// The provider's name for the mode of a response format (`response_format_mode`): the
    /// vocabulary's `text`, `json_object` or `json_schema` by default, a MIME type for Gemini.
    /// `nil` sends nothing.
    static func responseFormatMode(_ format: ResponseFormat) -> String?

    /// The provider's value for a thinking budget of `tokens` (`thinking_budget`): the number
    /// itself by default, Anthropic's `{type: "enabled", budget_tokens}`.
    static func thinkingBudgetValue(_ tokens: Int) -> JSONValue

    /// The complete tool calls in the values a response's `tool_calls` path selects.
    static func toolCalls(from values: [JSONValue]) -> [ToolCall]

    /// The content blocks of those values: the calls, and anything the provider needs back with
    /// them (Gemini's `thoughtSignature`, as a signature-only thinking block before its call).
    static func toolCallContent(from values: [JSONValue]) -> [ContentBlock]

    /// The stream events for a tool-call fragment a stream rule extracted: `value` is what the
    /// rule's `field` (`tool_calls`, `tool_call`, …) selected.
    static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent]

    /// Writes the members of an embeddings request body in the family's shape.
    static func encodeEmbeddings(of request: EmbeddingsRequest, to encoder: any Encoder) throws

    /// The same, numbering calls that carry no index from `firstIndex`.
    static func toolCallEvents(from value: JSONValue, field: String, candidate: Int, firstIndex: Int)
        -> [StreamEvent]
}

extension PayloadFamily {
    public static func encodeConversation(
        of request: ChatRequest, reasoningField: String, to encoder: any Encoder
    ) throws {
        try encodeConversation(of: request, to: encoder)
    }

    public static func responseFormatMode(_ format: ResponseFormat) -> String? {
        switch format {
        case .text: "text"
        case .jsonObject: "json_object"
        case .jsonSchema: "json_schema"
        }
    }

    public static func thinkingBudgetValue(_ tokens: Int) -> JSONValue { .integer(tokens) }

    public static func toolCallContent(from values: [JSONValue]) -> [ContentBlock] {
        toolCalls(from: values).map(ContentBlock.toolUse)
    }

    /// The value of a thinking-budget parameter, `nil` (nothing sent) when none is set.
    public static func thinkingBudgetParameter(_ tokens: Int?) -> JSONValue? {
        tokens.map(thinkingBudgetValue)
    }

    /// The OpenAI shape, which most providers share: `{model, input: [..], dimensions?}`.
    public static func encodeEmbeddings(of request: EmbeddingsRequest, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(request.model, forKey: AnyKey("model"))
        try container.encode(request.inputs, forKey: AnyKey("input"))
        try container.encodeIfPresent(request.dimensions, forKey: AnyKey("dimensions"))
    }

    /// Tool-call events for families whose fragments carry their own indices: the index for a
    /// new call is not needed. Families whose calls arrive whole (Gemini, Ollama) number them
    /// from `firstIndex`, the count of calls the stream has seen.
    public static func toolCallEvents(from value: JSONValue, field: String, candidate: Int, firstIndex: Int)
        -> [StreamEvent]
    {
        toolCallEvents(from: value, field: field, candidate: candidate)
    }

    /// The value of a response-format parameter, `nil` (nothing sent) for free text or when
    /// the family has no form for it.
    public static func responseFormatParameter(_ format: ResponseFormat?) -> JSONValue? {
        guard let format else { return nil }
        let value = responseFormatValue(format)
        return value == .null ? nil : value
    }

    /// The value of a response-format-mode parameter (`response_format_mode`): the format's
    /// name (`text`, `json_object`, `json_schema`), `nil` when none is asked for.
    public static func responseFormatModeParameter(_ format: ResponseFormat?) -> String? {
        guard let format else { return nil }
        return responseFormatMode(format)
    }
}
