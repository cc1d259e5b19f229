import Foundation
import LocatedYAML
import Testing

@testable import ProtocolCompiler

/// Generated code compiles, warnings treated as errors, in the settings users have: Swift 6
/// language mode with complete strict concurrency, `.defaultIsolation(MainActor.self)` and
/// `InternalImportsByDefault`. What is compiled: the bundled providers under those settings,
/// every upstream manifest that validates, and manifests written to break the generator.
///
/// The test writes a package into a temporary folder (its manifest is below), generates into
/// it, and runs `swift build` on it once. It takes a few minutes: the package builds the runtime
/// and its dependencies from scratch.
@Suite("Generated code compiles", .serialized)
struct GeneratedCodeCompilesTests {
    @Test func generatedCodeCompilesInUsersSettings() async throws {
        let package = FileManager.default.temporaryDirectory.appendingPathComponent(
            "generated-code-compiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: package) }
        let spec = try SpecBundle(directory: TestPaths.spec, strict: false)
        var targets: [String: [GeneratedFile]] = [:]

        // The bundled providers, as committed.
        targets["BundledProviders"] = try generatedFiles(CodeGenerator(spec: spec).generate(paths: [TestPaths.spec]))

        // Manifests written to break the generator: quotes, interpolation, keywords, digits.
        let hostile = CodeGenerator(spec: spec).generate(paths: [TestPaths.manifests + "/hostile"])
        targets["HostileProviders"] = try generatedFiles(hostile)
        let hostileSource = hostile.files.map(\.contents).joined()
        #expect(hostileSource.contains(##"displayName: "protocol \"\"\" */ #\"raw\"# \\(exit(1))""##))

        // Every upstream manifest that validates, in groups whose type names do not collide.
        if let upstream = TestPaths.upstream {
            var groups: [[String]] = []
            var names: [Set<String>] = []
            let folders = ["/v2/providers", "/dist/v2-alpha/providers", "/tests/compliance/fixtures/providers"]
            for manifest in InputFiles.expand(folders.map { upstream + $0 }) {
                let outcome = CodeGenerator(spec: spec).generate(paths: [manifest])
                guard outcome.validation.report.errorCount == 0,
                    let file = outcome.files.first(where: {
                        $0.path.hasPrefix("AIProviders/") && !$0.path.hasSuffix("ProviderRegistry.swift")
                    })
                else { continue }
                // Neither the provider id nor the Swift type may repeat within a group.
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
            #expect(groups.flatMap { $0 }.count >= 20, "most upstream manifests validate and generate")
            for (position, group) in groups.enumerated() {
                targets["UpstreamProviders\(position + 1)"] = try generatedFiles(
                    CodeGenerator(spec: spec).generate(paths: group))
            }
        }

        try writePackage(at: package, targets: targets)
        let (status, output) = try await run(
            "/usr/bin/env",
            ["swift", "build", "--package-path", package.path, "--scratch-path", package.path + "/.build"])
        // Each problem once, without the compiler's source excerpts; warnings of the generated
        // code only (dependencies such as AsyncHTTPClient have their own).
        var problems: [Substring] = []
        for line in output.split(separator: "\n")
        where (line.contains("error:") || (line.contains("warning:") && line.contains(package.path)))
            && !line.hasPrefix(" ") && !problems.contains(line)
        {
            problems.append(line)
        }
        #expect(status == 0, "swift build failed:\n\(problems.prefix(40).joined(separator: "\n"))")
        #expect(problems.isEmpty, "\(problems.prefix(40).joined(separator: "\n"))")
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
        let messages = outcome.diagnostics.map(\.message)
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
        let problems = outcome.diagnostics + outcome.validation.report.files.flatMap(\.diagnostics)
        try #require(
            !files.isEmpty,
            "nothing generated: \(problems.filter { $0.severity == .error }.map { "\($0.path): \($0.message)" })")
        return files
    }

    private func writePackage(at package: URL, targets: [String: [GeneratedFile]]) throws {
        let names = targets.keys.sorted()
        let declarations = names.map { name in
            """
                    .target(
                        name: "\(name)",
                        dependencies: [.product(name: "AIProtocol", package: "ai-protocol-swift")],
                        swiftSettings: settings
                    ),
            """
        }
        let manifest = """
            // swift-tools-version: 6.2
            import PackageDescription

            let settings: [SwiftSetting] = [
                .defaultIsolation(MainActor.self),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .unsafeFlags(["-warnings-as-errors"]),
            ]

            let package = Package(
                name: "GeneratedCodeCompiles",
                dependencies: [.package(name: "ai-protocol-swift", path: "\(TestPaths.packageRoot.path)")],
                targets: [
            \(declarations.joined(separator: "\n"))
                ]
            )

            """
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try manifest.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        for (name, files) in targets {
            let folder = package.appendingPathComponent("Sources/\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let fileName = (file.path as NSString).lastPathComponent
                try file.contents.write(to: folder.appendingPathComponent(fileName), atomically: true, encoding: .utf8)
            }
        }
    }

    /// Runs a command without blocking a thread of the concurrency pool for the minutes the
    /// build takes (other tests need those threads).
    private func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("build-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }
}
