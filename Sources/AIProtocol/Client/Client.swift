import Metrics
import Tracing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A typed client of one provider: `Client<OpenAI>`, `Client<Anthropic>`, …
///
/// What a provider can do is part of its type: `stream` exists only for providers that
/// stream, `chat(…tools:)` only for those with tools.
///
/// ```swift
/// let client = Client<OpenAI>()                        // key from OPENAI_API_KEY
/// let reply = try await client.chat(model: .gpt4o, messages: [.user("Hello")])
/// ```
public struct Client<Provider: ProviderAdapter>: Sendable {
    /// The configuration: key, base URL, transport.
    public let configuration: ClientConfiguration

    /// Creates a client.
    public init(configuration: ClientConfiguration = ClientConfiguration()) {
        self.configuration = configuration
    }

    /// Creates a client with an explicit key or base URL.
    public init(
        apiKey: String? = nil, baseURL: String? = nil, transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) {
        self.init(configuration: ClientConfiguration(apiKey: apiKey, baseURL: baseURL, transport: transport))
    }

    /// One response to a conversation.
    public func chat(
        model: Provider.Model, messages: [Message], options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> ChatResponse {
        try await send(ChatRequest(model: model.id, messages: messages, options: options))
    }

    /// Sends any chat request (its `stream` flag must be off).
    public func send(_ request: ChatRequest) async throws(AIError) -> ChatResponse {
        var request = request
        request.stream = false
        let telemetry = telemetry(model: request.model, operation: "chat")
        do {
            let reply = try await send(request, telemetry: telemetry)
            telemetry.ended(usage: reply.usage, failure: nil)
            return reply
        } catch {
            telemetry.ended(usage: nil, failure: error)
            throw error
        }
    }

    private func send(_ request: ChatRequest, telemetry: CallTelemetry) async throws(AIError) -> ChatResponse {
        let builder = RequestBuilder(descriptor: Provider.descriptor, configuration: configuration)
        let secret = try builder.apiKey()
        guard let endpoint = Provider.descriptor.endpoints.chat else {
            throw AIError(.unsupportedFeature("chat"), errorClass: .invalidRequest, providerID: Provider.descriptor.id)
        }
        try Provider.descriptor.checkMedia(of: request)
        let body = try encode(try Provider.chatBody(for: request))
        let httpRequest = try builder.request(endpoint, model: request.model, body: body, accept: "application/json")
        let (response, attempts) = try await retryLoop(secret: secret, telemetry: telemetry).send(
            httpRequest, tokens: RateLimitPolicy.estimatedTokens(of: request))
        let bytes: [UInt8]
        do {
            bytes = try await response.collectBody()
        } catch {
            throw RetryLoop<Provider>.transportError(error, secret: secret)
        }
        do {
            var reply = Provider.chatResponse(from: try decodeBody(bytes))
            reply.provider = Provider.descriptor.id
            reply.statistics = CallStatistics(
                provider: Provider.descriptor.id, model: request.model,
                latency: configuration.clock.now - telemetry.start,
                attempts: attempts, usage: reply.usage,
                cost: reply.usage.flatMap { Provider.Model(request.model).info?.cost(of: $0) })
            return reply
        } catch {
            throw AIError(
                .invalidResponse("the body is not JSON: \(String(decoding: bytes.prefix(200), as: UTF8.self))"),
                errorClass: .unknown, providerID: Provider.descriptor.id, httpStatus: response.status)
        }
    }

    /// A response body, by the compiled scanner unless the configuration asks for
    /// `JSONDecoder` (`frameDecoding: .decodable`). The bytes are made well-formed UTF-8 first,
    /// as stream frames are.
    func decodeBody(_ bytes: [UInt8]) throws -> Provider.ChatResponseBody {
        guard configuration.frameDecoding == .compiled else {
            return try JSONDecoder().decode(Provider.ChatResponseBody.self, from: Data(bytes))
        }
        return try bytes.withUnsafeBytes { raw in
            try UTF8Validation.withWellFormed(raw) { text in
                Result { () throws(JSONScanError) in
                    var scanner = JSONScanner(text)
                    let body = try Provider.ChatResponseBody(scanning: &scanner)
                    try scanner.finish()
                    return body
                }
            }.get()
        }
    }

    /// The same client with its configuration changed, for one call or a few:
    /// `client.with { $0.deadline = .seconds(10) }.chat(…)`.
    public func with(_ change: (inout ClientConfiguration) -> Void) -> Client {
        var configuration = configuration
        change(&configuration)
        return Client(configuration: configuration)
    }

    /// What a call of `operation` reports to the logging, metrics and tracing backends.
    func telemetry(model: String, operation: String) -> CallTelemetry {
        CallTelemetry(
            logger: configuration.logger, metrics: configuration.metricsFactory ?? MetricsSystem.factory,
            tracer: configuration.tracer ?? InstrumentationSystem.tracer, provider: Provider.descriptor.id,
            model: model,
            operation: operation, clock: configuration.clock)
    }

    func retryLoop(secret: String?, telemetry: CallTelemetry) -> RetryLoop<Provider> {
        var policy = configuration.retryPolicy ?? Provider.descriptor.retryPolicy
        if let maxRetries = configuration.maxRetries { policy.maxRetries = maxRetries }
        return RetryLoop(
            transport: configuration.transport, policy: policy, secret: secret, clock: configuration.clock,
            deadline: configuration.deadline,
            breaker: configuration.circuitBreaker.map { (configuration.circuitBreakers, $0) },
            pacing: configuration.rateLimit.map { (configuration.rateLimiters, $0) },
            interceptors: configuration.interceptors, telemetry: telemetry)
    }

    /// The body's JSON, with the configuration's `extraBody` merged in.
    func encode(_ body: some Encodable) throws(AIError) -> [UInt8] {
        do {
            let bytes = [UInt8](try JSONEncoder().encode(body))
            guard let extra = configuration.extraBody else { return bytes }
            guard let encoded = JSONText.parse(String(decoding: bytes, as: UTF8.self)) else { return bytes }
            return Array(JSONText.serialize(encoded.merging(extra)).utf8)
        } catch let error as AIError {
            // A family that cannot express the request says why itself.
            throw error
        } catch {
            throw AIError(
                .invalidConfiguration("the request cannot be encoded: \(error)"), errorClass: .invalidRequest,
                providerID: Provider.descriptor.id)
        }
    }
}

extension Client where Provider: SupportsTools {
    /// One response to a conversation in which the model may call tools.
    public func chat(
        model: Provider.Model, messages: [Message], tools: [Tool], toolChoice: ToolChoice? = nil,
        options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> ChatResponse {
        try await send(
            ChatRequest(model: model.id, messages: messages, tools: tools, toolChoice: toolChoice, options: options))
    }
}
