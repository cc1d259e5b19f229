import JSONSchemaValidation
import LocatedYAML

/// One provider manifest, v1 or v2, in one normalised shape: what the checks and the lowering
/// read, decoded once from the validated node tree by `ManifestDecoder`.
///
/// Names are canonical (vocabulary aliases resolved), expressions and paths are parsed, and every
/// value keeps where it was written. Where v1 and v2 spell the same thing differently (`chat_path`
/// and `endpoint.chat`, `parameter_mappings` and `parameters`, `fields` and `extract`), the
/// model has one field.
struct ProviderManifest: Sendable {
    /// The major version of the protocol a manifest is written for.
    enum Generation: Int, Sendable, Comparable, CustomStringConvertible {
        case v1 = 1
        case v2 = 2

        static func < (lhs: Generation, rhs: Generation) -> Bool { lhs.rawValue < rhs.rawValue }
        var description: String { "v\(rawValue)" }
    }

    /// The file, as the user named it.
    var path: String
    var generation: Generation
    /// The whole document's range, for diagnostics about the manifest as a whole.
    var range: SourceRange
    var id: Located<String>
    var displayName: String
    var summary: String?
    /// Other ids the provider answers to in `"provider/model"` references.
    var aliases: [Located<String>]
    var baseURL: Located<String>?
    var auth: Auth
    var timeoutMilliseconds: Located<Int>?
    /// The operations the manifest declares an endpoint for.
    var endpoints: [Endpoint]
    /// `payload_format` of v1 manifests: the wire shape when the chat endpoint names none.
    var payloadFormat: Located<String>?
    /// Canonical capability names, each where it was declared (first declaration only).
    var capabilities: [Located<String>]
    /// Media beyond text and images that requests may carry, from `multimodal.input`:
    /// `document` (PDFs) and `audio`.
    var mediaInputs: [String]
    var parameters: [Parameter]
    var streaming: Streaming?
    var termination: Termination?
    var errors: ErrorClassification
    var retry: RetryPolicy?
    var rateLimitHeaders: [RateLimitHeader]
    /// `response_paths` (and v1's `features.response_mapping.tool_calls.path`), by field name.
    var responsePaths: [String: Located<ValuePath>]
    /// Every place of the document, for the capability requirements of the vocabulary, which
    /// are written as places (`/streaming/decoder`).
    var outline: DocumentOutline
    /// `tooling`, which describes the tool-call wire the payload family implements.
    var tooling: Located<String>?
    /// `tooling.reasoning_field`: where an assistant message carries its reasoning back.
    var reasoningField: Located<String>?

    struct Auth: Sendable {
        /// `type`: bearer, custom_header, api_key, query_param or none; `nil` when not given.
        var kind: Located<String>?
        /// The header carrying the key (`header` or `header_name`).
        var header: Located<String>?
        /// What precedes the key in the header (`Bearer`); `nil` when not given.
        var prefix: Located<String>?
        /// The query parameter carrying the key.
        var queryParameter: Located<String>?
        /// Environment variables holding the key, in the order to try them.
        var keyVariables: [Located<String>]
        var extraHeaders: [Header]
        /// Where the auth section is, or the document when there is none.
        var range: SourceRange
    }

    struct Header: Sendable {
        var name: Located<String>
        var value: Located<String>
    }

    /// An operation's endpoint.
    struct Endpoint: Sendable {
        /// The operations the runtime has a call for; anything else is `other`.
        enum Role: Sendable, Equatable, Hashable {
            case chat, streamChat, embeddings, listModels
            case other(String)
        }

        var role: Role
        /// The key the manifest declares it under (`chat`, `list_models`, `rerank`).
        var name: Located<String>
        /// A path below the base URL, or an absolute URL.
        var path: Located<String>
        var method: Located<String>?
        /// The payload format of its requests (`adapter`).
        var adapter: Located<String>?
        /// For a model list: the member of the response that holds the models.
        var responseBinding: Located<String>?
        /// Parts of the entry the runtime has no place for: `headers`, `query_params`, a
        /// `request_encoding` other than JSON.
        var unsupported: [Located<String>] = []
    }

    /// A request parameter the provider accepts.
    struct Parameter: Sendable {
        /// The provider's name for it (the key of `parameters`, or the value of a v1
        /// `parameter_mappings` entry), where it is written.
        var wireName: Located<String>
        /// The standard name it stands for, when it stands for one.
        var standardName: Located<String>?
        /// The members from the body's top level to the value.
        var wirePath: [String]
        var isRequired: Bool
        var defaultValue: Located<JSONValue>?
    }

