import Foundation
import TestPrerequisites
import Testing

@testable import ProtocolCompiler

/// The generator spells the runtime only through `RuntimeNames`; its probe, a file that uses
/// every name, must compile against this build's runtime, so a rename there fails here.
@Suite("Runtime names")
struct RuntimeNamesTests {
    @Test func everyRuntimeNameExists() async throws {
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await compiler.compile(
            module: "RuntimeNamesProbe", files: [("Probe.swift", RuntimeNames.probe)], in: folder)
        #expect(result.status == 0, "\(result.problems.joined(separator: "\n"))\n\(RuntimeNames.probe)")
        #expect(result.problems.isEmpty, "\(result.problems.joined(separator: "\n"))")
    }

    @Test func everyPayloadFormatOfTheVocabularyHasAFamily() {
        let vocabulary = Vocabulary(specDirectory: TestPaths.spec)
        let formats = Set(vocabulary.files["payload-formats"]?.entries.map(\.name) ?? [])
        #expect(!formats.isEmpty)
        #expect(formats == Set(RuntimeNames.families.keys))
    }

    @Test func everyOptionIsAStandardParameter() {
        let vocabulary = Vocabulary(specDirectory: TestPaths.spec)
        for name in RuntimeNames.options.keys.sorted() + RuntimeNames.requestParameters.sorted() {
            #expect(vocabulary.canonical(name, in: "parameters") == name, "\(name) is not a standard parameter")
        }
    }
}
