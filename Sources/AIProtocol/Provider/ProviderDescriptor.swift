/// The static facts of a provider, as its manifest states them. Generated code fills one in per
/// provider; the runtime reads it to build requests, retry and report.
public struct ProviderDescriptor: Sendable {
    /// The provider's id, such as `openai`.
    public var id: String
    /// Its display name.
    public var displayName: String
    /// The base URL; may hold `${NAME}` and `${NAME:-default}` environment placeholders.
    public var baseURL: String
    /// How the API key is sent.
    public var auth: AuthScheme
    /// Headers sent with every request; values may hold placeholders.
    public var extraHeaders: [Header]
    /// The operations and their paths.
    public var endpoints: Endpoints
    /// When and how to retry.
    public var retryPolicy: RetryPolicy
    /// The names of the provider's rate-limit and request-id headers.
    public var rateLimitHeaders: RateLimitHeaders
    /// What the provider can do.
    public var capabilities: Set<Capability>
    /// The media beyond text and images that its requests may carry, as the manifest's
    /// `multimodal.input` declares them.
    public var mediaInputs: Set<MediaInput>
    /// How long a request may take, when the manifest says.
    public var timeout: Duration?
    /// The wire shape of its chat requests.
    public var payloadFormat: PayloadFormat

    /// Creates a descriptor.
    public init(
        id: String, displayName: String, baseURL: String, auth: AuthScheme, extraHeaders: [Header] = [],
        endpoints: Endpoints, retryPolicy: RetryPolicy = RetryPolicy(), rateLimitHeaders: RateLimitHeaders = .init(),
        capabilities: Set<Capability>, mediaInputs: Set<MediaInput> = [], timeout: Duration? = nil,
        payloadFormat: PayloadFormat
    ) {
        self.id = id
        self.displayName = displayName
        self.baseURL = baseURL
        self.auth = auth
        self.extraHeaders = extraHeaders
        self.endpoints = endpoints
        self.retryPolicy = retryPolicy
        self.rateLimitHeaders = rateLimitHeaders
        self.capabilities = capabilities
        self.mediaInputs = mediaInputs
        self.timeout = timeout
        self.payloadFormat = payloadFormat
    }

    /// A header name and value.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}

extension ProviderDescriptor {
    /// Fails, naming the provider and the medium, when `request` carries a document or audio
    /// that the manifest does not declare; before any request is sent, so that nothing is lost
    /// to a provider that would ignore it or answer with a vague 400.
    func checkMedia(of request: ChatRequest) throws(AIError) {
        for message in request.messages {
            for block in message.content {
                let medium: MediaInput
                switch block {
                case .document: medium = .document
                case .audio: medium = .audio
                default: continue
                }
                guard mediaInputs.contains(medium) else {
                    throw AIError(
                        .unsupportedFeature(medium == .document ? "document input" : "audio input"),
                        errorClass: .invalidRequest, providerID: id)
                }
            }
        }
    }
}

/// A kind of media beyond text and images that a request may carry.
public enum MediaInput: String, Sendable, Hashable, CaseIterable {
    /// Documents such as PDFs (``ContentBlock/document(_:)``).
    case document
    /// Audio (``ContentBlock/audio(_:)``).
    case audio
}

/// How a provider expects its API key, and where the key is looked up.
public struct AuthScheme: Sendable, Hashable {
    /// Where the key goes.
    public enum Placement: Sendable, Hashable {
        /// In a header, after an optional prefix and a space (`Authorization: Bearer KEY`).
        case header(name: String, prefix: String?)
        /// In a query parameter.
        case query(name: String)
        /// Nowhere: the server needs no key.
        case none
    }

    /// Where the key goes.
    public var placement: Placement
    /// The environment variables the manifest names for the key, in the order they are tried.
    public var keyVariables: [String]
    /// `<PROVIDER_ID>_API_KEY`, tried after `keyVariables` for compatibility, when the manifest
    /// does not name it itself.
    public var conventionalVariable: String?

