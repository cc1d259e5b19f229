/// A position in a source text.
///
/// `line` and `column` are 1-based and count Unicode scalars, which is what a person sees in an
/// editor; `offset` is the 0-based byte offset into the UTF-8 text, which is what tools slice by.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int
    /// The 0-based byte offset into the UTF-8 source.
    public var offset: Int

    /// Creates a location.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text, `start..<end`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The first position of the range.
    public var start: SourceLocation
    /// The position just past the end of the range.
    public var end: SourceLocation

    /// Creates a range.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at the start of a document, for values with no source of their own.
    public static let zero = SourceRange(
        start: SourceLocation(line: 1, column: 1, offset: 0),
        end: SourceLocation(line: 1, column: 1, offset: 0))

    public var description: String { "\(start)-\(end)" }
}
