import Synchronization

/// The pace of every provider endpoint of the process (`RateLimitPolicy`), shared by all its
/// clients. `shared` is the process's; a client may be given its own
/// (`ClientConfiguration.rateLimiters`), as tests are.
public final class RateLimiters: Sendable {
    /// The process's pacing.
    public static let shared = RateLimiters()

    /// One endpoint's buckets, as theoretical arrival times (GCRA): a request may go when the
    /// bucket's time, less its tolerance, is not in the future.
    private struct Pace {
        var requestsAt: Duration = .zero
        var tokensAt: Duration = .zero
        /// Until when the provider's headers said nothing remains.
        var pausedUntil: Duration = .zero
    }

    private let paces = Mutex<[String: Pace]>([:])
    private let gates = Mutex<[String: InFlightGate]>([:])

    /// Creates empty pacing.
    public init() {}

    /// How long until the provider's headers let calls to `endpoint` go again (zero when they do).
    public func pause(of endpoint: String, now: Duration) -> Duration {
        paces.withLock { max(.zero, ($0[endpoint]?.pausedUntil ?? .zero) - now) }
    }

    /// Takes a turn for a call costing `tokens`: how long to wait before sending it.
    ///
    /// - Throws: `AIError` (`.paced`) when the wait would be longer than `policy.maxWait`; the
    ///   turn is not taken.
    func reserve(_ endpoint: String, policy: RateLimitPolicy, tokens: Int, now: Duration, providerID: String)
        throws(AIError) -> Duration
    {
        let result: Result<Duration, AIError> = paces.withLock { paces in
            var pace = paces[endpoint] ?? Pace()
            var wait = policy.followsProviderHeaders ? max(.zero, pace.pausedUntil - now) : .zero
            var requestsAt = pace.requestsAt
            var tokensAt = pace.tokensAt
            if let rate = policy.requestsPerSecond, rate > 0 {
                let interval = Duration.seconds(1 / rate)
                let tolerance = interval * (policy.requestBurst - 1)
                wait = max(wait, max(.zero, requestsAt - tolerance - now))
                requestsAt = max(requestsAt, now) + interval
            }
            if let rate = policy.tokensPerMinute, rate > 0, tokens > 0 {
                // A minute's tokens may go at once; beyond that, at the rate.
                let cost = Duration.seconds(60 * Double(tokens) / rate)
                wait = max(wait, max(.zero, max(tokensAt, now) + cost - .seconds(60) - now))
                tokensAt = max(tokensAt, now) + cost
            }
            guard wait <= policy.maxWait else {
                var error = AIError(
                    .paced(
                        "the client's pace for \(endpoint) would make this call wait \(wait), more than \(policy.maxWait)"
                    ),
                    errorClass: .rateLimited, providerID: providerID)
                error.retryAfter = wait
                return .failure(error)
            }
            pace.requestsAt = requestsAt
            pace.tokensAt = tokensAt
            paces[endpoint] = pace
            return .success(wait)
        }
        return try result.get()
    }

    /// Reads a response's rate-limit headers: when no requests or no tokens remain, calls wait
    /// until the window resets.
    func observe(_ response: TransportResponse, names: RateLimitHeaders, endpoint: String, now: Duration) {
        let windows = [(names.requestsRemaining, names.requestsReset), (names.tokensRemaining, names.tokensReset)]
        var resume: Duration?
        for case (let remainingName?, let resetName?) in windows {
            guard let remaining = response.header(remainingName).flatMap({ Int($0.trimmingWhitespace()) }),
                remaining <= 0, let delay = response.header(resetName).flatMap({ RateLimitPolicy.resetDelay($0) })
            else { continue }
            resume = max(resume ?? .zero, now + delay)
        }
        guard let resume else { return }
        paces.withLock { paces in
            var pace = paces[endpoint] ?? Pace()
            pace.pausedUntil = max(pace.pausedUntil, resume)
            paces[endpoint] = pace
        }
    }

    /// The gate of requests in flight to `endpoint`, made with `limit` slots by its first user.
    func gate(_ endpoint: String, limit: Int) -> InFlightGate {
        gates.withLock { gates in
            if let gate = gates[endpoint] { return gate }
            let gate = InFlightGate(slots: limit)
            gates[endpoint] = gate
            return gate
        }
    }
}

/// Slots for requests in flight, handed out in the order they were asked for.
actor InFlightGate {
    private var free: Int
    private var waiting: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(slots: Int) { free = slots }

    /// Takes a slot, waiting for one.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while it waits.
    func enter() async throws {
        if free > 0, waiting.isEmpty {
            free -= 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// Gives a slot back, to the first waiter if there is one.
    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().continuation.resume()
        }
    }

    private func cancel(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
