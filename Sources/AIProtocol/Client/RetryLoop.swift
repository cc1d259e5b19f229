/// Sends a request, retrying as the provider's retry policy says: on the HTTP statuses, provider
/// statuses and error classes it lists (or, when it lists none, on retryable classes), waiting `Retry-After` when
/// the provider asks, else an exponential backoff with jitter.
struct RetryLoop<Provider: ProviderAdapter>: Sendable {
    let transport: any HTTPTransport
    let policy: RetryPolicy
    let secret: String?

    /// The response of the first attempt that succeeds (2xx); its body is not read yet.
    func send(_ request: TransportRequest) async throws(AIError) -> TransportResponse {
        var attempt = 0
        while true {
            let failure: AIError
            do {
                let response = try await transport.execute(request)
                if (200..<300).contains(response.status) { return response }
                let body = (try? await response.collectBody(upTo: 1 << 20)) ?? []
                failure = ErrorMapping.error(
                    Provider.self, status: response.status, headers: response, body: body, secret: secret)
            } catch {
                failure = Self.transportError(error, secret: secret)
            }
            guard attempt < policy.maxRetries, shouldRetry(failure) else { throw failure }
            attempt += 1
            do {
                try await Task.sleep(for: delay(attempt: attempt, retryAfter: failure.retryAfter))
            } catch {
                throw AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
            }
        }
    }

    private func shouldRetry(_ error: AIError) -> Bool {
        if case .cancelled = error.kind { return false }
        if policy.retryOnStatuses.isEmpty, policy.retryOnClasses.isEmpty, policy.retryOnProviderStatuses.isEmpty {
            return error.isRetryable
        }
        if let status = error.httpStatus, policy.retryOnStatuses.contains(status) { return true }
        let providerStatuses = [error.providerType, error.providerCode].compactMap { $0 }
        if providerStatuses.contains(where: policy.retryOnProviderStatuses.contains) { return true }
        return policy.retryOnClasses.contains(error.errorClass)
    }

    /// The wait before attempt `attempt` (1 for the first retry).
    func delay(attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, policy.maxDelay) }
        let base: Duration
        switch policy.backoff {
        case .exponential: base = policy.minDelay * (1 << min(attempt - 1, 20))
        case .linear: base = policy.minDelay * min(attempt, 1 << 20)
        case .fixed: base = policy.minDelay
        }
        let capped = min(base, policy.maxDelay)
        switch policy.jitter {
        case .none: return capped
        case .full: return capped * Double.random(in: 0...1)
        case .equal: return capped / 2 + (capped / 2) * Double.random(in: 0...1)
        }
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
