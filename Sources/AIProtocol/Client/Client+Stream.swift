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
    ///
    /// The request is sent when iteration starts, and every event is read on the iterating
    /// task: no task relays them, so no thread hop separates the network from the caller.
    /// Cancelling that task, or leaving the loop, closes the connection.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        var request = request
        request.stream = true
        let events = StreamedEvents(client: self, request: request)
        return AsyncThrowingStream(unfolding: { try await events.next() })
    }

    /// Sends a streaming request: the response whose body is the stream, and the key to
    /// redact from errors.
    fileprivate func open(_ request: ChatRequest, telemetry: CallTelemetry) async throws(AIError) -> (
        TransportResponse, secret: String?, attempts: Int
    ) {
        let builder = RequestBuilder(descriptor: Provider.descriptor, configuration: configuration)
        let secret = try builder.apiKey()
        guard let endpoint = Provider.descriptor.endpoints.streamChat ?? Provider.descriptor.endpoints.chat else {
            throw AIError(.unsupportedFeature("chat"), errorClass: .invalidRequest, providerID: Provider.descriptor.id)
        }
        try Provider.descriptor.checkMedia(of: request)
        let body = try encode(try Provider.chatBody(for: request))
        let accept = Provider.streamFraming == .newlineDelimitedJSON ? "application/x-ndjson" : "text/event-stream"
        let httpRequest = try builder.request(endpoint, model: request.model, body: body, accept: accept)
        // Retries happen only before the first byte of the body: no event is delivered twice.
        let (response, attempts) = try await retryLoop(secret: secret, telemetry: telemetry).send(
            httpRequest, tokens: RateLimitPolicy.estimatedTokens(of: request))
        return (response, secret, attempts)
    }
}

extension Client where Provider: StreamingAdapter & SupportsTools {
    /// The response as a stream of standard events, in a conversation in which the model may
    /// call tools: each call arrives as `.toolCallStarted`, argument fragments and
    /// `.toolCallEnded`.
    public func stream(
        model: Provider.Model, messages: [Message], tools: [Tool], toolChoice: ToolChoice? = nil,
        options: ChatOptions = ChatOptions()
    ) -> AsyncThrowingStream<StreamEvent, any Error> {
        stream(ChatRequest(model: model.id, messages: messages, tools: tools, toolChoice: toolChoice, options: options))
    }
}

/// The events of one streamed response, produced as they are asked for.
///
/// `@unchecked Sendable` because only one task uses it at a time: an `AsyncThrowingStream`
/// calls its `unfolding` closure once at a time, from the task that iterates it.
private final class StreamedEvents<Provider: StreamingAdapter>: @unchecked Sendable {
    private let client: Client<Provider>
    private var request: ChatRequest?
    private var body: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
    private var secret: String?
    private var reader: StreamEventReader<Provider>
    /// Events read but not yet asked for, from `position` on.
    private var pending: [StreamEvent] = []
    private var position = 0
    private var isDone = false
    /// The error to throw once `pending` is delivered.
    private var failure: AIError?
    /// Where the call is reported; `nil` once it was.
    private var telemetry: CallTelemetry?
    private var usage: Usage?
    private let model: String
    private let start: Duration
    private var attempts = 0
    private var timeToFirstToken: Duration?
    /// Whether the closing `.statistics` event was delivered.
    private var reportedStatistics = false

    init(client: Client<Provider>, request: ChatRequest) {
        self.client = client
        self.request = request
        model = request.model
        start = client.configuration.clock.now
        reader = StreamEventReader(frameDecoding: client.configuration.frameDecoding)
        telemetry = client.telemetry(model: request.model, operation: "stream")
    }

    deinit {
        // Left before its end (the consumer stopped iterating): the call ends here.
        telemetry?.ended(
            usage: usage,
            failure: isDone ? nil : AIError(.cancelled, errorClass: .cancelled, providerID: Provider.descriptor.id))
    }

