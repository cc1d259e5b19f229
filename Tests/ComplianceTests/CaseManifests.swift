import AIProtocol
import Foundation

/// The manifests a run's cases load, each compiled once into the driver, and which provider id
/// each case runs against.
///
/// A case names its manifest by `manifest_path` (in `setup` or `input`) or gives it inline
/// (`input.manifest`). A case that gives its own `event_map` or `decoder_config` runs against a
/// variant of its manifest with those laid over `streaming`; a variant, or a second manifest
/// with an id already taken, gets an id of its own (`openai-variant-2`), so that every provider
/// of the run compiles into one executable.
struct CaseManifests {
    /// A manifest to compile: a file of the suite, or one written for the run.
    struct Manifest {
        var id: String
        var path: String
    }

    private(set) var manifests: [Manifest] = []
    /// The JSON of each manifest, to find a variant already made.
    private var contents: [JSONValue] = []
    let suite: URL
    let scratch: URL

    init(suite: URL, scratch: URL) {
        self.suite = suite
        self.scratch = scratch
    }

    /// The provider id the case runs against; `nil` when it names no manifest.
    mutating func providerID(for testCase: ComplianceCase) throws -> String? {
        let path = testCase.input["manifest_path"]?.stringValue ?? testCase.setup["manifest_path"]?.stringValue
        let source: (path: String, value: JSONValue)
        if let path {
            let file = resolve(path, from: testCase.folder)
            source = (file, try YAMLJSON.document(at: file))
        } else if let text = testCase.input["manifest"]?.stringValue {
            let file = scratch.appendingPathComponent("inline-\(manifests.count + 1).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            source = (file.path, try YAMLJSON.document(at: file.path))
        } else {
            return nil
        }
        var value = source.value
        var streaming = value["streaming"]?.members ?? []
        if let rules = testCase.input["event_map"] { Self.set("event_map", rules, in: &streaming) }
        if let decoder = testCase.input["decoder_config"] {
            var members = value["streaming"]?["decoder"]?.members ?? []
            for member in decoder.members ?? [] { Self.set(member.key, member.value, in: &members) }
            Self.set("decoder", .object(members), in: &streaming)
        }
        if !streaming.isEmpty { value = Self.setting("streaming", .object(streaming), in: value) }
        if let known = contents.firstIndex(of: value) { return manifests[known].id }

        let id = value["id"]?.stringValue ?? "provider"
        if value == source.value, !manifests.contains(where: { $0.id == id }) {
            manifests.append(Manifest(id: id, path: source.path))
        } else {
            let variant = "\(id)-variant-\(manifests.count + 1)"
            var renamed = Self.setting("id", .string(variant), in: value)
            if let name = value["name"]?.stringValue {
                renamed = Self.setting("name", .string("\(name) variant \(manifests.count + 1)"), in: renamed)
            }
            // JSON is YAML: the compiler reads the variant as it reads any manifest.
            let file = scratch.appendingPathComponent("\(variant).json")
            try JSONEncoder().encode(renamed).write(to: file)
            manifests.append(Manifest(id: variant, path: file.path))
        }
        contents.append(value)
        return manifests.last?.id
    }

    /// A path of a case: `../…` from the case file's folder, anything else from the suite
    /// folder, or, failing that, from the protocol repository that holds the suite
    /// (`v2/contracts/…`).
    func resolve(_ path: String, from folder: URL) -> String {
        if path.hasPrefix("../") { return folder.appendingPathComponent(path).standardized.path }
        let inSuite = suite.appendingPathComponent(path).standardized.path
        if FileManager.default.fileExists(atPath: inSuite) { return inSuite }
        return suite.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(path)
            .standardized.path
    }

    private static func set(_ key: String, _ value: JSONValue, in members: inout [JSONValue.Member]) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(.init(key, value))
        }
    }

    private static func setting(_ key: String, _ value: JSONValue, in object: JSONValue) -> JSONValue {
        var members = object.members ?? []
        set(key, value, in: &members)
        return .object(members)
    }
}
