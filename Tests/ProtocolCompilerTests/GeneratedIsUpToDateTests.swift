import Testing

@testable import ProtocolCompiler

/// `Generated/` is committed; this fails when it no longer matches what `spec/` generates.
@Suite("Generated/ is up to date")
struct GeneratedIsUpToDateTests {
    @Test func generatedMatchesTheSpec() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let outcome = CodeGenerator(spec: spec).generate(paths: [TestPaths.spec])
        #expect(outcome.report.errorCount == 0)
        #expect(!outcome.files.isEmpty)
        let output = GeneratedOutput(directory: TestPaths.packageRoot.appendingPathComponent("Generated").path)
        let changes = try output.apply(outcome.files, checkOnly: true)
        #expect(
            changes.isEmpty,
            "Generated/ is stale; run `swift run protocolc generate`. Stale: \(changes.changed), no longer generated: \(changes.removed)"
        )
    }

    @Test func generationIsDeterministic() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let first = CodeGenerator(spec: spec).generate(paths: [TestPaths.spec]).files
        let second = CodeGenerator(spec: spec).generate(paths: [TestPaths.spec]).files
        #expect(first == second)
    }
}