    func next() async throws(AIError) -> StreamEvent? {
        do throws(AIError) {
            while position == pending.count {
                if let failure { throw failure }
                guard !isDone else {
                    report(failure: nil)
                    guard reportedStatistics else {
                        reportedStatistics = true
                        return .statistics(statistics)
                    }
                    return nil
                }
                pending.removeAll(keepingCapacity: true)
                position = 0
                try await read()
            }
            defer { position += 1 }
            observe(pending[position])
            return pending[position]
        } catch {
            report(failure: error)
            throw error
        }
    }

    /// The response of a stream request that was answered with a whole JSON response instead
    /// of server-sent events; `nil` for an event stream (or a framing that is JSON itself).
    ///
    /// - Throws: `AIError` (`.invalidResponse`) naming the content type when the body is neither
    ///   an event stream nor a response in the provider's shape (an HTML error page).
    private func wholeResponse(_ response: TransportResponse) async throws(AIError) -> ChatResponse? {
        guard case .serverSentEvents = Provider.streamFraming,
            let contentType = response.header("content-type")?.lowercased(),
            contentType.hasPrefix("application/json") || contentType.hasPrefix("text/html")
        else { return nil }
        let unreadable = AIError(
            .invalidResponse("expected an event stream (text/event-stream), got \(contentType)"),
            errorClass: .unknown, providerID: Provider.descriptor.id, httpStatus: response.status)
        guard contentType.hasPrefix("application/json") else { throw unreadable }
        let bytes: [UInt8]
        do {
            bytes = try await response.collectBody()
        } catch {
            throw RetryLoop<Provider>.transportError(error, secret: secret)
        }
        guard let body = try? client.decodeBody(bytes) else { throw unreadable }
        var reply = Provider.chatResponse(from: body)
        guard !reply.candidates.allSatisfy({ $0.content.isEmpty && $0.finishReason == nil }) else { throw unreadable }
        reply.provider = Provider.descriptor.id
        return reply
    }

    /// What the finished call took and cost.
    private var statistics: CallStatistics {
        CallStatistics(
            provider: Provider.descriptor.id, model: model, latency: client.configuration.clock.now - start,
            timeToFirstToken: timeToFirstToken, attempts: attempts, usage: usage,
            cost: usage.flatMap { Provider.Model(model).info?.cost(of: $0) })
    }

    /// Notes what the call reports: the first text, the usage.
    private func observe(_ event: StreamEvent) {
        switch event {
        case .textDelta, .thinkingDelta:
            guard timeToFirstToken == nil else { break }
            timeToFirstToken = client.configuration.clock.now - start
            telemetry?.firstToken()
        case .usage(let counts):
            usage = usage.map { $0.merging(counts) } ?? counts
        default:
            break
        }
    }

    private func report(failure: AIError?) {
        telemetry?.ended(usage: usage, failure: failure)
        telemetry = nil
    }

    /// Sends the request, or reads the next chunk of the body into `pending`.
    private func read() async throws(AIError) {
        if let request {
            self.request = nil
            guard let telemetry else { return }
            let (response, secret, attempts) = try await client.open(request, telemetry: telemetry)
            self.secret = secret
            self.attempts = attempts
            if let whole = try await wholeResponse(response) {
                // A server that answered the stream request with a whole response (a gateway
                // that cannot stream): the events a stream would have given.
                pending = whole.streamEvents
                isDone = true
                return
            }
            body = response.body.makeAsyncIterator()
            return
        }
        do {
            guard let chunk = try await body?.next() else {
                isDone = true
                body = nil
                pending = try reader.finish()
                return
            }
            pending = try reader.push(chunk)
            // An error after events in the same chunk: those are delivered first, then it.
            failure = reader.failure?.redacting(secret)
            if failure != nil || reader.isComplete {
                isDone = true
                // Dropping the body closes the connection: nothing more is read.
                body = nil
            }
        } catch let error as AIError {
            isDone = true
            body = nil
            throw error.redacting(secret)
        } catch {
            isDone = true
            body = nil
            throw RetryLoop<Provider>.transportError(error, secret: secret)
        }
    }
}
