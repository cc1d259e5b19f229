import Foundation
import LocatedYAML
import TestPrerequisites
import Testing

@testable import ProtocolCompiler

/// Generated code compiles, warnings treated as errors, in the settings users have: Swift 6
/// language mode with complete strict concurrency, `.defaultIsolation(MainActor.self)` and
/// `InternalImportsByDefault`. What is compiled: the bundled providers under those settings,
/// every upstream manifest that validates, and manifests written to break the generator.
///
/// Each set is compiled as a module of its own against this build's runtime
/// (`SwiftModuleCompiler`), so nothing is resolved or rebuilt.
@Suite("Generated code compiles", .serialized, .timeLimit(.minutes(10)))
struct GeneratedCodeCompilesTests {
    @Test func bundledAndHostileProvidersCompile() async throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        var modules: [String: [GeneratedFile]] = [:]

        // The bundled providers, as committed.
        modules["BundledProviders"] = try generatedFiles(CodeGenerator(spec: spec).generate(paths: [TestPaths.spec]))

        // Manifests written to break the generator: quotes, interpolation, keywords, digits.
        let hostile = CodeGenerator(spec: spec).generate(paths: [TestPaths.manifests + "/hostile"])
        modules["HostileProviders"] = try generatedFiles(hostile)
        let hostileSource = hostile.files.map(\.contents).joined()
        #expect(hostileSource.contains(##"displayName: "protocol \"\"\" */ #\"raw\"# \\(exit(1))""##))

        try await expectCompiles(modules)
    }

    /// Every real upstream manifest (v1 and v2) and compliance fixture either generates Swift
    /// that compiles, or generation refuses it with an error that says why, before Swift would.
    @Test(.requires(.sharedUpstream))
    func upstreamManifestsCompileOrAreRefusedWithAReason() async throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        // Groups whose provider ids and Swift types do not collide, compiled as one module each.
        var groups: [[String]] = []
        var names: [Set<String>] = []
        var refused: [String] = []
        let folders = [
            "/v1/providers", "/v2/providers", "/dist/v2-alpha/providers", "/tests/compliance/fixtures/providers",
        ]
        let manifests = InputFiles.expand(folders.map { TestPaths.upstream + $0 })
        for manifest in manifests {
            let outcome = CodeGenerator(spec: spec).generate(paths: [manifest])
            guard
                let file = outcome.files.first(where: {
                    $0.path.hasPrefix("AIProviders/") && !$0.path.hasSuffix("ProviderRegistry.swift")
                })
            else {
                #expect(outcome.report.errorCount > 0, "\(manifest) generated nothing and said no error")
                refused.append((manifest as NSString).lastPathComponent)
                continue
            }
            let data = try #require(FileManager.default.contents(atPath: manifest))
            let id = try YAMLReader().read([UInt8](data)).first?.root["id"]?.string ?? manifest
            let keys: Set<String> = [file.path, "id:" + id]
            if let group = names.firstIndex(where: { $0.isDisjoint(with: keys) }) {
                groups[group].append(manifest)
                names[group].formUnion(keys)
            } else {
                groups.append([manifest])
                names.append(keys)
            }
        }
        let generated = groups.flatMap { $0 }.count
        print(
            "upstream manifests: \(manifests.count), generated and compiled: \(generated), refused: \(refused.sorted())"
        )
        #expect(generated + refused.count == manifests.count)
        var modules: [String: [GeneratedFile]] = [:]
        for (position, group) in groups.enumerated() {
            modules["UpstreamProviders\(position + 1)"] = try generatedFiles(
                CodeGenerator(spec: spec).generate(paths: group))
        }
        try await expectCompiles(modules)
    }

    /// The check itself can fail: an error and a warning in a module are both reported, and the
    /// runtime is found (so a clean module compiles).
    @Test func theCompilerReportsErrorsAndWarnings() async throws {
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compiler-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = try await compiler.compile(
            module: "Clean", files: [("Clean.swift", "public import AIProtocol\npublic let usage = Usage()\n")],
            in: folder)
        #expect(clean.status == 0, "\(clean.output)")
        let broken = try await compiler.compile(
            module: "Broken",
            files: [("Broken.swift", "public func f() {\n    var unused = 1\n}\npublic let x: Int = \"text\"\n")],
            in: folder)
        #expect(broken.status != 0)
        #expect(broken.problems.contains { $0.contains("error: cannot convert value of type 'String'") })
        #expect(broken.problems.contains { $0.contains("never used") })
    }

    /// Compiles each module and records every error and warning of the generated code.
    private func expectCompiles(_ modules: [String: [GeneratedFile]]) async throws {
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "generated-code-compiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in modules.keys.sorted() {
            let files = modules[name]!.map { (name: ($0.path as NSString).lastPathComponent, contents: $0.contents) }
            let result = try await compiler.compile(module: name, files: files, in: folder)
            let problems = result.problems
            #expect(
                result.status == 0,
                "\(name) does not compile:\n\(problems.prefix(40).joined(separator: "\n"))\n\(result.output.prefix(problems.isEmpty ? 4000 : 0))"
            )
            #expect(problems.isEmpty, "\(name):\n\(problems.prefix(40).joined(separator: "\n"))")
        }
    }

    @Test func collidingNamesAreDiagnosed() throws {
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collisions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = try String(contentsOfFile: TestPaths.manifests + "/valid/provider-minimal.yaml", encoding: .utf8)
        try manifest.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try manifest.replacingOccurrences(of: "id: example", with: "id: example-")
            .write(to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "provider: example\nmodels:\n  \"gpt-4.1\": {context_window: 1}\n  \"gpt_4_1\": {context_window: 2}\n"
            .write(to: folder.appendingPathComponent("models.yaml"), atomically: true, encoding: .utf8)
        let outcome = CodeGenerator(spec: spec).generate(paths: [folder.path])
        #expect(outcome.files.isEmpty)
        let messages = outcome.report.files.flatMap(\.diagnostics).map(\.message)
        #expect(
            messages.contains(
                "model ids \"gpt-4.1\" and \"gpt_4_1\" both become the Swift name gpt4_1; rename one"))
        #expect(
            messages.contains(
                "provider \"example-\" becomes the Swift type Example, which another provider already is"))
    }

    /// The provider files of an outcome (the vocabulary is the main package's).
    private func generatedFiles(_ outcome: CodeGenerator.Outcome) throws -> [GeneratedFile] {
        let files = outcome.files.filter { $0.path.hasPrefix("AIProviders/") }
        let problems = outcome.report.files.flatMap(\.diagnostics)
        try #require(
            !files.isEmpty,
            "nothing generated: \(problems.filter { $0.severity == .error }.map { "\($0.path): \($0.message)" })")
        return files
    }
}
