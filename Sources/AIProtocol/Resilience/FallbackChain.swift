/// Targets tried in order, each a provider and model with its own configuration: when a call
/// fails with an error a fallback may help (`AIError.isFallbackable`: rate limits, quota,
/// server trouble, an open circuit, a missing key), the next target is tried; any other error
/// (a request the provider rejects) ends the call at once.
///
/// ```swift
/// let chain = try FallbackChain(["openai/gpt-4o", "anthropic/claude-sonnet-4-5-20250929"].map {
///     try ProviderRegistry.client(for: $0)
/// })
/// let reply = try await chain.chat(messages: [.user("Hello")])
/// print(reply.provider ?? "")   // the target that answered
/// ```
///
/// Each target keeps its own retries, deadline and circuit breaker; the chain adds none. A
/// stream falls back only before its first event: after that, events would be repeated.
public struct FallbackChain: Sendable {
    /// The targets, in order.
    public let targets: [AnyClient]

    /// A chain of `targets`, tried in order.
    ///
    /// - Throws: `AIError` (`.invalidConfiguration`) when there is none.
    public init(_ targets: [AnyClient]) throws(AIError) {
        guard !targets.isEmpty else {
            throw AIError(
                .invalidConfiguration("a fallback chain needs at least one target"), errorClass: .invalidRequest)
        }
        self.targets = targets
    }

    /// One response, from the first target that gives one.
    ///
    /// - Throws: The first error no fallback may help, or the last target's error.
    public func chat(
        messages: [Message], tools: [Tool] = [], toolChoice: ToolChoice? = nil, options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> ChatResponse {
        for (position, target) in targets.enumerated() {
            do {
                var reply = try await target.chat(
                    messages: messages, tools: tools, toolChoice: toolChoice, options: options)
                reply.provider = target.providerID
                return reply
            } catch {
                guard error.isFallbackable, position < targets.count - 1 else { throw error }
            }
        }
        preconditionFailure("the last target returns or throws")
    }

    /// The events of the first target whose stream starts: a target whose stream fails with a
    /// fallbackable error before its first event is left for the next.
    public func stream(
        messages: [Message], tools: [Tool] = [], toolChoice: ToolChoice? = nil, options: ChatOptions = ChatOptions()
    ) -> AsyncThrowingStream<StreamEvent, any Error> {
        let targets = targets
        let state = FallbackStreamState(targets: targets) { target in
            target.stream(messages: messages, tools: tools, toolChoice: toolChoice, options: options)
        }
        return AsyncThrowingStream(unfolding: { try await state.next() })
    }
}

/// The chain's stream, one event at a time, on the iterating task. `@unchecked Sendable`: an
/// `AsyncThrowingStream` calls `unfolding` once at a time.
private final class FallbackStreamState: @unchecked Sendable {
    private let targets: [AnyClient]
    private let open: @Sendable (AnyClient) -> AsyncThrowingStream<StreamEvent, any Error>
    private var current: AsyncThrowingStream<StreamEvent, any Error>.AsyncIterator?
    private var nextTarget = 0

    init(targets: [AnyClient], open: @escaping @Sendable (AnyClient) -> AsyncThrowingStream<StreamEvent, any Error>) {
        self.targets = targets
        self.open = open
    }

    func next() async throws -> StreamEvent? {
        if current != nil { return try await current?.next() }
        while nextTarget < targets.count {
            let target = targets[nextTarget]
            nextTarget += 1
            var iterator = open(target).makeAsyncIterator()
            do {
                let first = try await iterator.next()
                current = iterator
                return first
            } catch let error as AIError where error.isFallbackable && nextTarget < targets.count {
                continue
            }
        }
        return nil
    }
}
