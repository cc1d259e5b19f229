import Foundation

/// Compiles generated Swift as a module of its own against the root package's build products,
/// with the settings users have: Swift 6 language mode, `.defaultIsolation(MainActor.self)`,
/// `InternalImportsByDefault`, and warnings as errors.
///
/// The search paths and C module maps come from the command SwiftPM used for the `AIProviders`
/// module in this very build (its llbuild manifest, `<scratch>/<configuration>.yaml`), so nothing
/// is resolved or built again: the runtime and its dependencies are the ones the tests run.
public struct SwiftModuleCompiler: Sendable {
    /// The compiler SwiftPM used.
    public let swiftc: String
    /// Search paths, C module maps and the target, as SwiftPM passed them.
    public let searchArguments: [String]
    /// The llbuild manifest of the build, which also holds the test bundle's link command.
    let buildManifest: String

    /// What a compilation printed, and whether it succeeded.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        /// Each error and warning once, without the compiler's source excerpts.
        public var problems: [String] {
            var seen: [String] = []
            for line in output.split(separator: "\n").map(String.init)
            where (line.contains("error:") || line.contains("warning:")) && !line.hasPrefix(" ") && !seen.contains(line)
            {
                seen.append(line)
            }
            return seen
        }
    }

    /// Reads the flags of the `AIProviders` module from the build that produced this test bundle.
    public static func fromCurrentBuild() throws -> SwiftModuleCompiler {
        let manifest = try buildManifestPath()
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        // "C.AIProviders-<triple>-<configuration>.module": … args: [ … ] on one line.
        guard let command = text.range(of: "\"C.AIProviders-"),
            let argsStart = text.range(of: "args: [", range: command.upperBound..<text.endIndex),
            let lineEnd = text[argsStart.upperBound...].firstIndex(of: "\n")
        else {
            throw CompilerSetupError("no compile command of AIProviders in \(manifest)")
        }
        let json = "[" + text[argsStart.upperBound..<lineEnd]
        let arguments = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        guard let swiftc = arguments.first else { throw CompilerSetupError("empty compile command in \(manifest)") }
        // Flags that locate modules; everything else (outputs, incremental state) is per module.
        let kept: Set<String> = ["-I", "-Xcc", "-target", "-sdk", "-module-cache-path", "-F"]
        var search: [String] = []
        var index = 1
        while index < arguments.count {
            if kept.contains(arguments[index]), index + 1 < arguments.count {
                search += [arguments[index], arguments[index + 1]]
                index += 2
            } else {
                index += 1
            }
        }
        return SwiftModuleCompiler(swiftc: swiftc, searchArguments: search, buildManifest: manifest)
    }

    /// `<scratch>/<configuration>.yaml`, from the test bundle's place in
    /// `<scratch>/<triple>/<configuration>/`.
    private static func buildManifestPath() throws -> String {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let configuration = bundleFolder.lastPathComponent
        var folder = bundleFolder
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent(configuration + ".yaml").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw CompilerSetupError("no llbuild manifest \(configuration).yaml above \(bundleFolder.path)")
    }

    /// Compiles `files` (name → contents) as the module `name`; writes into `folder`.
    public func compile(module name: String, files: [(name: String, contents: String)], in folder: URL) async throws
        -> Result
    {
        let sources = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        var paths: [String] = []
        for file in files {
            let url = sources.appendingPathComponent(file.name)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let arguments =
            [
                "-module-name", name, "-parse-as-library", "-c", "-whole-module-optimization", "-Onone",
                "-o", folder.appendingPathComponent(name + ".o").path,
                "-swift-version", "6", "-default-isolation", "MainActor",
                "-enable-upcoming-feature", "InternalImportsByDefault", "-warnings-as-errors",
            ] + searchArguments + paths
        return try await Self.run(swiftc, arguments)
    }

    /// Links `object` (a module compiled by `compile`, with an `@main` type) into an executable,
    /// with the library modules this test bundle was linked with: the command and the object
    /// list are the bundle's own, less the test targets' objects and the bundle's output.
    public func linkExecutable(_ object: URL, output: URL) async throws -> Result {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let text = try String(contentsOfFile: buildManifest, encoding: .utf8)
        guard let outputFlag = text.range(of: "\"-o\",\"\(bundle)\""),
            let lineStart = text[..<outputFlag.lowerBound].range(of: "args: [", options: .backwards),
            let lineEnd = text[outputFlag.upperBound...].firstIndex(of: "\n")
        else {
            throw CompilerSetupError("no link command of \(bundle) in \(buildManifest)")
        }
        let arguments = try JSONDecoder().decode(
            [String].self, from: Data(("[" + text[lineStart.upperBound..<lineEnd]).utf8))
        var command: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-o" || argument == "-module-name" {
                index += 2
            } else if argument == "-Xlinker", index + 1 < arguments.count, arguments[index + 1] == "--defsym" {
                index += 4  // -Xlinker --defsym -Xlinker main=<bundle's entry point>
            } else if argument.hasPrefix("@") {
                let list = try String(contentsOfFile: String(argument.dropFirst()), encoding: .utf8)
                let libraries = list.split(separator: "\n").filter { !Self.isTestObject(String($0)) }
                let filtered = output.deletingLastPathComponent().appendingPathComponent("objects.list")
                try (libraries.joined(separator: "\n") + "\n").write(to: filtered, atomically: true, encoding: .utf8)
                command.append("@" + filtered.path)
                index += 1
            } else {
                command.append(argument)
                index += 1
            }
        }
        return try await Self.run(swiftc, command + ["-o", output.path, object.path])
    }

    /// An object of a test target or of the test bundle's generated entry point, which an
    /// executable of its own must not link.
    private static func isTestObject(_ path: String) -> Bool {
        let module = path.split(separator: "/").dropLast().last ?? ""
        return module.hasSuffix("Tests.build") || module == "TestPrerequisites.build"
            || module.hasPrefix("ai_protocol_swiftPackage")
    }

    /// Runs a command without blocking a thread of the concurrency pool for as long as it takes
    /// (other tests need those threads).
    public static func run(_ executable: String, _ arguments: [String]) async throws -> Result {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("swiftc-\(UUID().uuidString).log")
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
        return Result(status: status, output: String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }
}

public struct CompilerSetupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
