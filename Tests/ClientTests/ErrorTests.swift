import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Synchronization
import Testing

/// Error responses in each provider's shape, mapped to `AIError`: class, code, status, the
/// provider's message, type and code, request id and `Retry-After`.
@Suite("Client errors")
struct ErrorTests {
    static func openAI(_ server: ScriptedHTTPServer) -> Client<OpenAI> {
        Client<OpenAI>(configuration: .testing(server))
    }

    @Test func openAIRateLimited() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        let headers: HTTPHeaders = ["x-request-id": "req_8f1c2a", "retry-after": "7"]
        try await withServer(responding: .json(status: .tooManyRequests, headers: headers, body: body)) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.kind == .provider)
            #expect(error.errorClass == .rateLimited)
            #expect(error.code == "E2001")
            #expect(error.isRetryable)
            #expect(error.isFallbackable)
            #expect(error.httpStatus == 429)
            #expect(error.providerID == "openai")
            #expect(
                error.providerMessage
                    == "Rate limit reached for gpt-4o in organization org-abc123 on tokens per min (TPM): Limit 30000, Used 29850, Requested 420. Please try again in 540ms. Visit https://platform.openai.com/account/rate-limits to learn more."
            )
            #expect(error.providerType == "tokens")
            #expect(error.providerCode == "rate_limit_exceeded")
            #expect(error.requestID == "req_8f1c2a")
            #expect(error.retryAfter == .seconds(7))
            #expect(error.description.hasPrefix("E2001 rate_limited: Rate limit reached for gpt-4o"))
            #expect(error.description.hasSuffix("(HTTP 429)"))
            #expect(await server.requests().count == 1)
        }
    }

    @Test func openAIInsufficientQuota() async throws {
        let body = try Recording.text("OpenAI/error-insufficient-quota.json")
        try await withServer(responding: .json(status: .tooManyRequests, body: body)) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.errorClass == .quotaExhausted)
            #expect(error.code == "E2002")
            #expect(!error.isRetryable)
            #expect(error.isFallbackable)
            #expect(error.httpStatus == 429)
            #expect(error.providerType == "insufficient_quota")
            #expect(error.providerCode == "insufficient_quota")
            #expect(error.providerMessage?.hasPrefix("You exceeded your current quota") == true)
            #expect(error.requestID == nil)
            #expect(error.retryAfter == nil)
        }
    }

    @Test func openAIContextLengthExceeded() async throws {
        let body = try Recording.text("OpenAI/error-context-length.json")
        try await withServer(responding: .json(status: .badRequest, body: body)) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.errorClass == .requestTooLarge)
            #expect(error.code == "E1005")
            #expect(error.httpStatus == 400)
            #expect(error.providerType == "invalid_request_error")
            #expect(error.providerCode == "context_length_exceeded")
        }
    }

    @Test func anthropicOverloaded() async throws {
        let body = try Recording.text("Anthropic/error-overloaded.json")
        let headers: HTTPHeaders = ["request-id": "req_011CSHoEeqs5C35K2UUqR7Fy"]
        try await withServer(
            responding: .json(status: HTTPResponseStatus(statusCode: 529), headers: headers, body: body)
        ) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
                })
            #expect(error.kind == .provider)
            #expect(error.errorClass == .overloaded)
            #expect(error.code == "E3002")
            #expect(error.isRetryable)
            #expect(error.httpStatus == 529)
            #expect(error.providerID == "anthropic")
            #expect(error.providerMessage == "Overloaded")
            #expect(error.providerType == "overloaded_error")
            #expect(error.providerCode == nil)
            #expect(error.requestID == "req_011CSHoEeqs5C35K2UUqR7Fy")
            #expect(error.description == "E3002 overloaded: Overloaded (HTTP 529)")
        }
    }

    @Test func anthropicPromptTooLongByMessage() async throws {
        let body = try Recording.text("Anthropic/error-prompt-too-long.json")
        try await withServer(responding: .json(status: .badRequest, body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
                })
            #expect(error.errorClass == .requestTooLarge)
            #expect(error.providerType == "invalid_request_error")
            #expect(error.providerMessage == "prompt is too long: 215301 tokens > 200000 maximum")
        }
    }

    @Test func geminiInvalidArgument() async throws {
        let body = try Recording.text("Gemini/error-invalid-argument.json")
        try await withServer(responding: .json(status: .badRequest, body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gemini2_5Flash, messages: Conversation.messages) })
            #expect(error.kind == .provider)
            #expect(error.errorClass == .invalidRequest)
            #expect(error.code == "E1001")
            #expect(!error.isRetryable)
            #expect(error.httpStatus == 400)
            #expect(error.providerID == "gemini")
            #expect(error.providerMessage == "* GenerateContentRequest.contents: contents is not specified\n")
            #expect(error.providerType == "INVALID_ARGUMENT")
            #expect(error.providerCode == nil)
        }
    }

    @Test func geminiInvalidKeyIsAuthentication() async throws {
        let body = try Recording.text("Gemini/error-api-key-invalid.json")
        try await withServer(responding: .json(status: .badRequest, body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let error = try #require(
                await aiError { _ = try await client.chat(model: .gemini2_5Flash, messages: Conversation.messages) })
            // The reason in details (API_KEY_INVALID) is more specific than the status.
            #expect(error.errorClass == .authentication)
            #expect(error.code == "E1002")
            #expect(error.httpStatus == 400)
            #expect(error.providerType == "INVALID_ARGUMENT")
            #expect(error.providerCode == "API_KEY_INVALID")
            #expect(error.providerMessage == "API key not valid. Please pass a valid API key.")
        }
    }

    @Test func geminiResourceExhaustedOnStream() async throws {
        let body = try Recording.text("Gemini/error-resource-exhausted.json")
        try await withServer(responding: .json(status: .tooManyRequests, body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let outcome = await consume(client.stream(model: .gemini2_5Flash, messages: Conversation.messages))
            #expect(outcome.events.isEmpty)
            let error = try #require(outcome.aiError)
            #expect(error.errorClass == .rateLimited)
            #expect(error.httpStatus == 429)
            #expect(error.providerType == "RESOURCE_EXHAUSTED")
        }
    }

    @Test func plainText503() async throws {
        let response = ScriptedResponse.oneShot(
            status: .serviceUnavailable, headers: ["x-request-id": "req_plain"], contentType: "text/plain",
            bytes: Array("upstream connect error or disconnect/reset before headers".utf8))
        try await withServer(responding: response) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.kind == .provider)
            #expect(error.errorClass == .overloaded)
            #expect(error.code == "E3002")
            #expect(error.httpStatus == 503)
            #expect(error.providerMessage == "upstream connect error or disconnect/reset before headers")
            #expect(error.providerType == nil)
            #expect(error.providerCode == nil)
            #expect(error.requestID == "req_plain")
        }
    }

    @Test func emptyBody500() async throws {
        try await withServer(responding: .oneShot(status: .internalServerError, contentType: "text/plain", bytes: [])) {
            server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.errorClass == .serverError)
            #expect(error.code == "E3001")
            #expect(error.providerMessage == nil)
            #expect(error.description == "E3001 server_error: the provider reported an error (HTTP 500)")
        }
    }

    @Test func successStatusWithHTMLBodyIsInvalidResponse() async throws {
        let html = "<html><body>Gateway login</body></html>"
        try await withServer(responding: .oneShot(contentType: "text/html", bytes: Array(html.utf8))) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            guard case .invalidResponse(let reason) = error.kind else {
                Issue.record("expected .invalidResponse, got \(error)")
                return
            }
            #expect(reason.contains(html))
            #expect(error.httpStatus == 200)
        }
    }

    // MARK: Transport failures

    /// ECONNREFUSED is final, but AsyncHTTPClient's pool keeps retrying the connection until the
    /// connect timeout (10 s by default), so a client pointed at a dead port hangs that long.
    @Test func refusedConnectionFailsPromptly() async throws {
        let port = try await SecretLeakTests.closedPort()
        // No timing is asserted (the machine may be loaded); the transport is configured not to
        // retry connection establishment, so a refusal is reported as soon as it happens.
        let transport = AsyncHTTPClientTransport(configuration: .init(connectTimeout: .seconds(30), environment: [:]))
        let client = Client<OpenAI>(
            configuration: ClientConfiguration(
                apiKey: TestKey.openAI, baseURL: "http://127.0.0.1:\(port)/v1", transport: transport, environment: [:],
                maxRetries: 0))
        let error = await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) }
        try await transport.shutdown()
        guard case .transport(let reason)? = error?.kind else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("refused"))
        #expect(error?.providerID == "openai")
        #expect(error?.httpStatus == nil)
    }

    // MARK: Retry-After and request ids

    @Test(arguments: [("0", Duration.zero), ("12", .seconds(12)), (" 3 ", .seconds(3)), ("1.5", .milliseconds(1500))])
    func retryAfterSeconds(value: String, expected: Duration) async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(
            responding: .json(status: .tooManyRequests, headers: ["Retry-After": value], body: body)
        ) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.retryAfter == expected)
        }
    }

    @Test func retryAfterHTTPDate() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        let sent = Mutex<String>("")
        // The date is written when the response is, so that only the client's reading of it
        // counts, not how long a busy machine took to get there.
        let handler: ScriptedHTTPServer.Handler = { _ in
            let date = httpDate(Date().addingTimeInterval(120))
            sent.withLock { $0 = date }
            return .json(status: .tooManyRequests, headers: ["Retry-After": date], body: body)
        }
        try await withServer(handler: handler) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            let date = sent.withLock { $0 }
            let wait = try #require(error.retryAfter, "Retry-After: \(date) not parsed")
            // Whole seconds on the wire, and time passes before the client reads it: on a loaded
            // machine (two cores building the example package beside this test) tens of seconds.
            // A misread date (another time zone, a wrong field) is hours off, or zero.
            #expect(wait > .seconds(60) && wait <= .seconds(120), "\(wait) for \(date)")
        }
    }

    @Test func retryAfterHTTPDateInThePastIsZero() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(
            responding: .json(
                status: .tooManyRequests, headers: ["Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"], body: body)
        ) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.retryAfter == .zero)
        }
    }

    @Test func retryAfterMilliseconds() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(
            responding: .json(
                status: .tooManyRequests, headers: ["retry-after-ms": "540", "retry-after": "1"], body: body)
        ) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.retryAfter == .milliseconds(540))
        }
    }

    /// Gemini says how long to wait in the body (`RetryInfo.retryDelay`), Groq in the message;
    /// the manifests' `retry_after_extraction` reads it when no header does.
    @Test func retryAfterFromTheErrorBody() async throws {
        let gemini = try Recording.text("Gemini/error-resource-exhausted.json")
        try await withServer(responding: .json(status: .tooManyRequests, body: gemini)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: .init("gemini-2.5-flash"), messages: Conversation.messages)
                })
            #expect(error.retryAfter == .seconds(32))
            #expect(error.errorClass == .rateLimited)
        }
        let groq =
            #"{"error": {"message": "Rate limit reached for model. Please try again in 5.289s.", "type": "tokens", "code": "rate_limit_exceeded"}}"#
        try await withServer(responding: .json(status: .tooManyRequests, body: groq)) { server in
            let client = Client<Groq>(configuration: .testing(server, apiKey: TestKey.openAI))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: .init("llama-3.3-70b-versatile"), messages: Conversation.messages)
                })
            #expect(error.retryAfter == .milliseconds(5289))
        }
        // A header wins over the body.
        try await withServer(responding: .json(status: .tooManyRequests, headers: ["retry-after": "2"], body: groq)) {
            server in
            let client = Client<Groq>(configuration: .testing(server, apiKey: TestKey.openAI))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(model: .init("llama-3.3-70b-versatile"), messages: Conversation.messages)
                })
            #expect(error.retryAfter == .seconds(2))
        }
    }

    @Test func unparseableRetryAfterIsIgnored() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(
            responding: .json(status: .tooManyRequests, headers: ["Retry-After": "soon"], body: body)
        ) { server in
            let error = try #require(
                await aiError { _ = try await Self.openAI(server).chat(model: .gpt4o, messages: Conversation.messages) }
            )
            #expect(error.retryAfter == nil)
            #expect(error.errorClass == .rateLimited)
        }
    }

    // MARK: Errors inside a stream

    @Test func openAIErrorFrameMidStream() async throws {
        let events = try Recording.events("OpenAI/stream-error.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Partly")])
            let error = try #require(outcome.aiError)
            #expect(error.kind == .provider)
            #expect(error.errorClass == .serverError)
            #expect(error.code == "E3001")
            #expect(error.providerMessage == "The server had an error while processing your request. Sorry about that!")
            #expect(error.providerType == "server_error")
            #expect(error.providerID == "openai")
        }
    }

    @Test func anthropicErrorEventMidStream() async throws {
        let events = try Recording.events("Anthropic/stream-error.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let outcome = await consume(
                client.stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages))
            #expect(outcome.text == "Cloudy")
            let error = try #require(outcome.aiError)
            #expect(error.kind == .provider)
            #expect(error.errorClass == .overloaded)
            #expect(error.code == "E3002")
            #expect(error.providerType == "overloaded_error")
            #expect(error.providerMessage == "Overloaded")
        }
    }

    @Test func geminiErrorFrameMidStream() async throws {
        let events = try Recording.events("Gemini/stream-error.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let outcome = await consume(client.stream(model: .gemini2_5Flash, messages: Conversation.messages))
            #expect(outcome.text == "Cloudy")
            let error = try #require(outcome.aiError)
            #expect(error.errorClass == .overloaded)
            #expect(error.providerType == "UNAVAILABLE")
            #expect(error.providerMessage == "The model is overloaded. Please try again later.")
        }
    }

    @Test func streamErrorStatusBeforeBody() async throws {
        let body = try Recording.text("Anthropic/error-overloaded.json")
        try await withServer(
            responding: .json(
                status: HTTPResponseStatus(statusCode: 529), headers: ["request-id": "req_stream_529"], body: body)
        ) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let outcome = await consume(
                client.stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages))
            #expect(outcome.events.isEmpty)
            let error = try #require(outcome.aiError)
            #expect(error.errorClass == .overloaded)
            #expect(error.httpStatus == 529)
            #expect(error.requestID == "req_stream_529")
        }
    }

    @Test func unsupportedParameterFailsBeforeSending() async throws {
        try await withServer(responding: .json(body: "{}")) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let error = try #require(
                await aiError {
                    _ = try await client.chat(
                        model: .claudeSonnet4_5_20250929, messages: Conversation.messages, options: ChatOptions(seed: 7)
                    )
                })
            #expect(error.kind == .unsupportedParameter(.seed))
            #expect(error.errorClass == .invalidRequest)
            #expect(await server.requests().isEmpty)
        }
    }
}
