/// What a call took and cost: `ChatResponse.statistics`.
public struct CallStatistics: Sendable, Hashable {
    /// The provider that answered (`openai`).
    public var provider: String
    /// The model asked for.
    public var model: String
    /// From the call to its whole response, retries and waits included.
    public var latency: Duration
    /// From the call to the first piece of text or reasoning of a stream; `nil` for a whole
    /// response, or a stream that had none.
    public var timeToFirstToken: Duration?
    /// Attempts made, 1 when the first succeeded.
    public var attempts: Int
    /// The provider's token counts, when it reported them.
    public var usage: Usage?
    /// The price of the tokens, by the model registry; `nil` where the registry has no price
    /// for a kind of token the call used (never a guess) or the provider reported no usage.
    public var cost: Cost?

    /// Creates statistics.
    public init(
        provider: String, model: String, latency: Duration, timeToFirstToken: Duration? = nil, attempts: Int,
        usage: Usage? = nil, cost: Cost? = nil
    ) {
        self.provider = provider
        self.model = model
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.attempts = attempts
        self.usage = usage
        self.cost = cost
    }
}

/// An amount of money.
public struct Cost: Sendable, Hashable, CustomStringConvertible {
    /// How much, in `currency`.
    public var amount: Double
    /// `USD` unless the registry says otherwise.
    public var currency: String

    /// Creates an amount.
    public init(amount: Double, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    public var description: String { "\(amount) \(currency)" }
}

extension ModelInfo {
    /// The price of `usage` at this model's prices per million tokens: input tokens not read
    /// from a cache, cached input tokens (part of the prompt tokens, as providers count them)
    /// and output tokens. `nil` when a kind of token was used whose price the registry lacks.
    public func cost(of usage: Usage) -> Cost? {
        let prompt = usage.promptTokens ?? 0
        let cached = min(usage.cachedTokens ?? 0, prompt)
        let output = usage.completionTokens ?? 0
        var total = 0.0
        for (tokens, price) in [
            (prompt - cached, inputPricePerMillion), (cached, cachedInputPricePerMillion),
            (output, outputPricePerMillion),
        ] where tokens > 0 {
            guard let price else { return nil }
            total += Double(tokens) * price / 1_000_000
        }
        return Cost(amount: total, currency: currency)
    }
}
