/// One model of a registry file, decoded by `RegistryDecoder`.
struct RegisteredModel: Sendable {
    var path: String
    var id: Located<String>
    /// The provider serving it: the entry's `provider`, else the file's.
    var provider: Located<String>
    var displayName: String?
    var contextWindow: Int?
    var maxOutputTokens: Int?
    /// Canonical capability names.
    var capabilities: [String]
    /// Prices per million tokens; v1's per-token prices are converted.
    var inputPrice: Double?
    var outputPrice: Double?
    var cachedInputPrice: Double?
    var currency: String?
    /// The canonical status (`active`, `preview`, `deprecated`).
    var status: String?
}
