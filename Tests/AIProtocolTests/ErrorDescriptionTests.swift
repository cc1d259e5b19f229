import Testing

@testable import AIProtocol

@Suite("AIError descriptions")
struct ErrorDescriptionTests {
    @Test func providerErrorNamesCodeClassAndMessage() {
        let error = AIError(
            .provider, errorClass: .rateLimited, providerID: "openai", httpStatus: 429,
            providerMessage: "Rate limit reached for requests")
        #expect(error.description == "E2001 rate_limited: Rate limit reached for requests (HTTP 429)")
        #expect(error.isRetryable)
        #expect(error.isFallbackable)
    }

    @Test func missingCredentialNamesTheVariablesTried() {
        let error = AIError(.missingCredential(variables: ["OPENAI_API_KEY"]), errorClass: .authentication)
        #expect(error.description == "E1002 authentication: no API key: pass one explicitly or set OPENAI_API_KEY")
    }

    @Test func vocabularyAliasesResolve() {
        #expect(ErrorClass(vocabularyName: "insufficient_quota") == .quotaExhausted)
        #expect(ErrorClass(code: "E1005") == .requestTooLarge)
        #expect(ErrorClass.defaultClass(forHTTPStatus: 529) == .overloaded)
        #expect(StreamEventKind(vocabularyName: "UsageReport") == .metadata)
        #expect(Capability(vocabularyName: "chat") == .text)
    }
}
