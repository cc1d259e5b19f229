/// How generated code is laid out and declared: the package's own `Generated/` (the vocabulary
/// module and `AIProviders`), or a user's target, where the SwiftPM plugins put only that
/// target's providers and their registry, importing the vocabulary and runtime from this
/// package's products.
public struct GenerationOptions: Sendable, Equatable {
    /// The access level of generated declarations.
    public enum AccessLevel: String, CaseIterable, Sendable {
        case `public`, package, `internal`
    }

    /// Whether only providers and their registry are generated: no vocabulary module, and the
    /// files flat in the output folder, each named after its manifest (`acme.provider.yaml`
    /// gives `acme.provider.swift`), so that a build plugin knows every output before the
    /// build; the registry is `<registryName>.swift`.
    public var providersOnly: Bool
    /// The access level of generated declarations.
    public var accessLevel: AccessLevel
    /// Modules every provider file imports besides the runtime.
    public var imports: [String]
    /// The name of the registry type (`ProviderRegistry` in `AIProviders`).
    public var registryName: String

    /// Options; the defaults are the package's own layout: every declaration public, the
    /// vocabulary module included.
    public init(
        providersOnly: Bool = false, accessLevel: AccessLevel = .public, imports: [String] = [],
        registryName: String = "ProviderRegistry"
    ) {
        self.providersOnly = providersOnly
        self.accessLevel = accessLevel
        self.imports = imports
        self.registryName = registryName
    }

    /// The output path of a provider compiled from the manifest at `manifestPath`, in the
    /// providers-only layout.
    public static func providerFileName(forManifest manifestPath: String) -> String {
        var name = manifestPath.split(separator: "/").last.map(String.init) ?? manifestPath
        for suffix in [".yaml", ".yml", ".json"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name + ".swift"
    }

    /// `text` with its declarations at `accessLevel` instead of `public`. Generated
    /// declarations start their line with `public` (after indentation and `nonisolated`), and
    /// nothing else a generated line starts with does: doc comments begin with `///`, and
    /// literals from manifests are escaped on one line.
    func declaringAccess(_ text: String) -> String {
        guard accessLevel != .public else { return text }
        let keyword = accessLevel.rawValue
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            let line = lines[index]
            let indentation = line.prefix { $0 == " " }
            var rest = line.dropFirst(indentation.count)
            var prefix = String(indentation)
            if rest.hasPrefix("nonisolated ") {
                prefix += "nonisolated "
                rest = rest.dropFirst("nonisolated ".count)
            }
            guard rest.hasPrefix("public ") else { continue }
            lines[index] = prefix + keyword + " " + rest.dropFirst("public ".count)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with the header's advice for this layout.
    func advising(_ text: String) -> String {
        guard providersOnly, let advice = text.range(of: GeneratedFile.packageAdvice) else { return text }
        return text.replacingCharacters(in: advice, with: GeneratedFile.targetAdvice)
    }

    /// `text` with `imports` after the runtime's import.
    func addingImports(_ text: String) -> String {
        guard !imports.isEmpty, let runtimeImport = text.range(of: "import \(RuntimeNames.module)\n") else {
            return text
        }
        let lines = imports.map { "import \($0)\n" }.joined()
        return text.replacingCharacters(in: runtimeImport, with: text[runtimeImport] + lines)
    }
}
