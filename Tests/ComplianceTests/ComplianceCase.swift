import AIProtocol
import Foundation
import LocatedYAML

/// One document of a case file: what the suite's `schema.json` describes.
struct ComplianceCase: Sendable {
    /// The case file, relative to `cases/` (`04-streaming/sse-decode.yaml`).
    var file: String
    /// The document's position in its file, from 1: ids are not unique across files.
    var position: Int
    var id: String
    var name: String
    /// `input.type`.
    var operation: String
    var setup: JSONValue
    var input: JSONValue
    var expected: JSONValue
    /// The folder of the case file, which `../` paths are relative to.
    var folder: URL

    /// Unique in a run: the file and the position.
    var key: String { "\(file)#\(position)" }

    var environment: [String: String] {
        Dictionary(
            (setup["env"]?.members ?? []).compactMap { member in member.value.stringValue.map { (member.key, $0) } }
        ) {
            first, _ in first
        }
    }
}

/// The cases of a suite folder (`cases/<group>/<file>.yaml`, several documents per file), in
/// file order.
enum ComplianceCases {
    static func load(suite: URL) throws -> [ComplianceCase] {
        let root = suite.appendingPathComponent("cases")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw SuiteError("no cases/ folder in \(suite.path)")
        }
        let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var cases: [ComplianceCase] = []
        for file in files {
            let url = root.appendingPathComponent(file)
            let documents = try YAMLReader().read(Array(try Data(contentsOf: url)))
            for (offset, document) in documents.enumerated() {
                let value = YAMLJSON.value(document.root)
                guard value.members != nil else { continue }  // an empty document between separators
                cases.append(
                    ComplianceCase(
                        file: file, position: offset + 1, id: value["id"]?.stringValue ?? "?",
                        name: value["name"]?.stringValue ?? "", operation: value["input"]?["type"]?.stringValue ?? "",
                        setup: value["setup"] ?? .object([]), input: value["input"] ?? .object([]),
                        expected: value["expected"] ?? .object([]), folder: url.deletingLastPathComponent()))
            }
        }
        return cases
    }
}

/// YAML nodes as JSON values, scalars resolved by the YAML 1.2 core schema.
enum YAMLJSON {
    /// The first document of a YAML (or JSON) file.
    static func document(at path: String) throws -> JSONValue {
        guard let document = try YAMLReader().read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).first else {
            throw SuiteError("\(path) is empty")
        }
        return value(document.root)
    }

    static func value(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .integer(let value): return .integer(value)
            case .float(let value): return .number(value)
            case .string(let value): return .string(value)
            }
        case .sequence(let items):
            return .array(items.map(value))
        case .mapping(let entries):
            return .object(entries.map { JSONValue.Member($0.key.keyText ?? $0.key.string ?? "", value($0.value)) })
        }
    }
}

struct SuiteError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
