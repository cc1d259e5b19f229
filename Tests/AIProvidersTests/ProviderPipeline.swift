import AIProtocol
import Foundation
import Testing

/// What a recorded stream gave when run through a provider's framing and compiled rules.
struct StreamRun {
    /// The standard events, in order, up to the end of the recording or the first error.
    var events: [StreamEvent] = []
    /// The error the decoder threw for an error frame, if any; no frame is read after it.
    var error: AIError?
    /// Whether the manifest's stop condition held after the last frame read.
    var isFinished = false
    /// Whether the framer saw the manifest's done signal (such as OpenAI's `[DONE]`).
    var reachedDoneSignal = false
    /// How many frames the framer produced and the decoder read.
    var frameCount = 0
}

/// Runs recordings through a generated adapter exactly as the runtime does.
enum ProviderPipeline {
    /// Streams the recording `name` through `StreamFramer(P.streamFraming)`, decodes each frame's
    /// payload as `P.StreamFrame` with `JSONDecoder`, and feeds it to one `P.makeStreamDecoder()`.
    ///
    /// - Parameters:
    ///   - chunkSize: The bytes are pushed in pieces of this size, as a network delivers them, so
    ///     that frames split across reads are exercised too.
    /// - Throws: Framing or JSON errors (a recording that is not valid wire data), never the
    ///   decoder's `AIError`, which is returned in `StreamRun.error`.
    static func stream<P: StreamingAdapter>(
        _ provider: P.Type, recording name: String, chunkSize: Int = 17
    ) throws -> StreamRun {
        let bytes = try Recordings.bytes(name)
        var framer = StreamFramer(P.streamFraming)
        var decoder = P.makeStreamDecoder()
        var run = StreamRun()
        var frames: [RawStreamFrame] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            frames += try framer.push(bytes[offset..<end])
            offset = end
        }
        frames += framer.finish()
        for frame in frames {
            let decoded = try JSONDecoder().decode(P.StreamFrame.self, from: Data(frame.payload.utf8))
            run.frameCount += 1
            do {
                run.events += try decoder.events(for: decoded)
            } catch {
                run.error = error
                break
            }
        }
        run.isFinished = decoder.isFinished
        run.reachedDoneSignal = framer.reachedDoneSignal
        return run
    }

    /// Decodes the recorded JSON body `name` as `P.ChatResponseBody` and maps it with
    /// `P.chatResponse(from:)`.
    static func response<P: ProviderAdapter>(_ provider: P.Type, recording name: String) throws -> ChatResponse {
        let body = try JSONDecoder().decode(P.ChatResponseBody.self, from: Data(Recordings.bytes(name)))
        return P.chatResponse(from: body)
    }

    /// The details `P.errorDetails(from:)` reads from the recorded error body `name`.
    static func errorDetails<P: ProviderAdapter>(_ provider: P.Type, recording name: String) throws
        -> ProviderErrorDetails
    {
        let body = try JSONDecoder().decode(P.ErrorBody.self, from: Data(Recordings.bytes(name)))
        return P.errorDetails(from: body)
    }

    /// The JSON text of `P.chatBody(for:)` for `request`, canonical (keys sorted, pretty printed)
    /// so that two bodies compare equal exactly when they hold the same JSON.
    static func requestJSON<P: ProviderAdapter>(_ provider: P.Type, for request: ChatRequest) throws -> String {
        let body = try P.chatBody(for: request)
        return try canonicalJSON(JSONEncoder().encode(body))
    }

    /// The recorded JSON file `name`, canonical as in ``requestJSON(_:for:)``.
    static func expectedJSON(_ name: String) throws -> String {
        try canonicalJSON(Data(Recordings.bytes(name)))
    }

    /// `data` parsed and written again with sorted keys, so member order does not matter.
    static func canonicalJSON(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let text = try JSONSerialization.data(
            withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: text, as: UTF8.self)
    }

    /// The parsed JSON of `P.chatBody(for:)`, for tests that look at a few members only.
    static func requestObject<P: ProviderAdapter>(_ provider: P.Type, for request: ChatRequest) throws -> [String: Any]
    {
        let data = try JSONEncoder().encode(try P.chatBody(for: request))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// The conversation every request test sends: system instructions, a question, the assistant's
/// tool call, the tool's result, one tool, and the four common sampling options.
enum SampleConversation {
    /// The JSON Schema of the sample tool's arguments.
    static let weatherSchema: JSONValue = .object([
        .init("type", .string("object")),
        .init(
            "properties",
            .object([
                .init("city", .object([.init("type", .string("string")), .init("description", .string("City name"))]))
            ])),
        .init("required", .array([.string("city")])),
    ])

    /// The sample tool.
    static let weatherTool = Tool(
        name: "get_weather", description: "Current weather for a city.", parameters: weatherSchema)

    /// The common options: temperature, max tokens, top p and one stop sequence.
    static let options = ChatOptions(temperature: 0.2, maxTokens: 256, topP: 0.9, stopSequences: ["END"])

    /// The sample request for `model`, with the tool call id `callID`.
    static func request(
        model: String, callID: String = "call_Vx1", options: ChatOptions = options, stream: Bool = true,
        toolChoice: ToolChoice? = .auto
    ) -> ChatRequest {
        ChatRequest(
            model: model,
            messages: [
                .system("You are a terse weather assistant."),
                .user("What's the weather in Paris?"),
                Message(
                    role: .assistant,
                    content: [.toolUse(ToolCall(id: callID, name: "get_weather", arguments: #"{"city":"Paris"}"#))]),
                .tool(callID: callID, name: "get_weather", result: #"{"temperature_c":18,"sky":"cloudy"}"#),
            ],
            tools: [weatherTool], toolChoice: toolChoice, options: options, stream: stream)
    }
}

/// Asserts that `body` throws `AIError` with `.unsupportedParameter(parameter)`.
func expectUnsupported(
    _ parameter: StandardParameter, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected .unsupportedParameter(\(parameter)), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as AIError {
        #expect(error.kind == .unsupportedParameter(parameter), sourceLocation: sourceLocation)
        #expect(error.errorClass == .invalidRequest, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected AIError, got \(error)", sourceLocation: sourceLocation)
    }
}

extension StreamEvent {
    /// Whether this is a `.finish` event.
    var isFinish: Bool {
        if case .finish = self { return true }
        return false
    }

    /// Whether this is a `.toolCallEnded` event.
    var isToolCallEnd: Bool {
        if case .toolCallEnded = self { return true }
        return false
    }

    /// Whether this is a `.usage` event.
    var isUsage: Bool {
        if case .usage = self { return true }
        return false
    }
}

extension Array where Element == StreamEvent {
    /// The events with an event equal to the one before it left out: what a consumer sees when a
    /// frame repeats the same usage.
    var removingAdjacentDuplicates: [StreamEvent] {
        var kept: [StreamEvent] = []
        for event in self where kept.last != event { kept.append(event) }
        return kept
    }

    /// The tool-call events only (started, arguments, ended), in order.
    var toolCallEvents: [StreamEvent] {
        filter {
            switch $0 {
            case .toolCallStarted, .toolCallArgumentsDelta, .toolCallEnded: true
            default: false
            }
        }
    }
}
