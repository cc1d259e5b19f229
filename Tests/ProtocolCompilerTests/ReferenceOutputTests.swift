import Foundation
import Testing

@testable import ProtocolCompiler

/// The generator's output for representative manifests (`References/Inputs`), compared byte for
/// byte with reviewed reference files (`References/Expected`). A deliberate change to the
/// generator is accepted by running the tests with `PROTOCOLC_RECORD_REFERENCES=1` and reviewing
/// the diff of the reference files.
@Suite("Generated code matches the reviewed references")
struct ReferenceOutputTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Tests/ProtocolCompilerTests/References").path

    @Test func outputMatchesReferences() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: true)
        let outcome = CodeGenerator(spec: spec).generate(paths: [Self.folder + "/Inputs"])
        try #require(outcome.report.errorCount == 0 && outcome.report.warningCount == 0)
        let files = outcome.files.filter { $0.path.hasPrefix("AIProviders/") }
        #expect(files.count == 4)
        let expectedFolder = Self.folder + "/Expected"
        let record = ProcessInfo.processInfo.environment["PROTOCOLC_RECORD_REFERENCES"] == "1"
        for file in files {
            let name = (file.path as NSString).lastPathComponent
            let path = expectedFolder + "/" + name
            if record {
                try FileManager.default.createDirectory(atPath: expectedFolder, withIntermediateDirectories: true)
                try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            #expect(
                file.contents == expected,
                "\(name) differs from References/Expected/\(name):\n\(TextDiff.unified(expected: expected, actual: file.contents))"
            )
        }
        let expectedNames = Set((try FileManager.default.contentsOfDirectory(atPath: expectedFolder)))
        let generatedNames = Set(files.map { ($0.path as NSString).lastPathComponent })
        #expect(
            expectedNames == generatedNames,
            "reference files without output: \(expectedNames.subtracting(generatedNames))")
    }

    @Test func diffIsReadable() {
        let diff = TextDiff.unified(expected: "a\nb\nc\nd\ne\nf", actual: "a\nb\nC\nd\ne\nf")
        #expect(diff == "@@ line 1 @@\n  a\n  b\n- c\n+ C\n  d\n  e\n")
    }
}
