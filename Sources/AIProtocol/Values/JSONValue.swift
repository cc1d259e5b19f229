/// A JSON value: tool arguments and schemas, provider-specific usage objects, raw fields.
///
/// Objects keep the order their members were given in; decoded objects have their keys sorted,
/// because decoders do not report the order of the text.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// A key and value of an object.
    public struct Member: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: JSONValue

        /// Creates a member.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public init(from decoder: any Decoder) throws {
        // The `Decoder` API cannot say what a value is, only fail to read it as something else,
        // and each failure builds an error: the likeliest kinds go first. Values read as JSON are
        // mostly objects (usage, errors) and arrays (tool calls, parts) of strings and integers.
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            // Decoders do not report the order of keys (Foundation's changes from run to run);
            // sorting makes the value, and the JSON text written from it, the same every time.
            let keys = object.allKeys.sorted { $0.stringValue < $1.stringValue }
            self = .object(try keys.map { Member($0.stringValue, try object.decode(JSONValue.self, forKey: $0)) })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else {
            self = .bool(try single.decode(Bool.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .integer(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .number(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .string(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .array(let items):
            var array = encoder.unkeyedContainer()
            for item in items { try array.encode(item) }
        case .object(let members):
            var object = encoder.container(keyedBy: AnyKey.self)
            for member in members { try object.encode(member.value, forKey: AnyKey(member.key)) }
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string, .array, .object: JSONText.serialize(self)
        }
    }
}

// MARK: - Reading values

extension JSONValue {
    /// The value of the first member named `key`, `null` included, if this is an object. Paths
    /// use `member(_:)`, which treats `null` as absent.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The member `key` of an object, `nil` when absent or `null` (paths treat null as absent).
    public func member(_ key: String) -> JSONValue? {
        guard let value = self[key], value != .null else { return nil }
        return value
    }

    /// The member named exactly `key`, `nil` when absent or `null`: what compiled manifest
    /// paths call, per frame. Names are compared by their UTF-8 bytes, as JSON compares member
    /// names (by code points), not by `String`'s canonical equivalence, which costs more per
    /// comparison and for a manifest's names differs only for spellings such as the Kelvin
    /// sign for `K`.
    @inlinable
    public func member(named key: StaticString) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where ExpressionSupport.isText(member.key, key) {
            return member.value == .null ? nil : member.value
        }
        return nil
    }

    /// The element at `index` of an array, `nil` when out of range or `null`.
    public func element(at index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index), items[index] != .null else { return nil }
        return items[index]
    }

    /// The elements, if this is an array.
    public var elements: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members, if this is an object.
    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The string, when this is a non-empty string.
    public var nonEmptyString: String? {
        if case .string(let value) = self, !value.isEmpty { return value }
        return nil
    }

    /// The value as text: a string as is, a number or boolean written out; `nil` otherwise.
    public var textValue: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    /// The value as a number, if it is one.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The number as an integer, if this is an integral number.
    public var intValue: Int? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e15: Int(value)
        default: nil
        }
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// A JSON object from `pairs`, keeping their order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }
}

/// A coding key for any string: the keys of JSON objects whose keys are data.
public struct AnyKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    /// Creates a key.
    public init(_ key: String) { stringValue = key }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { stringValue = String(intValue) }
}

extension JSONValue {
    /// This value with `other` laid over it: members of two objects merge, member by member and
    /// recursively; a `null` member of `other` removes the member; any other value of `other`
    /// replaces this one. How `ClientConfiguration.extraBody` joins a request body.
    public func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let extra) = other else { return other }
        for member in extra {
            let index = members.firstIndex { $0.key == member.key }
            switch (index, member.value) {
            case (let index?, .null): members.remove(at: index)
            case (let index?, let value): members[index].value = members[index].value.merging(value)
            case (nil, .null): break
            case (nil, let value): members.append(JSONValue.Member(member.key, value))
            }
        }
        return .object(members)
    }
}
