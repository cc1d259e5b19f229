@_exported import AIProtocol

// The build plugin compiles acme.provider.yaml and acme.models.yaml in this folder into the
// provider type `Acme` (with `Acme.Model.acmeChatLarge` and `.acmeChatSmall`), compiles the
// bundled Ollama provider that ai-protocol.json asks for, and lists both in `AcmeProviders`.
// What follows is ordinary code of your own on top of them.

extension Acme {
    /// A client for the gateway at `baseURL` (default: `ACME_BASE_URL`, else
    /// http://localhost:8080/v1), with the key from `ACME_API_KEY` unless one is given.
    public static func client(baseURL: String? = nil, apiKey: String? = nil) -> Client<Acme> {
        Client<Acme>(configuration: ClientConfiguration(apiKey: apiKey, baseURL: baseURL))
    }
}
