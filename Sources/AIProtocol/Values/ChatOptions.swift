/// The standard request parameters a caller can set. Each maps to the provider's own name
/// through its manifest; setting one the provider does not map is an error
/// (`AIError.Kind.unsupportedParameter`), never silently dropped.
public struct ChatOptions: Sendable, Hashable {
    /// Randomness of sampling (`temperature`).
    public var temperature: Double?
    /// The most tokens to generate (`max_tokens`).
    public var maxTokens: Int?
    /// Nucleus sampling (`top_p`).
    public var topP: Double?
    /// Only the k most likely tokens are considered (`top_k`).
    public var topK: Int?
    /// Sequences that end generation (`stop_sequences`).
    public var stopSequences: [String]?
    /// Seed for reproducible sampling (`seed`).
    public var seed: Int?
    /// Penalty growing with how often a token occurred (`frequency_penalty`).
    public var frequencyPenalty: Double?
    /// Penalty for any token that occurred (`presence_penalty`).
    public var presencePenalty: Double?
    /// Multiplicative repetition penalty of open-weight servers (`repetition_penalty`).
    public var repetitionPenalty: Double?
    /// The shape of the output: free text, any JSON, or JSON of a schema (`response_format`).
    public var responseFormat: ResponseFormat?
    /// How hard a reasoning model thinks (`reasoning_effort`).
    public var reasoningEffort: ReasoningEffort?
    /// How many tokens a reasoning model may spend thinking (`thinking_budget`): Anthropic's
    /// extended thinking, Gemini 2.5's `thinkingBudget`. 0 turns thinking off where the provider
    /// allows it.
    public var thinkingBudget: Int?
    /// How many alternative candidates to generate (`n`).
    public var candidateCount: Int?
    /// Whether the model may call several tools at once (`parallel_tool_calls`).
    public var parallelToolCalls: Bool?
    /// Opaque id of the end user (`user`).
    public var user: String?

    /// Creates options; every parameter left `nil` is not sent.
    public init(
        temperature: Double? = nil, maxTokens: Int? = nil, topP: Double? = nil, topK: Int? = nil,
        stopSequences: [String]? = nil, seed: Int? = nil, frequencyPenalty: Double? = nil,
        presencePenalty: Double? = nil, repetitionPenalty: Double? = nil, responseFormat: ResponseFormat? = nil,
        reasoningEffort: ReasoningEffort? = nil, thinkingBudget: Int? = nil, candidateCount: Int? = nil,
        parallelToolCalls: Bool? = nil, user: String? = nil
    ) {
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.topP = topP
        self.topK = topK
        self.stopSequences = stopSequences
        self.seed = seed
        self.frequencyPenalty = frequencyPenalty
        self.presencePenalty = presencePenalty
        self.repetitionPenalty = repetitionPenalty
        self.responseFormat = responseFormat
        self.reasoningEffort = reasoningEffort
        self.thinkingBudget = thinkingBudget
        self.candidateCount = candidateCount
        self.parallelToolCalls = parallelToolCalls
        self.user = user
    }

    /// The standard parameters that are set, in a stable order.
    public var setParameters: [StandardParameter] {
        var set: [StandardParameter] = []
        if temperature != nil { set.append(.temperature) }
        if maxTokens != nil { set.append(.maxTokens) }
        if topP != nil { set.append(.topP) }
        if topK != nil { set.append(.topK) }
        if stopSequences != nil { set.append(.stopSequences) }
        if seed != nil { set.append(.seed) }
        if frequencyPenalty != nil { set.append(.frequencyPenalty) }
        if presencePenalty != nil { set.append(.presencePenalty) }
        if repetitionPenalty != nil { set.append(.repetitionPenalty) }
        if responseFormat != nil { set.append(.responseFormat) }
        if reasoningEffort != nil { set.append(.reasoningEffort) }
        if thinkingBudget != nil { set.append(.thinkingBudget) }
        if candidateCount != nil { set.append(.n) }
        if parallelToolCalls != nil { set.append(.parallelToolCalls) }
        if user != nil { set.append(.user) }
        return set
    }
}

/// The shape of a model's output.
public enum ResponseFormat: Sendable, Hashable {
    /// Free text.
    case text
    /// Any valid JSON object.
    case jsonObject
    /// JSON that satisfies `schema`.
    case jsonSchema(name: String, schema: JSONValue, strict: Bool = true)
}

/// How hard a reasoning model thinks before answering.
public enum ReasoningEffort: String, Sendable, Hashable, CaseIterable {
    /// No reasoning, where the model allows it.
    case none
    /// The least reasoning that still reasons.
    case minimal
    /// Little reasoning: faster and cheaper.
    case low
    /// The usual balance.
    case medium
    /// Much reasoning: slower, more thorough.
    case high
    /// More than high, on the models that offer it.
    case xhigh
}
