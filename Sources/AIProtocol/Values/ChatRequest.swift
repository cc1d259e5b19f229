/// Everything one chat call sends, in standard terms; a provider's codec turns it into its wire
/// format.
public struct ChatRequest: Sendable, Hashable {
    /// The model id as the provider expects it.
    public var model: String
    /// The conversation, oldest first.
    public var messages: [Message]
    /// Tools the model may call.
    public var tools: [Tool]
    /// Whether and which tool the model must call; `nil` leaves it to the provider.
    public var toolChoice: ToolChoice?
    /// Standard parameters.
    public var options: ChatOptions
    /// Whether the response is streamed.
    public var stream: Bool

    /// Creates a request.
    public init(
        model: String, messages: [Message], tools: [Tool] = [], toolChoice: ToolChoice? = nil,
        options: ChatOptions = ChatOptions(), stream: Bool = false
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.options = options
        self.stream = stream
    }
}
