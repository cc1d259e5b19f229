import JSONSchemaValidation

/// The compiler's intermediate representation of one provider: everything a backend needs,
/// decided and checked, with no YAML and no Swift in it. The seam between the compiler's front
/// half (manifests) and its back half (Swift text), which tests and other backends can use.
struct ProviderPlan {
    struct Auth {
        enum Placement: Equatable {
            case header(name: String, prefix: String?)
            case query(name: String)
            case none
        }
        var placement: Placement
        /// The variables the manifest names.
        var keyVariables: [String]
        /// `<ID>_API_KEY`, tried last, when the manifest does not name it.
        var conventionalVariable: String?
    }

    struct Endpoint: Equatable {
        /// The operation (`chat`, `streamChat`, `embeddings`, `listModels`).
        var role: String
        var method: String
        /// A path below the base URL (with `{model}` where the model goes), or an absolute URL.
        var path: String
    }

    struct Retry {
        /// `exponential`, `linear` or `fixed`; `nil` for the runtime's default (exponential).
        var backoff: String?
        var maxRetries: Int?
        var minDelayMilliseconds: Int?
        var maxDelayMilliseconds: Int?
        /// `none`, `full` or `equal`.
        var jitter: String?
        var statuses: [Int]
        /// The provider's own status names that are retried (`RESOURCE_EXHAUSTED`).
        var providerStatuses: [String]
        /// Canonical error classes.
        var classes: [String]
    }

    /// A standard parameter and where the provider wants it.
    struct Parameter {
        /// The standard name (`max_tokens`).
        var standardName: String
        /// The members from the body's top level to the value (`generationConfig`, `maxOutputTokens`).
        var wirePath: [String]
        /// The provider rejects requests without it.
        var isRequired: Bool
        /// The manifest's default, sent when the parameter is required and the caller set none.
        var defaultValue: JSONValue?
    }

    /// The type of an event field's value, as `spec/vocabulary/events.yaml` gives it.
    enum FieldType: Equatable {
        case string, integer
        /// An object, an array, or any value.
        case json
    }

    /// An event rule: when `match` holds, emit `event` with fields read by paths.
    struct Rule {
        struct Field {
            /// The canonical field name.
            var name: String
            var path: ValuePath
            var type: FieldType
        }

        var match: Expression
        /// The canonical event kind.
        var event: String
        /// The fields, in the order written.
        var fields: [Field]

        func field(_ name: String) -> Field? {
            fields.first { $0.name == name }
        }
    }

    struct Streaming {
        /// `sse`, `ndjson` or `json_array`.
        var framing: String
        var doneSignal: String?
        var frameSelector: Expression?
        /// The array of candidates to fan out over (`$.choices`), when frames carry several.
        var fanOut: ValuePath?
        var rules: [Rule]
        var stopCondition: Expression?
        var flushOn: Expression?
        /// Members added to a streamed request's body.
        var requestFields: JSONValue?
    }

    struct Model {
        var id: String
        var identifier: String
        var displayName: String?
        var contextWindow: Int?
        var maxOutputTokens: Int?
        var capabilities: [String]
        var inputPrice: Double?
        var outputPrice: Double?
        var cachedInputPrice: Double?
        var currency: String?
        var status: String?
    }

    var id: String
    var typeName: String
    var displayName: String
    var summary: String?
    /// The manifest, as the generated file's header names it.
    var source: String
    /// Other ids the registry resolves to this provider.
    var aliases: [String]
    var baseURL: String
    var auth: Auth
    var extraHeaders: [(name: String, value: String)]
    var endpoints: [Endpoint]
    /// The member of the model list's response that holds the models.
    var modelListKey: String?
    var timeoutMilliseconds: Int?
    var retry: Retry?
    var rateLimitHeaders: [(field: String, header: String)]
    /// Canonical capability names, sorted.
    var capabilities: [String]
    /// Media beyond text and images that requests may carry (`document`, `audio`).
    var mediaInputs: [String]
    /// The assistant-message member that carries reasoning back (`tooling.reasoning_field`).
    var reasoningField: String?
    var termination: [(raw: String, reason: String)]
    var errorCodes: [(code: String, errorClass: String)]
    var errorMessageSubstrings: [(text: String, errorClass: String)]
    var errorMessagePatterns: [(pattern: String, errorClass: String)]
    var errorStatuses: [(status: Int, errorClass: String)]
    /// Where `message`, `type` and `code` are in an error body.
    var errorPaths: [String: ValuePath]
    /// A regular expression whose first group, in an error body, is how long to wait, and
    /// whether that number is in milliseconds (else seconds).
    var retryAfterExtraction: (pattern: String, inMilliseconds: Bool)?
    /// The canonical payload format of chat requests.
    var payloadFormat: String
    /// The canonical payload format of embeddings requests.
    var embeddingsPayloadFormat: String
    var parameters: [Parameter]
    var sendsModelInBody: Bool
    var sendsStreamFlag: Bool
    /// The paths of a complete chat response, by field (`content`, `finish_reason`, …).
    var responsePaths: [String: ValuePath]
    /// Token-count paths relative to the usage object.
    var usagePaths: [String: ValuePath]
    var streaming: Streaming?
    var models: [Model]

    func endpoint(_ role: String) -> Endpoint? {
        endpoints.first { $0.role == role }
    }
}
