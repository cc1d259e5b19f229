/// Every error of the runtime: a provider's error response, a transport failure, a response
/// that cannot be read, a missing credential, a request the provider cannot serve.
///
/// Each carries its standard class and code (E1001…E9999), whether retrying or falling back may
/// help, and what the provider said. It never carries an API key: descriptions are built only
/// from the fields below, none of which holds a credential.
public struct AIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, beyond the standard class.
    public enum Kind: Sendable, Hashable {
        /// The provider answered with an error (an HTTP error status or an error event).
        case provider
        /// The request could not be sent or the response not received.
        case transport(String)
        /// The provider's response could not be read.
        case invalidResponse(String)
        /// No API key was given and none of these environment variables holds one.
        case missingCredential(variables: [String])
        /// A standard parameter was set that this provider does not accept.
        case unsupportedParameter(StandardParameter)
        /// The call needs something the provider does not declare (named).
        case unsupportedFeature(String)
        /// A stream ended before its finish signal.
        case streamEndedEarly
        /// The caller cancelled the call.
        case cancelled
        /// The client cannot be used as configured (for example, a placeholder's variable is unset).
        case invalidConfiguration(String)
        /// The provider endpoint's circuit breaker is open after repeated failures: the call
        /// failed fast, without a request (`retryAfter` says when a probe is allowed).
        case circuitOpen
        /// The call's deadline passed, with all its attempts and waits (`ClientConfiguration.deadline`).
        case deadlineExceeded(Duration, attempts: Int)
        /// The client's own pacing (`RateLimitPolicy`) would make the call wait longer than its
        /// `maxWait` (`retryAfter` says how long), or no slot for a request in flight freed in time.
        case paced(String)
        /// The reply does not decode as the type asked for (`chat(…, returning:)`): `reason` says
        /// what was wrong and where, and `rawText` is the reply as the model wrote it.
        case outputMismatch(type: String, reason: String, rawText: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The standard class.
    public var errorClass: ErrorClass
    /// The provider it came from.
    public var providerID: String?
    /// The HTTP status, for provider errors.
    public var httpStatus: Int?
    /// The provider's own message.
    public var providerMessage: String?
    /// The provider's error type (such as `rate_limit_error`).
    public var providerType: String?
    /// The provider's error code (such as `context_length_exceeded`).
    public var providerCode: String?
    /// The provider's id of the failed request, for support.
    public var requestID: String?
    /// How long the provider asked to wait before retrying.
    public var retryAfter: Duration?

    /// Creates an error.
    public init(
        _ kind: Kind, errorClass: ErrorClass, providerID: String? = nil, httpStatus: Int? = nil,
        providerMessage: String? = nil, providerType: String? = nil, providerCode: String? = nil,
        requestID: String? = nil, retryAfter: Duration? = nil
    ) {
        self.kind = kind
        self.errorClass = errorClass
        self.providerID = providerID
        self.httpStatus = httpStatus
        self.providerMessage = providerMessage
        self.providerType = providerType
        self.providerCode = providerCode
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    /// The standard code, such as `E2001`.
    public var code: String { errorClass.code }
    /// Whether the same request may succeed if sent again later.
    public var isRetryable: Bool { errorClass.isRetryable }
    /// Whether another provider or model may serve the request instead: the class says so, or
    /// the provider could not be reached at all (a transport failure: refused, reset, no host).
    public var isFallbackable: Bool {
        if case .transport = kind { return true }
        return errorClass.isFallbackable
    }

    /// The same error with `secret` removed from every text it carries.
    func redacting(_ secret: String?) -> AIError {
        var copy = self
        copy.providerMessage = providerMessage.map { Redaction.redact($0, secret: secret) }
        copy.providerType = providerType.map { Redaction.redact($0, secret: secret) }
        copy.providerCode = providerCode.map { Redaction.redact($0, secret: secret) }
        switch kind {
        case .transport(let text): copy.kind = .transport(Redaction.redact(text, secret: secret))
        case .invalidResponse(let text): copy.kind = .invalidResponse(Redaction.redact(text, secret: secret))
        default: break
        }
        return copy
    }

    /// `E2001 rate_limited: <what the provider or the runtime said>`.
    public var description: String {
        "\(code) \(errorClass.rawValue): \(detail)"
    }

    private var detail: String {
        switch kind {
        case .provider:
            var text = providerMessage ?? "the provider reported an error"
            if let httpStatus { text += " (HTTP \(httpStatus))" }
            return text
        case .transport(let reason): return reason
        case .invalidResponse(let reason): return "unreadable response: \(reason)"
        case .missingCredential(let variables):
            return "no API key: pass one explicitly or set \(variables.joined(separator: " or "))"
        case .unsupportedParameter(let parameter):
            return "\(providerID ?? "this provider") does not accept the parameter \(parameter.rawValue)"
        case .unsupportedFeature(let feature): return "\(providerID ?? "this provider") does not support \(feature)"
        case .streamEndedEarly: return "the stream ended before its finish signal"
        case .cancelled: return "cancelled"
        case .invalidConfiguration(let reason): return reason
        case .circuitOpen:
            return
                "\(providerID ?? "the provider") failed repeatedly; calls fail fast until the circuit breaker lets a probe through"
        case .paced(let reason): return reason
        case .outputMismatch(let type, let reason, let rawText):
            return "the reply is not a \(type): \(reason) (\(rawText.utf8.count) bytes of text in the error's rawText)"
        case .deadlineExceeded(let deadline, let attempts):
            return "the call's deadline of \(deadline) passed after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        }
    }
}
