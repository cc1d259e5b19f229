/// The message, tool and tool-result wire shape shared by several providers: OpenAI's chat
/// completions, Anthropic's messages, Gemini's contents, Cohere's v2 chat, Ollama's chat.
///
/// A manifest names its family (`endpoints.chat.adapter`); the generated request body encodes
/// the conversation through it and adds the manifest's parameter mappings.
public protocol PayloadFamily: Sendable {
    /// Writes the conversation — system instructions, messages, tools, tool choice — as the
    /// top-level members of the request body.
    static func encodeConversation(of request: ChatRequest, to encoder: any Encoder) throws

    /// The provider's value for a standard response format.
    static func responseFormatValue(_ format: ResponseFormat) -> JSONValue

    /// The complete tool calls in the values a response's `tool_calls` path selects.
    static func toolCalls(from values: [JSONValue]) -> [ToolCall]

    /// The stream events for a tool-call fragment a stream rule extracted: `value` is what the
    /// rule's `field` (`tool_calls`, `tool_call`, …) selected.
    static func toolCallEvents(from value: JSONValue, field: String, candidate: Int) -> [StreamEvent]
}
