/// What a chat call returns: one or more candidates, usage, and the provider's ids.
public struct ChatResponse: Sendable, Hashable {
    /// The provider's id of the response.
    public var id: String?
    /// The model that answered, as the provider names it.
    public var model: String?
    /// The alternatives generated; usually one.
    public var candidates: [ChatCandidate]
    /// Token counts, when the provider reports them.
    public var usage: Usage?
    /// The id of the provider that answered (`openai`), set by the client; with a
    /// `FallbackChain`, the target that answered.
    public var provider: String?
    /// What the call took and cost, set by the client of a chat call.
    public var statistics: CallStatistics?

    /// Creates a response.
    public init(
        id: String? = nil, model: String? = nil, candidates: [ChatCandidate], usage: Usage? = nil,
        provider: String? = nil
    ) {
        self.id = id
        self.model = model
        self.candidates = candidates
        self.usage = usage
        self.provider = provider
    }

    /// The first candidate's text.
    public var text: String { candidates.first?.text ?? "" }
    /// The first candidate's content blocks.
    public var content: [ContentBlock] { candidates.first?.content ?? [] }
    /// The first candidate's tool calls.
    public var toolCalls: [ToolCall] { candidates.first?.toolCalls ?? [] }
    /// Why the first candidate ended, as a standard reason.
    public var finishReason: TerminationReason? { candidates.first?.finishReason }
    /// Why the first candidate ended, as the provider said it.
    public var rawFinishReason: String? { candidates.first?.rawFinishReason }
}

/// One alternative of a response.
public struct ChatCandidate: Sendable, Hashable {
    /// Its position among the candidates.
    public var index: Int
    /// Text, thinking and tool calls, in order.
    public var content: [ContentBlock]
    /// Why it ended, as a standard reason (`nil` when the provider's value is not mapped).
    public var finishReason: TerminationReason?
    /// Why it ended, as the provider said it.
    public var rawFinishReason: String?

    /// Creates a candidate.
    public init(
        index: Int = 0, content: [ContentBlock], finishReason: TerminationReason? = nil, rawFinishReason: String? = nil
    ) {
        self.index = index
        self.content = content
        self.finishReason = finishReason
        self.rawFinishReason = rawFinishReason
    }

    /// The text blocks' text, joined.
    public var text: String {
        content.compactMap {
            if case .text(let text) = $0 { return text }
            return nil
        }.joined()
    }

    /// The tool calls, in order.
    public var toolCalls: [ToolCall] {
        content.compactMap {
            if case .toolUse(let call) = $0 { return call }
            return nil
        }
    }
}

/// Token counts of a call.
public struct Usage: Sendable, Hashable {
    /// The sum of two counts when both are known and it fits.
    private static func sum(_ first: Int?, _ second: Int?) -> Int? {
        guard let first, let second else { return nil }
        let (sum, overflow) = first.addingReportingOverflow(second)
        return overflow ? nil : sum
    }

    /// These counts, with each count `other` has replacing this one's; the total is recomputed
    /// unless `other` gives it.
    public func merging(_ other: Usage) -> Usage {
        let prompt = other.promptTokens ?? promptTokens
        let completion = other.completionTokens ?? completionTokens
        return Usage(
            promptTokens: prompt, completionTokens: completion,
            totalTokens: other.totalTokens ?? Self.sum(prompt, completion) ?? totalTokens,
            reasoningTokens: other.reasoningTokens ?? reasoningTokens, cachedTokens: other.cachedTokens ?? cachedTokens)
    }

    /// Tokens of the input.
    public var promptTokens: Int?
    /// Tokens generated.
    public var completionTokens: Int?
    /// Both together (computed when the provider does not say).
    public var totalTokens: Int?
    /// Of the generated tokens, those spent reasoning.
    public var reasoningTokens: Int?
    /// Of the input tokens, those served from the provider's cache.
    public var cachedTokens: Int?

    /// Creates usage; a missing total is the sum of the parts when both are known (and the sum
    /// fits: counts come from the network, and an absurd one must not crash the client).
    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil, reasoningTokens: Int? = nil,
        cachedTokens: Int? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens =
            totalTokens ?? Self.sum(promptTokens, completionTokens)
        self.reasoningTokens = reasoningTokens
        self.cachedTokens = cachedTokens
    }
}
