import Foundation
import Testing

/// `protocolc validate` without `--schema`: the bundled spec and manifests given by path.
@Suite("protocolc validate")
struct ValidateManifestsCommandTests {
    static let spec = ProtocolcRunner.fixtures.appendingPathComponent("../../../spec").standardized.path

    @Test func bundledSpecPassesStrict() throws {
        let output = try ProtocolcRunner.run(["validate", "--strict", "--spec", Self.spec])
        #expect(output.status == 0)
        // Nothing but the summary: no error, warning or note; remarks are counted, not shown.
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stderr.contains(" models, 0 errors, 0 warnings, "))
        #expect(output.stderr.hasSuffix(" remarks (--remarks shows them)\n"))
    }

    @Test func aManifestWithAnUnknownKeyWarnsAndFailsUnderStrict() throws {
        let lenient = try ProtocolcRunner.run(["validate", "--spec", Self.spec, "manifest-unknown-key.yaml"])
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr == """
                manifest-unknown-key.yaml:4:1: warning: unknown key "streamng" (ignored; an error with --strict)
                streamng: true
                ^~~~~~~~
                  at /streamng
                manifest-unknown-key.yaml:4:1: note: did you mean "streaming"?
                streamng: true
                ^~~~~~~~
                1 file checked: 1 provider, 0 models, 0 errors, 1 warning, 2 remarks (--remarks shows them)

                """)
        let strict = try ProtocolcRunner.run(["validate", "--strict", "--spec", Self.spec, "manifest-unknown-key.yaml"])
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("manifest-unknown-key.yaml:4:1: error: \"streamng\" is not allowed here\n"))
    }

    @Test func jsonCarriesCounts() throws {
        let output = try ProtocolcRunner.run([
            "validate", "--format", "json", "--spec", Self.spec, "manifest-unknown-key.yaml",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["providers"] as? Int == 1)
        #expect(object["models"] as? Int == 0)
        #expect(object["warnings"] as? Int == 1)
        #expect(object["errors"] as? Int == 0)
    }
}
