/// The compiler's intermediate representation of one provider: everything the Swift renderer
/// needs, decided and checked, with no YAML left in it. The seam between the compiler's front
/// half (manifests) and its back half (Swift text).
struct ProviderPlan {
    struct Auth {
        enum Placement: Equatable {
            case header(name: String, prefix: String?)
            case query(name: String)
            case none
        }
        var placement: Placement
        var keyVariables: [String]
    }

    struct Endpoint: Equatable {
        var method: String
        var path: String
    }

    struct Retry {
        var maxRetries: Int?
        var minDelayMilliseconds: Int?
        var maxDelayMilliseconds: Int?
        var jitter: String?
        var statuses: [Int]
        var classes: [String]
    }

    /// A standard parameter and where the provider wants it.
    struct Parameter {
        /// The standard name (`max_tokens`).
        var standardName: String
        /// The members from the body's top level to the value (`generationConfig`, `maxOutputTokens`).
        var wirePath: [String]
        /// How the value is read from a `ChatRequest`.
        var binding: OptionBinding
        /// The provider rejects requests without it.
        var isRequired: Bool
        /// The manifest's default, as Swift code of the binding's type.
        var defaultCode: String?
    }

    /// An event rule: when `match` holds, emit `event` with fields read by paths.
    struct Rule {
        var match: Expression
        var event: String
        var fields: [(name: String, path: ValuePath)]
    }

    struct Streaming {
        var framing: String
        var doneSignal: String?
        var frameSelector: Expression?
        /// The array of candidates to fan out over (`$.choices`), when frames carry several.
        var fanOut: ValuePath?
        var rules: [Rule]
        var stopCondition: Expression?
        var flushOn: Expression?
    }

    /// The paths of a complete chat response.
    struct Response {
        var paths: [String: ValuePath]
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
    var source: String
    var baseURL: String
    var auth: Auth
    var extraHeaders: [(name: String, value: String)]
    var endpoints: [(role: String, endpoint: Endpoint)]
    /// The member of the model list's response that holds the models.
    var modelListKey: String?
    var timeoutMilliseconds: Int?
    var retry: Retry?
    var rateLimitHeaders: [(field: String, header: String)]
    var capabilities: [String]
    var termination: [(raw: String, reason: String)]
    var errorCodes: [(code: String, errorClass: String)]
    var errorMessageSubstrings: [(text: String, errorClass: String)]
    var errorMessagePatterns: [(pattern: String, errorClass: String)]
    var errorStatuses: [(status: Int, errorClass: String)]
    var errorPaths: [String: ValuePath]
    var family: String
    var parameters: [Parameter]
    var sendsModelInBody: Bool
    var sendsStreamFlag: Bool
    /// Members added to a streamed request's body, as Swift code of a `JSONValue` object.
    var streamRequestFields: String?
    var response: Response
    var usagePaths: [String: ValuePath]
    var streaming: Streaming?
    var models: [Model]
}

/// How a standard parameter's value is read from a `ChatRequest`: the Swift code and its type.
/// The cases mirror the runtime's `ChatOptions`. An option without a case here is in no
/// provider's `acceptedParameters`, so setting it is an `unsupportedParameter` error, never a
/// silent drop.
struct OptionBinding: Equatable {
    var swiftType: String
    var code: String

    static func forParameter(_ name: String, family: String) -> OptionBinding? {
        switch name {
        case "temperature": OptionBinding(swiftType: "Double", code: "request.options.temperature")
        case "max_tokens": OptionBinding(swiftType: "Int", code: "request.options.maxTokens")
        case "top_p": OptionBinding(swiftType: "Double", code: "request.options.topP")
        case "top_k": OptionBinding(swiftType: "Int", code: "request.options.topK")
        case "stop_sequences": OptionBinding(swiftType: "[String]", code: "request.options.stopSequences")
        case "seed": OptionBinding(swiftType: "Int", code: "request.options.seed")
        case "frequency_penalty": OptionBinding(swiftType: "Double", code: "request.options.frequencyPenalty")
        case "presence_penalty": OptionBinding(swiftType: "Double", code: "request.options.presencePenalty")
        case "repetition_penalty": OptionBinding(swiftType: "Double", code: "request.options.repetitionPenalty")
        case "response_format":
            OptionBinding(
                swiftType: "JSONValue", code: "\(family).responseFormatParameter(request.options.responseFormat)")
        case "reasoning_effort": OptionBinding(swiftType: "String", code: "request.options.reasoningEffort?.rawValue")
        case "n": OptionBinding(swiftType: "Int", code: "request.options.candidateCount")
        case "parallel_tool_calls": OptionBinding(swiftType: "Bool", code: "request.options.parallelToolCalls")
        case "user": OptionBinding(swiftType: "String", code: "request.options.user")
        default: nil
        }
    }
}
