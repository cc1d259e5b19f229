import Foundation
import PackagePlugin

/// What both plugins read from a target: its provider manifests and model registries, found by
/// their file names, and its optional configuration file, `ai-protocol.json`.
///
/// - `*.provider.yaml` (or `.yml`): a provider manifest; its Swift file is named after it
///   (`acme.provider.yaml` gives `acme.provider.swift`).
/// - `*.models.yaml` (or `.yml`): a model registry for one of the providers.
/// - `ai-protocol.json`: options, every one optional:
///   `{"accessLevel": "internal", "bundledProviders": ["openai"], "imports": ["Foundation"],
///   "registryName": "AcmeProviders"}`.
struct ProviderSources {
    /// The configuration file's options.
    struct Configuration: Decodable {
        /// The access level of generated declarations: `public`, `package` or `internal`
        /// (default `public`).
        var accessLevel: String?
        /// Ids of providers bundled with this package (`spec/providers/`) to compile into the
        /// target too, with their models.
        var bundledProviders: [String]?
        /// Modules every generated provider file imports besides `AIProtocol`.
        var imports: [String]?
        /// The registry type's name (default `ProviderRegistry`).
        var registryName: String?
    }

    static let configurationFileName = "ai-protocol.json"

    /// The provider manifests: the target's, then the bundled ones the configuration asks for.
    var providers: [URL]
    /// The model registries, the target's and the bundled providers'.
    var registries: [URL]
    /// Every file `protocolc` reads.
    var manifests: [URL] { providers + registries }
    /// The configuration file, when the target has one.
    var configurationFile: URL?
    /// Its options (all defaults without a file).
    var configuration: Configuration
    /// The spec folder whose schemas and vocabulary apply: this package's `spec/`.
    var spec: URL

    /// Reads `files` (a target's files) and the configuration, and adds the bundled providers
    /// it asks for from `spec`.
    init(files: [URL], spec: URL, targetName: String) throws {
        self.spec = spec
        let files = files.sorted { $0.path < $1.path }
        providers = files.filter { Self.hasSuffix($0, [".provider.yaml", ".provider.yml"]) }
        registries = files.filter { Self.hasSuffix($0, [".models.yaml", ".models.yml"]) }
        configurationFile = files.first { $0.lastPathComponent == Self.configurationFileName }
        if let configurationFile {
            do {
                configuration = try JSONDecoder().decode(Configuration.self, from: Data(contentsOf: configurationFile))
            } catch {
                throw PluginFailure("\(configurationFile.path): not a valid configuration: \(error)")
            }
        } else {
            configuration = Configuration()
        }
        if let level = configuration.accessLevel, !["public", "package", "internal"].contains(level) {
            throw PluginFailure(
                "\(Self.configurationFileName) of \(targetName): accessLevel is \"\(level)\"; use public, package or internal"
            )
        }
        for id in configuration.bundledProviders ?? [] {
            let provider = spec.appendingPathComponent("providers/\(id).yaml")
            guard FileManager.default.fileExists(atPath: provider.path) else {
                throw PluginFailure(
                    "\(Self.configurationFileName) of \(targetName): no bundled provider \"\(id)\" (spec/providers/\(id).yaml)"
                )
            }
            providers.append(provider)
            let models = spec.appendingPathComponent("models/\(id).yaml")
            if FileManager.default.fileExists(atPath: models.path) { registries.append(models) }
        }
        guard !providers.isEmpty else {
            throw PluginFailure(
                "target \(targetName) has no provider manifest: name one *.provider.yaml, or list bundledProviders in \(Self.configurationFileName)"
            )
        }
    }

    private static func hasSuffix(_ file: URL, _ suffixes: [String]) -> Bool {
        suffixes.contains { file.lastPathComponent.hasSuffix($0) }
    }

    /// The files `protocolc generate --providers-only` writes: one per provider manifest, named
    /// after it, and the registry.
    var outputFileNames: [String] {
        providers.map { file in
            var name = file.lastPathComponent
            for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
                name.removeLast(suffix.count)
                break
            }
            return name + ".swift"
        } + ["\(configuration.registryName ?? "ProviderRegistry").swift"]
    }

    /// The arguments of `protocolc` that generate into `output`.
    func generateArguments(output: URL) -> [String] {
        var arguments = ["generate", "--providers-only", "--output", output.path, "--spec", spec.path]
        if let level = configuration.accessLevel { arguments += ["--access-level", level] }
        for module in configuration.imports ?? [] { arguments += ["--import", module] }
        if let name = configuration.registryName { arguments += ["--registry-name", name] }
        return arguments + manifests.map(\.path)
    }

    /// The `spec/` folder of this package, ai-protocol-swift: the package itself, or the
    /// dependency (at any depth) that has it.
    static func specDirectory(of package: Package) throws -> URL {
        var queue = [package]
        var seen: Set<String> = []
        while !queue.isEmpty {
            let candidate = queue.removeFirst()
            guard seen.insert(candidate.id).inserted else { continue }
            let spec = candidate.directoryURL.appendingPathComponent("spec")
            if FileManager.default.fileExists(atPath: spec.appendingPathComponent("schemas/provider-v2.json").path) {
                return spec
            }
            queue += candidate.dependencies.map(\.package)
        }
        throw PluginFailure("cannot find ai-protocol-swift's spec/ folder among the package's dependencies")
    }

    /// Generated Swift files of `files` that `protocolc` wrote (they start with its marker).
    static func generatedSwiftFiles(among files: [URL]) -> [URL] {
        files.filter { file in
            guard file.pathExtension == "swift", let handle = try? FileHandle(forReadingFrom: file) else {
                return false
            }
            defer { try? handle.close() }
            let start = (try? handle.read(upToCount: 32)) ?? Data()
            return String(decoding: start, as: UTF8.self).hasPrefix("// Generated by protocolc")
        }
    }
}

/// A plugin failure, in words.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
