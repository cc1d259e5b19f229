#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Tool {
    /// A tool whose arguments are the `Decodable` type `Arguments`: the JSON Schema is derived
    /// from what decoding the type asks for. Properties decoded with `decode` are required,
    /// those decoded with `decodeIfPresent` (optionals) are not.
    ///
    /// ```swift
    /// struct Weather: Codable { var city: String; var unit: String? }
    /// let tool = try Tool(name: "get_weather", description: "Current weather", arguments: Weather.self)
    /// // parameters: {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}
    /// ```
    public init<Arguments: Decodable>(name: String, description: String, arguments: Arguments.Type) throws {
        let recorder = SchemaRecorder()
        _ = try Arguments(from: recorder)
        self.init(name: name, description: description, parameters: recorder.schema.json)
    }
}

extension ToolCall {
    /// The arguments decoded as the caller's type.
    public func decodeArguments<Arguments: Decodable>(as type: Arguments.Type = Arguments.self) throws -> Arguments {
        try JSONDecoder().decode(Arguments.self, from: Data((arguments.isEmpty ? "{}" : arguments).utf8))
    }
}

/// What a type's decoding asked for, as a JSON Schema.
final class SchemaNode {
    enum Kind {
        case unknown, string, integer, number, boolean
        case object
        case array(SchemaNode)
    }

    var kind: Kind = .unknown
    var properties: [(key: String, node: SchemaNode, required: Bool)] = []

    var json: JSONValue {
        switch kind {
        case .unknown: return .object([])
        case .string: return .object([.init("type", .string("string"))])
        case .integer: return .object([.init("type", .string("integer"))])
        case .number: return .object([.init("type", .string("number"))])
        case .boolean: return .object([.init("type", .string("boolean"))])
        case .array(let items): return .object([.init("type", .string("array")), .init("items", items.json)])
        case .object:
            var members: [JSONValue.Member] = [
                .init("type", .string("object")),
                .init("properties", .object(properties.map { .init($0.key, $0.node.json) })),
            ]
            let required = properties.filter(\.required).map { JSONValue.string($0.key) }
            if !required.isEmpty { members.append(.init("required", .array(required))) }
            members.append(.init("additionalProperties", .bool(false)))
            return .object(members)
        }
    }

    func child(_ key: String, required: Bool) -> SchemaNode {
        kind = .object
        if let existing = properties.first(where: { $0.key == key }) { return existing.node }
        let node = SchemaNode()
        properties.append((key, node, required))
        return node
    }
}

/// A decoder that answers every request with a placeholder and records what was requested.
struct SchemaRecorder: Decoder {
    let schema: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(schema: SchemaNode = SchemaNode()) {
        self.schema = schema
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        schema.kind = .object
        return KeyedDecodingContainer(KeyedRecorder<Key>(schema: schema))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let items = SchemaNode()
        schema.kind = .array(items)
        return UnkeyedRecorder(items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueRecorder(schema: schema)
    }
}

private func placeholder<T: Decodable>(_ type: T.Type, recording node: SchemaNode) throws -> T {
    switch type {
    case is String.Type:
        node.kind = .string
        return "" as! T
    case is Bool.Type:
        node.kind = .boolean
        return false as! T
    case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type, is UInt.Type, is UInt8.Type,
        is UInt16.Type, is UInt32.Type, is UInt64.Type:
        node.kind = .integer
        return try T(from: NumberDecoder())
    case is Double.Type, is Float.Type:
        node.kind = .number
        return try T(from: NumberDecoder())
    default:
        return try T(from: SchemaRecorder(schema: node))
    }
}

/// Decodes a zero for any number type.
private struct NumberDecoder: Decoder, SingleValueDecodingContainer {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "a number"))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Int].self, .init(codingPath: [], debugDescription: "a number"))
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let zero = (0 as Int) as? T { return zero }
        if let zero = (0 as Double) as? T { return zero }
        if let zero = (0 as Float) as? T { return zero }
        if let zero = (0 as Int64) as? T { return zero }
        if let zero = (0 as Int32) as? T { return zero }
        if let zero = (0 as UInt) as? T { return zero }
        return try T(from: self)
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let schema: SchemaNode
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try placeholder(type, recording: schema.child(key.stringValue, required: true))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try optional(type, key)
    }

    // Synthesized conformances call these overloads for optional primitives; their default
    // implementations would go through `decode` and record the property as required.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try optional(type, key)
    }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try optional(type, key)
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        try placeholder(type, recording: schema.child(key.stringValue, required: false))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try SchemaRecorder(schema: schema.child(key.stringValue, required: true)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try SchemaRecorder(schema: schema.child(key.stringValue, required: true)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { SchemaRecorder(schema: schema) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        SchemaRecorder(schema: schema.child(key.stringValue, required: true))
    }
}

/// Reports one element, so the element type is recorded, then the end.
private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let items: SchemaNode
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try placeholder(type, recording: items)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        return try SchemaRecorder(schema: items).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try SchemaRecorder(schema: items).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { SchemaRecorder(schema: items) }
}

private struct SingleValueRecorder: SingleValueDecodingContainer {
    let schema: SchemaNode
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try placeholder(type, recording: schema) }
}
