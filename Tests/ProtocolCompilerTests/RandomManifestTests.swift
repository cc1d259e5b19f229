import Foundation
import TestPrerequisites
import Testing

@testable import ProtocolCompiler

/// Property: every manifest that validates generates Swift that compiles. Random valid
/// manifests (`RandomManifest`) are validated, generated and compiled together; a seed from
/// `PROTOCOLC_SEED` replays a failure.
@Suite("Random manifests", .serialized, .timeLimit(.minutes(10)))
struct RandomManifestTests {
    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["PROTOCOLC_SEED"], let seed = UInt64(text) { return seed }
        return 20_261_206
    }()

    static let count = 60

    @Test func everyValidRandomManifestGeneratesSwiftThatCompiles() async throws {
        print("random manifests: seed \(Self.seed) (PROTOCOLC_SEED replays it), \(Self.count) manifests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "random-manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = RandomManifest(random: SeededGenerator(seed: Self.seed))
        var paths: [String] = []
        for index in 0..<Self.count {
            let path = folder.appendingPathComponent("p\(index).yaml").path
            try generator.manifest(id: "p\(index)").write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)

        // Each manifest is valid, so it validates without an error.
        let validation = ManifestValidation(spec: spec).run(paths: [folder.path])
        let renderer = DiagnosticRenderer(sources: validation.sources)
        let errors = validation.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(10).map(renderer.render).joined())")

        // ... so it generates (all at once, into one module) ...
        let outcome = CodeGenerator(spec: spec).generate(paths: [folder.path])
        let providers = outcome.files.filter { $0.path.hasPrefix("AIProviders/") }
        #expect(providers.count == Self.count + 1, "one file per provider and the registry")

        // ... and the Swift compiles, with no warning.
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let result = try await compiler.compile(
            module: "RandomProviders",
            files: providers.map { (($0.path as NSString).lastPathComponent, $0.contents) }, in: folder)
        #expect(result.status == 0, "seed \(Self.seed):\n\(result.problems.prefix(30).joined(separator: "\n"))")
        #expect(result.problems.isEmpty, "seed \(Self.seed):\n\(result.problems.prefix(30).joined(separator: "\n"))")
    }
}
