/// Reads a value that a generated struct keeps in two parts: the members the manifest's rules
/// read by name, as properties, and everything else as the value's remainder. A rule that reads
/// the value whole gets it back as it was (`JSONValue.addingMembers(_:)`); the rules that read
/// only its members cost no `JSONValue` object, nor the member list it would allocate.
///
/// A generated scanner opens the value, reads the members it keeps with `member(_:_:)` and the
/// others with `other(_:_:)` while `isObject`, and takes the remainder from `finish()`. The
/// result is what `JSONScanner.jsonElement()` (or `json()`) would read, split.
public struct SplitValueScan {
    /// Whether the value is an object, open, its members to be read.
    public let isObject: Bool
    /// The members other than those kept, and those kept that are `null`.
    private var others = JSONObjectBuilder()
    /// The value when it is not an object.
    private var nonObject: JSONValue?

    /// Starts reading the next value: opens it when it is an object, or reads it whole.
    ///
    /// - Parameters:
    ///   - scanner: The scanner, at the value.
    ///   - asElement: Whether the value is an array's element, where `null` is a value; a
    ///     member that is `null` is absent.
    public init(_ scanner: inout JSONScanner, asElement: Bool) throws(JSONScanError) {
        isObject = scanner.peek() == JSONByte.openBrace
        if isObject {
            try scanner.open()
        } else {
            nonObject = asElement ? try scanner.jsonElement() : try scanner.json()
        }
    }

    /// Reads the value of the member named `name`, which the struct keeps: `nil` when it is
    /// `null` (kept in the remainder, so that the whole value has it) or cannot be read.
    ///
    /// A string is read as new (`JSONScanner.freshString()`): the members that rules read of a
    /// value they also read whole are a content part's text, an error's message, new in every
    /// frame, which looking among the recent strings would only push those out for.
    public mutating func member(_ name: StaticString, _ scanner: inout JSONScanner) throws(JSONScanError)
        -> JSONValue?
    {
        let value =
            scanner.peek() == JSONByte.quote
            ? try scanner.freshString().map(JSONValue.string) : try scanner.jsonElement()
        switch value {
        case .null?, nil:
            others.add(name.description, value)
            return nil
        case let value?:
            return value
        }
    }

    /// Reads a member the struct does not keep into the remainder.
    public mutating func other(_ key: JSONKey, _ scanner: inout JSONScanner) throws(JSONScanError) {
        try others.add(key, reading: &scanner)
    }

    /// The remainder: an object of the other members, or the value when it is not an object;
    /// `nil` when the value cannot be a `JSONValue` (or, not as an element, is `null`).
    public consuming func finish() -> JSONValue? {
        isObject ? others.finish() : nonObject
    }
}

extension JSONValue {
    /// Removes the first member named exactly `name` (compared byte by byte, as the scanners
    /// compare keys), unless it is `null`, and returns its value: how generated structs split
    /// a value they read whole (see `SplitValueScan`).
    public mutating func removeMember(named name: StaticString) -> JSONValue? {
        guard case .object(var members) = self,
            let index = members.firstIndex(where: { ExpressionSupport.isText($0.key, name) }),
            members[index].value != .null
        else { return nil }
        let value = members.remove(at: index).value
        self = .object(members)
        return value
    }

    /// This object with the present ones of `members` added and every member sorted by key, as
    /// `JSONValue(from:)` sorts them; this value itself when it is not an object. It puts back
    /// together a value that a generated struct split (see `SplitValueScan`).
    public func addingMembers(_ members: [(name: String, value: JSONValue?)]) -> JSONValue {
        guard case .object(var all) = self else { return self }
        for (name, value) in members {
            if let value { all.append(Member(name, value)) }
        }
        all.sort { $0.key < $1.key }
        return .object(all)
    }
}
