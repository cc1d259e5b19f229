import AIProtocol
import ComplianceOperations
import Foundation
import ProtocolCompiler
import TestPrerequisites

/// The driver executable: the case manifests compiled by `protocolc`'s generator into one Swift
/// module with `ComplianceDriver`'s entry point, linked with the runtime as a user's program is.
struct ComplianceDriverBuild {
    /// Why a manifest has no provider in the driver, by provider id.
    var refused: [String: String] = [:]
    let executable: URL

    /// Generates, compiles and links; a manifest that does not generate is left out, with the
    /// compiler's diagnostics as the reason.
    static func build(_ manifests: [CaseManifests.Manifest], spec: String, in folder: URL) async throws
        -> ComplianceDriverBuild
    {
        let generator = CodeGenerator(spec: try SpecBundle(directory: spec, strict: false))
        let options = GenerationOptions(providersOnly: true, accessLevel: .internal)
        var refused: [String: String] = [:]
        var accepted: [CaseManifests.Manifest] = []
        for manifest in manifests {
            let outcome = generator.generate(paths: [manifest.path], options: options)
            let errors = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
            if errors.isEmpty {
                accepted.append(manifest)
            } else {
                let renderer = DiagnosticRenderer(sources: outcome.sources)
                refused[manifest.id] = errors.map(renderer.render).joined()
            }
        }
        let outcome = generator.generate(paths: accepted.map(\.path), options: options)
        guard outcome.report.errorCount == 0 else {
            throw SuiteError(
                "the case manifests that generate alone do not generate together: \(outcome.report.summary)")
        }
        let main = """
            import ComplianceOperations

            @main struct ComplianceDriverMain {
                static func main() async {
                    await ComplianceDriver.main { ProviderRegistry.provider(id: $0) }
                }
            }

            """
        let files = outcome.files.map { (name: $0.path, contents: $0.contents) } + [("main.swift", main)]
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let compiled = try await compiler.compile(module: "ComplianceDriver", files: files, in: folder)
        guard compiled.status == 0 else {
            throw SuiteError("the driver does not compile:\n" + compiled.problems.joined(separator: "\n"))
        }
        let executable = folder.appendingPathComponent("compliance-driver")
        let linked = try await compiler.linkExecutable(
            folder.appendingPathComponent("ComplianceDriver.o"), output: executable)
        guard linked.status == 0 else { throw SuiteError("the driver does not link:\n" + linked.output) }
        return ComplianceDriverBuild(refused: refused, executable: executable)
    }

    /// Runs the requests in the driver; the outputs by request key.
    func run(_ requests: [ComplianceRequest], in folder: URL) async throws -> [String: JSONValue] {
        let input = folder.appendingPathComponent("requests.json")
        let output = folder.appendingPathComponent("results.json")
        try JSONEncoder().encode(requests).write(to: input)
        let run = try await SwiftModuleCompiler.run(executable.path, [input.path, output.path])
        guard run.status == 0 else {
            throw SuiteError("the driver exited with status \(run.status):\n\(run.output)")
        }
        let results = try JSONDecoder().decode([ComplianceResult].self, from: Data(contentsOf: output))
        return Dictionary(results.map { ($0.key, $0.output) }) { first, _ in first }
    }
}
