/// Settings of a validator.
public struct ValidationOptions: Sendable, Equatable {
    /// Whether `format` is an assertion (invalid values are errors) instead of an annotation.
    /// Default `false`, as draft 2020-12 specifies.
    public var assertFormats: Bool
    /// Whether a property rejected by `additionalProperties: false` or
    /// `unevaluatedProperties: false` is a warning that leaves the instance valid, instead of an
    /// error. Default `false`.
    public var lenientUnknownProperties: Bool
    /// How deeply schemas may apply to one another (through `$ref` and applicators) before
    /// validation stops with an error; guards against schemas that recurse without consuming the
    /// instance. Default 512.
    public var maxEvaluationDepth: Int

    /// Creates options.
    public init(
        assertFormats: Bool = false, lenientUnknownProperties: Bool = false,
        maxEvaluationDepth: Int = 512
    ) {
        self.assertFormats = assertFormats
        self.lenientUnknownProperties = lenientUnknownProperties
        self.maxEvaluationDepth = maxEvaluationDepth
    }
}
