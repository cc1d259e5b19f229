import AIProtocol
import AIProviders
import Foundation
import TestPrerequisites
import Testing

/// End-to-end: the generated providers and the runtime against ai-protocol-mock, the peer server
/// the other AI-Protocol runtimes test against, over real HTTP on the loopback.
///
/// The clients are used as users use them: `Client<OpenAI>` and friends with a base URL and a
/// key; the mock's control headers go through a wrapping transport. Base URLs carry the path
/// prefix that makes the generated endpoint paths reach the mock's routes: `/v1` for OpenAI
/// (`/v1/chat/completions`) and Anthropic (`/v1/messages`), `/v1beta` for Gemini
/// (`/v1beta/models/{model}:generateContent` and `:streamGenerateContent`).
@Suite(
    "ai-protocol-mock end to end", .serialized,
    .requires(MockServer.python), .mockServer,
    .timeLimit(.minutes(2)))
struct MockServerTests {
    static let openAIModel = OpenAI.Model.gpt4o
    static let anthropicModel = Anthropic.Model("claude-sonnet-4-5")
    static let geminiModel = Gemini.Model("gemini-2.5-flash")

    static let weatherTool = Tool(
        name: "get_weather", description: "The weather in a city.",
        parameters: .object([
            .init("type", .string("object")),
            .init("properties", .object([.init("city", .object([.init("type", .string("string"))]))])),
            .init("required", .array([.string("city")])),
        ]))
    static let timeTool = Tool(
        name: "get_time", description: "The time in a time zone.",
        parameters: .object([
            .init("type", .string("object")),
            .init("properties", .object([.init("tz", .object([.init("type", .string("string"))]))])),
        ]))

    // MARK: OpenAI chat completions

