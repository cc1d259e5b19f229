import Logging
import Metrics
import Tracing

/// What one call tells the process's logging, metrics and tracing backends: swift-log,
/// swift-metrics and swift-distributed-tracing, each a no-op until the application bootstraps
/// it. Never a key, never message content: provider, model, operation, attempt, status,
/// request id, latency, error code and token counts.
///
/// Logs are at `debug` (attempts, retries, the outcome) and `notice` (a circuit that opens),
/// with the metadata `ai.provider`, `ai.model`, `ai.operation`, `ai.attempt`, `http.status`,
/// `ai.request_id`, `ai.latency_ms` and `ai.error`. Metrics (dimensions `provider`, and `code`
/// or `direction` where they apply):
///
/// | label | kind |
/// |---|---|
/// | `ai_protocol_requests_total` | counter of calls |
/// | `ai_protocol_errors_total` | counter of failed calls, by standard code |
/// | `ai_protocol_retries_total` | counter of retries |
/// | `ai_protocol_request_duration` | timer of whole calls |
/// | `ai_protocol_time_to_first_token` | timer of streams, to their first text |
/// | `ai_protocol_tokens_total` | counter of tokens, `direction` `in` or `out` |
///
/// Spans: `ai_protocol.<operation>` around each call and `ai_protocol.attempt` around each
/// attempt, both of kind client, with the same attributes.
struct CallTelemetry: Sendable {
    let logger: Logger
    let provider: String
    let model: String
    let operation: String
    let clock: any RuntimeClock
    let start: Duration
    /// `nil` when nothing listens (the no-op backends): then a call builds no metric object and
    /// no span.
    let metrics: (any MetricsFactory)?
    let tracer: (any Tracer)?
    let span: (any Span)?

    init(
        logger: Logger, metrics: any MetricsFactory, tracer: any Tracer, provider: String, model: String,
        operation: String, clock: any RuntimeClock
    ) {
        self.logger = logger
        self.provider = provider
        self.model = model
        self.operation = operation
        self.clock = clock
        self.metrics = metrics is NOOPMetricsHandler ? nil : metrics
        self.tracer = tracer is NoOpTracer ? nil : tracer
        start = clock.now
        span = self.tracer?.startSpan("ai_protocol.\(operation)", ofKind: .client)
        span?.attributes["ai.provider"] = provider
        span?.attributes["ai.model"] = model
        count("ai_protocol_requests_total")
    }

    /// The span of attempt `number` (from 1), a child of the call's.
    func attemptStarted(_ number: Int) -> (any Span)? {
        guard let tracer, let span else { return nil }
        let attempt = tracer.startSpan("ai_protocol.attempt", context: span.context, ofKind: .client)
        attempt.attributes["ai.provider"] = provider
        attempt.attributes["ai.attempt"] = number
        return attempt
    }

    /// How an attempt ended: a status (with the provider's request id) or an error.
    func attemptEnded(
        _ span: (any Span)?, number: Int, began: Duration, status: Int?, requestID: String?, failure: AIError?
    ) {
        let latency = clock.now - began
        log(.debug, "attempt ended") {
            var metadata: Logger.Metadata = ["ai.attempt": "\(number)", "ai.latency_ms": "\(latency.milliseconds)"]
            if let status { metadata["http.status"] = "\(status)" }
            if let requestID { metadata["ai.request_id"] = "\(requestID)" }
            if let failure { metadata["ai.error"] = "\(failure.code)" }
            return metadata
        }
        guard let span else { return }
        if let status { span.attributes["http.response.status_code"] = status }
        if let requestID { span.attributes["ai.request_id"] = requestID }
        if let failure {
            span.recordError(failure)
            span.setStatus(SpanStatus(code: .error, message: failure.code))
        }
        span.end()
    }

    /// A retry is due after `wait`.
    func retrying(after wait: Duration, because failure: AIError, attempt: Int) {
        count("ai_protocol_retries_total")
        log(.debug, "retrying") {
            ["ai.attempt": "\(attempt)", "ai.error": "\(failure.code)", "ai.wait_ms": "\(wait.milliseconds)"]
        }
    }

    /// The endpoint's circuit opened.
    func circuitOpened(_ endpoint: String) {
        log(.notice, "circuit opened: calls fail fast until a probe succeeds") { ["ai.endpoint": "\(endpoint)"] }
    }

    /// The stream's first text arrived.
    func firstToken() {
        time("ai_protocol_time_to_first_token", clock.now - start)
    }

    /// The call ended: with its usage, or with an error.
    func ended(usage: Usage?, failure: AIError?) {
        let latency = clock.now - start
        time("ai_protocol_request_duration", latency)
        if let failure {
            count("ai_protocol_errors_total", ("code", failure.code))
            span?.recordError(failure)
            span?.setStatus(SpanStatus(code: .error, message: failure.code))
            log(.debug, "call failed") { ["ai.error": "\(failure.code)", "ai.latency_ms": "\(latency.milliseconds)"] }
        } else {
            for (direction, tokens) in [("in", usage?.promptTokens), ("out", usage?.completionTokens)] {
                guard let tokens, tokens > 0 else { continue }
                count("ai_protocol_tokens_total", ("direction", direction), by: tokens)
            }
            log(.debug, "call ended") { ["ai.latency_ms": "\(latency.milliseconds)"] }
        }
        span?.end()
    }

    /// Logs with the call's own metadata; nothing is built when the level is off.
    private func log(_ level: Logger.Level, _ message: Logger.Message, _ metadata: () -> Logger.Metadata) {
        guard logger.logLevel <= level else { return }
        var all = metadata()
        all["ai.provider"] = "\(provider)"
        all["ai.model"] = "\(model)"
        all["ai.operation"] = "\(operation)"
        logger.log(level: level, message, metadata: all)
    }

    private func count(_ label: String, _ dimension: (String, String)? = nil, by amount: Int = 1) {
        guard let metrics else { return }
        var dimensions = [("provider", provider)]
        if let dimension { dimensions.append(dimension) }
        Counter(label: label, dimensions: dimensions, factory: metrics).increment(by: amount)
    }

    private func time(_ label: String, _ duration: Duration) {
        guard let metrics else { return }
        Timer(label: label, dimensions: [("provider", provider)], factory: metrics)
            .recordNanoseconds(Int64(duration.nanoseconds))
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
