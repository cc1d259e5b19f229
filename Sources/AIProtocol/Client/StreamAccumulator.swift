/// Folds stream events into the response `chat` would have returned: text, thinking and tool
/// calls per candidate, the finish, usage and ids.
public struct StreamAccumulator: Sendable {
    private struct CandidateState: Sendable {
        var blocks: [ContentBlock] = []
        var calls: [Int: (id: String?, name: String?, arguments: String)] = [:]
        var callOrder: [Int] = []
        var finish: TerminationReason?
        var rawFinish: String?
    }

    private var candidates: [Int: CandidateState] = [:]
    private var id: String?
    private var model: String?
    private var usage: Usage?

    /// Creates an empty accumulator.
    public init() {}

    /// Adds one event.
    public mutating func add(_ event: StreamEvent) {
        switch event {
        case .textDelta(let text, let candidate):
            append(text, to: candidate) { if case .text(let existing) = $0 { .text(existing + text) } else { nil } }
        case .thinkingDelta(let text, let signature, let candidate):
            var state = candidates[candidate] ?? CandidateState()
            if case .thinking(let existing, let existingSignature)? = state.blocks.last {
                state.blocks[state.blocks.count - 1] = .thinking(
                    existing + text, signature: signature ?? existingSignature)
            } else {
                state.blocks.append(.thinking(text, signature: signature))
            }
            candidates[candidate] = state
        case .toolCallStarted(let index, let id, let name, let candidate):
            var state = candidates[candidate] ?? CandidateState()
            if state.calls[index] == nil { state.callOrder.append(index) }
            let existing = state.calls[index]
            state.calls[index] = (id ?? existing?.id, name ?? existing?.name, existing?.arguments ?? "")
            candidates[candidate] = state
        case .toolCallArgumentsDelta(let index, let fragment, let candidate):
            var state = candidates[candidate] ?? CandidateState()
            if state.calls[index] == nil { state.callOrder.append(index) }
            let existing = state.calls[index]
            state.calls[index] = (existing?.id, existing?.name, (existing?.arguments ?? "") + fragment)
            candidates[candidate] = state
        case .toolCallEnded:
            break
        case .metadata(let id, let model):
            self.id = id ?? self.id
            self.model = model ?? self.model
        case .usage(let usage):
            // Providers report parts at different times (Anthropic: input at the start, output
            // at the end); later counts replace earlier ones field by field.
            self.usage = self.usage.map { $0.merging(usage) } ?? usage
        case .finish(let reason, let raw, let candidate):
            var state = candidates[candidate] ?? CandidateState()
            state.finish = reason
            state.rawFinish = raw
            candidates[candidate] = state
        }
    }

    private mutating func append(_ text: String, to candidate: Int, merge: (ContentBlock) -> ContentBlock?) {
        var state = candidates[candidate] ?? CandidateState()
        if let last = state.blocks.last, let merged = merge(last) {
            state.blocks[state.blocks.count - 1] = merged
        } else {
            state.blocks.append(.text(text))
        }
        candidates[candidate] = state
    }

    /// The response so far. Tool calls without an id get `call_<index>`.
    public var response: ChatResponse {
        let built = candidates.keys.sorted().map { index -> ChatCandidate in
            let state = candidates[index]!
            let calls = state.callOrder.map { callIndex -> ContentBlock in
                let call = state.calls[callIndex]!
                return .toolUse(
                    ToolCall(id: call.id ?? "call_\(callIndex)", name: call.name ?? "", arguments: call.arguments))
            }
            return ChatCandidate(
                index: index, content: state.blocks + calls, finishReason: state.finish,
                rawFinishReason: state.rawFinish)
        }
        return ChatResponse(id: id, model: model, candidates: built, usage: usage)
    }
}

extension AsyncThrowingStream where Element == StreamEvent {
    /// Reads the whole stream into the response `chat` would have returned.
    public func collectResponse() async throws -> ChatResponse {
        var accumulator = StreamAccumulator()
        for try await event in self { accumulator.add(event) }
        return accumulator.response
    }
}
