extension RetryPolicy {
    /// Whether a call that failed with `error` is tried again, after `retries` retries already
    /// made: while retries remain, on the HTTP statuses, provider statuses and error classes the
    /// policy lists, or, when it lists none, on the classes the spec calls retryable. Never a
    /// call that the caller cancelled or that the client itself stopped (an open circuit, its
    /// own pace, the deadline), nor one whose listed status came with evidence of a class that
    /// waiting does not help (`quota_exhausted` on a 429).
    public func shouldRetry(_ error: AIError, afterRetries retries: Int) -> Bool {
        guard retries < maxRetries else { return false }
        switch error.kind {
        case .cancelled, .circuitOpen, .paced, .deadlineExceeded:
            // The caller's or the client's own decision, not the provider's answer.
            return false
        default:
            break
        }
        if retryOnStatuses.isEmpty, retryOnClasses.isEmpty, retryOnProviderStatuses.isEmpty {
            return error.isRetryable
        }
        // A listed status is retried unless more specific evidence made the error one that
        // waiting does not help (a 429 whose code says the quota is used up).
        if let status = error.httpStatus, retryOnStatuses.contains(status),
            error.isRetryable || error.errorClass == ErrorClass.defaultClass(forHTTPStatus: status)
        {
            return true
        }
        let providerStatuses = [error.providerType, error.providerCode].compactMap { $0 }
        if providerStatuses.contains(where: retryOnProviderStatuses.contains) { return true }
        return retryOnClasses.contains(error.errorClass)
    }

    /// The wait before retry number `retry` (1 for the first): what the provider asked for
    /// (`Retry-After`), up to `maxDelay`; else the backoff's value, capped at `maxDelay`, with
    /// jitter. `minDelay` is the least any retry waits: full jitter draws from `minDelay` up to
    /// the backoff's value, equal jitter from the middle of that range up.
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let retry = max(retry, 1)
        let base: Duration
        switch backoff {
        case .exponential: base = minDelay * (1 << min(retry - 1, 20))
        case .linear: base = minDelay * min(retry, 1 << 20)
        case .fixed: base = minDelay
        }
        let capped = max(min(base, maxDelay), minDelay)
        let spread = capped - minDelay
        switch jitter {
        case .none: return capped
        case .full: return minDelay + spread * Double.random(in: 0...1)
        case .equal: return minDelay + spread / 2 + (spread / 2) * Double.random(in: 0...1)
        }
    }
}
