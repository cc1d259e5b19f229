import Foundation
import LocatedYAML
import Testing

@testable import ProtocolCompiler

/// The agreements between the files of `spec/vocabulary/` and the schemas that spec/README.md
/// ("Vocabulary files" and decision D4) asks the compiler's tests to check.
@Suite("Vocabulary files agree with each other and with the schemas")
struct VocabularyConsistencyTests {
    /// A name enum of `common.json` and the vocabulary file whose spellings it must list.
    struct NameEnum: CustomTestStringConvertible, Sendable {
        let definition: String
        let file: String
        /// The entry key holding the canonical name (`code` for error codes).
        let nameKey: String
        /// The file's list of entries (`strategies` of `stream-decoders`).
        var list = "entries"
        var testDescription: String { "common.json \(definition) ↔ \(file).yaml \(list)" }
    }

    static let nameEnums: [NameEnum] = [
        NameEnum(definition: "capabilityName", file: "capabilities", nameKey: "name"),
        NameEnum(definition: "errorClassName", file: "error-classes", nameKey: "name"),
        NameEnum(definition: "errorCode", file: "error-codes", nameKey: "code"),
        NameEnum(definition: "eventKind", file: "events", nameKey: "name"),
        NameEnum(definition: "terminationReason", file: "termination-reasons", nameKey: "name"),
        NameEnum(definition: "parameterName", file: "parameters", nameKey: "name"),
        NameEnum(definition: "messageRole", file: "roles", nameKey: "name"),
        NameEnum(definition: "contentBlockType", file: "content-blocks", nameKey: "name"),
        NameEnum(definition: "modelStatus", file: "model-statuses", nameKey: "name"),
        NameEnum(definition: "decoderStrategy", file: "stream-decoders", nameKey: "name", list: "strategies"),
    ]

    /// The codes decision D4 fixes, in order.
    static let d4Codes = [
        "E1001", "E1002", "E1003", "E1004", "E1005", "E2001", "E2002", "E3001", "E3002", "E3003", "E4001", "E4002",
        "E9999",
    ]

    /// Fields `error-classes.yaml` and `error-codes.yaml` must both have and agree on (besides the
    /// name they are joined by); any other field both files have must agree too.
    static let agreedErrorFields: Set = ["code", "http_status", "default_for_status", "retryable", "fallbackable"]

    @Test(arguments: nameEnums)
    func commonEnumListsExactlyTheNamesAndAliasesOfItsFile(_ nameEnum: NameEnum) throws {
        let place = "common.json#/$defs/\(nameEnum.definition)/enum"
        let values = try enumValues(try schemaDefinition("common.json", nameEnum.definition)["enum"], place)
        let entries = try vocabularyEntries(nameEnum.file, list: nameEnum.list)
        expectSameNames(values, spellings(of: entries, nameKey: nameEnum.nameKey), place, "\(nameEnum.file).yaml")
        #expect(duplicates(in: values).isEmpty, "\(place) lists \(duplicates(in: values)) more than once")
    }

    @Test func namesAreUniqueWithinEachFileAndNoAliasIsAName() throws {
        let folder = TestPaths.spec + "/vocabulary"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
            .sorted()
        try #require(!files.isEmpty, "no vocabulary files in \(folder)")
        for file in files {
            let root = try readSpecFile("vocabulary/" + file)
            // Formats and strategies are separate lists of stream-decoders.yaml, each its own names.
            for list in ["entries", "formats", "strategies"] {
                checkNames(root[list]?.items ?? [], file: "\(file) \(list)")
            }
            #expect(!["entries", "formats"].allSatisfy { root[$0] == nil }, "\(file) has no entries")
        }
    }

    /// Every entry of a list has a name, names are unique, and no alias is a name or repeats.
    private func checkNames(_ entries: [YAMLNode], file: String) {
        for entry in entries where entry["name"]?.string == nil {
            Issue.record("\(file): the entry at line \(entry.range.start.line) has no name")
        }
        for key in ["name", "code"] {
            let repeated = duplicates(in: entries.compactMap { $0[key]?.string })
            #expect(repeated.isEmpty, "\(file): the \(key)s \(repeated) occur in more than one entry")
        }
        let names = Set(entries.compactMap { $0["name"]?.string })
        for entry in entries {
            for alias in aliases(of: entry) where names.contains(alias) {
                Issue.record("\(file): alias '\(alias)' of '\(entry["name"]?.string ?? "?")' is also a name")
            }
        }
        let repeatedAliases = duplicates(in: entries.flatMap(aliases(of:)))
        #expect(repeatedAliases.isEmpty, "\(file): the aliases \(repeatedAliases) are listed more than once")
    }