    @Test func openAIChat() async throws {
        let transport = MockControlTransport()
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let response = try await client.chat(model: Self.openAIModel, messages: [.user("Hello")])

        #expect(response.text == MockServer.defaultContent)
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "stop")
        #expect(response.id == "chatcmpl-mock")
        #expect(response.model == "gpt-4o")
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 4, totalTokens: 14))
        let request = try #require(await transport.log.requests.first)
        #expect(request.url == (try origin()) + "/v1/chat/completions")
        #expect(request.headers.contains(.init(name: "Authorization", value: "Bearer test-key")))
    }

    @Test func openAIStream() async throws {
        // The mock streams its content one character per chunk, then a chunk with the finish
        // reason, then [DONE]; no usage.
        let content = "Hi, mock!"
        let transport = MockControlTransport(["X-Mock-Content": content])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let (events, error) = await collect(client.stream(model: Self.openAIModel, messages: [.user("Hello")]))

        #expect(error == nil)
        let expected: [StreamEvent] =
            content.map { .textDelta(String($0)) } + [.finish(.endTurn, raw: "stop")]
        #expect(events == expected)
        let request = try #require(await transport.log.requests.first)
        #expect(request.url == (try origin()) + "/v1/chat/completions")
        #expect(request.headers.contains(.init(name: "Accept", value: "text/event-stream")))
    }

    @Test func openAIToolCall() async throws {
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "true"])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let response = try await client.chat(
            model: Self.openAIModel, messages: [.user("Weather in Tokyo?")], tools: [Self.weatherTool])

        #expect(
            response.toolCalls == [ToolCall(id: "call_mock", name: "get_weather", arguments: #"{"city": "Tokyo"}"#)])
        #expect(response.text == "")
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_calls")
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 5, totalTokens: 15))
    }

    @Test func openAIParallelToolCalls() async throws {
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "parallel"])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let response = try await client.chat(
            model: Self.openAIModel, messages: [.user("Weather and time?")], tools: [Self.weatherTool, Self.timeTool])

        #expect(response.toolCalls == Self.parallelCalls)
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_calls")
    }

    static let parallelCalls = [
        ToolCall(id: "call_mock_1", name: "get_weather", arguments: #"{"city": "Tokyo"}"#),
        ToolCall(id: "call_mock_2", name: "get_time", arguments: #"{"tz": "UTC"}"#),
    ]

    @Test func openAIParallelToolCallsStreamed() async throws {
        // Each call arrives whole in its own chunk, with an id but without `index`, then a chunk
        // with finish_reason tool_calls, then [DONE]. The runtime must number the calls by order
        // (0, 1) and keep each call's arguments with it.
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "parallel"])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let (events, error) = await collect(
            client.stream(
                ChatRequest(
                    model: Self.openAIModel.id, messages: [.user("Weather and time?")],
                    tools: [Self.weatherTool, Self.timeTool])))

        #expect(error == nil)
        var accumulator = StreamAccumulator()
        for event in events { accumulator.add(event) }
        let response = accumulator.response
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_calls")
        let started = events.compactMap { event -> Int? in
            if case .toolCallStarted(let index, _, _, _) = event { return index }
            return nil
        }
        #expect(started == [0, 1])
        let expected: [StreamEvent] = [
            .toolCallStarted(index: 0, id: "call_mock_1", name: "get_weather"),
            .toolCallArgumentsDelta(index: 0, fragment: #"{"city": "Tokyo"}"#),
            .toolCallStarted(index: 1, id: "call_mock_2", name: "get_time"),
            .toolCallArgumentsDelta(index: 1, fragment: #"{"tz": "UTC"}"#),
            .toolCallEnded(index: 0), .toolCallEnded(index: 1),
            .finish(.toolUse, raw: "tool_calls"),
        ]
        #expect(events == expected)
        #expect(response.toolCalls == Self.parallelCalls)
    }

    @Test func openAIToolRoundTrip() async throws {
        // X-Mock-Tool-Calls: recursive with depth 2: the mock calls step_1_tool until the
        // conversation holds a message of role "tool", then answers with text. So the second
        // answer shows that the runtime sent the call and its result back in OpenAI's shape.
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "recursive", "X-Mock-Tool-Depth": "2"])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let stepTool = Tool(
            name: "step_1_tool", description: "A step.",
            parameters: .object([
                .init("type", .string("object")),
                .init("properties", .object([.init("step", .object([.init("type", .string("integer"))]))])),
            ]))
        var messages: [Message] = [.user("Go")]
        let first = try await client.chat(model: Self.openAIModel, messages: messages, tools: [stepTool])

        #expect(first.toolCalls == [ToolCall(id: "call_step_1", name: "step_1_tool", arguments: #"{"step": 1}"#)])
        #expect(first.finishReason == .toolUse)
        messages.append(Message(role: .assistant, content: first.content))
        messages.append(.tool(callID: "call_step_1", name: "step_1_tool", result: #"{"done": true}"#))
        let second = try await client.chat(model: Self.openAIModel, messages: messages, tools: [stepTool])

        #expect(second.text == MockServer.defaultContent)
        #expect(second.toolCalls.isEmpty)
        #expect(second.finishReason == .endTurn)
        let sent = try #require(await transport.log.requests.last?.body)
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(sent))
        guard case .array(let sentMessages)? = body["messages"] else {
            Issue.record("the request has no messages array: \(body)")
            return
        }
        #expect(sentMessages.compactMap { $0["role"]?.stringValue } == ["user", "assistant", "tool"])
        #expect(sentMessages.last?["tool_call_id"] == .string("call_step_1"))
    }

    @Test func openAIStructuredOutput() async throws {
        // With a response_format of type json_schema the mock answers {"count": 3, "items": …};
        // of type json_object, {"result": "mock_structured_output"}.
        let transport = MockControlTransport()
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let schema = JSONValue.object([.init("type", .string("object"))])
        let bySchema = try await client.chat(
            model: Self.openAIModel, messages: [.user("Count")],
            options: ChatOptions(responseFormat: .jsonSchema(name: "count", schema: schema)))
        #expect(bySchema.text == #"{"count": 3, "items": ["a", "b", "c"]}"#)
        #expect(bySchema.finishReason == .endTurn)

        let asObject = try await client.chat(
            model: Self.openAIModel, messages: [.user("Anything")], options: ChatOptions(responseFormat: .jsonObject))
        #expect(asObject.text == #"{"result": "mock_structured_output"}"#)
    }

    // MARK: Anthropic messages

    @Test func anthropicChat() async throws {
        let transport = MockControlTransport()
        let client = Client<Anthropic>(configuration: try configuration(transport, prefix: "/v1"))
        let response = try await client.chat(model: Self.anthropicModel, messages: [.user("Hello")])

        #expect(response.text == MockServer.defaultContent)
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "end_turn")
        #expect(response.id == "msg-mock")
        #expect(response.model == Self.anthropicModel.id)
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 4, cachedTokens: 2))
        let request = try #require(await transport.log.requests.first)
        #expect(request.url == (try origin()) + "/v1/messages")
        #expect(request.headers.contains(.init(name: "x-api-key", value: "test-key")))
    }

    @Test func anthropicStream() async throws {
        // message_start, a text block streamed one character per delta, content_block_stop,
        // message_stop. The mock sends no message_delta, so no stop reason: the stream ends
        // properly (message_stop) but without a finish event.
        let content = "Hi, mock!"
        let transport = MockControlTransport(["X-Mock-Content": content])
        let client = Client<Anthropic>(configuration: try configuration(transport, prefix: "/v1"))
        let (events, error) = await collect(client.stream(model: Self.anthropicModel, messages: [.user("Hello")]))

        #expect(error == nil)
        let expected: [StreamEvent] =
            [
                .metadata(id: "msg-mock", model: Self.anthropicModel.id),
                .usage(Usage(promptTokens: 10, completionTokens: 0)),
            ] + content.map { .textDelta(String($0)) }
        #expect(events == expected)
        #expect((try origin()) + "/v1/messages" == (await transport.log.urls.first))
    }

    @Test func anthropicToolCall() async throws {
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "true"])
        let client = Client<Anthropic>(configuration: try configuration(transport, prefix: "/v1"))
        let response = try await client.chat(
            model: Self.anthropicModel, messages: [.user("Weather in Tokyo?")], tools: [Self.weatherTool])

        let call = try #require(response.toolCalls.first)
        #expect(response.toolCalls.count == 1)
        #expect(call.id == "toolu_mock")
        #expect(call.name == "get_weather")
        #expect(try json(call.arguments) == .object([.init("city", .string("Tokyo"))]))
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "tool_use")
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 5))
    }

    // MARK: Gemini generateContent

    @Test func geminiChat() async throws {
        let transport = MockControlTransport()
        let client = Client<Gemini>(configuration: try configuration(transport, prefix: "/v1beta"))
        let response = try await client.chat(model: Self.geminiModel, messages: [.user("Hello")])

        #expect(response.text == MockServer.defaultContent)
        #expect(response.finishReason == .endTurn)
        #expect(response.rawFinishReason == "STOP")
        #expect(response.usage == Usage(promptTokens: 10, completionTokens: 4, totalTokens: 14))
        let request = try #require(await transport.log.requests.first)
        #expect(request.url == (try origin()) + "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(request.headers.contains(.init(name: "x-goog-api-key", value: "test-key")))
    }

    @Test func geminiStream() async throws {
        // The mock streams only when the body says `"stream": true`, which Gemini's never does
        // (the endpoint chooses streaming): the transport adds it. Two chunks, the content cut
        // in half; the second has the finish reason and usage; the stream ends by closing.
        let transport = MockControlTransport(markStreamedBodies: true)
        let client = Client<Gemini>(configuration: try configuration(transport, prefix: "/v1beta"))
        let (events, error) = await collect(client.stream(model: Self.geminiModel, messages: [.user("Hello")]))
        #expect(error == nil)
        let half = MockServer.defaultContent.count / 2
        let expected: [StreamEvent] = [
            .textDelta(String(MockServer.defaultContent.prefix(half))),
            .textDelta(String(MockServer.defaultContent.dropFirst(half))),
            .usage(Usage(promptTokens: 10, completionTokens: 4, totalTokens: 14)),
            .finish(.endTurn, raw: "STOP"),
        ]
        #expect(events == expected)
        let request = try #require(await transport.log.requests.first)
        #expect(request.url == (try origin()) + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
    }

    @Test func geminiStreamAnsweredWithoutServerSentEvents() async throws {
        // Without the body flag the mock answers :streamGenerateContent with one whole JSON
        // response, not an event stream: the runtime gives the events a stream would have.
        let transport = MockControlTransport()
        let client = Client<Gemini>(configuration: try configuration(transport, prefix: "/v1beta"))
        let (events, error) = await collect(client.stream(model: Self.geminiModel, messages: [.user("Hello")]))

        #expect(error == nil)
        #expect(
            events == [
                .metadata(id: nil, model: "gpt-4o"), .textDelta(MockServer.defaultContent),
                .finish(.endTurn, raw: "STOP"), .usage(Usage(promptTokens: 10, completionTokens: 4, totalTokens: 14)),
            ])
    }

    @Test func geminiToolCall() async throws {
        // Gemini calls carry no id (the runtime makes `call_0`) and end with STOP: a candidate
        // that called tools reports tool_use.
        let transport = MockControlTransport(["X-Mock-Tool-Calls": "true"])
        let client = Client<Gemini>(configuration: try configuration(transport, prefix: "/v1beta"))
        let response = try await client.chat(
            model: Self.geminiModel, messages: [.user("Weather in Tokyo?")], tools: [Self.weatherTool])

        let call = try #require(response.toolCalls.first)
        #expect(response.toolCalls.count == 1)
        #expect(call.id == "call_0")
        #expect(call.name == "get_weather")
        #expect(try json(call.arguments) == .object([.init("city", .string("Tokyo"))]))
        #expect(response.finishReason == .toolUse)
        #expect(response.rawFinishReason == "STOP")
    }

    // MARK: Errors

    @Test(arguments: Wire.allCases)
    func rateLimit(_ wire: Wire) async throws {
        // 429, {"error": {"message": "Rate limit exceeded.", "type": "rate_limit_error",
        // "code": "rate_limit_exceeded"}}, Retry-After: 5.
        let transport = MockControlTransport(["X-Mock-Error": "rate_limit"])
        let error = try await wire.chatError(try configuration(transport, prefix: wire.prefix))

        #expect(error.code == "E2001")
        #expect(error.errorClass == .rateLimited)
        #expect(error.kind == .provider)
        #expect(error.httpStatus == 429)
        #expect(error.retryAfter == .seconds(5))
        #expect(error.providerMessage == "Rate limit exceeded.")
        #expect(error.providerID == wire.providerID)
        #expect(await transport.log.requests.count == 1, "maxRetries 0: one attempt")
    }

    @Test(arguments: Wire.allCases)
    func rateLimitStreamed(_ wire: Wire) async throws {
        let transport = MockControlTransport(["X-Mock-Error": "rate_limit"], markStreamedBodies: true)
        let (events, error) = await wire.stream(try configuration(transport, prefix: wire.prefix))

        #expect(events.isEmpty)
        let aiError = try #require(error as? AIError)
        #expect(aiError.code == "E2001")
        #expect(aiError.httpStatus == 429)
        #expect(aiError.retryAfter == .seconds(5))
    }

    @Test func openAIRateLimitDetails() async throws {
        let transport = MockControlTransport(["X-Mock-Error": "rate_limit"])
        let error = try await Wire.openAI.chatError(try configuration(transport, prefix: "/v1"))
        #expect(error.providerType == "rate_limit_error")
        #expect(error.providerCode == "rate_limit_exceeded")
        #expect(error.description == "E2001 rate_limited: Rate limit exceeded. (HTTP 429)")
    }

    @Test func openAIContextOverflow() async throws {
        // 400 with code context_length_exceeded: the manifest classifies by code before status.
        let transport = MockControlTransport(["X-Mock-Error": "context_overflow"])
        let error = try await Wire.openAI.chatError(try configuration(transport, prefix: "/v1"))
        #expect(error.code == "E1005")
        #expect(error.errorClass == .requestTooLarge)
        #expect(error.httpStatus == 400)
        #expect(error.providerCode == "context_length_exceeded")
    }

    @Test func openAIStreamInterrupted() async throws {
        // The mock sends the first three chunks ("M", "o", "c") and closes: no finish reason,
        // no [DONE]. What arrived is delivered, then an error; never a quiet success.
        let transport = MockControlTransport(["X-Mock-Error": "stream_interrupt"])
        let client = Client<OpenAI>(configuration: try configuration(transport, prefix: "/v1"))
        let (events, error) = await collect(client.stream(model: Self.openAIModel, messages: [.user("Hello")]))

        #expect(events == [.textDelta("M"), .textDelta("o"), .textDelta("c")])
        let aiError = try #require(error as? AIError, "an interrupted stream must throw an AIError")
        #expect(aiError.kind == .streamEndedEarly)
        #expect(aiError.providerID == "openai")
    }

    @Test(arguments: Wire.allCases, ForcedStatus.all)
    func forcedStatus(_ wire: Wire, _ forced: ForcedStatus) async throws {
        // {"error": {"message": "Mock error (X-Mock-Status=<status>)", "type": "mock_error"}}
        let transport = MockControlTransport(["X-Mock-Status": String(forced.status)])
        let error = try await wire.chatError(try configuration(transport, prefix: wire.prefix))

        #expect(error.code == forced.code)
        #expect(error.errorClass == forced.errorClass)
        #expect(error.kind == .provider)
        #expect(error.httpStatus == forced.status)
        #expect(error.providerMessage == "Mock error (X-Mock-Status=\(forced.status))")
        #expect(await transport.log.requests.count == 1, "maxRetries 0: one attempt")
    }

    @Test(arguments: Wire.allCases)
    func forcedStatusStreamed(_ wire: Wire) async throws {
        let transport = MockControlTransport(["X-Mock-Status": "500"], markStreamedBodies: true)
        let (events, error) = await wire.stream(try configuration(transport, prefix: wire.prefix))

        #expect(events.isEmpty)
        let aiError = try #require(error as? AIError)
        #expect(aiError.code == "E3001")
        #expect(aiError.httpStatus == 500)
    }

    @Test func retriesFollowTheConfiguration() async throws {
        // 500 is retryable; with maxRetries 1 the runtime sends the request twice.
        let transport = MockControlTransport(["X-Mock-Status": "500"])
        let server = try #require(MockServer.current)
        let client = Client<OpenAI>(
            configuration: ClientConfiguration(
                apiKey: "test-key", baseURL: server.origin + "/v1", transport: transport, environment: [:],
                maxRetries: 1))
        let error = try await #require(throws: AIError.self) {
            try await client.chat(model: Self.openAIModel, messages: [.user("Hello")])
        }
        #expect(error.code == "E3001")
        #expect(await transport.log.requests.count == 2)
    }
}

