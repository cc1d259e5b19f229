/// The time the runtime's resilience reads and waits on: backoff, deadlines, the circuit
/// breaker's cool-down and the rate limiter. `SystemClock` in use; tests give a clock of their
/// own, so that they never wait for real.
public protocol RuntimeClock: Sendable {
    /// The time since a fixed point of this clock's own (monotonic).
    var now: Duration { get }
    /// Waits `duration`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled, at once.
    func sleep(for duration: Duration) async throws
}

/// The continuous clock of the system.
public struct SystemClock: RuntimeClock {
    private static let origin = ContinuousClock.now

    /// Creates the clock.
    public init() {}

    public var now: Duration { ContinuousClock.now - Self.origin }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
