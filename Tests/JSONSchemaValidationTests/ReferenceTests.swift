import Foundation
import LocatedYAML
import TestPrerequisites
import Testing

@testable import JSONSchemaValidation

/// References: located errors for broken ones, offline resolution of the upstream schemas.
@Suite struct ReferenceTests {
    /// A fresh temporary folder holding `files`.
    private func folder(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("jsonschema-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func unresolvableFileReferenceIsLocated() throws {
        let directory = try folder([
            "root.json": """
            {
              "$id": "https://example.com/root.json",
              "type": "object",
              "properties": {
                "a": { "$ref": "./missing.json" }
              }
            }
            """
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(atPath: directory + "/root.json")
        #expect(uri == "https://example.com/root.json")
        let error = #expect(throws: SchemaLoadError.self) {
            _ = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        }
        #expect(error?.kind == .unresolvableReference)
        #expect(error?.filePath == directory + "/root.json")
        #expect(error?.range?.start.line == 5)
        #expect(error?.range?.start.column == 20)
        #expect(error?.message.contains("\"./missing.json\"") == true)
        #expect(
            error?.description.hasPrefix(directory + "/root.json:5:20: cannot resolve the reference")
                == true)
    }

    @Test func unresolvablePointerAndAnchorAreLocated() throws {
        let schema = try TestSupport.yaml(
            """
            $defs:
              a: {type: string}
            properties:
              x: {$ref: "#/$defs/b"}
              y: {$ref: "#nowhere"}
            """)
        let error = #expect(throws: SchemaLoadError.self) {
            _ = try JSONSchemaValidator(schema: schema, uri: "https://example.com/s.yaml")
        }
        #expect(error?.kind == .unresolvableReference)
        #expect(error?.range?.start.line == 4)
        #expect(error?.range?.start.column == 13)
        #expect(error?.message.contains("has nothing at \"/$defs/b\"") == true)

        let anchorSchema = try TestSupport.yaml("properties:\n  y: {$ref: \"#nowhere\"}\n")
        let anchorError = #expect(throws: SchemaLoadError.self) {
            _ = try JSONSchemaValidator(schema: anchorSchema, uri: "https://example.com/s.yaml")
        }
        #expect(anchorError?.message.contains("no anchor \"nowhere\"") == true)
        #expect(anchorError?.range?.start.line == 2)
    }

    @Test func referencesAreResolvedWhenCompiledNotWhenHit() throws {
        // The broken reference sits in a branch no instance reaches; it is still reported.
        let schema = try TestSupport.yaml(
            """
            if: false
            then: {$ref: "https://nowhere.example/x.json"}
            """)
        #expect(throws: SchemaLoadError.self) {
            _ = try JSONSchemaValidator(schema: schema, uri: "https://example.com/s.yaml")
        }
    }

    @Test func relativeReferenceFallsBackToTheFileNextToTheSchema() throws {
        let directory = try folder([
            "a.json":
                #"{"$id": "https://example.com/schemas/a.json", "properties": {"b": {"$ref": "./b.json"}}}"#,
            "b.json": #"{"$id": "https://elsewhere.example/b.json", "type": "integer"}"#,
            "broken.json": "{ not json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(atPath: directory + "/a.json")
        #expect(registry.contains(uri: "https://elsewhere.example/b.json"))
        let validator = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        #expect(validator.validate(try TestSupport.yaml("b: 3")).isValid)
        let result = validator.validate(try TestSupport.yaml("b: three"))
        #expect(result.errors.map(\.message) == [#"expected integer, found string "three""#])
        #expect(result.errors.first?.keywordLocation == "/properties/b/$ref/type")
        #expect(
            result.errors.first?.absoluteKeywordLocation == "https://elsewhere.example/b.json#/type")
    }

    @Test func brokenSiblingIsReportedOnlyWhenReferenced() throws {
        let directory = try folder([
            "a.json": #"{"properties": {"b": {"$ref": "broken.json"}}}"#,
            "broken.json": "{ \"type\": [ }",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(atPath: directory + "/a.json")
        #expect(uri.hasPrefix("file://"))
        let error = #expect(throws: SchemaLoadError.self) {
            _ = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        }
        #expect(error?.kind == .invalidSyntax)
        #expect(error?.filePath == directory + "/broken.json")
    }

    @Test func schemaDirectoryRegistersByID() throws {
        let schemas = try folder([
            "common.yaml": "$id: https://example.com/common.yaml\ntype: string\nminLength: 2\n"
        ])
        let main = try folder([
            "main.yaml": "properties:\n  name: {$ref: \"https://example.com/common.yaml\"}\n"
        ])
        defer {
            try? FileManager.default.removeItem(atPath: schemas)
            try? FileManager.default.removeItem(atPath: main)
        }
        var registry = SchemaRegistry()
        try registry.registerSchemaDirectory(atPath: schemas)
        let uri = try registry.loadSchemaFile(atPath: main + "/main.yaml")
        let validator = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        let result = validator.validate(try TestSupport.yaml("name: x"))
        #expect(result.errors.map(\.message) == ["must be at least 2 characters long, found 1"])
    }

    @Test func pointerFragmentsAreUnescapedAndPercentDecoded() throws {
        let schema = try TestSupport.yaml(
            """
            $defs:
              "a/b": {type: integer}
              "c~d": {type: string}
              "e%f": {type: boolean}
            properties:
              x: {$ref: "#/$defs/a~1b"}
              y: {$ref: "#/$defs/c~0d"}
              z: {$ref: "#/$defs/e%25f"}
            """)
        let validator = try JSONSchemaValidator(schema: schema, uri: "https://example.com/s.yaml")
        #expect(validator.validate(try TestSupport.yaml("{x: 1, y: a, z: true}")).isValid)
        #expect(validator.validate(try TestSupport.yaml("{x: a, y: 1, z: 1}")).errors.count == 3)
    }

    @Test func builtInMetaSchemaValidatesSchemas() throws {
        let validator = try JSONSchemaValidator(
            schema: try TestSupport.yaml("$ref: https://json-schema.org/draft/2020-12/schema"),
            uri: "https://example.com/meta-check.yaml")
        #expect(validator.validate(try TestSupport.yaml("{type: string, minLength: 1}")).isValid)
        let result = validator.validate(try TestSupport.yaml("{type: strng}"))
        #expect(!result.isValid)
    }

    // MARK: - Upstream AI-Protocol schemas

    private static let minimalV2Manifest = """
        id: example
        protocol_version: "2.0"
        endpoint:
          base_url: https://api.example.com/v1
        error_classification:
          by_http_status:
            "429": rate_limited
        capabilities:
          required: [text]
        """

    @Test(.requires(.sharedUpstream))
    func upstreamProviderSchemaLoadsOfflineAndValidates() throws {
        let upstream = Prerequisite.upstreamPath
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(
            atPath: upstream + "/ai-protocol/schemas/v2/provider.json")
        #expect(
            uri
                == "https://raw.githubusercontent.com/ailib-official/ai-protocol/main/schemas/v2/provider.json"
        )
        let validator = try JSONSchemaValidator(schemaURI: uri, registry: registry)

        let valid = validator.validate(try TestSupport.yaml(Self.minimalV2Manifest))
        #expect(valid.errors == [], "\(valid.errors)")

        let invalid = validator.validate(
            try TestSupport.yaml(
                """
                protocol_version: 2
                endpoint:
                  base_url: 42
                  strem: true
                error_classification: {}
                capabilities:
                  required: [text]
                """))
        #expect(
            invalid.errors.map(\.message) == [
                #"missing required property "id""#,
                "expected string, found integer 2",
                "expected string, found integer 42",
                #""strem" is not allowed here"#,
            ])
        let unknown = try #require(invalid.errors.last)
        #expect(unknown.instancePointer == "/endpoint/strem")
        #expect(unknown.keywordLocation == "/properties/endpoint/$ref/additionalProperties")
        #expect(unknown.range.start.line == 4 && unknown.range.start.column == 3)
        if case .unexpectedProperty(let name, let allowed) = unknown.reason {
            #expect(name == "strem")
            #expect(allowed.contains("base_url") && allowed.contains("chat"))
        } else {
            Issue.record("unexpected reason \(unknown.reason)")
        }
    }

    @Test(.requires(.sharedUpstream))
    func upstreamProviderManifestsInLenientMode() throws {
        let upstream = Prerequisite.upstreamPath
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(
            atPath: upstream + "/ai-protocol/schemas/v2/provider.json")
        let strict = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        let lenient = try JSONSchemaValidator(
            schemaURI: uri, registry: registry, options: ValidationOptions(lenientUnknownProperties: true)
        )
        let directory = upstream + "/ai-protocol/v2/providers"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let manifest = try YAMLReader().read(
                String(contentsOfFile: directory + "/" + name, encoding: .utf8))[0].root
            let strictResult = strict.validate(manifest)
            let lenientResult = lenient.validate(manifest)
            print(
                "v2/providers/\(name): strict \(strictResult.errors.count) errors; lenient \(lenientResult.errors.count) errors, \(lenientResult.warnings.count) warnings"
            )
            for error in strictResult.errors {
                print("  strict error \(error) [\(error.keywordLocation)]")
            }
            for error in lenientResult.errors { print("  error \(error)") }
            for warning in lenientResult.warnings { print("  warning \(warning)") }
            // Unknown keys only warn in lenient mode: whatever strict mode reports beyond them remains.
            #expect(lenientResult.errors.count <= strictResult.errors.count)
        }
    }

    @Test(.requires(.sharedUpstream))
    func upstreamV1SchemaLoadsOffline() throws {
        let upstream = Prerequisite.upstreamPath
        var registry = SchemaRegistry()
        let uri = try registry.loadSchemaFile(atPath: upstream + "/ai-protocol/schemas/v1.json")
        #expect(
            uri == "https://raw.githubusercontent.com/ailib-official/ai-protocol/main/schemas/v1.json")
        let validator = try JSONSchemaValidator(schemaURI: uri, registry: registry)
        let result = validator.validate(try TestSupport.yaml("protocol_version: \"9.9\"\n"))
        #expect(result.errors.contains { $0.message == #"expected one of "1.1", "1.5", found "9.9""# })
    }
}
