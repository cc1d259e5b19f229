import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// The recorded wire data under `Tests/ClientTests/Recordings/` (excluded from the target's sources).
enum Recording {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Recordings")

    /// The bytes of the recording `name`, e.g. `"OpenAI/stream-text.sse"`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The text of the recording `name`.
    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The server-sent events of an `.sse` recording, each with its terminating blank line, so a
    /// test can drop, reorder or re-frame events.
    static func events(_ name: String) throws -> [String] {
        try text(name).components(separatedBy: "\n\n")
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { $0 + "\n\n" }
    }
}

/// Keys used throughout; recognisable so that a leak is easy to spot.
enum TestKey {
    static let openAI = "sk-test-openai-0001"
    static let anthropic = "sk-ant-test-0002"
    static let gemini = "AIza-test-0003"
    static let leak = "sk-test-DO-NOT-LEAK-1234"
}

extension ClientConfiguration {
    /// A configuration pointing at `server` (plus `path`), with an explicit, empty-by-default
    /// environment so the machine's variables never matter, and no retries unless asked.
    static func testing(
        _ server: ScriptedHTTPServer, path: String = "/v1", apiKey: String? = TestKey.openAI,
        environment: [String: String] = [:], maxRetries: Int? = 0
    ) -> ClientConfiguration {
        var configuration = ClientConfiguration(
            apiKey: apiKey, baseURL: server.baseURL + path, environment: environment, maxRetries: maxRetries)
        // Backoff and pacing on a virtual clock (no test waits for real), and breakers and pace
        // of the test's own.
        configuration.clock = VirtualClock()
        configuration.circuitBreakers = CircuitBreakers()
        configuration.rateLimiters = RateLimiters()
        return configuration
    }
}

/// Runs `body` and returns the `AIError` it threw; records an issue when it returns normally or
/// throws something else.
func aiError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> AIError? {
    do {
        try await body()
        Issue.record("expected an AIError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as AIError {
        return error
    } catch {
        Issue.record("expected an AIError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// What a stream gave: its events in order, and how it ended.
struct StreamOutcome {
    /// The events, without the closing `.statistics`.
    var events: [StreamEvent] = []
    /// The closing `.statistics` event's, when the stream ended normally.
    var statistics: CallStatistics?
    var error: (any Error)?

    var aiError: AIError? { error as? AIError }

    /// The text deltas joined.
    var text: String {
        events.compactMap {
            if case .textDelta(let text, _) = $0 { return text }
            return nil
        }.joined()
    }

    /// The response `StreamAccumulator` folds the events into.
    var response: ChatResponse {
        var accumulator = StreamAccumulator()
        for event in events { accumulator.add(event) }
        return accumulator.response
    }
}

/// Reads a stream to its end, keeping every event and the error it ended with; the closing
/// `.statistics` event is kept apart, in `statistics`.
func consume(_ stream: AsyncThrowingStream<StreamEvent, any Error>) async -> StreamOutcome {
    var outcome = StreamOutcome()
    do {
        for try await event in stream {
            if case .statistics(let statistics) = event {
                outcome.statistics = statistics
            } else {
                outcome.events.append(event)
            }
        }
    } catch {
        outcome.error = error
    }
    return outcome
}

/// Counts the requests a handler has answered, so a handler can script "fail, then succeed".
actor RequestCounter {
    private(set) var count = 0

    /// Returns the number of this request, from 0.
    func next() -> Int {
        defer { count += 1 }
        return count
    }
}

extension RecordedRequest {
    /// The body as a JSON object, or an empty dictionary with an issue recorded.
    func json(sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
        do {
            return try jsonObject()
        } catch {
            Issue.record("the request body is not a JSON object: \(bodyText)", sourceLocation: sourceLocation)
            return [:]
        }
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) for a `Retry-After` header.
func httpDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: date)
}

/// The standard conversation used by the wire-format tests.
enum Conversation {
    static let system = "You are a terse weather assistant."
    static let question = "What's the weather in Paris?"
    static let messages: [Message] = [.system(system), .user(question)]
    static let weatherTool = Tool(
        name: "get_weather", description: "Current weather for a city.",
        parameters: .object([
            .init("type", .string("object")),
            .init(
                "properties",
                .object([
                    .init(
                        "city", .object([.init("type", .string("string")), .init("description", .string("City name"))]))
                ])),
            .init("required", .array([.string("city")])),
        ]))
}

extension ChatResponse {
    /// The response without its call statistics, to compare with a response written out.
    var droppingStatistics: ChatResponse {
        var copy = self
        copy.statistics = nil
        return copy
    }
}

extension AsyncThrowingStream where Element == StreamEvent {
    /// The collected response without the call's facts (`statistics`, `provider`), for
    /// comparing content with an expected response.
    func collectContent() async throws -> ChatResponse {
        var response = try await collectResponse()
        response.statistics = nil
        response.provider = nil
        return response
    }
}
