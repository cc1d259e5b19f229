import Foundation
import JSONSchemaValidation
import LocatedYAML

/// The protocol's own data, loaded from a `spec/` folder: the schemas of each document kind and
/// the vocabulary that semantic checks consult.
public struct SpecBundle: Sendable {
    /// The `spec/` folder it was loaded from.
    public let directory: String
    /// Whether unknown keys and unmet capability requirements are errors instead of warnings.
    public let strict: Bool
    private let validators: [DocumentKind: JSONSchemaValidator]

    /// Loads the schemas of `directory/schemas`.
    ///
    /// - Parameter strict: whether unknown keys and unmet capability requirements are errors
    ///   (`--strict`) instead of warnings.
    public init(directory: String, strict: Bool) throws(SchemaLoadError) {
        self.directory = directory
        self.strict = strict
        var registry = SchemaRegistry()
        try registry.registerSchemaDirectory(atPath: directory + "/schemas")
        let options = ValidationOptions(lenientUnknownProperties: !strict)
        var validators: [DocumentKind: JSONSchemaValidator] = [:]
        for kind in DocumentKind.allCases where kind.isChecked {
            let uri = try kind.schemaFileName.map { name throws(SchemaLoadError) in
                try registry.loadSchemaFile(atPath: directory + "/schemas/" + name)
            }
            validators[kind] = try JSONSchemaValidator(
                schemaURI: uri ?? "https://json-schema.org/draft/2020-12/schema", registry: registry,
                options: options)
        }
        self.validators = validators
    }

    /// The validator for documents of `kind`; `nil` for the kinds that are recognised but not
    /// checked.
    func validator(for kind: DocumentKind) -> JSONSchemaValidator? {
        validators[kind]
    }

    /// Finds the `spec/` folder to use when none is given: `./spec`, then a `spec` folder beside
    /// any parent of the current folder, then beside any parent of the executable.
    public static func locate(executablePath: String = CommandLine.arguments[0]) -> String? {
        let manager = FileManager.default
        var starts = [manager.currentDirectoryPath]
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        starts.append(executable.deletingLastPathComponent().path)
        for start in starts {
            var folder = URL(fileURLWithPath: start)
            while true {
                let candidate = folder.appendingPathComponent("spec")
                if manager.fileExists(atPath: candidate.appendingPathComponent("schemas/provider-v2.json").path) {
                    return displayPath(candidate.path)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
