/// The hand-written runtime (`AIProtocol`) as generated code sees it: the payload families, the
/// options a caller sets, and the types and functions generated code calls. Renderers spell the
/// runtime only through here, and `RuntimeNamesTests` compiles a file that uses every one of
/// these names against the runtime, so that a rename there fails a test here.
enum RuntimeNames {
    /// The runtime module generated code imports.
    static let module = "AIProtocol"

    // MARK: Payload families

    /// The family type implementing each canonical payload format of
    /// `spec/vocabulary/payload-formats.yaml`.
    static let families: [String: String] = [
        "openai": "OpenAIChatFamily",
        "anthropic": "AnthropicMessagesFamily",
        "gemini": "GeminiFamily",
        "cohere": "CohereV2Family",
        "ollama": "OllamaChatFamily",
    ]

    /// The family of a canonical payload format. Lowering only produces formats of `families`.
    static func family(_ payloadFormat: String) -> String {
        families[payloadFormat]!
    }

    // MARK: Options

    /// How the value of a standard parameter is read from a `ChatRequest` named `request`.
    struct Option {
        /// The Swift type of the value.
        var swiftType: String
        /// The code of the value (an optional of `swiftType`), given the family type's name.
        var code: @Sendable (_ family: String) -> String
    }

    /// The standard parameters a caller can set through `ChatOptions`, by standard name.
    static let options: [String: Option] = [
        "temperature": Option(swiftType: "Double") { _ in "request.options.temperature" },
        "max_tokens": Option(swiftType: "Int") { _ in "request.options.maxTokens" },
        "top_p": Option(swiftType: "Double") { _ in "request.options.topP" },
        "top_k": Option(swiftType: "Int") { _ in "request.options.topK" },
        "stop_sequences": Option(swiftType: "[String]") { _ in "request.options.stopSequences" },
        "seed": Option(swiftType: "Int") { _ in "request.options.seed" },
        "frequency_penalty": Option(swiftType: "Double") { _ in "request.options.frequencyPenalty" },
        "presence_penalty": Option(swiftType: "Double") { _ in "request.options.presencePenalty" },
        "repetition_penalty": Option(swiftType: "Double") { _ in "request.options.repetitionPenalty" },
        "response_format": Option(swiftType: "JSONValue") {
            "\($0).responseFormatParameter(request.options.responseFormat)"
        },
        "response_format_mode": Option(swiftType: "String") {
            "\($0).responseFormatModeParameter(request.options.responseFormat)"
        },
        "reasoning_effort": Option(swiftType: "String") { _ in "request.options.reasoningEffort?.rawValue" },
        "n": Option(swiftType: "Int") { _ in "request.options.candidateCount" },
        "parallel_tool_calls": Option(swiftType: "Bool") { _ in "request.options.parallelToolCalls" },
        "user": Option(swiftType: "String") { _ in "request.options.user" },
    ]

    /// Standard parameters the payload family writes from the request itself (the model, the
    /// conversation, the stream flag, tools) rather than from an option.
    static let requestParameters: Set<String> = ["model", "messages", "system_message", "stream", "tools", "tool_choice"]
}

extension RuntimeNames {
    // MARK: Descriptor

    /// The rate-limit fields of a manifest the runtime's `RateLimitHeaders` has, with their
    /// labels, in the order of its initializer's parameters.
    static let rateLimitFields: KeyValuePairs<String, String> = [
        "requests_limit": "requestsLimit", "requests_remaining": "requestsRemaining",
        "requests_reset": "requestsReset", "tokens_limit": "tokensLimit", "tokens_remaining": "tokensRemaining",
        "tokens_reset": "tokensReset", "retry_after": "retryAfter", "request_id": "requestID",
    ]

    static func rateLimitLabel(_ field: String) -> String? {
        rateLimitFields.first { $0.key == field }?.value
    }
}
