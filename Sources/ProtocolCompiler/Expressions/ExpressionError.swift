/// A syntax error in an expression or path, located inside the expression's text.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The 0-based offset, in Unicode scalars, of the problem inside the expression text.
    public var offset: Int
    /// How many scalars the problem spans (at least 1).
    public var length: Int

    /// Creates an error.
    public init(message: String, offset: Int, length: Int = 1) {
        self.message = message
        self.offset = offset
        self.length = max(length, 1)
    }

    public var description: String { "column \(offset + 1): \(message)" }
}
