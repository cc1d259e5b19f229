import Logging
import Metrics
import Tracing

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
    /// Retries after the first attempt, overriding the manifest's `retry_policy.max_retries`
    /// (and `retryPolicy`'s).
    public var maxRetries: Int?
    /// The retry policy, instead of the manifest's `retry_policy`.
    public var retryPolicy: RetryPolicy?
    /// How long a call may take in all: every attempt and every wait between them. A chat call's
    /// deadline covers its response; a stream's covers its opening, not the events after.
    /// `nil` (the default) sets none beyond the manifest's timeout per request.
    public var deadline: Duration?
    /// The circuit breaker of the provider's endpoint; `nil` turns it off for this client.
    public var circuitBreaker: CircuitBreakerPolicy? = CircuitBreakerPolicy()
    /// Where the breakers' state is kept: the process's, shared by every client of an endpoint.
    public var circuitBreakers: CircuitBreakers = .shared
    /// How calls are paced: by the provider's rate-limit headers (the default), and by buckets
    /// and an in-flight limit where set; `nil` turns pacing off for this client.
    public var rateLimit: RateLimitPolicy? = RateLimitPolicy()
    /// Where the pace is kept: the process's, shared by every client of an endpoint.
    public var rateLimiters: RateLimiters = .shared
    /// Where the client logs (swift-log): attempts, retries and outcomes at `debug`, a circuit
    /// that opens at `notice`; never a key or message content (see "Resilience and
    /// observability" in the README for the metadata, metrics and spans).
    public var logger = Logger(label: "ai-protocol")
    /// Where metrics go (swift-metrics); `nil` for the process's bootstrapped backend.
    public var metricsFactory: (any MetricsFactory)?
    /// Where spans go (swift-distributed-tracing); `nil` for the process's bootstrapped tracer.
    public var tracer: (any Tracer)?
    /// Members merged into every request body after the manifest's mappings, for what the
    /// manifest does not map (a vendor flag, a thinking budget): an object merges into the
    /// body's object of the same name, member by member; a `null` removes a member; any other
    /// value replaces the manifest's (`JSONValue.merging(_:)`). Per call: `client.with { … }`.
    public var extraBody: JSONValue?
    /// Headers sent with every request, after the runtime's and the manifest's: one with the
    /// same name (compared without case) replaces theirs.
    public var extraHeaders: [ProviderDescriptor.Header] = []
    /// Run for every attempt: each may change the request before it is sent and sees the
    /// response (`RequestInterceptor`).
    public var interceptors: [any RequestInterceptor] = []
    /// The clock that backoff, deadlines and the breaker read; tests give their own.
    public var clock: any RuntimeClock = SystemClock()
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
                "retryPolicy": retryPolicy as Any, "deadline": deadline as Any,
                "circuitBreaker": circuitBreaker as Any, "rateLimit": rateLimit as Any, "frameDecoding": frameDecoding,
            ])
    }

    /// Never shows the key.
    public var description: String {
        "ClientConfiguration(apiKey: \(apiKey == nil ? "nil" : "<redacted>"), baseURL: \(baseURL ?? "nil"))"
    }
}
