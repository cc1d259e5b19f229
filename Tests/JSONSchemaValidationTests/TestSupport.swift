import Foundation
import LocatedYAML

@testable import JSONSchemaValidation

/// Paths and readers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path (`<root>/Tests/JSONSchemaValidationTests/…`).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The root node of a one-document YAML text.
    static func yaml(_ text: String) throws -> YAMLNode {
        let documents = try YAMLReader().read(text)
        guard let first = documents.first else { throw TestFailure("no YAML document") }
        return first.root
    }

    /// A validator for a schema written in YAML.
    static func validator(_ schema: String, options: ValidationOptions = ValidationOptions()) throws
        -> JSONSchemaValidator
    {
        try JSONSchemaValidator(
            schema: try yaml(schema), uri: "https://example.com/schema.json", options: options)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
