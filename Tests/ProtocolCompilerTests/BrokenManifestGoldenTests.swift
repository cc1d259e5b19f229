import Foundation
import Testing

@testable import ProtocolCompiler

/// One broken manifest per check, each compared with the exact diagnostics a user sees
/// (`broken/NAME.expected`); a case whose name has `strict` runs with `--strict`, one whose name
/// has `remarks` shows the remarks. Set `PROTOCOLC_RECORD_GOLDENS=1` to rewrite the expectations
/// after a deliberate change, then review the diff.
@Suite("Diagnostics of broken manifests")
struct BrokenManifestGoldenTests {
    static let folder = TestPaths.manifests + "/broken"

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.map { $0.replacingOccurrences(of: ".yaml", with: "") }
            .sorted()
    }()

    @Test func thereIsOneCasePerCheck() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func diagnosticsMatch(name: String) throws {
        let strict = name.contains("strict")
        let spec = try SpecBundle(directory: TestPaths.spec, strict: strict)
        var input = Self.folder + "/" + name
        if !FileManager.default.fileExists(atPath: input) { input += ".yaml" }
        let outcome = ManifestValidation(spec: spec).run(paths: [input])
        let printer = ReportPrinter(format: .human, showsRemarks: name.contains("remarks"))
        let rendered = printer.render(outcome.report, sources: outcome.sources).stderr
            .replacingOccurrences(of: Self.folder + "/", with: "")
        let expectedPath = Self.folder + "/" + name + ".expected"
        if ProcessInfo.processInfo.environment["PROTOCOLC_RECORD_GOLDENS"] == "1" {
            try rendered.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(rendered == expected, "diagnostics of \(name) differ from \(name).expected")
        // Every case says something: an error, a warning or at least a note.
        #expect(!outcome.report.files.flatMap(\.diagnostics).isEmpty)
    }
}
