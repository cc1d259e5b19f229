#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Client where Provider: StreamingAdapter {
    /// The response as a stream of standard events. Cancelling the task that iterates it closes
    /// the connection; a stream that ends before its finish signal throws.
    public func stream(
        model: Provider.Model, messages: [Message], options: ChatOptions = ChatOptions()
    ) -> AsyncThrowingStream<StreamEvent, any Error> {
        stream(ChatRequest(model: model.id, messages: messages, options: options))
    }

    /// Streams any chat request.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        var request = request
        request.stream = true
        let (events, continuation) = AsyncThrowingStream<StreamEvent, any Error>.makeStream()
        let client = self
        let task = Task {
            do {
                try await client.run(request) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return events
    }

    /// Sends the request and feeds every event to `emit`.
    func run(_ request: ChatRequest, emit: (StreamEvent) -> Void) async throws(AIError) {
        let builder = RequestBuilder(descriptor: Provider.descriptor, configuration: configuration)
        let secret = try builder.apiKey()
        guard let endpoint = Provider.descriptor.endpoints.streamChat ?? Provider.descriptor.endpoints.chat else {
            throw AIError(.unsupportedFeature("chat"), errorClass: .invalidRequest, providerID: Provider.descriptor.id)
        }
        let body = try encode(try Provider.chatBody(for: request))
        let accept = Provider.streamFraming == .newlineDelimitedJSON ? "application/x-ndjson" : "text/event-stream"
        let httpRequest = try builder.request(endpoint, model: request.model, body: body, accept: accept)
        // Retries happen only before the first byte of the body: no event is delivered twice.
        let response = try await retryLoop(secret: secret).send(httpRequest)
        var reader = StreamReader<Provider>()
        do {
            for try await chunk in response.body {
                for event in try reader.push(chunk) { emit(event) }
                if reader.isComplete { return }
            }
        } catch let error as AIError {
            throw error.redacting(secret)
        } catch {
            throw RetryLoop<Provider>.transportError(error, secret: secret)
        }
        for event in try reader.finish() { emit(event) }
    }
}

/// Bytes in, standard events out: the framing, the frame type and the compiled rules of one
/// provider, and the check that the stream ended properly.
struct StreamReader<Provider: StreamingAdapter> {
    private var framer = StreamFramer(Provider.streamFraming)
    private var decoder = Provider.makeStreamDecoder()
    private let json = JSONDecoder()
    private var sawFinish = false

    /// Whether the stream has said all it will: the done signal or the stop condition.
    var isComplete: Bool { framer.reachedDoneSignal || decoder.isFinished }

    /// Whether the provider ends its streams with a done signal, which then must arrive.
    private var hasDoneSignal: Bool {
        if case .serverSentEvents(let signal?) = Provider.streamFraming { return !signal.isEmpty }
        return false
    }

    mutating func push(_ bytes: [UInt8]) throws(AIError) -> [StreamEvent] {
        let frames: [RawStreamFrame]
        do {
            frames = try framer.push(bytes)
        } catch {
            throw AIError(
                .invalidResponse(error.description), errorClass: .unknown, providerID: Provider.descriptor.id)
        }
        return try events(of: frames)
    }

    /// The events of what is left when the body ends; throws when the stream ended early.
    mutating func finish() throws(AIError) -> [StreamEvent] {
        let events = try events(of: framer.finish())
        // Without a done signal, a stream that delivered its finish and then closed is complete
        // (Gemini's streams end that way; Anthropic's message_stop adds nothing to message_delta).
        guard isComplete || (sawFinish && !hasDoneSignal) else {
            throw AIError(.streamEndedEarly, errorClass: .serverError, providerID: Provider.descriptor.id)
        }
        return events
    }

    private mutating func events(of frames: [RawStreamFrame]) throws(AIError) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for frame in frames where !decoder.isFinished {
            let decoded: Provider.StreamFrame
            do {
                decoded = try json.decode(Provider.StreamFrame.self, from: Data(frame.payload.utf8))
            } catch {
                throw AIError(
                    .invalidResponse("a stream frame is not JSON: \(frame.payload.prefix(200))"), errorClass: .unknown,
                    providerID: Provider.descriptor.id)
            }
            for event in try decoder.events(for: decoded) {
                if case .finish = event { sawFinish = true }
                events.append(event)
            }
        }
        return events
    }
}
