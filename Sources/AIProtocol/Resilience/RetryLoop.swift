/// Sends a request, retrying as the provider's retry policy decides (`RetryPolicy.shouldRetry`
/// and `RetryPolicy.delay`), within the call's deadline, through the endpoint's circuit breaker.
struct RetryLoop<Provider: ProviderAdapter>: Sendable {
    let transport: any HTTPTransport
    let policy: RetryPolicy
    let secret: String?
    var clock: any RuntimeClock = SystemClock()
    /// All attempts and waits together end by then (from the first attempt).
    var deadline: Duration?
    /// The endpoint's breaker and when it opens; `nil` for none.
    var breaker: (breakers: CircuitBreakers, policy: CircuitBreakerPolicy)?

    /// The response of the first attempt that succeeds (2xx); its body is not read yet.
    func send(_ request: TransportRequest) async throws(AIError) -> TransportResponse {
        let start = clock.now
        let endpoint = Self.endpoint(of: request.url)
        var retries = 0
        while true {
            var attempt = request
            if let deadline {
                // Each attempt gets what is left of the deadline as its timeout.
                let remaining = deadline - (clock.now - start)
                guard remaining > .zero else { throw deadlineExceeded(deadline, attempts: retries) }
                attempt.timeout = attempt.timeout.map { min($0, remaining) } ?? remaining
            }
            if let breaker, let wait = breaker.breakers.admit(endpoint, now: clock.now) {
                throw AIError(
                    .circuitOpen, errorClass: .overloaded, providerID: Provider.descriptor.id, retryAfter: wait)
            }
            let failure: AIError
            do {
                let response = try await transport.execute(attempt)
                if (200..<300).contains(response.status) {
                    breaker?.breakers.record(endpoint, failure: nil, policy: breaker!.policy, now: clock.now)
                    return response
                }
                let body = (try? await response.collectBody(upTo: 1 << 20)) ?? []
                failure = ErrorMapping.error(
                    Provider.self, status: response.status, headers: response, body: body, secret: secret)
            } catch {
                failure = Self.transportError(error, secret: secret)
            }
            if let breaker {
                breaker.breakers.record(endpoint, failure: failure, policy: breaker.policy, now: clock.now)
            }
            guard policy.shouldRetry(failure, afterRetries: retries) else { throw failure }
            let wait = policy.delay(beforeRetry: retries + 1, retryAfter: failure.retryAfter)
            // A wait that would end past the deadline is not begun.
            if let deadline, clock.now - start + wait >= deadline {
                throw deadlineExceeded(deadline, attempts: retries + 1)
            }
            retries += 1
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
            }
        }
    }

    private func deadlineExceeded(_ deadline: Duration, attempts: Int) -> AIError {
        AIError(
            .deadlineExceeded(deadline, attempts: attempts), errorClass: .timeout, providerID: Provider.descriptor.id)
    }

    /// The provider and the scheme, host and port of `url`: what one circuit breaker guards.
    static func endpoint(of url: String) -> String {
        var rest = Substring(url)
        var origin = ""
        if let scheme = rest.firstRange(of: "://") {
            origin = String(rest[..<scheme.upperBound])
            rest = rest[scheme.upperBound...]
        }
        origin += rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return Provider.descriptor.id + " " + origin
    }

    /// A transport failure as an `AIError`: a timeout is `timeout`, anything else `unknown`; the
    /// description never contains the key (AsyncHTTPClient's errors do not carry URLs, and the
    /// text is redacted all the same).
    static func transportError(_ error: any Error, secret: String?) -> AIError {
        if error is CancellationError {
            return AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
        }
        let text = Redaction.redact(String(describing: error), secret: secret)
        let timedOut = text.lowercased().contains("timeout") || text.lowercased().contains("timed out")
        return AIError(
            .transport(text), errorClass: timedOut ? .timeout : .unknown, providerID: Provider.descriptor.id)
    }
}
