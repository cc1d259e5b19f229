/// Sends a request, retrying as the provider's retry policy decides (`RetryPolicy.shouldRetry`
/// and `RetryPolicy.delay`).
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
            guard policy.shouldRetry(failure, afterRetries: attempt) else { throw failure }
            attempt += 1
            do {
                try await Task.sleep(for: policy.delay(beforeRetry: attempt, retryAfter: failure.retryAfter))
            } catch {
                throw AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id)
            }
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
