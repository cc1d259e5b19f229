import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-providers [--target T]...`:
/// regenerates committed sources. Without `--target`, in ai-protocol-swift itself, this
/// package's `Generated/` from `spec/` (`protocolc generate`); with `--target T`, the target's
/// `Generated/` folder from its manifests and `ai-protocol.json`, as the build plugin would
/// compile them (see `ProviderSources`). Extra arguments after `--` go to `protocolc` (such as
/// `--strict`).
@main
struct GenerateProviders: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let passThrough = extractor.remainingArguments.filter { $0 != "--" }
        let protocolc = try context.tool(named: "protocolc").url
        if targetNames.isEmpty {
            let spec = context.package.directoryURL.appendingPathComponent("spec")
            guard FileManager.default.fileExists(atPath: spec.appendingPathComponent("schemas/provider-v2.json").path)
            else {
                throw PluginFailure("this package has no spec/ of its own: name the target to generate with --target")
            }
            try run(
                protocolc,
                [
                    "generate", "--spec", spec.path, "--output",
                    context.package.directoryURL.appendingPathComponent("Generated").path,
                ]
                    + passThrough + [spec.path])
            return
        }
        let spec = try ProviderSources.specDirectory(of: context.package)
        for target in try context.package.targets(named: targetNames) {
            guard let target = target as? SourceModuleTarget else {
                throw PluginFailure("target \(target.name) has no sources to generate into")
            }
            let sources = try ProviderSources(files: target.sourceFiles.map(\.url), spec: spec, targetName: target.name)
            let output = target.directoryURL.appendingPathComponent("Generated")
            try run(protocolc, sources.generateArguments(output: output) + passThrough)
            print("generated the providers of \(target.name) into \(output.path)")
        }
    }

    /// Runs `protocolc`, its output passed through; a failure names its exit status.
    private func run(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PluginFailure("protocolc \(arguments.first ?? "") failed (exit status \(process.terminationStatus))")
        }
    }
}
