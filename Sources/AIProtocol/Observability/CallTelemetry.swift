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
    let operation: String
    let span: any Span
    let clock: any RuntimeClock
    let start: Duration
    let metrics: any MetricsFactory
    let tracer: any Tracer

    init(
        logger: Logger, metrics: any MetricsFactory, tracer: any Tracer, provider: String, model: String,
        operation: String, clock: any RuntimeClock
    ) {
        var logger = logger
        logger[metadataKey: "ai.provider"] = "\(provider)"
        logger[metadataKey: "ai.model"] = "\(model)"
        logger[metadataKey: "ai.operation"] = "\(operation)"
        self.logger = logger
        self.provider = provider
        self.operation = operation
        self.clock = clock
        self.metrics = metrics
        self.tracer = tracer
        start = clock.now
        span = tracer.startSpan("ai_protocol.\(operation)", ofKind: .client)
        span.attributes["ai.provider"] = provider
        span.attributes["ai.model"] = model
        Counter(label: "ai_protocol_requests_total", dimensions: [("provider", provider)], factory: metrics).increment()
    }

    /// The span of attempt `number` (from 1), a child of the call's.
    func attemptStarted(_ number: Int) -> any Span {
        let attempt = tracer.startSpan("ai_protocol.attempt", context: span.context, ofKind: .client)
        attempt.attributes["ai.provider"] = provider
        attempt.attributes["ai.attempt"] = number
        return attempt
    }

    /// How an attempt ended: a status (with the provider's request id) or an error.
    func attemptEnded(
        _ span: any Span, number: Int, began: Duration, status: Int?, requestID: String?, failure: AIError?
    ) {
        let latency = clock.now - began
        var metadata: Logger.Metadata = [
            "ai.attempt": "\(number)", "ai.latency_ms": "\(latency.milliseconds)",
        ]
        if let status {
            metadata["http.status"] = "\(status)"
            span.attributes["http.response.status_code"] = status
        }
        if let requestID {
            metadata["ai.request_id"] = "\(requestID)"
            span.attributes["ai.request_id"] = requestID
        }
        if let failure {
            metadata["ai.error"] = "\(failure.code)"
            span.recordError(failure)
            span.setStatus(SpanStatus(code: .error, message: failure.code))
        }
        logger.debug("attempt ended", metadata: metadata)
        span.end()
    }

    /// A retry is due after `wait`.
    func retrying(after wait: Duration, because failure: AIError, attempt: Int) {
        Counter(label: "ai_protocol_retries_total", dimensions: [("provider", provider)], factory: metrics).increment()
        logger.debug(
            "retrying",
            metadata: ["ai.attempt": "\(attempt)", "ai.error": "\(failure.code)", "ai.wait_ms": "\(wait.milliseconds)"])
    }

    /// The endpoint's circuit opened.
    func circuitOpened(_ endpoint: String) {
        logger.notice(
            "circuit opened: calls fail fast until a probe succeeds", metadata: ["ai.endpoint": "\(endpoint)"])
    }

    /// The stream's first text arrived.
    func firstToken() {
        Timer(label: "ai_protocol_time_to_first_token", dimensions: [("provider", provider)], factory: metrics)
            .recordNanoseconds(Int64((clock.now - start).nanoseconds))
    }

    /// The call ended: with its usage, or with an error.
    func ended(usage: Usage?, failure: AIError?) {
        let latency = clock.now - start
        Timer(label: "ai_protocol_request_duration", dimensions: [("provider", provider)], factory: metrics)
            .recordNanoseconds(Int64(latency.nanoseconds))
        if let failure {
            Counter(
                label: "ai_protocol_errors_total", dimensions: [("provider", provider), ("code", failure.code)],
                factory: metrics
            )
            .increment()
            span.recordError(failure)
            span.setStatus(SpanStatus(code: .error, message: failure.code))
            logger.debug(
                "call failed", metadata: ["ai.error": "\(failure.code)", "ai.latency_ms": "\(latency.milliseconds)"])
        } else {
            for (direction, count) in [("in", usage?.promptTokens), ("out", usage?.completionTokens)] {
                guard let count, count > 0 else { continue }
                Counter(
                    label: "ai_protocol_tokens_total", dimensions: [("provider", provider), ("direction", direction)],
                    factory: metrics
                )
                .increment(by: count)
            }
            logger.debug("call ended", metadata: ["ai.latency_ms": "\(latency.milliseconds)"])
        }
        span.end()
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
