/// A request for embedding vectors of texts.
public struct EmbeddingsRequest: Sendable, Hashable {
    /// The model id.
    public var model: String
    /// The texts to embed, in order.
    public var inputs: [String]
    /// The vector length, for models that can shorten their output.
    public var dimensions: Int?

    /// Creates a request.
    public init(model: String, inputs: [String], dimensions: Int? = nil) {
        self.model = model
        self.inputs = inputs
        self.dimensions = dimensions
    }
}

/// The vectors of an embeddings request, one per input, in order.
public struct EmbeddingsResponse: Sendable, Hashable {
    /// The vectors.
    public var vectors: [[Double]]
    /// Token counts, when the provider reports them.
    public var usage: Usage?

    /// Creates a response.
    public init(vectors: [[Double]], usage: Usage? = nil) {
        self.vectors = vectors
        self.usage = usage
    }
}

extension ExpressionSupport {
    /// Vectors from what an `embeddings` path selects: one vector per selected value
    /// (`$.data[*].embedding`), or, for one selected value, the arrays it holds
    /// (`$.embeddings`) or itself as the only vector (`$.embedding.values`).
    public static func vectors(_ values: [JSONValue], selectsMany: Bool) -> [[Double]] {
        func vector(_ value: JSONValue) -> [Double]? {
            guard let items = value.elements else { return nil }
            let numbers = items.compactMap(\.numberValue)
            return numbers.count == items.count ? numbers : nil
        }
        if selectsMany { return values.compactMap(vector) }
        guard let value = values.first else { return [] }
        if let single = vector(value), !single.isEmpty { return [single] }
        return (value.elements ?? []).compactMap(vector)
    }
}
