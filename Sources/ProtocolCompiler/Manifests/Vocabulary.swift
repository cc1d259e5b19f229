import Foundation
import LocatedYAML

/// The parts of `spec/vocabulary/` that the semantic checks consult.
struct Vocabulary: Sendable {
    /// What a declared capability needs elsewhere in the manifest.
    struct Requirement: Sendable {
        /// Places of which at least one must be present (`NodePattern`s, optionally `=VALUE`).
        var anyOf: [String]
        /// What to add, in words.
        var hint: String
    }

    /// Requirements by capability name, aliases included.
    var capabilityRequirements: [String: Requirement] = [:]
    /// For each vocabulary file (`capabilities`, `events`, …), its aliases and their canonical names.
    var aliases: [String: [String: String]] = [:]

    /// Reads the vocabulary of a `spec/` folder. A missing or broken file leaves its part empty:
    /// the folder's own validation reports the file.
    init(specDirectory: String) {
        let folder = specDirectory + "/vocabulary"
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
            guard name.hasSuffix(".yaml"), let root = Self.read(folder + "/" + name),
                let kind = root["vocabulary"]?.string
            else { continue }
            for entry in root["entries"]?.items ?? [] {
                guard let canonical = entry["name"]?.string else { continue }
                for alias in entry["aliases"]?.items?.compactMap(\.string) ?? [] {
                    aliases[kind, default: [:]][alias] = canonical
                }
            }
        }
        guard let root = Self.read(folder + "/capabilities.yaml") else { return }
        for entry in root["entries"]?.items ?? [] {
            guard let name = entry["name"]?.string, let requires = entry["requires"],
                let places = requires["any_of"]?.items?.compactMap(\.string), let hint = requires["hint"]?.string
            else { continue }
            let requirement = Requirement(anyOf: places, hint: hint)
            for spelling in [name] + (entry["aliases"]?.items?.compactMap(\.string) ?? []) {
                capabilityRequirements[spelling] = requirement
            }
        }
    }

    private static func read(_ path: String) -> YAMLNode? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? YAMLReader().read([UInt8](data)).first?.root
    }
}
