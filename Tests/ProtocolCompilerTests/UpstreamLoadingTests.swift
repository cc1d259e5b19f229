import Foundation
import TestPrerequisites
import Testing

@testable import ProtocolCompiler

/// Upstream manifests load as the spec's decisions say (spec/README.md D1–D3, D11). The
/// compliance suite's own loading cases run with the rest of the suite (`ComplianceTests`).
@Suite("Upstream manifests load", .requires(.sharedUpstream))
struct UpstreamLoadingTests {
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

    /// Every real upstream manifest and model file (v1 and v2, and the v2-alpha distribution)
    /// loads in lenient mode: values outside the vocabulary are warnings, the endpoint forms
    /// upstream uses are accepted.
    @Test(arguments: ["/v1/providers", "/v1/models", "/v2/providers", "/dist/v2-alpha/providers"])
    func everyRealUpstreamFileLoads(_ folder: String) throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let files = InputFiles.expand([TestPaths.upstream + folder])
        #expect(!files.isEmpty)
        for file in files {
            let outcome = ManifestValidation(spec: spec).run(paths: [file])
            let renderer = DiagnosticRenderer(sources: outcome.sources)
            let errors = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(errors.map(renderer.render).joined())")
        }
    }

    /// D11: a v1 and a v2 manifest may describe the same provider; upstream's whole `v1/` and
    /// `v2/` (manifests, model files, the specification, provider contracts) check at once.
    @Test func upstreamV1AndV2TogetherHaveNoError() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let outcome = ManifestValidation(spec: spec).run(paths: [
            TestPaths.upstream + "/v1", TestPaths.upstream + "/v2",
        ])
        let renderer = DiagnosticRenderer(sources: outcome.sources)
        let errors = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(renderer.render).joined())")
        let counts = try #require(outcome.report.manifestCounts)
        #expect(counts.providers == 25)
        #expect(counts.models >= 90)
    }

    /// D12: upstream v1 adapters this runtime has no wire shape for are refused by name.
    @Test(arguments: ["ai21.yaml": "ai21_chat", "huggingface.yaml": "huggingface", "sensenova.yaml": "sensenova"])
    func unknownAdaptersAreRefused(_ file: String, _ adapter: String) throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let outcome = CodeGenerator(spec: spec).generate(paths: [TestPaths.upstream + "/v1/providers/" + file])
        #expect(outcome.files.isEmpty)
        let messages = outcome.report.files.flatMap(\.diagnostics).map(\.message)
        #expect(messages.contains { $0.hasPrefix("unknown payload format \"\(adapter)\"") })
        #expect(messages.contains { $0.contains("cannot be generated: the payload format of its requests is unknown") })
    }
}