    @Test func decoderFormatsMatchStreamDecoders() throws {
        let decoder = try schemaDefinition("provider-sections.json", "decoder")
        let place = "provider-sections.json#/$defs/decoder/properties/format/enum"
        let values = try enumValues(decoder["properties"]?["format"]?["enum"], place)
        let names = try vocabularyEntries("stream-decoders", list: "formats").compactMap { $0["name"]?.string }
        expectSameNames(values, names, place, "stream-decoders.yaml formats")
    }

    /// Every payload format's default response paths parse and name fields the generated
    /// response reader reads (the lowering skips nothing of them).
    @Test func payloadFormatResponsePathsParseAndAreRead() throws {
        for format in try vocabularyEntries("payload-formats") {
            let name = format["name"]?.string ?? "?"
            let paths = format["response_paths"]?.entries ?? []
            #expect(!paths.isEmpty, "payload format \(name) has no response_paths")
            for entry in paths {
                let field = entry.key.string ?? ""
                #expect(ProviderLowering.readResponseFields.contains(field), "\(name): \(field) is not read")
                #expect(throws: Never.self, "\(name): \(field)") {
                    try ExpressionParser.parsePath(entry.value.string ?? "")
                }
            }
        }
    }

    @Test func strategiesImplyKnownPayloadFormats() throws {
        let formats = Set(try vocabularyEntries("payload-formats").compactMap { $0["name"]?.string })
        for strategy in try vocabularyEntries("stream-decoders", list: "strategies") {
            guard let implied = strategy["payload_format"]?.string else { continue }
            #expect(formats.contains(implied), "strategy \(strategy["name"]?.string ?? "?") implies \(implied)")
        }
    }

    @Test func eventRuleExtractFieldsMatchEventFields() throws {
        let rules = try eventRuleBranches()
        let events = try vocabularyEntries("events")
        for event in events {
            let name = event["name"]?.string ?? "?"
            let fields = (event["fields"]?.items ?? []).flatMap { field in
                [field["name"]?.string].compactMap { $0 } + aliases(of: field)
            }
            for kind in [name] + aliases(of: event) {
                guard let properties = rules[kind] else {
                    Issue.record("eventRule has no if/then branch for emit \(kind)")
                    continue
                }
                for key in ["extract", "fields"] {
                    let place = "eventRule then.\(key) for emit \(kind)"
                    let map = properties[key]
                    #expect(map?["additionalProperties"]?.bool == false, "\(place) does not close additionalProperties")
                    let names = map?["properties"]?.entries?.compactMap(\.key.keyText) ?? []
                    expectSameNames(names, fields, place, "events.yaml fields of \(name)")
                }
            }
        }
        let unknownKinds = Set(rules.keys).subtracting(spellings(of: events, nameKey: "name"))
        #expect(unknownKinds.isEmpty, "eventRule has branches for kinds not in events.yaml: \(unknownKinds.sorted())")
    }

    @Test func errorCodesAndErrorClassesAgree() throws {
        let classes = try vocabularyEntries("error-classes")
        let codes = try vocabularyEntries("error-codes")
        let classesByName = byName(classes)
        expectSameNames(Array(byName(codes).keys), Array(classesByName.keys), "error-codes.yaml", "error-classes.yaml")
        for code in codes {
            guard let name = code["name"]?.string, let errorClass = classesByName[name] else { continue }
            let label = "\(code["code"]?.string ?? "?") \(name)"
            let shared = keys(of: errorClass).intersection(keys(of: code)).subtracting(["name", "description"])
            for field in Self.agreedErrorFields.union(shared).sorted() {
                let classValue = errorClass[field].map(rendered) ?? "nothing"
                let codeValue = code[field].map(rendered) ?? "nothing"
                #expect(
                    errorClass[field] != nil && classValue == codeValue,
                    "\(label): \(field) is \(classValue) in error-classes.yaml but \(codeValue) in error-codes.yaml")
            }
        }
    }

    @Test func noStatusIsTheDefaultOfTwoErrorClasses() throws {
        var classByStatus: [Int: String] = [:]
        for errorClass in try vocabularyEntries("error-classes") {
            let name = errorClass["name"]?.string ?? "?"
            for node in errorClass["default_for_status"]?.items ?? [] {
                let status = try #require(node.integer, "\(name): default_for_status holds \(rendered(node))")
                if let other = classByStatus[status] {
                    Issue.record("HTTP \(status) is in default_for_status of both \(other) and \(name)")
                } else {
                    classByStatus[status] = name
                }
            }
        }
    }

    @Test func errorCodesAreExactlyTheThirteenOfD4() throws {
        let codes = try vocabularyEntries("error-codes").compactMap { $0["code"]?.string }
        #expect(codes.sorted() == Self.d4Codes, "error-codes.yaml codes differ from D4")
    }

    @Test func contextOverflowCodeIsE1005RequestTooLarge() throws {
        let entry = try #require(
            try vocabularyEntries("error-codes").first { $0["code"]?.string == "E1005" },
            "error-codes.yaml has no E1005")
        #expect(entry["name"]?.string == "request_too_large")
        #expect(entry["retryable"]?.bool == false, "E1005 must not be retryable")
        #expect(entry["fallbackable"]?.bool == false, "E1005 must not be fallbackable")
    }

    @Test func thereAreThirteenErrorClasses() throws {
        let names = try vocabularyEntries("error-classes").compactMap { $0["name"]?.string }
        #expect(names.count == 13, "error-classes.yaml has \(names.count) canonical classes: \(names)")
    }
}

