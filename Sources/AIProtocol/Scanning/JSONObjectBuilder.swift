/// The members of an object read whole, gathered as `JSONValue(from:)` gives them: the first
/// occurrence of a key counts, and the members are sorted by key (decoders do not say the order).
struct JSONObjectBuilder {
    private(set) var members: [JSONValue.Member] = []
    /// The keys so far, once there are many: objects read whole are small, and searching a few
    /// members costs less than building a set.
    private var keys: Set<String>?
    /// Whether every key and value so far can be a `JSONValue`.
    private var representable = true

    /// Reads the member whose key the scanner has just read, its value next.
    mutating func add(_ key: JSONKey, reading scanner: inout JSONScanner) throws(JSONScanError) {
        let name = key.hasEscapes ? key.string : scanner.plainString(key.raw)
        add(name, try scanner.jsonElement())
    }

    /// Adds a member; `nil` for a key or a value that cannot be a `JSONValue`, which makes the
    /// whole object unrepresentable unless the key was given before.
    mutating func add(_ name: String?, _ value: JSONValue?) {
        guard let name else {
            representable = false
            return
        }
        if keys == nil, members.count >= 16 { keys = Set(members.map(\.key)) }
        if keys != nil {
            guard keys!.insert(name).inserted else { return }
        } else if members.contains(where: { $0.key == name }) {
            return
        }
        guard let value else {
            representable = false
            return
        }
        // Room for a usage object's few counts at once, instead of growing one by one.
        if members.isEmpty { members.reserveCapacity(4) }
        members.append(JSONValue.Member(name, value))
    }

    /// The object; `nil` when a key or a value cannot be represented.
    consuming func finish() -> JSONValue? {
        guard representable else { return nil }
        if members.count > 1 { members.sort { $0.key < $1.key } }
        return .object(members)
    }
}
