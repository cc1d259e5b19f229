/// A provider's API key and where it came from. Its description names the source, never the
/// key.
public struct Credential: Sendable, CustomStringConvertible, CustomReflectable {
    /// Where a key was found.
    public enum Source: Sendable, Hashable {
        /// Given by the application (`ClientConfiguration.apiKey`).
        case explicit
        /// An environment variable the manifest names (`token_env`, `key_env`).
        case manifestVariable(String)
        /// `<PROVIDER_ID>_API_KEY`, read for compatibility when the manifest's variables are unset.
        case conventionalVariable(String)
    }

    /// Where the key came from.
    public let source: Source
    /// The key. Internal, so that no caller can print it by accident.
    let value: String

    public var description: String {
        switch source {
        case .explicit: "Credential(explicit, <redacted>)"
        case .manifestVariable(let name): "Credential(\(name), <redacted>)"
        case .conventionalVariable(let name): "Credential(\(name) (conventional), <redacted>)"
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["source": source], displayStyle: .struct) }
}

extension AuthScheme {
    /// The key a client uses, in this order: the explicit key, the manifest's variables, then the
    /// conventional one. `nil` for a provider that takes no key. An empty value counts as unset.
    ///
    /// - Throws: `AIError` with `.missingCredential`, naming every variable that was tried, when
    ///   no key is found.
    public func credential(explicit: String?, environment: [String: String]) throws(AIError) -> Credential? {
        if case .none = placement { return nil }
        if let explicit, !explicit.isEmpty { return Credential(source: .explicit, value: explicit) }
        for variable in keyVariables {
            if let value = environment[variable], !value.isEmpty {
                return Credential(source: .manifestVariable(variable), value: value)
            }
        }
        if let variable = conventionalVariable, let value = environment[variable], !value.isEmpty {
            return Credential(source: .conventionalVariable(variable), value: value)
        }
        throw AIError(
            .missingCredential(variables: keyVariables + (conventionalVariable.map { [$0] } ?? [])),
            errorClass: .authentication)
    }
}
