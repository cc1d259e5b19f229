import AIProtocol

/// `retry_decision` and `fallback_decision`, by the runtime's `RetryPolicy` and error classes.
enum Resilience {
    /// Whether the error in `error` is retried at attempt `attempt` (1 for the first retry),
    /// under the manifest's policy with the case's `retry_policy` members laid over it.
    static func retryDecision(_ input: JSONValue, manifestPolicy: RetryPolicy) throws -> JSONValue {
        let policy = try self.policy(input["retry_policy"], over: manifestPolicy)
        let error = try self.error(input["error"] ?? .object([]))
        let attempt = input["attempt"]?.intValue ?? 1
        let retries = policy.shouldRetry(error, afterRetries: attempt - 1)
        var output: [JSONValue.Member] = [.init("should_retry", .bool(retries))]
        if retries {
            let delay = policy.delay(
                beforeRetry: attempt, retryAfter: input["retry_after_ms"]?.intValue.map(Duration.milliseconds))
            output.append(.init("delay_ms", .integer(Int(delay / .milliseconds(1)))))
        }
        return .object(output)
    }

    /// Whether a call that failed with the standard `error_code` goes on to the next target.
    static func fallbackDecision(_ input: JSONValue) throws -> JSONValue {
        let error = try self.error(input)
        return .object(["should_fallback": .bool(error.isFallbackable)])
    }

    private static func policy(_ overrides: JSONValue?, over base: RetryPolicy) throws -> RetryPolicy {
        var policy = base
        for member in overrides?.members ?? [] {
            let value = member.value
            switch member.key {
            case "max_retries": policy.maxRetries = value.intValue ?? policy.maxRetries
            case "min_delay_ms": policy.minDelay = value.intValue.map(Duration.milliseconds) ?? policy.minDelay
            case "max_delay_ms": policy.maxDelay = value.intValue.map(Duration.milliseconds) ?? policy.maxDelay
            case "jitter":
                policy.jitter = value.stringValue.flatMap(RetryPolicy.Jitter.init(rawValue:)) ?? policy.jitter
            case "retry_on_http_status": policy.retryOnStatuses = Set(value.elements?.compactMap(\.intValue) ?? [])
            case "retry_on_error_code", "retry_on_error_class":
                policy.retryOnClasses = Set(try (value.elements ?? []).map { try errorClass($0.stringValue ?? "") })
            case "strategy", "backoff":
                switch value.stringValue {
                case "exponential_backoff", "exponential": policy.backoff = .exponential
                case "linear_backoff", "linear": policy.backoff = .linear
                case "fixed_delay", "fixed": policy.backoff = .fixed
                default: throw OperationFailure("retry strategy \(value) is not one the runtime has")
                }
            default: throw OperationFailure("retry_policy.\(member.key) has no RetryPolicy member")
            }
        }
        return policy
    }

    /// The error a case describes by `error_code` (`E2001`) or `error_name` (`rate_limited`).
    private static func error(_ value: JSONValue) throws -> AIError {
        let name = value["error_name"]?.stringValue ?? value["error_code"]?.stringValue ?? ""
        return AIError(.provider, errorClass: try errorClass(name), httpStatus: value["http_status"]?.intValue)
    }

    private static func errorClass(_ name: String) throws -> ErrorClass {
        if let named = ErrorClass(vocabularyName: name) { return named }
        if let coded = ErrorClass(code: name) { return coded }
        throw OperationFailure("\"\(name)\" is neither an error class nor a standard error code")
    }
}
