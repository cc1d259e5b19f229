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
    /// The endpoint's pace; `nil` for none.
    var pacing: (limiters: RateLimiters, policy: RateLimitPolicy)?
    /// Run for every attempt.
    var interceptors: [any RequestInterceptor] = []
    /// Where attempts and retries are reported.
    var telemetry: CallTelemetry?

    /// The response of the first attempt that succeeds (2xx), its body not read yet, and the
    /// number of attempts it took. `tokens` is the call's estimated cost for a token bucket.
    func send(_ request: TransportRequest, tokens: Int) async throws(AIError) -> (
        response: TransportResponse, attempts: Int
    ) {
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
            if let pacing {
                let wait = try pacing.limiters.reserve(
                    endpoint, policy: pacing.policy, tokens: tokens, now: clock.now, providerID: Provider.descriptor.id)
                if let deadline, clock.now - start + wait >= deadline {
                    throw deadlineExceeded(deadline, attempts: retries)
                }
                if wait > .zero { try await sleep(wait) }
            }
            let failure: AIError
            switch await send(attempt, to: endpoint, number: retries + 1) {
            case .success(let response): return (response, retries + 1)
            case .failure(let error): failure = error
            }
            guard policy.shouldRetry(failure, afterRetries: retries) else { throw failure }
            let wait = policy.delay(beforeRetry: retries + 1, retryAfter: failure.retryAfter)
            // A wait that would end past the deadline is not begun.
            if let deadline, clock.now - start + wait >= deadline {
                throw deadlineExceeded(deadline, attempts: retries + 1)
            }
            telemetry?.retrying(after: wait, because: failure, attempt: retries + 1)
            retries += 1
            try await sleep(wait)
        }
    }

    /// One attempt: a slot in flight where the pace limits them, the request, what the
    /// response's rate-limit headers say, and the breaker told how it went.
    private func send(_ request: TransportRequest, to endpoint: String, number: Int) async -> Result<
        TransportResponse, AIError
    > {
        let gate = pacing.flatMap { pacing in
            pacing.policy.maxConcurrentRequests.map { pacing.limiters.gate(endpoint, limit: $0) }
        }
        if let gate, let pacing {
            do throws(AIError) {
                try await enter(gate, within: pacing.policy.maxWait)
            } catch {
                return .failure(error)
            }
        }
        let span = telemetry?.attemptStarted(number) ?? nil
        let began = clock.now
        var request = request
        let outcome: Result<TransportResponse, AIError>
        var status: Int?
        var requestID: String?
        do {
            for interceptor in interceptors {
                do {
                    try await interceptor.prepare(&request)
                } catch {
                    throw AIError(
                        .invalidConfiguration(
                            "the request interceptor \(type(of: interceptor)) stopped the request: \(error)"),
                        errorClass: .invalidRequest, providerID: Provider.descriptor.id)
                }
            }
            let response = try await transport.execute(request)
            for interceptor in interceptors { await interceptor.received(response, for: request) }
            status = response.status
            let names = Provider.descriptor.rateLimitHeaders
            requestID = names.requestID(in: response)
            pacing?.limiters.observe(response, names: names, endpoint: endpoint, now: clock.now)
            if (200..<300).contains(response.status) {
                outcome = .success(response)
            } else {
                let body = (try? await response.collectBody(upTo: 1 << 20)) ?? []
                outcome = .failure(
                    ErrorMapping.error(
                        Provider.self, status: response.status, headers: response, body: body, secret: secret))
            }
        } catch let error as AIError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(Self.transportError(error, secret: secret))
        }
        await gate?.leave()
        let failure: AIError? =
            switch outcome {
            case .success: nil
            case .failure(let error): error
            }
        telemetry?.attemptEnded(
            span, number: number, began: began, status: status, requestID: requestID, failure: failure)
        if let breaker, breaker.breakers.record(endpoint, failure: failure, policy: breaker.policy, now: clock.now) {
            telemetry?.circuitOpened(endpoint)
        }
        return outcome
    }

    /// Waits on the clock; cancelling the task ends the wait, and the call, at once.
    private func sleep(_ duration: Duration) async throws(AIError) {
        do {
            try await clock.sleep(for: duration)
        } catch {
            throw AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
        }
    }

    /// Takes a slot for a request in flight, waiting at most `maxWait` (on the clock).
    private func enter(_ gate: InFlightGate, within maxWait: Duration) async throws(AIError) {
        let clock = clock
        let entered: Bool
        do {
            entered = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await gate.enter()
                    return true
                }
                group.addTask {
                    try await clock.sleep(for: maxWait)
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                // A slot taken while the wait ran out goes back.
                while let other = try? await group.next() {
                    if other, !first { await gate.leave() }
                }
                return first
            }
        } catch {
            throw AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
        }
        guard entered else {
            var error = AIError(
                .paced("no slot for a request in flight to \(Provider.descriptor.id) freed within \(maxWait)"),
                errorClass: .rateLimited, providerID: Provider.descriptor.id)
            error.retryAfter = maxWait
            throw error
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
