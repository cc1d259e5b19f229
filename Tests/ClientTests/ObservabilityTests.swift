import AIProtocol
import AIProviders
import Foundation
import InMemoryLogging
import InMemoryTracing
import Logging
import MetricsTestKit
import NIOHTTP1
import Testing
import Tracing

/// Logs, metrics, spans and interceptors of real calls to the loopback server.
@Suite("Client observability", .timeLimit(.minutes(2)))
struct ObservabilityTests {
    struct Backends {
        let logs = InMemoryLogHandler()
        let metrics = TestMetrics()
        let tracer = InMemoryTracer()

        func configure(_ configuration: inout ClientConfiguration) {
            var logger = Logger(label: "test") { _ in logs }
            logger.logLevel = .debug
            configuration.logger = logger
            configuration.metricsFactory = metrics
            configuration.tracer = tracer
            configuration.clock = VirtualClock()
            configuration.circuitBreakers = CircuitBreakers()
        }
    }

    static let unavailable = ScriptedResponse.oneShot(
        status: .serviceUnavailable, headers: ["x-request-id": "req_down_1"], contentType: "text/plain",
        bytes: Array("down".utf8))

    @Test func aRetriedCallIsLoggedMeasuredAndTraced() async throws {
        let success = ScriptedResponse.json(
            headers: ["x-request-id": "req_ok_2"], body: try Recording.text("OpenAI/response-text.json"))
        let counter = RequestCounter()
        let handler: ScriptedHTTPServer.Handler = { _ in await counter.next() == 0 ? Self.unavailable : success }
        try await withServer(handler: handler) { server in
            let backends = Backends()
            var configuration = ClientConfiguration.testing(server, apiKey: TestKey.leak, maxRetries: 1)
            backends.configure(&configuration)
            _ = try await Client<OpenAI>(configuration: configuration)
                .chat(model: .gpt4o, messages: [.user("a secret question")])

            let entries = backends.logs.entries
            #expect(entries.map(\.message.description) == ["attempt ended", "retrying", "attempt ended", "call ended"])
            #expect(entries.allSatisfy { $0.level == .debug })
            #expect(entries[0].metadata["http.status"] == "503")
            #expect(entries[0].metadata["ai.request_id"] == "req_down_1")
            #expect(entries[1].metadata["ai.error"] == "E3002")
            #expect(entries[2].metadata["ai.attempt"] == "2")
            #expect(entries[2].metadata["ai.request_id"] == "req_ok_2")
            #expect(
                entries.allSatisfy { $0.metadata["ai.provider"] == "openai" && $0.metadata["ai.model"] == "gpt-4o" })
            let logged = entries.map { "\($0.message) \($0.metadata)" }.joined()
            #expect(!logged.contains(TestKey.leak) && !logged.contains("secret question"))

            let provider = [("provider", "openai")]
            #expect(backends.metrics.counterTotal(label: "ai_protocol_requests_total", dimensions: provider) == 1)
            #expect(backends.metrics.counterTotal(label: "ai_protocol_retries_total", dimensions: provider) == 1)
            #expect(backends.metrics.counters(label: "ai_protocol_errors_total").isEmpty)
            #expect(
                backends.metrics.counterTotal(
                    label: "ai_protocol_tokens_total", dimensions: provider + [("direction", "in")]) == 1250)
            #expect(
                backends.metrics.counterTotal(
                    label: "ai_protocol_tokens_total", dimensions: provider + [("direction", "out")]) == 12)
            #expect(try backends.metrics.expectTimer("ai_protocol_request_duration", provider).values.count == 1)

            let spans = backends.tracer.finishedSpans
            #expect(spans.map(\.operationName) == ["ai_protocol.attempt", "ai_protocol.attempt", "ai_protocol.chat"])
            let call = try #require(spans.last)
            #expect(spans.dropLast().allSatisfy { $0.spanContext.parentSpanID == call.spanContext.spanID })
            #expect(spans[0].attributes["http.response.status_code"]?.toSpanAttribute() == .int64(503))
            #expect(spans[1].attributes["ai.attempt"]?.toSpanAttribute() == .int64(2))
            #expect(call.attributes["ai.provider"]?.toSpanAttribute() == .string("openai"))
        }
    }

    @Test func aFailedCallCountsItsCodeAndAStreamItsFirstToken() async throws {
        let sse = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: Self.unavailable) { server in
            let backends = Backends()
            var configuration = ClientConfiguration.testing(server)
            backends.configure(&configuration)
            _ = await aiError {
                _ = try await Client<OpenAI>(configuration: configuration).chat(
                    model: .gpt4o, messages: Conversation.messages)
            }
            #expect(
                backends.metrics.counterTotal(
                    label: "ai_protocol_errors_total", dimensions: [("provider", "openai"), ("code", "E3002")]) == 1)
            #expect(backends.tracer.finishedSpans.last?.status?.code == .error)
        }
        try await withServer(responding: .sse(events: sse)) { server in
            let backends = Backends()
            var configuration = ClientConfiguration.testing(server)
            backends.configure(&configuration)
            _ = try await Client<OpenAI>(configuration: configuration)
                .stream(model: .gpt4o, messages: Conversation.messages).collectResponse()
            #expect(
                try backends.metrics.expectTimer("ai_protocol_time_to_first_token", [("provider", "openai")]).values
                    .count == 1)
            #expect(
                backends.tracer.finishedSpans.map(\.operationName) == ["ai_protocol.attempt", "ai_protocol.stream"])
        }
    }

    struct Tenant: RequestInterceptor {
        let seen = Seen()
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var statuses: [Int] = []
        }

        func prepare(_ request: inout TransportRequest) async throws {
            request.headers.append(.init(name: "X-Tenant", value: "blue"))
        }

        func received(_ response: TransportResponse, for request: TransportRequest) async {
            seen.lock.withLock { seen.statuses.append(response.status) }
        }
    }

    struct Refuse: RequestInterceptor {
        struct NotAllowed: Error {}
        func prepare(_ request: inout TransportRequest) async throws { throw NotAllowed() }
    }

    @Test func interceptorsChangeRequestsAndSeeResponses() async throws {
        try await withServer(responding: .json(body: try Recording.text("OpenAI/response-text.json"))) { server in
            let tenant = Tenant()
            let client = Client<OpenAI>(configuration: .testing(server)).with { $0.interceptors = [tenant] }
            _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            #expect(await server.requests().first?.header("x-tenant") == "blue")
            #expect(tenant.seen.lock.withLock { tenant.seen.statuses } == [200])

            let refused = try #require(
                await aiError {
                    _ = try await client.with { $0.interceptors = [Refuse()] }
                        .chat(model: .gpt4o, messages: Conversation.messages)
                })
            #expect(refused.description.contains("the request interceptor Refuse stopped the request"))
            #expect(await server.requests().count == 1)
        }
    }
}