// MARK: - Helpers

/// The three wire styles of the mock, as typed clients.
enum Wire: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case openAI, anthropic, gemini

    var testDescription: String { rawValue }

    /// The base-URL path that makes the generated endpoint paths reach the mock's routes.
    var prefix: String {
        switch self {
        case .openAI, .anthropic: "/v1"
        case .gemini: "/v1beta"
        }
    }

    var providerID: String {
        switch self {
        case .openAI: "openai"
        case .anthropic: "anthropic"
        case .gemini: "gemini"
        }
    }

    /// The error a chat call throws (the test fails when it throws none).
    func chatError(_ configuration: ClientConfiguration) async throws -> AIError {
        let messages: [Message] = [.user("Hello")]
        return try await #require(throws: AIError.self) {
            switch self {
            case .openAI:
                _ = try await Client<OpenAI>(configuration: configuration).chat(
                    model: MockServerTests.openAIModel, messages: messages)
            case .anthropic:
                _ = try await Client<Anthropic>(configuration: configuration).chat(
                    model: MockServerTests.anthropicModel, messages: messages)
            case .gemini:
                _ = try await Client<Gemini>(configuration: configuration).chat(
                    model: MockServerTests.geminiModel, messages: messages)
            }
        }
    }

    /// The events of a streamed call, and the error that ended it.
    func stream(_ configuration: ClientConfiguration) async -> (events: [StreamEvent], error: (any Error)?) {
        let messages: [Message] = [.user("Hello")]
        switch self {
        case .openAI:
            return await collect(
                Client<OpenAI>(configuration: configuration).stream(
                    model: MockServerTests.openAIModel, messages: messages))
        case .anthropic:
            return await collect(
                Client<Anthropic>(configuration: configuration).stream(
                    model: MockServerTests.anthropicModel, messages: messages))
        case .gemini:
            return await collect(
                Client<Gemini>(configuration: configuration).stream(
                    model: MockServerTests.geminiModel, messages: messages))
        }
    }
}