// MARK: - Reading spec/

/// The root of a file under `spec/`, read with the project's YAML reader (JSON included).
private func readSpecFile(_ relativePath: String) throws -> YAMLNode {
    let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.spec + "/" + relativePath))
    return try #require(try YAMLReader().read([UInt8](data)).first?.root, "spec/\(relativePath) is empty")
}

/// The entries of a vocabulary file's list (`entries`, or `formats`/`strategies`).
private func vocabularyEntries(_ file: String, list: String = "entries") throws -> [YAMLNode] {
    try #require(readSpecFile("vocabulary/\(file).yaml")[list]?.items, "vocabulary/\(file).yaml has no list \(list)")
}

/// A definition under `$defs` of a schema file.
private func schemaDefinition(_ schema: String, _ name: String) throws -> YAMLNode {
    try #require(readSpecFile("schemas/" + schema)["$defs"]?[name], "schemas/\(schema) has no $defs/\(name)")
}

/// The string members of an `enum` node; a missing enum is a test failure.
private func enumValues(_ node: YAMLNode?, _ place: String) throws -> [String] {
    try #require(node?.items, "\(place) is missing").compactMap(\.string)
}

/// The `then.properties` of each `eventRule` branch, by the event kind its `if` matches `emit` to.
private func eventRuleBranches() throws -> [String: YAMLNode] {
    let branches = try #require(schemaDefinition("provider-sections.json", "eventRule")["allOf"]?.items)
    var properties: [String: YAMLNode] = [:]
    for branch in branches {
        guard let kind = branch["if"]?["properties"]?["emit"]?["const"]?.string else { continue }
        #expect(properties[kind] == nil, "eventRule has two branches for emit \(kind)")
        properties[kind] = branch["then"]?["properties"]
    }
    return properties
}

// MARK: - Names

private func aliases(of entry: YAMLNode) -> [String] {
    entry["aliases"]?.items?.compactMap(\.string) ?? []
}

/// Canonical names followed by aliases: every spelling a name enum must accept.
private func spellings(of entries: [YAMLNode], nameKey: String) -> [String] {
    entries.compactMap { $0[nameKey]?.string } + entries.flatMap(aliases(of:))
}

/// The values that occur more than once, each listed once.
private func duplicates(in values: [String]) -> [String] {
    Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }.keys.sorted()
}

/// Entries by their `name`; the first of a repeated name wins (repeats are reported separately).
private func byName(_ entries: [YAMLNode]) -> [String: YAMLNode] {
    Dictionary(entries.compactMap { entry in entry["name"]?.string.map { ($0, entry) } }) { first, _ in first }
}

private func keys(of entry: YAMLNode) -> Set<String> {
    Set(entry.entries?.compactMap(\.key.keyText) ?? [])
}

/// A node's data as text for comparisons and messages; list order is ignored (status lists are sets).
private func rendered(_ node: YAMLNode) -> String {
    if let items = node.items { return "[" + items.map(rendered).sorted().joined(separator: ", ") + "]" }
    return node.scalar?.text ?? "a mapping"
}

/// Records which names one side has and the other lacks.
private func expectSameNames(
    _ actual: [String], _ expected: [String], _ actualPlace: String, _ expectedPlace: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let missing = Set(expected).subtracting(actual).sorted()
    let extra = Set(actual).subtracting(expected).sorted()
    #expect(missing.isEmpty, "\(actualPlace) lacks \(missing) of \(expectedPlace)", sourceLocation: sourceLocation)
    #expect(extra.isEmpty, "\(actualPlace) has \(extra), not in \(expectedPlace)", sourceLocation: sourceLocation)
}
