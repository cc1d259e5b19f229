/// An array that keeps its first element inline, for the arrays of generated frame and body
/// types: a stream frame has one candidate (one choice, one content block) almost always, and
/// reading it then allocates nothing. Further elements go to an ordinary array.
///
/// It decodes as `[Element]` decodes (one element that fails fails the whole array), and it is
/// a random-access collection, so that generated code indexes, counts and iterates it as an
/// array.
public struct CompactArray<Element> {
    @usableFromInline var head: Element?
    @usableFromInline var tail: [Element] = []

    /// An empty array.
    @inlinable
    public init() {}

    /// The elements of `elements`, in order.
    @inlinable
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    /// Adds `element` at the end.
    @inlinable
    public mutating func append(_ element: Element) {
        if head == nil, tail.isEmpty {
            head = element
        } else {
            tail.append(element)
        }
    }

    /// The element at `index`, `nil` when out of range (as `Array.element(at:)`).
    @inlinable
    public func element(at index: Int) -> Element? {
        index == 0 ? head : index > 0 && index <= tail.count ? tail[index - 1] : nil
    }
}

extension CompactArray: RandomAccessCollection {
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { head == nil ? 0 : 1 + tail.count }

    @inlinable
    public subscript(position: Int) -> Element {
        position == 0 ? head! : tail[position - 1]
    }
}

extension CompactArray: ExpressibleByArrayLiteral {
    /// The literal's elements, in order.
    @inlinable
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension CompactArray: Sendable where Element: Sendable {}

extension CompactArray: Equatable where Element: Equatable {
    public static func == (left: Self, right: Self) -> Bool { left.elementsEqual(right) }
}

extension CompactArray: Decodable where Element: Decodable {
    /// Decodes an array of `Element`s: exactly what `[Element]` accepts.
    public init(from decoder: any Decoder) throws {
        self.init(try [Element](from: decoder))
    }
}

extension CompactArray: JSONScannable where Element: JSONScannable {
    /// Reads an array whose elements are all `Element`s.
    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
        let start = scanner.position
        guard
            let elements = try scanner.compactArray({ scanner throws(JSONScanError) in try Element(scanning: &scanner) }
            )
        else { throw JSONScanError(reason: "expected an array", offset: start) }
        self = elements
    }
}
