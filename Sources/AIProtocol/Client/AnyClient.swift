/// A client whose provider and model are chosen at run time, from configuration:
///
/// ```swift
/// let client = try ProviderRegistry.client(for: "anthropic/claude-sonnet-4-5-20250929")
/// let reply = try await client.chat(messages: [.user("Hello")])
/// ```
///
/// It offers the same calls as the typed clients (chat, streams, tools, embeddings, model
/// listing); what the provider cannot do is an `AIError` with `.unsupportedFeature` naming it,
/// instead of a compile-time error.
public struct AnyClient: Sendable {
    /// The provider's id.
    public let providerID: String
    /// The model id.
    public let model: String
    /// What the provider can do.
    public let capabilities: Set<Capability>

    private let sendRequest: @Sendable (ChatRequest) async throws(AIError) -> ChatResponse
    private let streamRequest: (@Sendable (ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error>)?
    private let embedRequest: (@Sendable ([String], Int?) async throws(AIError) -> EmbeddingsResponse)?
    private let listRequest: @Sendable () async throws(AIError) -> [String]

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
        if let embedding = provider as? any EmbeddingsAdapter.Type {
            embedRequest = Self.embedder(embedding, model: model, configuration: configuration)
        } else {
            embedRequest = nil
        }
        listRequest = { () throws(AIError) in try await client.listModels() }
    }

    private static func embedder<Provider: EmbeddingsAdapter>(
        _ provider: Provider.Type, model: String, configuration: ClientConfiguration
    ) -> @Sendable ([String], Int?) async throws(AIError) -> EmbeddingsResponse {
        let client = Client<Provider>(configuration: configuration)
        return { inputs, dimensions throws(AIError) in
            try await client.embed(model: Provider.Model(model), inputs: inputs, dimensions: dimensions)
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

    /// The embedding vectors of `inputs`, one per text, with this client's model.
    ///
    /// - Throws: `AIError` with `.unsupportedFeature("embeddings")` when the provider declares no
    ///   embeddings, before any request.
    public func embed(inputs: [String], dimensions: Int? = nil) async throws(AIError) -> EmbeddingsResponse {
        guard let embedRequest else {
            throw AIError(.unsupportedFeature("embeddings"), errorClass: .invalidRequest, providerID: providerID)
        }
        return try await embedRequest(inputs, dimensions)
    }

    /// The ids of the models the provider lists.
    ///
    /// - Throws: `AIError` with `.unsupportedFeature("listing models")` when the manifest
    ///   declares no model list.
    public func listModels() async throws(AIError) -> [String] {
        try await listRequest()
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
