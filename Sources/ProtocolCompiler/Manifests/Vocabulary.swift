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

    /// Reads the vocabulary of a `spec/` folder. A missing or broken file leaves its part empty:
    /// the folder's own validation reports the file.
    init(specDirectory: String) {
        guard let data = FileManager.default.contents(atPath: specDirectory + "/vocabulary/capabilities.yaml"),
            let root = try? YAMLReader().read([UInt8](data)).first?.root
        else { return }
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
}
