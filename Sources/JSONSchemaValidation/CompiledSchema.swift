/// The index of a compiled schema in its program.
typealias SchemaID = Int

/// The JSON types a `type` keyword allows.
struct JSONTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let integer = JSONTypeSet(rawValue: 1 << 2)
    static let number = JSONTypeSet(rawValue: 1 << 3)
    static let string = JSONTypeSet(rawValue: 1 << 4)
    static let array = JSONTypeSet(rawValue: 1 << 5)
    static let object = JSONTypeSet(rawValue: 1 << 6)

    /// The type with this name, if it is one of JSON Schema's seven.
    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Whether an instance of this kind has one of the types (an integer is also a number).
    func allows(_ kind: InstanceKind) -> Bool {
        switch kind {
        case .null: return contains(.null)
        case .boolean: return contains(.boolean)
        case .integer: return contains(.integer) || contains(.number)
        case .number: return contains(.number)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}

/// A property's subschema in `properties`.
struct PropertySchema: Sendable {
    var name: String
    /// The keyword-location segment, `properties/<escaped name>`.
    var token: String
    var schema: SchemaID
}

/// A pattern's subschema in `patternProperties`.
struct PatternSchema: Sendable {
    var pattern: CompiledPattern
    var token: String
    var schema: SchemaID
}

/// A subschema keyed by property name (`dependentSchemas`).
struct NamedSchema: Sendable {
    var name: String
    var token: String
    var schema: SchemaID
}

/// One entry of `dependentRequired`.
struct DependentRequirement: Sendable {
    var name: String
    var required: [String]
}

/// A compiled `$dynamicRef`: its statically resolved target, and the anchor name to look up in
/// the dynamic scope when that target has a matching `$dynamicAnchor`.
struct DynamicReference: Sendable {
    var target: SchemaID
    var anchor: String?
}

/// What a schema object asserts and applies, compiled.
struct CompiledKeywords: Sendable {
    var ref: SchemaID?
    var dynamicRef: DynamicReference?

    var types: JSONTypeSet?
    var typeNames: [String] = []
    var enumValues: [JSONValue]?
    var constValue: JSONValue?

    var multipleOf: DecimalDivisor?
    var minimum: NumericValue?
    var maximum: NumericValue?
    var exclusiveMinimum: NumericValue?
    var exclusiveMaximum: NumericValue?

    var minLength: Int?
    var maxLength: Int?
    var pattern: CompiledPattern?
    var format: String?

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var prefixItems: [SchemaID] = []
    var items: SchemaID?
    var contains: SchemaID?
    var minContains: Int?
    var maxContains: Int?
    var unevaluatedItems: SchemaID?

    var minProperties: Int?
    var maxProperties: Int?
    var required: [String] = []
    var dependentRequired: [DependentRequirement] = []
    var properties: [PropertySchema] = []
    var propertyIndex: [String: Int] = [:]
    var patternProperties: [PatternSchema] = []
    var additionalProperties: SchemaID?
    var propertyNames: SchemaID?
    var dependentSchemas: [NamedSchema] = []
    var unevaluatedProperties: SchemaID?

    var allOf: [SchemaID] = []
    var anyOf: [SchemaID] = []
    var oneOf: [SchemaID] = []
    var not: SchemaID?
    var ifSchema: SchemaID?
    var thenSchema: SchemaID?
    var elseSchema: SchemaID?

    /// The index in `properties` of the subschema for property `name`.
    func propertyPosition(of name: String) -> Int? {
        if properties.count <= 8 {
            return properties.firstIndex { $0.name == name }
        }
        return propertyIndex[name]
    }

    /// Whether any keyword applies to numbers, strings, arrays or objects.
    var hasNumberKeywords = false
    var hasStringKeywords = false
    var hasArrayKeywords = false
    var hasObjectKeywords = false
    var hasInPlaceApplicators = false
}

/// A compiled schema: a boolean schema or a schema object's keywords, with where it came from.
final class CompiledSchema: Sendable {
    /// `true` or `false` for boolean schemas, `nil` for schema objects.
    let always: Bool?
    let keywords: CompiledKeywords
    /// The schema resource it belongs to (an index into the program's resource tables).
    let resource: Int
    /// `resourceURI#pointer`.
    let absoluteLocation: String

    init(always: Bool?, keywords: CompiledKeywords, resource: Int, absoluteLocation: String) {
        self.always = always
        self.keywords = keywords
        self.resource = resource
        self.absoluteLocation = absoluteLocation
    }
}

/// What a branch of `anyOf`/`oneOf` expects, to choose the closest branch when none matches.
struct BranchHint: Sendable {
    /// The types the branch allows, if it restricts them.
    var types: JSONTypeSet?
    var typeNames: [String] = []
    /// Properties with `const` or `enum` values that tell the branches apart.
    var discriminators: [(name: String, allowed: [JSONValue])] = []
}

/// A compiled schema and everything it refers to.
final class SchemaProgram: Sendable {
    let nodes: [CompiledSchema]
    let root: SchemaID
    /// For each resource, its `$dynamicAnchor`s.
    let dynamicAnchors: [[String: SchemaID]]
    let hints: [BranchHint]

    init(nodes: [CompiledSchema], root: SchemaID, dynamicAnchors: [[String: SchemaID]]) {
        self.nodes = nodes
        self.root = root
        self.dynamicAnchors = dynamicAnchors
        self.hints = nodes.indices.map { SchemaProgram.hint(for: $0, in: nodes) }
    }

    /// The types and discriminating properties of a schema, looking through `$ref` and `allOf`.
    private static func hint(for id: SchemaID, in nodes: [CompiledSchema]) -> BranchHint {
        var hint = BranchHint()
        var visited: Set<SchemaID> = []
        collect(id, nodes: nodes, into: &hint, visited: &visited, depth: 0)
        return hint
    }

    private static func collect(
        _ id: SchemaID, nodes: [CompiledSchema], into hint: inout BranchHint,
        visited: inout Set<SchemaID>, depth: Int
    ) {
        guard depth < 6, visited.insert(id).inserted else { return }
        let keywords = nodes[id].keywords
        if let types = keywords.types {
            if let existing = hint.types {
                hint.types = existing.intersection(types)
                hint.typeNames = hint.typeNames.filter {
                    JSONTypeSet(name: $0).map(types.contains) ?? false
                }
            } else {
                hint.types = types
                hint.typeNames = keywords.typeNames
            }
        }
        for property in keywords.properties {
            let value = nodes[property.schema].keywords
            if let constant = value.constValue {
                hint.discriminators.append((property.name, [constant]))
            } else if let values = value.enumValues {
                hint.discriminators.append((property.name, values))
            }
        }
        if let ref = keywords.ref {
            collect(ref, nodes: nodes, into: &hint, visited: &visited, depth: depth + 1)
        }
        for sub in keywords.allOf {
            collect(sub, nodes: nodes, into: &hint, visited: &visited, depth: depth + 1)
        }
    }

    /// The property names a schema declares at its level, looking through in-place applicators;
    /// for suggestions in unknown-property errors.
    func declaredProperties(of keywords: CompiledKeywords, throughApplicators: Bool) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        var visited: Set<SchemaID> = []
        func visit(_ keywords: CompiledKeywords, depth: Int) {
            for property in keywords.properties where seen.insert(property.name).inserted {
                names.append(property.name)
            }
            guard throughApplicators else { return }
            var children = keywords.allOf + keywords.anyOf + keywords.oneOf
            children += [
                keywords.ref, keywords.dynamicRef?.target, keywords.ifSchema, keywords.thenSchema,
                keywords.elseSchema,
            ]
            .compactMap { $0 }
            children += keywords.dependentSchemas.map(\.schema)
            for child in children where depth < 16 && visited.insert(child).inserted {
                visit(nodes[child].keywords, depth: depth + 1)
            }
        }
        visit(keywords, depth: 0)
        return names
    }
}

/// A set of small non-negative integers (object entry or array item indices).
struct BitSet: Sendable {
    private var words: [UInt64] = []

    init() {}

    mutating func insert(_ index: Int) {
        let word = index >> 6
        if word >= words.count {
            words.append(contentsOf: repeatElement(0, count: word - words.count + 1))
        }
        words[word] |= 1 << UInt64(index & 63)
    }

    func contains(_ index: Int) -> Bool {
        let word = index >> 6
        return word < words.count && words[word] & (1 << UInt64(index & 63)) != 0
    }

    mutating func formUnion(_ other: BitSet) {
        if other.words.isEmpty { return }
        if words.isEmpty {
            words = other.words
            return
        }
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for index in other.words.indices { words[index] |= other.words[index] }
    }
}
