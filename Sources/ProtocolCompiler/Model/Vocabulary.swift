import Foundation
import LocatedYAML

/// The files of `spec/vocabulary/`, as the semantic checks and the generator read them.
struct Vocabulary: Sendable {
    /// One vocabulary file.
    struct File: Sendable {
        /// Its kind, the file's `vocabulary` value (`capabilities`, `events`, …).
        var kind: String
        /// Its entries, in file order.
        var entries: [Entry]
    }

    /// One entry: a canonical name, what it means, the aliases manifests may use, and the whole
    /// node for the fields particular to its file.
    struct Entry: Sendable {
        var name: String
        var description: String
        var aliases: [String]
        var node: YAMLNode
    }

    /// What a declared capability needs elsewhere in the manifest.
    struct Requirement: Sendable {
        /// Places of which at least one must be present (`NodePattern`s, optionally `=VALUE`).
        var anyOf: [String]
        /// What to add, in words.
        var hint: String
    }

    /// The files by kind.
    var files: [String: File] = [:]

    /// Reads the vocabulary of a `spec/` folder. A missing or broken file is left out: the
    /// folder's own validation reports it.
    init(specDirectory: String) {
        let folder = specDirectory + "/vocabulary"
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        where name.hasSuffix(".yaml") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                let root = try? YAMLReader().read([UInt8](data)).first?.root,
                let kind = root["vocabulary"]?.string
            else { continue }
            // `stream-decoders.yaml` lists `formats` and `strategies` instead of entries; the
            // strategies are the kind "stream-decoders/strategies".
            files[kind] = File(kind: kind, entries: Self.entries(root["entries"] ?? root["formats"]))
            if let strategies = root["strategies"] {
                files[kind + "/strategies"] = File(kind: kind + "/strategies", entries: Self.entries(strategies))
            }
        }
    }

    private static func entries(_ list: YAMLNode?) -> [Entry] {
        (list?.items ?? []).compactMap { node -> Entry? in
            guard let name = node["name"]?.string else { return nil }
            return Entry(
                name: name, description: node["description"]?.string ?? "",
                aliases: node["aliases"]?.items?.compactMap(\.string) ?? [], node: node)
        }
    }

    /// For a vocabulary kind, its aliases and their canonical names.
    func aliases(of kind: String) -> [String: String] {
        var aliases: [String: String] = [:]
        for entry in files[kind]?.entries ?? [] {
            for alias in entry.aliases { aliases[alias] = entry.name }
        }
        return aliases
    }

    /// The canonical name of a vocabulary name or alias, or `nil` when it is neither.
    func canonical(_ name: String, in kind: String) -> String? {
        guard let entries = files[kind]?.entries else { return nil }
        if entries.contains(where: { $0.name == name }) { return name }
        return entries.first { $0.aliases.contains(name) }?.name
    }

    /// What each capability (and alias) needs, from `capabilities.yaml`'s `requires`.
    var capabilityRequirements: [String: Requirement] {
        var requirements: [String: Requirement] = [:]
        for entry in files["capabilities"]?.entries ?? [] {
            guard let requires = entry.node["requires"],
                let places = requires["any_of"]?.items?.compactMap(\.string), let hint = requires["hint"]?.string
            else { continue }
            for spelling in [entry.name] + entry.aliases {
                requirements[spelling] = Requirement(anyOf: places, hint: hint)
            }
        }
        return requirements
    }
}
