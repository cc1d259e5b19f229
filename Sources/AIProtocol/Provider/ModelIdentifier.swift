/// A model of one provider: an id from the model registry (with its facts) or any other id.
///
/// Generated code declares one static member per registry model (`OpenAI.Model.gpt4o`); a model
/// the registry does not know yet is `OpenAI.Model("new-model-id")`.
public protocol ModelIdentifier: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The id as the provider's API expects it.
    var id: String { get }
    /// Creates an identifier for any id.
    init(_ id: String)
    /// The registry's facts about the model, `nil` for a model it does not know.
    var info: ModelInfo? { get }
}

extension ModelIdentifier {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// What the model registry says about a model.
public struct ModelInfo: Sendable, Hashable {
    /// The model's name for people.
    public var displayName: String?
    /// How many tokens of input and output fit in one call.
    public var contextWindow: Int?
    /// The most tokens one call can generate.
    public var maxOutputTokens: Int?
    /// What the model can do.
    public var capabilities: Set<Capability>
    /// US dollars (or `currency`) per million input tokens.
    public var inputPricePerMillion: Double?
    /// Per million output tokens.
    public var outputPricePerMillion: Double?
    /// Per million cached input tokens.
    public var cachedInputPricePerMillion: Double?
    /// The currency of the prices.
    public var currency: String
    /// Where the model is in its lifecycle, when the registry says.
    public var status: ModelStatus?

    /// Creates model facts.
    public init(
        displayName: String? = nil, contextWindow: Int? = nil, maxOutputTokens: Int? = nil,
        capabilities: Set<Capability> = [], inputPricePerMillion: Double? = nil, outputPricePerMillion: Double? = nil,
        cachedInputPricePerMillion: Double? = nil, currency: String = "USD", status: ModelStatus? = nil
    ) {
        self.displayName = displayName
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
        self.capabilities = capabilities
        self.inputPricePerMillion = inputPricePerMillion
        self.outputPricePerMillion = outputPricePerMillion
        self.cachedInputPricePerMillion = cachedInputPricePerMillion
        self.currency = currency
        self.status = status
    }
}
