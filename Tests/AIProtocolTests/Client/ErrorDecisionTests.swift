import Testing

@testable import AIProtocol

/// How a failed call is classified and whether it is retried: the manifest's evidence, then the
/// spec's, from the most specific to the least; the retry policy's decision.
@Suite("Error classes and retry decisions")
struct ErrorDecisionTests {
    /// A provider whose manifest classifies one code of its own and a few statuses.
    enum Provider: ProviderAdapter {
        struct Name: ModelIdentifier {
            let id: String
            init(_ id: String) { self.id = id }
            var info: ModelInfo? { nil }
        }
        typealias Model = Name
        struct Body: Codable, Sendable, JSONScannable {
            var code: String?
            init(code: String?) { self.code = code }
            init(scanning scanner: inout JSONScanner) throws(JSONScanError) { try scanner.skipValue() }
        }
        static let descriptor = ProviderDescriptor(
            id: "p", displayName: "P", baseURL: "http://localhost",
            auth: AuthScheme(placement: .none, keyVariables: []),
            endpoints: Endpoints(), capabilities: [], payloadFormat: .openai)
        static func chatBody(for request: ChatRequest) throws(AIError) -> Body { Body(code: nil) }
        static func chatResponse(from body: Body) -> ChatResponse { ChatResponse(candidates: []) }
        static func errorDetails(from body: Body) -> ProviderErrorDetails { ProviderErrorDetails(code: body.code) }
        static func classify(status: Int?, details: ProviderErrorDetails) -> ErrorClass? {
            if details.code == "own_quota_code" { return .quotaExhausted }
            switch status {
            case 400: return .invalidRequest
            case 429: return .rateLimited
            default: return nil
            }
        }
        static func terminationReason(forProviderValue value: String) -> TerminationReason? { nil }
    }

    private func errorClass(status: Int, code: String?) -> ErrorClass {
        let body = Array((code.map { #"{"code":"\#($0)"}"# } ?? "{}").utf8)
        let response = TransportResponse(status: status, headers: [], body: AsyncThrowingStream { $0.finish() })
        return ErrorMapping.error(Provider.self, status: status, headers: response, body: body, secret: nil).errorClass
    }

    @Test func theManifestsCodeWinsOverEverything() {
        #expect(errorClass(status: 400, code: "own_quota_code") == .quotaExhausted)
    }

    @Test func theSpecsProviderCodesWinOverTheManifestsStatuses() {
        // error-classes.yaml: insufficient_quota is an alias of quota_exhausted; error-codes.yaml:
        // E1005 is also used for context_length_exceeded.
        #expect(errorClass(status: 429, code: "insufficient_quota") == .quotaExhausted)
        #expect(errorClass(status: 400, code: "context_length_exceeded") == .requestTooLarge)
        #expect(errorClass(status: 400, code: "overloaded") == .overloaded)
    }

    @Test func statusesWhenNoCodeIsKnown() {
        #expect(errorClass(status: 429, code: "rate_limit_exceeded") == .rateLimited)
        #expect(errorClass(status: 400, code: nil) == .invalidRequest)
        // Not in the manifest: the spec's default for the status, then server or unknown.
        #expect(errorClass(status: 404, code: nil) == .notFound)
        #expect(errorClass(status: 599, code: nil) == .serverError)
        #expect(errorClass(status: 418, code: nil) == .unknown)
    }

    @Test func retriesFollowThePolicysListsWhileRetriesRemain() {
        let policy = RetryPolicy(maxRetries: 2, retryOnStatuses: [503], retryOnClasses: [.rateLimited])
        let limited = AIError(.provider, errorClass: .rateLimited, httpStatus: 429)
        #expect(policy.shouldRetry(limited, afterRetries: 0))
        #expect(policy.shouldRetry(limited, afterRetries: 1))
        #expect(!policy.shouldRetry(limited, afterRetries: 2))
        #expect(policy.shouldRetry(AIError(.provider, errorClass: .overloaded, httpStatus: 503), afterRetries: 0))
        // A listed status whose code said otherwise: waiting does not help.
        #expect(!policy.shouldRetry(AIError(.provider, errorClass: .quotaExhausted, httpStatus: 503), afterRetries: 0))
        // The client's own decisions are final.
        #expect(!policy.shouldRetry(AIError(.circuitOpen, errorClass: .overloaded, httpStatus: 503), afterRetries: 0))
        #expect(!policy.shouldRetry(AIError(.provider, errorClass: .serverError, httpStatus: 500), afterRetries: 0))
        #expect(!policy.shouldRetry(AIError(.cancelled, errorClass: .cancelled), afterRetries: 0))
    }

    @Test func withoutListsTheSpecsRetryableClassesAreRetried() {
        let policy = RetryPolicy(maxRetries: 1)
        #expect(policy.shouldRetry(AIError(.provider, errorClass: .overloaded), afterRetries: 0))
        #expect(!policy.shouldRetry(AIError(.provider, errorClass: .quotaExhausted), afterRetries: 0))
    }

    @Test func costByTheRegistrysPricesOrNone() throws {
        let info = ModelInfo(
            capabilities: [], inputPricePerMillion: 3, outputPricePerMillion: 15, cachedInputPricePerMillion: 0.3,
            currency: "USD")
        let usage = Usage(promptTokens: 1_000_000, completionTokens: 200_000, cachedTokens: 400_000)
        // 600,000 uncached at 3, 400,000 cached at 0.3, 200,000 out at 15.
        let cost = try #require(info.cost(of: usage))
        #expect(abs(cost.amount - (1.8 + 0.12 + 3.0)) < 1e-9)
        #expect(cost.currency == "USD")
        var unpriced = info
        unpriced.cachedInputPricePerMillion = nil
        #expect(unpriced.cost(of: usage) == nil)
        #expect(unpriced.cost(of: Usage(promptTokens: 10, completionTokens: 0))?.amount == 0.00003)
    }
}
