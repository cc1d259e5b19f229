/// A tool the model may call: its name, what it does, and the JSON Schema of its arguments.
public struct Tool: Sendable, Hashable {
    /// The name the model calls it by.
    public var name: String
    /// What it does, for the model.
    public var description: String
    /// The JSON Schema of its arguments (an object schema).
    public var parameters: JSONValue

    /// Creates a tool.
    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Whether and which tool the model must call.
public enum ToolChoice: Sendable, Hashable {
    /// The model decides.
    case auto
    /// The model must not call a tool.
    case none
    /// The model must call some tool.
    case required
    /// The model must call this tool.
    case tool(String)
}

/// A call of a tool by the model.
public struct ToolCall: Sendable, Hashable {
    /// The provider's id of the call, which the result refers to.
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments as JSON text, exactly as the model wrote them.
    public var arguments: String

    /// Creates a call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// The result of a tool call.
public struct ToolResult: Sendable, Hashable {
    /// The id of the call it answers.
    public var callID: String
    /// The tool's name (some providers need it).
    public var name: String?
    /// The result, as text (often JSON).
    public var content: String
    /// Whether the tool failed.
    public var isError: Bool

    /// Creates a result.
    public init(callID: String, name: String? = nil, content: String, isError: Bool = false) {
        self.callID = callID
        self.name = name
        self.content = content
        self.isError = isError
    }
}