    /// Creates a scheme.
    public init(placement: Placement, keyVariables: [String], conventionalVariable: String? = nil) {
        self.placement = placement
        self.keyVariables = keyVariables
        self.conventionalVariable = conventionalVariable
    }
}

/// One HTTP operation: method and path (relative to the base URL; `{model}` is filled in).
public struct Endpoint: Sendable, Hashable {
    public var method: String
    public var path: String

    /// Creates an endpoint.
    public init(method: String = "POST", path: String) {
        self.method = method
        self.path = path
    }
}

/// The operations of a provider.
public struct Endpoints: Sendable, Hashable {
    /// A chat call.
    public var chat: Endpoint?
    /// A streamed chat call, when it has its own path (otherwise `chat` with streaming on).
    public var streamChat: Endpoint?
    /// Embeddings.
    public var embeddings: Endpoint?
    /// The list of models.
    public var listModels: Endpoint?
    /// The member of the model list's response that holds the models (`data`, `models`).
    public var modelListKey: String?

    /// Creates the endpoints.
    public init(
        chat: Endpoint? = nil, streamChat: Endpoint? = nil, embeddings: Endpoint? = nil, listModels: Endpoint? = nil,
        modelListKey: String? = nil
    ) {
        self.chat = chat
        self.streamChat = streamChat
        self.embeddings = embeddings
        self.listModels = listModels
        self.modelListKey = modelListKey
    }
}

/// When and how a failed call is retried.
public struct RetryPolicy: Sendable, Hashable {
    /// How the delay is randomised.
    public enum Jitter: String, Sendable, Hashable {
        case none, full, equal
    }

    /// How the delay grows from one retry to the next.
    public enum Backoff: String, Sendable, Hashable {
        /// `minDelay`, then twice that, four times… (`exponential_backoff`).
        case exponential
        /// `minDelay`, then twice that, three times… (`linear_backoff`).
        case linear
        /// `minDelay` each time (`fixed_delay`).
        case fixed
    }

    /// Retries after the first attempt.
    public var maxRetries: Int
    /// The first delay.
    public var minDelay: Duration
    /// The longest delay.
    public var maxDelay: Duration
    /// How the delay is randomised.
    public var jitter: Jitter
    /// How the delay grows.
    public var backoff: Backoff
    /// HTTP statuses that are retried.
    public var retryOnStatuses: Set<Int>
    /// Error classes that are retried.
    public var retryOnClasses: Set<ErrorClass>
    /// The provider's own error statuses that are retried (`RESOURCE_EXHAUSTED`), matched
    /// against the error's type or code as the manifest's error paths read them.
    public var retryOnProviderStatuses: Set<String>

    /// Creates a policy; the defaults retry rate limits and server trouble twice.
    public init(
        maxRetries: Int = 2, minDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        jitter: Jitter = .full, retryOnStatuses: Set<Int> = [], retryOnClasses: Set<ErrorClass> = [],
        retryOnProviderStatuses: Set<String> = [], backoff: Backoff = .exponential
    ) {
        self.backoff = backoff
        self.maxRetries = maxRetries
        self.minDelay = minDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.retryOnStatuses = retryOnStatuses
        self.retryOnClasses = retryOnClasses
        self.retryOnProviderStatuses = retryOnProviderStatuses
    }
}

/// The names of a provider's rate-limit headers (each `nil` when the provider sends none).
public struct RateLimitHeaders: Sendable, Hashable {
    public var requestsLimit: String?
    public var requestsRemaining: String?
    public var requestsReset: String?
    public var tokensLimit: String?
    public var tokensRemaining: String?
    public var tokensReset: String?
    public var retryAfter: String?
    public var requestID: String?

    /// Creates the header names.
    public init(
        requestsLimit: String? = nil, requestsRemaining: String? = nil, requestsReset: String? = nil,
        tokensLimit: String? = nil, tokensRemaining: String? = nil, tokensReset: String? = nil,
        retryAfter: String? = nil, requestID: String? = nil
    ) {
        self.requestsLimit = requestsLimit
        self.requestsRemaining = requestsRemaining
        self.requestsReset = requestsReset
        self.tokensLimit = tokensLimit
        self.tokensRemaining = tokensRemaining
        self.tokensReset = tokensReset
        self.retryAfter = retryAfter
        self.requestID = requestID
    }
}
