/// Which providers and models to call, in order, and how hard to try: a value that decodes
/// from JSON (or YAML read as JSON), so that switching or chaining providers changes a file,
/// not code.
///
/// ```json
/// {
///   "targets": [
///     {"model": "openai/gpt-4o"},
///     {"model": "anthropic/claude-sonnet-4-5-20250929", "api_key_env": "MY_ANTHROPIC_KEY"},
///     {"model": "ollama/llama3.1", "base_url": "http://gpu-box:11434"}
///   ],
///   "max_retries": 2,
///   "timeout_seconds": 60,
///   "circuit_breaker": {"failure_threshold": 5, "cooldown_seconds": 30}
/// }
/// ```
///
/// `let chain = try routing.chain(ProviderRegistry.client(for:configuration:))` makes the
/// `FallbackChain`. Members not given keep the manifests' and the runtime's defaults.
public struct RoutingConfiguration: Codable, Sendable, Hashable {
    /// One provider and model, with what differs for it.
    public struct Target: Codable, Sendable, Hashable {
        /// `provider/model`, as `ProviderRegistry.client(for:)` takes it.
        public var model: String
        /// A base URL instead of the manifest's (a gateway, a self-hosted server).
        public var baseURL: String?
        /// The environment variable that holds this target's key, instead of the manifest's.
        public var apiKeyVariable: String?

        /// Creates a target.
        public init(model: String, baseURL: String? = nil, apiKeyVariable: String? = nil) {
            self.model = model
            self.baseURL = baseURL
            self.apiKeyVariable = apiKeyVariable
        }

        enum CodingKeys: String, CodingKey {
            case model
            case baseURL = "base_url"
            case apiKeyVariable = "api_key_env"
        }
    }

    /// When a circuit opens and for how long.
    public struct Breaker: Codable, Sendable, Hashable {
        /// Consecutive provider-health failures that open the circuit (`failure_threshold`).
        public var failureThreshold: Int
        /// How long it stays open before a probe (`cooldown_seconds`).
        public var cooldownSeconds: Double

        /// Creates the settings.
        public init(failureThreshold: Int, cooldownSeconds: Double) {
            self.failureThreshold = failureThreshold
            self.cooldownSeconds = cooldownSeconds
        }

        enum CodingKeys: String, CodingKey {
            case failureThreshold = "failure_threshold"
            case cooldownSeconds = "cooldown_seconds"
        }
    }

    /// The targets, tried in order.
    public var targets: [Target]
    /// Retries per target after its first attempt, instead of its manifest's.
    public var maxRetries: Int?
    /// Each target's deadline, in seconds, over its attempts and waits.
    public var timeoutSeconds: Double?
    /// The circuit breakers' settings; absent, the runtime's defaults.
    public var circuitBreaker: Breaker?

    /// Creates a configuration.
    public init(
        targets: [Target], maxRetries: Int? = nil, timeoutSeconds: Double? = nil, circuitBreaker: Breaker? = nil
    ) {
        self.targets = targets
        self.maxRetries = maxRetries
        self.timeoutSeconds = timeoutSeconds
        self.circuitBreaker = circuitBreaker
    }

    enum CodingKeys: String, CodingKey {
        case targets
        case maxRetries = "max_retries"
        case timeoutSeconds = "timeout_seconds"
        case circuitBreaker = "circuit_breaker"
    }

    /// The configuration of a target's client: `base` with this value's settings laid over it.
    public func configuration(for target: Target, base: ClientConfiguration = ClientConfiguration())
        -> ClientConfiguration
    {
        var configuration = base
        if let baseURL = target.baseURL { configuration.baseURL = baseURL }
        if let variable = target.apiKeyVariable { configuration.apiKey = base.environment[variable] }
        if let maxRetries { configuration.maxRetries = maxRetries }
        if let timeoutSeconds { configuration.deadline = .milliseconds(Int64(timeoutSeconds * 1000)) }
        if let circuitBreaker {
            configuration.circuitBreaker = CircuitBreakerPolicy(
                failureThreshold: circuitBreaker.failureThreshold,
                cooldown: .milliseconds(Int64(circuitBreaker.cooldownSeconds * 1000)))
        }
        return configuration
    }

    /// The fallback chain of the targets, each client made by `client` (such as
    /// `ProviderRegistry.client(for:configuration:)`).
    ///
    /// - Throws: `AIError` for a target no provider has, or when there is no target.
    public func chain(
        _ client: (String, ClientConfiguration) throws(AIError) -> AnyClient,
        base: ClientConfiguration = ClientConfiguration()
    ) throws(AIError) -> FallbackChain {
        var clients: [AnyClient] = []
        for target in targets {
            clients.append(try client(target.model, configuration(for: target, base: base)))
        }
        return try FallbackChain(clients)
    }
}
