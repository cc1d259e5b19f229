import Foundation
import Testing

/// Compiles generated Swift as a module of its own against the root package's build products,
/// with the settings users have: Swift 6 language mode, `.defaultIsolation(MainActor.self)`,
/// `InternalImportsByDefault`, and warnings as errors.
///
/// The search paths and C module maps come from the command SwiftPM used for the `AIProviders`
/// module in this very build (its llbuild manifest, `<scratch>/<configuration>.yaml`), so nothing
/// is resolved or built again: the runtime and its dependencies are the ones the tests run.
struct SwiftModuleCompiler {
    /// The compiler SwiftPM used.
    let swiftc: String
    /// Search paths, C module maps and the target, as SwiftPM passed them.
    let searchArguments: [String]

    /// What a compilation printed, and whether it succeeded.
    struct Result {
        var status: Int32
        var output: String
        /// Each error and warning once, without the compiler's source excerpts.
        var problems: [String] {
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
    static func fromCurrentBuild() throws -> SwiftModuleCompiler {
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
        return SwiftModuleCompiler(swiftc: swiftc, searchArguments: search)
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
    func compile(module name: String, files: [(name: String, contents: String)], in folder: URL) async throws
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

    /// Runs a command without blocking a thread of the concurrency pool for as long as it takes
    /// (other tests need those threads).
    private static func run(_ executable: String, _ arguments: [String]) async throws -> Result {
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

struct CompilerSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
