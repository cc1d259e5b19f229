import Foundation
import Testing

/// The build plugin and the command plugin as a user meets them: on a copy of
/// `Examples/CustomProvider` (its dependency on this package made absolute), built with
/// `swift build` into the example's own build folder, so that only the example's target is
/// compiled again. `bash .ci/test.sh` builds and tests the example itself first.
@Suite("The plugins on the example package", .serialized)
struct ExamplePackageTests {
    /// This package's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let example = root.appendingPathComponent("Examples/CustomProvider")
    static let scratch = example.appendingPathComponent(".build")

    /// A fresh copy of the example in a temporary folder, named `name` (its package identity).
    private func copyOfTheExample(named name: String) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-test-\(UUID().uuidString)")
        let copy = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Tests"] {
            try FileManager.default.copyItem(
                at: Self.example.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let manifest = copy.appendingPathComponent("Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: #"path: "../..""#, with: "path: \"\(Self.root.path)\"")
            .write(to: manifest, atomically: true, encoding: .utf8)
        return copy
    }

    /// Runs `swift ARGUMENTS` in `folder`; its exit status and everything it printed.
    private func swift(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift"] + arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private func build(_ folder: URL) throws -> (status: Int32, output: String) {
        try swift(["build", "--scratch-path", Self.scratch.path], in: folder)
    }

    private func edit(_ file: URL, replacing old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "\(file.lastPathComponent) no longer contains \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aNewModelAppearsAndABrokenManifestFailsAtItsLine() throws {
        let copy = try copyOfTheExample(named: "PluginExampleCopy")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let sources = copy.appendingPathComponent("Sources/AcmeGateway")

        let first = try build(copy)
        #expect(first.status == 0, "\(first.output)")

        try edit(
            sources.appendingPathComponent("acme.models.yaml"), replacing: #"  "acme-chat-small":"#,
            with: """
                  "acme-chat-tiny":
                    display_name: Acme Chat Tiny
                    context_window: 8192
                    capabilities: [text]
                    status: active
                  "acme-chat-small":
                """)
        let second = try build(copy)
        #expect(second.status == 0, "\(second.output)")
        let generated = Self.scratch.appendingPathComponent(
            "plugins/outputs/pluginexamplecopy/AcmeGateway/destination/ProtocolCompilerPlugin/GeneratedProviders/acme.provider.swift"
        )
        let code = try String(contentsOf: generated, encoding: .utf8)
        #expect(code.contains(#"public static let acmeChatTiny = Model("acme-chat-tiny")"#))

        let manifest = sources.appendingPathComponent("acme.provider.yaml")
        try edit(
            manifest, replacing: "    - match: $.choices[0].delta.content\n",
            with: "    - match: \"$.choices[0].delta.content = 1\"\n")
        let broken = try build(copy)
        #expect(broken.status != 0)
        let line = try String(contentsOf: manifest, encoding: .utf8).components(separatedBy: "\n")
            .firstIndex { $0.contains("content = 1") }.map { $0 + 1 }
        #expect(line != nil)
        // The manifest's path, line and column, as compilers write them, which SwiftPM and
        // editors show at the place.
        #expect(
            broken.output.contains("\(manifest.path):\(line ?? 0):42: error: invalid expression: use '==' to compare"),
            "\(broken.output)")
    }

    @Test func theCommandPluginWritesSourcesThatTheBuildPluginThenRefuses() throws {
        let copy = try copyOfTheExample(named: "PluginCommandCopy")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let generate = try swift(
            [
                "package", "--scratch-path", Self.scratch.path, "--allow-writing-to-package-directory",
                "generate-providers", "--target", "AcmeGateway",
            ], in: copy)
        #expect(generate.status == 0, "\(generate.output)")
        let folder = copy.appendingPathComponent("Sources/AcmeGateway/Generated")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == ["AcmeProviders.swift", "acme.provider.swift", "ollama.swift"])

        // The target still applies the build plugin: the same types twice.
        let both = try build(copy)
        #expect(both.status != 0)
        #expect(both.output.contains("use one of the two"), "\(both.output)")
    }
}
