import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// Deadlines, cancellation, per-call policies and the circuit breaker, against a loopback server
/// that fails on purpose; time is a test clock's, so nothing waits for real.
@Suite("Client resilience", .timeLimit(.minutes(2)))
struct ResilienceTests {
    static let unavailable = ScriptedResponse.oneShot(
        status: .serviceUnavailable, contentType: "text/plain", bytes: Array("down".utf8))
    static let badRequest = ScriptedResponse.json(
        status: .badRequest, body: (try? Recording.text("OpenAI/error-bad-request.json")) ?? "")
    static let success = ScriptedResponse.json(body: (try? Recording.text("OpenAI/response-text.json")) ?? "")

    /// A handler that answers with `failures` first, then with `success` for ever.
    static func failing(_ failures: Int, with failure: ScriptedResponse = unavailable) -> ScriptedHTTPServer.Handler {
        let counter = RequestCounter()
        return { _ in await counter.next() < failures ? failure : success }
    }

    private func chat(_ client: Client<OpenAI>) async -> AIError? {
        await aiError { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) }
    }

    @Test func aNonRetryableAuthenticationErrorFailsAtOnce() async throws {
        let unauthorized = ScriptedResponse.json(
            status: .unauthorized, body: try Recording.text("OpenAI/error-invalid-api-key.json"))
        try await withServer(responding: unauthorized) { server in
            let error = try #require(await chat(Client<OpenAI>(configuration: .testing(server, maxRetries: 3))))
            #expect(error.code == "E1002")
            #expect(!error.isRetryable && error.isFallbackable)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func aDeadlineStopsARetryStorm() async throws {
        try await withServer(responding: Self.unavailable) { server in
            let clock = VirtualClock()
            var configuration = ClientConfiguration.testing(server, maxRetries: nil)
            configuration.retryPolicy = RetryPolicy(
                maxRetries: 100, minDelay: .seconds(1), maxDelay: .seconds(4), jitter: .none)
            configuration.deadline = .seconds(10)
            configuration.clock = clock
            configuration.circuitBreaker = nil
            let error = try #require(await chat(Client<OpenAI>(configuration: configuration)))
            // Waits of 1, 2 and 4 s end at 7 s; the next 4 s would pass the deadline.
            #expect(error.kind == .deadlineExceeded(.seconds(10), attempts: 4))
            #expect(error.errorClass == .timeout)
            #expect(error.description == "E3003 timeout: the call's deadline of 10.0 seconds passed after 4 attempts")
            #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
            #expect(await server.requests().count == 4)
        }
    }

    @Test(.timeLimit(.minutes(1))) func cancellingDuringABackoffStopsAtOnce() async throws {
        try await withServer(responding: Self.unavailable) { server in
            let clock = StalledClock()
            var configuration = ClientConfiguration.testing(server, maxRetries: 5)
            configuration.clock = clock
            configuration.circuitBreaker = nil
            let client = Client<OpenAI>(configuration: configuration)
            let call = Task { await chat(client) }
            await clock.started()
            call.cancel()
            let error = try #require(await call.value)
            #expect(error.kind == .cancelled)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func aPolicyForOneCall() async throws {
        try await withServer(responding: Self.unavailable) { server in
            var configuration = ClientConfiguration.testing(server, maxRetries: 2)
            configuration.clock = VirtualClock()
            configuration.circuitBreaker = nil
            let client = Client<OpenAI>(configuration: configuration)
            _ = await chat(client.with { $0.maxRetries = 0 })
            #expect(await server.requests().count == 1)
            _ = await chat(client)
            #expect(await server.requests().count == 4)
            _ = await chat(
                client.with {
                    $0.retryPolicy = RetryPolicy(maxRetries: 1)
                    $0.maxRetries = nil
                })
            #expect(await server.requests().count == 6)
        }
    }

    @Test func theBreakerOpensFailsFastProbesAndCloses() async throws {
        try await withServer(handler: Self.failing(3)) { server in
            let clock = VirtualClock()
            let breakers = CircuitBreakers()
            var configuration = ClientConfiguration.testing(server)
            configuration.clock = clock
            configuration.circuitBreakers = breakers
            configuration.circuitBreaker = CircuitBreakerPolicy(failureThreshold: 3, cooldown: .seconds(30))
            let client = Client<OpenAI>(configuration: configuration)
            let endpoint = "openai " + server.baseURL
            for _ in 0..<3 { #expect(await chat(client)?.httpStatus == 503) }
            #expect(breakers.state(of: endpoint) == .open(until: .seconds(30)))

            // Open: no request reaches the server.
            let fast = try #require(await chat(client))
            #expect(fast.kind == .circuitOpen)
            #expect(fast.errorClass == .overloaded && fast.isFallbackable)
            #expect(fast.retryAfter == .seconds(30))
            #expect(await server.requests().count == 3)

            // After the cool-down one probe goes through; it succeeds, and the circuit closes.
            clock.advance(by: .seconds(31))
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(breakers.state(of: endpoint) == .closed(failures: 0))
            #expect(await server.requests().count == 4)
        }
    }

    @Test func aFailedProbeOpensTheCircuitAgain() async throws {
        try await withServer(responding: Self.unavailable) { server in
            let clock = VirtualClock()
            let breakers = CircuitBreakers()
            var configuration = ClientConfiguration.testing(server)
            configuration.clock = clock
            configuration.circuitBreakers = breakers
            configuration.circuitBreaker = CircuitBreakerPolicy(failureThreshold: 1, cooldown: .seconds(5))
            let client = Client<OpenAI>(configuration: configuration)
            #expect(await chat(client)?.httpStatus == 503)
            clock.advance(by: .seconds(6))
            #expect(await chat(client)?.httpStatus == 503)  // the probe
            #expect(breakers.state(of: "openai " + server.baseURL) == .open(until: .seconds(11)))
            #expect(await chat(client)?.kind == .circuitOpen)
            #expect(await server.requests().count == 2)
        }
    }

    @Test func theCallersOwnErrorsDoNotOpenTheCircuit() async throws {
        try await withServer(responding: Self.badRequest) { server in
            let breakers = CircuitBreakers()
            var configuration = ClientConfiguration.testing(server)
            configuration.circuitBreakers = breakers
            configuration.circuitBreaker = CircuitBreakerPolicy(failureThreshold: 2)
            let client = Client<OpenAI>(configuration: configuration)
            for _ in 0..<4 { #expect(await chat(client)?.httpStatus == 400) }
            #expect(breakers.state(of: "openai " + server.baseURL) == .closed(failures: 0))
        }
    }

    // MARK: Pacing

    private func pacedClient(
        _ server: ScriptedHTTPServer, _ policy: RateLimitPolicy, clock: any RuntimeClock = VirtualClock()
    ) -> Client<OpenAI> {
        var configuration = ClientConfiguration.testing(server)
        configuration.clock = clock
        configuration.rateLimit = policy
        configuration.rateLimiters = RateLimiters()
        configuration.circuitBreaker = nil
        return Client(configuration: configuration)
    }

    @Test func theProvidersHeadersPaceTheNextCall() async throws {
        let exhausted = ScriptedResponse.json(
            headers: ["x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1m2.5s"],
            body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: exhausted) { server in
            let clock = VirtualClock()
            let client = pacedClient(server, RateLimitPolicy(maxWait: .seconds(120)), clock: clock)
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(clock.sleeps == [.milliseconds(62_500)])
            // A call that may not wait that long fails at once, without a request.
            let impatient = client.with { $0.rateLimit?.maxWait = .seconds(1) }
            let error = try #require(await chat(impatient))
            #expect(error.errorClass == .rateLimited)
            if case .paced = error.kind {} else { Issue.record("expected .paced, got \(error.kind)") }
            #expect(error.retryAfter == .milliseconds(62_500))
            #expect(await server.requests().count == 2)
        }
    }

    @Test func aBucketPacesABurst() async throws {
        try await withServer(responding: Self.success) { server in
            let clock = VirtualClock()
            let client = pacedClient(server, RateLimitPolicy(requestsPerSecond: 2, requestBurst: 2), clock: clock)
            for _ in 0..<5 { _ = try await client.chat(model: .gpt4o, messages: Conversation.messages) }
            // Two at once (the burst), then one every half second.
            #expect(clock.sleeps == [.milliseconds(500), .milliseconds(500), .milliseconds(500)])
            #expect(await server.requests().count == 5)
        }
    }

    @Test func tokensPerMinuteCountWhatACallMayGenerate() async throws {
        try await withServer(responding: Self.success) { server in
            let clock = VirtualClock()
            let client = pacedClient(server, RateLimitPolicy(tokensPerMinute: 1000), clock: clock)
            let options = ChatOptions(maxTokens: 600)
            // 600 tokens and a few for the prompt: the first fits the minute, the second waits.
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages, options: options)
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages, options: options)
            #expect(clock.sleeps.count == 1)
            #expect(clock.sleeps.first.map { $0 > .seconds(12) && $0 < .seconds(20) } == true)
        }
    }

    @Test func requestsInFlightAreLimited() async throws {
        let release = AsyncStream<Void>.makeStream()
        let arrived = AsyncStream<Void>.makeStream()
        let handler: ScriptedHTTPServer.Handler = { _ in
            arrived.continuation.yield()
            for await _ in release.stream { break }
            return Self.success
        }
        try await withServer(handler: handler) { server in
            let client = pacedClient(server, RateLimitPolicy(maxConcurrentRequests: 1, maxWait: .seconds(5)))
            let first = Task { try await client.chat(model: .gpt4o, messages: Conversation.messages) }
            var arrivals = arrived.stream.makeAsyncIterator()
            _ = await arrivals.next()
            // The virtual clock ends the second call's wait at once: no slot, a typed error.
            let error = try #require(await chat(client))
            if case .paced = error.kind {} else { Issue.record("expected .paced, got \(error.kind)") }
            #expect(error.description.contains("no slot for a request in flight"))
            release.continuation.yield()
            _ = try await first.value
            // The slot is free again.
            release.continuation.yield()
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().count == 2)
        }
    }

    @Test func resetHeadersInTheirForms() {
        #expect(RateLimitPolicy.resetDelay("1s") == .seconds(1))
        #expect(RateLimitPolicy.resetDelay("6m0s") == .seconds(360))
        #expect(RateLimitPolicy.resetDelay("250ms") == .milliseconds(250))
        #expect(RateLimitPolicy.resetDelay("1.5") == .milliseconds(1500))
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        #expect(RateLimitPolicy.resetDelay("2000000030", wallClock: now) == .seconds(30))
        #expect(RateLimitPolicy.resetDelay("2033-05-18T03:33:40Z", wallClock: now) == .seconds(20))
        #expect(RateLimitPolicy.resetDelay("soon") == nil)
        #expect(RateLimitPolicy.resetDelay("") == nil)
    }
}
