#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a client paces its requests to a provider endpoint, before the provider has to answer
/// 429. Every client of an endpoint in the process shares one pace (`RateLimiters`).
///
/// - By the provider's headers (on by default): when a response says no requests or tokens
///   remain (`x-ratelimit-remaining-requests: 0`, as the manifest's `rate_limit_headers` name
///   them), later calls wait until the window resets (`x-ratelimit-reset-requests: 1.5s`).
/// - By a token bucket of requests, and of tokens (estimated: a quarter of the prompt's UTF-8
///   bytes plus `maxTokens`), where the caller sets a rate.
/// - By a limit on requests in flight.
///
/// A call that would wait longer than `maxWait` fails at once with `AIError.Kind.paced`
/// (class `rate_limited`), so that a fallback chain moves on.
public struct RateLimitPolicy: Sendable, Hashable {
    /// Requests per second; `nil` for no bucket.
    public var requestsPerSecond: Double?
    /// Requests that may go at once after a quiet time (the bucket's size).
    public var requestBurst: Int
    /// Estimated tokens per minute; `nil` for no bucket.
    public var tokensPerMinute: Double?
    /// Requests to the endpoint in flight at once (until their response starts); `nil` for no
    /// limit.
    public var maxConcurrentRequests: Int?
    /// The longest a call waits for its turn.
    public var maxWait: Duration
    /// Whether the provider's rate-limit headers pace later calls.
    public var followsProviderHeaders: Bool

    /// Creates a policy; the default paces by the provider's headers only, waiting at most a
    /// minute.
    public init(
        requestsPerSecond: Double? = nil, requestBurst: Int = 1, tokensPerMinute: Double? = nil,
        maxConcurrentRequests: Int? = nil, maxWait: Duration = .seconds(60), followsProviderHeaders: Bool = true
    ) {
        self.requestsPerSecond = requestsPerSecond
        self.requestBurst = max(1, requestBurst)
        self.tokensPerMinute = tokensPerMinute
        self.maxConcurrentRequests = maxConcurrentRequests.map { max(1, $0) }
        self.maxWait = maxWait
        self.followsProviderHeaders = followsProviderHeaders
    }

    /// A request's estimated tokens: a quarter of its messages' UTF-8 bytes, and what it may
    /// generate.
    static func estimatedTokens(of request: ChatRequest) -> Int {
        let bytes = request.messages.reduce(0) { $0 + $1.text.utf8.count }
        return bytes / 4 + (request.options.maxTokens ?? 0)
    }

    /// How long until a rate-limit window resets, from a reset header: a duration (`1s`,
    /// `6m0s`, `250ms`), a number of seconds, a Unix time, or an RFC 3339 time
    /// (`2026-12-06T10:00:00Z`); `nil` when it is none of these.
    public static func resetDelay(_ value: String, wallClock now: Date = Date()) -> Duration? {
        let text = value.trimmingWhitespace()
        if let seconds = Double(text), seconds >= 0 {
            // Large numbers are Unix times, small ones seconds from now.
            let delay = seconds > 1_000_000_000 ? seconds - now.timeIntervalSince1970 : seconds
            return .milliseconds(Int64(max(0, delay) * 1000))
        }
        if let date = try? Date(text, strategy: .iso8601) {
            return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
        }
        return goDuration(text)
    }

    /// `1h2m3.5s`, `250ms`, `10us`: the form OpenAI's reset headers take.
    private static func goDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [
            ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("ns", 1e-9), ("h", 3600), ("m", 60), ("s", 1),
        ]
        var rest = Substring(text)
        var seconds = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            seconds += value * scale
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}