    struct Streaming: Sendable {
        var range: SourceRange
        var pointer: String
        /// `decoder.format`: the byte framing.
        var format: Located<String>?
        /// `decoder.strategy`: the dialect of the frames.
        var strategy: Located<String>?
        var doneSignal: Located<String>?
        /// `decoder.prefix` and `decoder.delimiter`, which the framing fixes.
        var prefix: Located<String>?
        var delimiter: Located<String>?
        var frameSelector: Located<Expression>?
        /// `candidate.candidate_id_path` when `candidate.fan_out` is true.
        var fanOutPath: Located<ValuePath>?
        /// Parts the payload family does for itself, or that only describe the stream:
        /// `accumulator.key_path`, `candidate.candidate_id_path` without fan-out, `event_format`.
        var described: [Located<String>] = []
        var flushOn: Located<Expression>?
        var rules: [EventRule]
        var stopCondition: Located<Expression>?
        /// Members added to a streamed request's body.
        var requestFields: Located<JSONValue>?
        /// v1's shorthand paths (`content_path`, `tool_call_path`, `usage_path`), by key.
        var shorthandPaths: [String: Located<ValuePath>]
    }

    /// `when match holds, emit event with these fields`.
    struct EventRule: Sendable {
        var match: Located<Expression>
        /// The canonical event kind.
        var event: Located<String>
        /// The fields by canonical name, in the order written.
        var fields: [(name: Located<String>, path: Located<ValuePath>)]
        var range: SourceRange
        var pointer: String
    }

    struct Termination: Sendable {
        var sourceField: Located<ValuePath>?
        /// Provider value → canonical termination reason.
        var mapping: [(raw: Located<String>, reason: Located<String>)]
    }

    struct ErrorClassification: Sendable {
        /// HTTP status → canonical error class.
        var byStatus: [(status: Located<Int>, errorClass: Located<String>)] = []
        /// Provider error code or type → class (`by_error_code`, then `by_error_status`).
        var byCode: [(code: Located<String>, errorClass: Located<String>)] = []
        /// Text in the message → class.
        var byMessageText: [(text: Located<String>, errorClass: Located<String>)] = []
        /// Regular expression over the message → class.
        var byMessagePattern: [(pattern: Located<String>, errorClass: Located<String>)] = []
        /// Where the message, type and code are in an error body, by field (`message`, `type`,
        /// `code`, …).
        var paths: [String: Located<ValuePath>] = [:]
        /// `retry_after_extraction`: a regular expression whose first group, in an error body,
        /// is how long to wait, in `retryAfterUnit` (`seconds` or `milliseconds`).
        var retryAfterPattern: Located<String>?
        var retryAfterUnit = "seconds"
    }

    struct RetryPolicy: Sendable {
        var range: SourceRange
        /// `none`, `exponential_backoff`, `linear_backoff` or `fixed_delay`.
        var strategy: Located<String>?
        var maxRetries: Located<Int>?
        var minDelayMilliseconds: Located<Int>?
        var maxDelayMilliseconds: Located<Int>?
        var jitter: Located<String>?
        var onStatuses: [Located<Int>]
        /// `retry_on_error_status`: the provider's own status names (`RESOURCE_EXHAUSTED`).
        var onProviderStatuses: [Located<String>]
        /// Canonical error classes.
        var onClasses: [Located<String>]
    }

    struct RateLimitHeader: Sendable {
        var field: Located<String>
        var header: Located<String>
    }
}

/// Every place of a document, as JSON pointer tokens with the string value of scalars: enough
/// to answer "is there a `/streaming/decoder`" or "does a rule emit `PartialToolCall`" without
/// the document.
struct DocumentOutline: Sendable {
    struct Place: Sendable {
        var tokens: [String]
        var string: String?
    }

    var places: [Place] = []

    init(_ root: YAMLNode) {
        collect(root, tokens: [])
    }

    private mutating func collect(_ node: YAMLNode, tokens: [String]) {
        places.append(Place(tokens: tokens, string: node.string))
        switch node.content {
        case .mapping(let entries):
            for entry in entries {
                if let key = entry.key.keyText { collect(entry.value, tokens: tokens + [key]) }
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { collect(item, tokens: tokens + [String(index)]) }
        case .scalar:
            break
        }
    }

    /// Whether a place such as `/a/*/b` (or `/a/*/b=VALUE`) exists. A token `*` matches any
    /// key or index, `*_suffix` any key with that suffix.
    func contains(_ place: String) -> Bool {
        let parts = place.split(separator: "=", maxSplits: 1).map(String.init)
        let pattern = parts[0].split(separator: "/").map(String.init)
        return places.contains { found in
            guard found.tokens.count == pattern.count else { return false }
            for (token, key) in zip(pattern, found.tokens) {
                if token == "*" { continue }
                if token.hasPrefix("*"), key.hasSuffix(token.dropFirst()) { continue }
                if token != key { return false }
            }
            return parts.count < 2 || found.string == parts[1]
        }
    }
}
