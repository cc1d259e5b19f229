/// What a client is configured with beyond its provider: the key, the base URL, the transport.
public struct ClientConfiguration: Sendable {
    /// The API key; when `nil`, it is read from the environment variables the manifest names
    /// (and then `<PROVIDER_ID>_API_KEY`).
    public var apiKey: String?
    /// A base URL to use instead of the manifest's, for proxies, gateways and self-hosted servers.
    public var baseURL: String?
    /// How requests are sent.
    public var transport: any HTTPTransport
    /// Where keys and `${NAME}` placeholders are looked up.
    public var environment: [String: String]
    /// Retries after the first attempt, overriding the manifest's `retry_policy.max_retries`.
    public var maxRetries: Int?
    /// How stream frames and chat response bodies are decoded: by the compiled scanners (the
    /// default) or by `JSONDecoder`, the reference they are tested against.
    public var frameDecoding: FrameDecoding

    /// Creates a configuration.
    public init(
        apiKey: String? = nil, baseURL: String? = nil, transport: any HTTPTransport = AsyncHTTPClientTransport.shared,
        environment: [String: String] = ProcessEnvironment.current, maxRetries: Int? = nil,
        frameDecoding: FrameDecoding = .compiled
    ) {
        self.apiKey = apiKey
        self.baseURL = baseURL
        self.transport = transport
        self.environment = environment
        self.maxRetries = maxRetries
        self.frameDecoding = frameDecoding
    }
}

extension ClientConfiguration: CustomStringConvertible, CustomReflectable {
    /// What `dump` and debuggers show: never the key nor the environment's values.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "apiKey": apiKey == nil ? "nil" : "<redacted>", "baseURL": baseURL as Any,
                "environment": "<\(environment.count) variables>", "maxRetries": maxRetries as Any,
                "frameDecoding": frameDecoding,
            ])
    }

    /// Never shows the key.
    public var description: String {
        "ClientConfiguration(apiKey: \(apiKey == nil ? "nil" : "<redacted>"), baseURL: \(baseURL ?? "nil"))"
    }
}
