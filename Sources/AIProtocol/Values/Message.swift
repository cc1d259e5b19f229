/// One message of a conversation: who it is from and what it carries.
public struct Message: Sendable, Hashable {
    /// Who the message is from.
    public var role: MessageRole
    /// What it carries, in order.
    public var content: [ContentBlock]

    /// Creates a message.
    public init(role: MessageRole, content: [ContentBlock]) {
        self.role = role
        self.content = content
    }

    /// System instructions.
    public static func system(_ text: String) -> Message { Message(role: .system, content: [.text(text)]) }
    /// A user's message.
    public static func user(_ text: String) -> Message { Message(role: .user, content: [.text(text)]) }
    /// A user's message with several blocks, such as text and an image.
    public static func user(_ content: [ContentBlock]) -> Message { Message(role: .user, content: content) }
    /// A message of the model, such as an earlier reply.
    public static func assistant(_ text: String) -> Message { Message(role: .assistant, content: [.text(text)]) }
    /// The result of a tool call, sent back to the model.
    public static func tool(callID: String, name: String? = nil, result: String, isError: Bool = false) -> Message {
        Message(
            role: .tool,
            content: [.toolResult(ToolResult(callID: callID, name: name, content: result, isError: isError))])
    }

    /// The text blocks' text, joined.
    public var text: String {
        content.compactMap {
            if case .text(let text) = $0 { return text }
            return nil
        }.joined()
    }
}

/// A piece of a message.
public enum ContentBlock: Sendable, Hashable {
    /// Text.
    case text(String)
    /// An image, by URL or inline data.
    case image(ImageSource)
    /// A tool call the model made (in an assistant message).
    case toolUse(ToolCall)
    /// The result of a tool call (in a tool message).
    case toolResult(ToolResult)
    /// The model's reasoning, with the signature some providers require back.
    case thinking(String, signature: String?)
    /// A document, such as a PDF (`application/pdf`), for providers whose manifest declares
    /// document input; elsewhere the request fails before it is sent.
    case document(MediaSource)
    /// Audio, such as `audio/wav` or `audio/mpeg`, for providers whose manifest declares audio
    /// input; elsewhere the request fails before it is sent.
    case audio(MediaSource)
}

/// Where an image, a document or audio comes from.
public enum MediaSource: Sendable, Hashable {
    /// An `https:` (or `data:`) URL.
    case url(String)
    /// Base64-encoded bytes and their media type, such as `image/png` or `application/pdf`.
    case base64(data: String, mediaType: String)
}

/// Where an image comes from.
public typealias ImageSource = MediaSource
