import Synchronization

/// When a provider endpoint's circuit breaker opens and for how long.
///
/// Closed, it counts consecutive failures that say the provider is in trouble (server errors,
/// overload, timeouts, transport failures; not the caller's own errors or rate limits). At
/// `failureThreshold` it opens: calls fail fast with `AIError.Kind.circuitOpen` (class
/// `overloaded`, so a fallback chain moves on) for `cooldown`. Then it is half-open: one call
/// goes through as a probe; its success closes the circuit, its failure opens it again.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// Consecutive failures that open the circuit.
    public var failureThreshold: Int
    /// How long the circuit stays open before a probe.
    public var cooldown: Duration

    /// Creates a policy; the defaults open after 5 failures for 30 seconds.
    public init(failureThreshold: Int = 5, cooldown: Duration = .seconds(30)) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = cooldown
    }

    /// Whether a failure counts against the endpoint: it says the provider is in trouble.
    static func counts(_ error: AIError) -> Bool {
        switch error.kind {
        case .transport: return true
        case .provider: return [.serverError, .overloaded, .timeout].contains(error.errorClass)
        default: return false
        }
    }
}

/// The state of one endpoint's circuit.
public enum CircuitState: Sendable, Hashable {
    /// Calls go through; `failures` consecutive failures so far.
    case closed(failures: Int)
    /// Calls fail fast until `until` (on the breaker's clock).
    case open(until: Duration)
    /// One probe call is allowed (`probing` once it is under way).
    case halfOpen(probing: Bool)
}

/// The circuit breakers of the process, one per provider endpoint (provider id and base URL),
/// shared by every client of that endpoint. `shared` is the process's; give a client another
/// (`ClientConfiguration.circuitBreakers`) to keep its state apart, as tests do.
public final class CircuitBreakers: Sendable {
    /// The process's breakers.
    public static let shared = CircuitBreakers()

    private let states = Mutex<[String: CircuitState]>([:])

    /// Creates an empty set of breakers.
    public init() {}

    /// The state of an endpoint's circuit (closed with no failures when it has none yet).
    public func state(of endpoint: String) -> CircuitState {
        states.withLock { $0[endpoint] ?? .closed(failures: 0) }
    }

    /// Whether a call may go to `endpoint` now; when not, how long until a probe may.
    func admit(_ endpoint: String, now: Duration) -> Duration? {
        states.withLock { states in
            switch states[endpoint] ?? .closed(failures: 0) {
            case .closed:
                return nil
            case .open(let until) where now < until:
                return until - now
            case .open, .halfOpen(probing: false):
                states[endpoint] = .halfOpen(probing: true)
                return nil
            case .halfOpen(probing: true):
                // One probe at a time; the others fail fast until it is decided.
                return .zero
            }
        }
    }

    /// Records how a call to `endpoint` ended: `nil` for success. `true` when this opened the
    /// circuit.
    @discardableResult
    func record(_ endpoint: String, failure: AIError?, policy: CircuitBreakerPolicy, now: Duration) -> Bool {
        states.withLock { states in
            let current = states[endpoint] ?? .closed(failures: 0)
            guard let failure, CircuitBreakerPolicy.counts(failure) else {
                // A success, or a failure that says nothing about the provider's health: a
                // probe that got an answer closes the circuit.
                if failure == nil || current == .halfOpen(probing: true) { states[endpoint] = .closed(failures: 0) }
                return false
            }
            switch current {
            case .closed(let failures) where failures + 1 < policy.failureThreshold:
                states[endpoint] = .closed(failures: failures + 1)
                return false
            case .closed, .halfOpen:
                states[endpoint] = .open(until: now + policy.cooldown)
                return true
            case .open:
                return false
            }
        }
    }
}
