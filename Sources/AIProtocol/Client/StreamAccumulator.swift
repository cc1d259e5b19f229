/// Folds stream events into the response `chat` would have returned: text, thinking and tool
/// calls per candidate, the finish, usage and ids.
///
/// Text and arguments grow in place, so that accumulating a long stream costs time in
/// proportion to its length.
public struct StreamAccumulator: Sendable {
    private struct Call: Sendable {
        var id: String?
        var name: String?
        var arguments = ""
    }

    /// The kind of the block still growing at the end of a candidate's content: consecutive
    /// deltas of one kind join into one block.
    private enum OpenBlock: Sendable {
        case text
        case thinking(signature: String?)

        func block(_ text: String) -> ContentBlock {
            switch self {
            case .text: .text(text)
            case .thinking(let signature): .thinking(text, signature: signature)
            }
        }
    }

    private struct CandidateState: Sendable {
        var blocks: [ContentBlock] = []
        var open: OpenBlock?
        /// The open block's text, apart from its kind, so that it grows in place.
        var openText = ""
        var calls: [Int: Call] = [:]
        var callOrder: [Int] = []
        var finish: TerminationReason?
        var rawFinish: String?

        mutating func appendText(_ text: String) {
            guard case .text = open else {
                close()
                open = .text
                openText = text
                return
            }
            openText += text
        }

        mutating func appendThinking(_ text: String, signature: String?) {
            guard case .thinking = open else {
                close()
                open = .thinking(signature: signature)
                openText = text
                return
            }
            // A later signature replaces an earlier one; a delta without one keeps it.
            if let signature { open = .thinking(signature: signature) }
            openText += text
        }

        mutating func close() {
            if let open { blocks.append(open.block(openText)) }
            open = nil
            openText = ""
        }

        mutating func call(_ index: Int, _ update: (inout Call) -> Void) {
            if calls[index] == nil { callOrder.append(index) }
            update(&calls[index, default: Call()])
        }
    }

    /// Each candidate's state with its index, in order of arrival: a stream has one candidate
    /// or a few, so searching the list costs less per delta than hashing.
    private var candidates: [(index: Int, state: CandidateState)] = []
    private var id: String?
    private var model: String?
    private var usage: Usage?
    private var statistics: CallStatistics?

    /// Creates an empty accumulator.
    public init() {}

    /// Adds one event.
    public mutating func add(_ event: StreamEvent) {
        switch event {
        case .textDelta(let text, let candidate):
            updateCandidate(candidate) { $0.appendText(text) }
        case .thinkingDelta(let text, let signature, let candidate):
            updateCandidate(candidate) { $0.appendThinking(text, signature: signature) }
        case .toolCallStarted(let index, let id, let name, let candidate):
            updateCandidate(candidate) {
                $0.call(index) { call in
                    call.id = id ?? call.id
                    call.name = name ?? call.name
                }
            }
        case .toolCallArgumentsDelta(let index, let fragment, let candidate):
            updateCandidate(candidate) { $0.call(index) { $0.arguments += fragment } }
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
            updateCandidate(candidate) {
                $0.finish = reason
                $0.rawFinish = raw
            }
        case .statistics(let statistics):
            self.statistics = statistics
        }
    }

    /// Applies `update` to the state of the candidate at `index`, a new one when it is the first
    /// event of that candidate.
    private mutating func updateCandidate(_ index: Int, _ update: (inout CandidateState) -> Void) {
        if let position = candidates.firstIndex(where: { $0.index == index }) {
            update(&candidates[position].state)
        } else {
            var state = CandidateState()
            update(&state)
            candidates.append((index, state))
        }
    }

    /// The response so far. Tool calls without an id get `call_<index>`.
    public var response: ChatResponse {
        let built = candidates.sorted { $0.index < $1.index }.map { index, state -> ChatCandidate in
            var state = state
            state.close()
            let calls = state.callOrder.map { callIndex -> ContentBlock in
                let call = state.calls[callIndex]!
                return .toolUse(
                    ToolCall(id: call.id ?? "call_\(callIndex)", name: call.name ?? "", arguments: call.arguments))
            }
            return ChatCandidate(
                index: index, content: state.blocks + calls, finishReason: state.finish,
                rawFinishReason: state.rawFinish)
        }
        var response = ChatResponse(id: id, model: model, candidates: built, usage: usage)
        response.statistics = statistics
        response.provider = statistics?.provider
        return response
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

extension ChatResponse {
    /// The events a stream would have given for this response, in the order streams give them:
    /// ids, each candidate's content and finish, usage. `StreamAccumulator` folds them back into
    /// this response.
    public var streamEvents: [StreamEvent] {
        var events: [StreamEvent] = []
        if id != nil || model != nil { events.append(.metadata(id: id, model: model)) }
        for candidate in candidates {
            let index = candidate.index
            var calls = 0
            for block in candidate.content {
                switch block {
                case .text(let text):
                    events.append(.textDelta(text, candidate: index))
                case .thinking(let text, let signature):
                    events.append(.thinkingDelta(text, signature: signature, candidate: index))
                case .toolUse(let call):
                    events += [
                        .toolCallStarted(index: calls, id: call.id, name: call.name, candidate: index),
                        .toolCallArgumentsDelta(index: calls, fragment: call.arguments, candidate: index),
                        .toolCallEnded(index: calls, candidate: index),
                    ]
                    calls += 1
                case .image, .document, .audio, .toolResult:
                    // Not part of a reply.
                    break
                }
            }
            if candidate.finishReason != nil || candidate.rawFinishReason != nil {
                events.append(.finish(candidate.finishReason, raw: candidate.rawFinishReason, candidate: index))
            }
        }
        if let usage { events.append(.usage(usage)) }
        return events
    }
}
