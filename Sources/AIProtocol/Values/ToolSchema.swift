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
    /// // parameters: {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},
    /// //              "required":["city"],"additionalProperties":false}
    /// ```
    ///
    /// A `URL` is a string of format `uri`, a `CaseIterable` enumeration with `String` or `Int`
    /// raw values lists them in `enum`. A recursive type has no finite schema: it throws.
    /// Dictionaries are not described (they come out as objects without properties), and a
    /// `Date` is whatever its decoding asks for (a number by default).
    public init<Arguments: Decodable>(name: String, description: String, arguments: Arguments.Type) throws {
        self.init(
            name: name, description: description, parameters: try SchemaNode(of: Arguments.self).json(strict: false))
    }
}

extension ResponseFormat {
    /// JSON that satisfies the schema of the `Decodable` type `Value`, derived as a tool's
    /// arguments are (see `Tool.init(name:description:arguments:)`). `strict` (the default)
    /// writes it as strict structured outputs need it: every property required, and an
    /// optional one nullable. The name is the type's, unless given.
    public static func jsonSchema<Value: Decodable>(
        for type: Value.Type, name: String? = nil, strict: Bool = true
    ) throws -> ResponseFormat {
        .jsonSchema(
            name: name ?? SchemaNode.name(of: Value.self), schema: try SchemaNode(of: Value.self).json(strict: strict),
            strict: strict)
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
    /// The values allowed, for an enumeration (`CaseIterable` with raw values).
    var allowed: [JSONValue]?
    /// The string format (`uri` for `URL`).
    var format: String?
    /// How deep in the type it is; a recursive type would nest without end.
    let depth: Int

    /// The deepest a derived schema goes; a type that nests deeper is taken to be recursive.
    static let maximumDepth = 32

    /// The schema; `strict` writes it as strict structured outputs need it (OpenAI's `strict:
    /// true`): every property is required, and an optional one accepts `null` instead.
    func json(strict: Bool) -> JSONValue {
        switch kind {
        case .unknown: return .object([])
        case .string: return typed("string")
        case .integer: return typed("integer")
        case .number: return typed("number")
        case .boolean: return typed("boolean")
        case .array(let items):
            return .object([.init("type", .string("array")), .init("items", items.json(strict: strict))])
        case .object:
            let members = properties.map { property -> JSONValue.Member in
                let schema = property.node.json(strict: strict)
                return .init(property.key, strict && !property.required ? Self.nullable(schema) : schema)
            }
            var object: [JSONValue.Member] = [
                .init("type", .string("object")), .init("properties", .object(members)),
            ]
            let required = properties.filter { strict || $0.required }.map { JSONValue.string($0.key) }
            if !required.isEmpty { object.append(.init("required", .array(required))) }
            object.append(.init("additionalProperties", .bool(false)))
            return .object(object)
        }
    }

    /// `{type}`, with the format and allowed values recorded for this node.
    private func typed(_ name: String) -> JSONValue {
        var members: [JSONValue.Member] = [.init("type", .string(name))]
        if let format { members.append(.init("format", .string(format))) }
        if let allowed { members.append(.init("enum", .array(allowed))) }
        return .object(members)
    }

    /// `schema`, or else `null`.
    private static func nullable(_ schema: JSONValue) -> JSONValue {
        .object([.init("anyOf", .array([schema, .object([.init("type", .string("null"))])]))])
    }

    init(depth: Int = 0) {
        self.depth = depth
    }

    /// The schema of what decoding `Value` asks for.
    convenience init<Value: Decodable>(of type: Value.Type) throws {
        self.init()
        _ = try Value(from: SchemaRecorder(schema: self))
    }

    /// A schema name that providers accept (`[A-Za-z0-9_-]{1,64}`): the type's name.
    static func name<Value>(of type: Value.Type) -> String {
        let name = String(describing: type).map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "_" }
        return String(name.prefix(64))
    }

    func child(_ key: String, required: Bool) -> SchemaNode {
        kind = .object
        if let existing = properties.first(where: { $0.key == key }) { return existing.node }
        let node = SchemaNode(depth: depth + 1)
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
        let items = SchemaNode(depth: schema.depth + 1)
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
    case is URL.Type:
        // URL's own decoding asks for an optional base URL, which a recorder would follow forever.
        node.kind = .string
        node.format = "uri"
        return URL(string: "https://example.com")! as! T
    default:
        if let value = enumerationPlaceholder(type, recording: node) { return value }
        guard node.depth < SchemaNode.maximumDepth else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription:
                        "\(T.self) nests more than \(SchemaNode.maximumDepth) levels deep (a recursive type has no finite schema)"
                ))
        }
        return try T(from: SchemaRecorder(schema: node))
    }
}

/// The first case of a `CaseIterable` type with `String` or `Int` raw values, recording its
/// raw values as the allowed ones; `nil` for any other type.
private func enumerationPlaceholder<T>(_ type: T.Type, recording node: SchemaNode) -> T? {
    guard let iterable = type as? any CaseIterable.Type else { return nil }
    let cases = allCases(of: iterable)
    let raws = cases.compactMap { ($0 as? any RawRepresentable)?.rawValue }
    guard let first = cases.first as? T, raws.count == cases.count else { return nil }
    if let strings = raws as? [String] {
        node.kind = .string
        node.allowed = strings.map(JSONValue.string)
    } else if let integers = raws as? [Int] {
        node.kind = .integer
        node.allowed = integers.map(JSONValue.integer)
    } else {
        return nil
    }
    return first
}

private func allCases<C: CaseIterable>(of type: C.Type) -> [Any] { type.allCases.map { $0 } }

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
