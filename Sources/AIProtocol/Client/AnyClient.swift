/// A client whose provider and model are chosen at run time, from configuration:
///
/// ```swift
/// let client = try ProviderRegistry.client(for: "anthropic/claude-sonnet-4-5-20250929")
/// let reply = try await client.chat(messages: [.user("Hello")])
/// ```
///
/// It offers the same calls as the typed clients; what the provider cannot do (streaming,
/// tools) is an `AIError` with `.unsupportedFeature` instead of a compile-time error.
public struct AnyClient: Sendable {
    /// The provider's id.
    public let providerID: String
    /// The model id.
    public let model: String
    /// What the provider can do.
    public let capabilities: Set<Capability>

    private let sendRequest: @Sendable (ChatRequest) async throws(AIError) -> ChatResponse
    private let streamRequest: (@Sendable (ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error>)?

    /// A client of `provider` for `model`.
    public init<Provider: ProviderAdapter>(
        _ provider: Provider.Type, model: String, configuration: ClientConfiguration = ClientConfiguration()
    ) {
        let client = Client<Provider>(configuration: configuration)
        providerID = Provider.descriptor.id
        self.model = model
        capabilities = Provider.descriptor.capabilities
        sendRequest = { request throws(AIError) in try await client.send(request) }
        if let streaming = provider as? any StreamingAdapter.Type {
            streamRequest = Self.streamer(streaming, configuration: configuration)
        } else {
            streamRequest = nil
        }
    }

    private static func streamer<Provider: StreamingAdapter>(
        _ provider: Provider.Type, configuration: ClientConfiguration
    ) -> @Sendable (ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        let client = Client<Provider>(configuration: configuration)
        return { request in client.stream(request) }
    }

    /// One response to a conversation.
    public func chat(
        messages: [Message], tools: [Tool] = [], toolChoice: ToolChoice? = nil, options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> ChatResponse {
        try await sendRequest(try request(messages, tools, toolChoice, options))
    }

    /// The response as a stream of standard events.
    public func stream(
        messages: [Message], tools: [Tool] = [], toolChoice: ToolChoice? = nil, options: ChatOptions = ChatOptions()
    ) -> AsyncThrowingStream<StreamEvent, any Error> {
        do {
            guard let streamRequest else {
                throw AIError(.unsupportedFeature("streaming"), errorClass: .invalidRequest, providerID: providerID)
            }
            return streamRequest(try request(messages, tools, toolChoice, options))
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
    }

    private func request(
        _ messages: [Message], _ tools: [Tool], _ toolChoice: ToolChoice?, _ options: ChatOptions
    ) throws(AIError) -> ChatRequest {
        if !tools.isEmpty, !capabilities.contains(.tools) {
            throw AIError(.unsupportedFeature("tools"), errorClass: .invalidRequest, providerID: providerID)
        }
        return ChatRequest(model: model, messages: messages, tools: tools, toolChoice: toolChoice, options: options)
    }
}