/// A status forced with `X-Mock-Status` and the error it must give.
struct ForcedStatus: Sendable, CustomTestStringConvertible {
    var status: Int
    var errorClass: ErrorClass
    var code: String

    static let all = [
        ForcedStatus(status: 401, errorClass: .authentication, code: "E1002"),
        ForcedStatus(status: 500, errorClass: .serverError, code: "E3001"),
        ForcedStatus(status: 503, errorClass: .overloaded, code: "E3002"),
    ]

    var testDescription: String { "HTTP \(status)" }
}

/// The origin of the suite's mock server.
func origin() throws -> String {
    try #require(MockServer.current, "the suite's mock server is not running").origin
}

/// A configuration that sends to the suite's mock server, under `prefix`, through `transport`;
/// no environment, no retries.
func configuration(_ transport: MockControlTransport, prefix: String) throws -> ClientConfiguration {
    ClientConfiguration(
        apiKey: "test-key", baseURL: try origin() + prefix, transport: transport, environment: [:], maxRetries: 0)
}

/// Every event of a stream, and the error that ended it (`nil` when it finished). A stream that
/// finished must end with its `.statistics`, which is checked and left out of `events`.
func collect(
    _ stream: AsyncThrowingStream<StreamEvent, any Error>, sourceLocation: SourceLocation = #_sourceLocation
) async -> (events: [StreamEvent], error: (any Error)?) {
    var events: [StreamEvent] = []
    do {
        for try await event in stream { events.append(event) }
        guard case .statistics(let statistics)? = events.popLast() else {
            Issue.record("the finished stream did not end with its statistics", sourceLocation: sourceLocation)
            return (events, nil)
        }
        #expect(statistics.attempts == 1, sourceLocation: sourceLocation)
        #expect(statistics.latency >= (statistics.timeToFirstToken ?? .zero), sourceLocation: sourceLocation)
        return (events, nil)
    } catch {
        return (events, error)
    }
}

/// JSON text as a value (objects' keys sorted), to compare arguments whatever their spacing.
func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}
