#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A type that a compiled scanner reads from JSON in one pass: the generated frame and body
/// types, and the root shapes a frame may have (any JSON value, an array).
///
/// As a root, a value that cannot be the type is an error, as `JSONDecoder` fails to decode it;
/// inside a generated type, members use the scanner's lenient reads instead.
public protocol JSONScannable {
    /// Reads the next value.
    init(scanning scanner: inout JSONScanner) throws(JSONScanError)
}

extension JSONScannable where Self: Decodable {
    /// Reads the next value with `JSONDecoder`: what a hand-written `Decodable` type gets by
    /// declaring `JSONScannable`, where no compiled scanner exists.
    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
        let start = scanner.position
        try scanner.skipValue()
        let value = UnsafeRawBufferPointer(rebasing: scanner.bytes[start..<scanner.position])
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(value))
        } catch {
            throw JSONScanError(reason: "not a \(Self.self): \(error)", offset: start)
        }
    }
}

extension JSONValue: JSONScannable {
    /// Reads any value; `null` is `.null`.
    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
        let start = scanner.position
        guard let value = try scanner.jsonElement() else {
            throw JSONScanError(reason: "a value that is not representable as JSON here", offset: start)
        }
        self = value
    }
}

extension Array: JSONScannable where Element: JSONScannable {
    /// Reads an array whose elements are all `Element`s.
    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
        let start = scanner.position
        guard try scanner.beginArray() else { throw JSONScanError(reason: "expected an array", offset: start) }
        var items: [Element] = []
        while try scanner.nextElement() { items.append(try Element(scanning: &scanner)) }
        self = items
    }
}

extension JSONScanner {
    /// Consumes `null` if it is the next value and returns `true`; otherwise consumes nothing.
    @inlinable
    public mutating func null() throws(JSONScanError) -> Bool {
        guard peek() == JSONByte.letterN else { return false }
        _ = try scanLiteral()
        return true
    }
}
