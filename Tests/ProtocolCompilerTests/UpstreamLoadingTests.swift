import Foundation
import LocatedYAML
import TestPrerequisites
import Testing

@testable import ProtocolCompiler

/// The manifests of the upstream compliance suite load as their cases expect (spec/README.md
/// decisions D1–D3): every loading case of `01-protocol-loading`, identified by file and id.
@Suite("Upstream manifests load as their compliance cases expect", .requires(.sharedUpstream))
struct UpstreamLoadingTests {
    struct LoadCase: CustomStringConvertible, Sendable {
        let name: String
        let manifest: String
        let expectValid: Bool
        var description: String { name }
    }

    static let cases: [LoadCase] = {
        let upstream = TestPaths.upstream
        let folder = upstream + "/tests/compliance/cases/01-protocol-loading"
        var cases: [LoadCase] = []
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
            guard let data = FileManager.default.contents(atPath: folder + "/" + file),
                let documents = try? YAMLReader().read([UInt8](data))
            else { continue }
            for document in documents {
                let root = document.root
                guard let path = root["input"]?["manifest_path"]?.string ?? root["setup"]?["manifest_path"]?.string,
                    let valid = root["expected"]?["valid"]?.bool
                else { continue }
                // Paths starting with ../ are relative to the case file; others to tests/compliance/.
                let base = path.hasPrefix("../") ? folder : upstream + "/tests/compliance"
                let manifest = URL(fileURLWithPath: base + "/" + path).standardized.path
                let id = root["id"]?.string ?? "?"
                cases.append(
                    LoadCase(name: "01-protocol-loading/\(file)#\(id)", manifest: manifest, expectValid: valid))
            }
        }
        return cases
    }()

    @Test func everyLoadingCaseRuns() {
        // D3: all 28 documents, none lost to a duplicate id.
        #expect(Self.cases.count == 28)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases)
    func manifestLoadsAsExpected(_ loadCase: LoadCase) throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let outcome = ManifestValidation(spec: spec).run(paths: [loadCase.manifest])
        let renderer = DiagnosticRenderer(sources: outcome.sources)
        let errors = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        if loadCase.expectValid {
            #expect(errors.isEmpty, "\(loadCase.name): \(errors.map(renderer.render).joined())")
        } else {
            #expect(!errors.isEmpty, "\(loadCase.name) should fail to load")
        }
    }

    @Test func unknownFieldsWarnByDefaultAndFailUnderStrict() throws {
        let upstream = TestPaths.upstream
        let manifest = upstream + "/tests/compliance/fixtures/providers/mock-forward-compat-unknown-fields-v2.yaml"
        let lenient = ManifestValidation(spec: try SpecBundle(directory: TestPaths.spec, strict: false))
            .run(paths: [manifest]).report
        let unknownKeys = lenient.files.flatMap(\.diagnostics).filter { $0.message.hasPrefix("unknown key") }
        #expect(lenient.errorCount == 0)
        #expect(
            unknownKeys.map(\.message) == [
                "unknown key \"reasoning_effort\" (ignored; an error with --strict)",
                "unknown key \"max_context_window\" (ignored; an error with --strict)",
                "unknown key \"future_extension_flag\" (ignored; an error with --strict)",
            ])
        let strict = ManifestValidation(spec: try SpecBundle(directory: TestPaths.spec, strict: true))
            .run(paths: [manifest]).report
        #expect(strict.errorCount >= 3)
    }

    @Test func everyUpstreamExpressionAndPathParses() throws {
        let upstream = TestPaths.upstream
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let folders = ["/v2/providers", "/dist/v2-alpha/providers", "/tests/compliance/fixtures/providers"]
        let outcome = ManifestValidation(spec: spec).run(paths: folders.map { upstream + $0 })
        let syntaxErrors = outcome.report.files.flatMap(\.diagnostics).filter {
            $0.message.hasPrefix("invalid expression") || $0.message.hasPrefix("invalid path")
        }
        #expect(syntaxErrors.isEmpty)
    }
}
