import Foundation
import LocatedYAML
import Testing

@testable import ProtocolCompiler

@Suite("The bundled spec")
struct BundledSpecTests {
    /// No error, warning or note under `--strict`; remarks (parts the runtime has no use for,
    /// such as a rerank endpoint) are allowed.
    @Test func everyBundledFilePassesStrict() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: true)
        let outcome = ManifestValidation(spec: spec).run(paths: [TestPaths.spec])
        let renderer = DiagnosticRenderer(sources: outcome.sources)
        let problems = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity != .remark }
        #expect(problems.isEmpty, "\(problems.map(renderer.render).joined())")
        let counts = try #require(outcome.report.manifestCounts)
        #expect(counts.providers >= 30)
        #expect(counts.models >= 100)
    }

    @Test func theSupportMatrixIsCovered() throws {
        let required = [
            "openai", "anthropic", "gemini", "groq", "mistral", "cohere", "perplexity", "qwen", "deepseek", "zhipu",
            "moonshot", "ollama", "vllm", "localai", "together", "fireworks", "deepinfra",
        ]
        var ids: Set<String> = []
        for path in InputFiles.expand([TestPaths.spec + "/providers"]) {
            let data = try #require(FileManager.default.contents(atPath: path))
            let root = try YAMLReader().read([UInt8](data))[0].root
            ids.insert(try #require(root["id"]?.string))
        }
        #expect(Set(required).subtracting(ids).isEmpty)
    }

    @Test func selfHostedProvidersTakeTheirBaseURLFromTheEnvironment() throws {
        for id in ["ollama", "vllm", "localai"] {
            let data = try #require(FileManager.default.contents(atPath: TestPaths.spec + "/providers/\(id).yaml"))
            let root = try YAMLReader().read([UInt8](data))[0].root
            let baseURL = try #require(root["endpoint"]?["base_url"]?.string)
            #expect(baseURL.hasPrefix("${\(id.uppercased())_BASE_URL:-http://localhost:"))
        }
    }

    @Test func validFixturesPassStrict() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: true)
        let outcome = ManifestValidation(spec: spec).run(paths: [TestPaths.manifests + "/valid"])
        let renderer = DiagnosticRenderer(sources: outcome.sources)
        let problems = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity != .remark }
        #expect(outcome.report.files.count == 2)
        #expect(problems.isEmpty, "\(problems.map(renderer.render).joined())")
    }

    @Test func kindsAreRecognisedFromContent() throws {
        func kind(_ text: String) throws -> DocumentKind? {
            DocumentKind.recognise(try YAMLReader().read(text)[0].root)
        }
        #expect(try kind("id: a\nprotocol_version: \"2.0\"\n") == .providerV2)
        #expect(try kind("id: a\nprotocol_version: 2.0\n") == .providerV2)
        #expect(try kind("id: a\nprotocol_version: \"1.5\"\n") == .providerV1)
        #expect(try kind("id: a\n") == .providerV1)
        #expect(try kind("models: {}\n") == .modelRegistry)
        #expect(try kind("vocabulary: roles\n") == .vocabulary)
        #expect(try kind("$schema: https://json-schema.org/draft/2020-12/schema\n") == .jsonSchema)
        #expect(try kind("- a\n") == nil)
    }
}
