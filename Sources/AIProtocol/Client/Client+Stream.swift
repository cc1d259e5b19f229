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
        var reader = StreamEventReader<Provider>()
        do {
            for try await chunk in response.body {
                for event in try reader.push(chunk) { emit(event) }
                // An error after events in the same chunk: those were delivered, now the error.
                if let failure = reader.failure { throw failure }
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
