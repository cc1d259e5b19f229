import Foundation
import LocatedYAML
import Testing

@testable import JSONSchemaValidation

/// A rough timing of compiling and validating, printed for reference (no threshold: machines vary).
@Suite struct PerformanceTests {
    @Test func validatesUpstreamManifestsQuickly() throws {
        guard let upstream = TestSupport.upstream else { return }
        let clock = ContinuousClock()
        var registry = SchemaRegistry()
        var validator: JSONSchemaValidator?
        let compileTime = try clock.measure {
            let uri = try registry.loadSchemaFile(
                atPath: upstream + "/ai-protocol/schemas/v2/provider.json")
            validator = try JSONSchemaValidator(
                schemaURI: uri, registry: registry,
                options: ValidationOptions(lenientUnknownProperties: true))
        }
        let directory = upstream + "/ai-protocol/v2/providers"
        let manifests = try FileManager.default.contentsOfDirectory(atPath: directory).sorted().map {
            try YAMLReader().read(String(contentsOfFile: directory + "/" + $0, encoding: .utf8))[0].root
        }
        let rounds = 200
        var warnings = 0
        let validateTime = clock.measure {
            for _ in 0..<rounds {
                for manifest in manifests { warnings += validator!.validate(manifest).warnings.count }
            }
        }
        let perManifest = validateTime / (rounds * manifests.count)
        print(
            "load+compile provider.json: \(compileTime); validate: \(perManifest) per manifest (\(warnings) warnings)"
        )
        #expect(warnings == rounds * 8)
    }
}
