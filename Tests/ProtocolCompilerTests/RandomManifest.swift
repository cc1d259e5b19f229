import Foundation

/// A deterministic random number generator (SplitMix64), so that a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Random valid provider manifests, v1 and v2, built from the combinations the compiler must
/// handle: auth forms, payload formats, framings, event kinds with every subset of their fields,
/// paths with indices, wildcards, filters and relative forms, expressions of every operator,
/// fan-out, flush and stop conditions, nested and required parameters, response and error paths.
///
/// Every manifest it writes is valid: the property under test is that each then generates Swift
/// that compiles.
struct RandomManifest {
    var random: SeededGenerator

    // MARK: Vocabulary of the generator

    /// Event kinds and the fields a rule may extract, with the paths that make sense for them.
    static let events: [(kind: String, fields: [String])] = [
        ("PartialContentDelta", ["content", "candidate_index"]),
        ("ThinkingDelta", ["thinking", "signature", "candidate_index"]),
        ("ToolCallStarted", ["id", "name", "index", "candidate_index"]),
        (
            "PartialToolCall",
            ["tool_calls", "tool_call", "partial_json", "arguments", "id", "name", "index", "candidate_index"]
        ),
        ("ToolCallEnded", ["id", "index", "candidate_index"]),
        ("Metadata", ["usage", "model", "id"]),
        ("FinalCandidate", ["content", "finish_reason", "candidate_index"]),
        ("StreamEnd", ["finish_reason", "usage", "candidate_index"]),
        ("StreamError", ["error", "message", "type", "code"]),
    ]

    static let formats = [
        "sse", "openai_sse", "anthropic_sse", "gemini_sse", "ndjson", "json_array", "gemini_json", "cohere_native",
    ]
    static let payloadFormats = ["openai", "anthropic", "gemini", "cohere", "ollama", "openai_style", "gemini_style"]
    static let members = [
        "choices", "delta", "content", "type", "index", "message", "data", "usage", "text", "parts", "id",
    ]
    static let strings = ["text_delta", "message_stop", "content_block_delta", "stop", "tool_calls", "ping"]
    static let parameters: [(standard: String, wire: String)] = [
        ("temperature", "temperature"), ("max_tokens", "max_output_tokens"), ("top_p", "topP"), ("top_k", "top_k"),
        ("stop_sequences", "stop"), ("seed", "seed"), ("frequency_penalty", "frequency_penalty"),
        ("presence_penalty", "presencePenalty"), ("repetition_penalty", "repetition_penalty"),
        ("response_format", "response_format"), ("response_format_mode", "responseMimeType"),
        ("reasoning_effort", "reasoning_effort"), ("n", "n"), ("parallel_tool_calls", "parallel_tool_calls"),
        ("user", "user"), ("logprobs", "logprobs"),
    ]

    // MARK: Manifests

    /// A manifest with id `id`, v1 or v2 at random.
    mutating func manifest(id: String) -> String {
        chance(0.3) ? v1Manifest(id: id) : v2Manifest(id: id)
    }

    mutating func v2Manifest(id: String) -> String {
        var yaml = """
            id: \(id)
            protocol_version: "2.0"
            name: \(quoted("Provider \(id)"))
            endpoint:
              base_url: \(quoted(pick(["https://api.example.test/v1", "${\(id.uppercased())_URL:-http://localhost:9000}"])))
              chat: \(quoted(pick(["/chat/completions", "/models/{model}:generate", "/v2/chat"])))
            \(auth(indent: "  "))
            endpoints:
              chat: {path: /chat/completions, adapter: \(pick(Self.payloadFormats))}

            """
        if chance(0.5) { yaml += "  stream_chat: {path: \"/models/{model_id}:stream\"}\n" }
        if chance(0.4) { yaml += "  embeddings: {path: /embeddings, adapter: \(pick(Self.payloadFormats))}\n" }
        if chance(0.3) { yaml += "  rerank: {path: /rerank}\n" }
        if chance(0.5) {
            yaml += "services:\n  list_models: {path: /models, response_binding: \(pick(["data", "models"]))}\n"
        }
        yaml +=
            "capabilities:\n  required: [text, streaming]\n  optional: [tools, embeddings, \(pick(["vision", "reasoning", "web_search"]))]\n"
        yaml += "parameters:\n"
        for (position, parameter) in Self.parameters.shuffled(using: &random).prefix(int(1...5)).enumerated() {
            yaml +=
                "  \(parameter.wire)\(position): {type: \(parameterType(parameter.standard)), alias: \(parameter.standard)"
            if chance(0.4) { yaml += ", path: \(pick(["generationConfig", "options", "a.b"])).\(parameter.wire)" }
            if chance(0.2), let value = defaultValue(parameter.standard) {
                yaml += ", required: true, default: \(value)"
            }
            yaml += "}\n"
        }
        yaml += streaming(v1: false)
        yaml += common()
        return yaml
    }

    mutating func v1Manifest(id: String) -> String {
        var yaml = """
            id: \(id)
            protocol_version: "1.5"
            name: \(quoted("Provider \(id)"))
            base_url: "https://api.example.test/v1"
            chat_path: /chat/completions
            \(auth(indent: ""))
            payload_format: \(pick(["openai_style", "gemini_style", "anthropic"]))
            capabilities: {streaming: true, tools: \(chance(0.5))}
            parameter_mappings:

            """
        for parameter in Self.parameters.filter({ $0.standard != "logprobs" }).shuffled(using: &random).prefix(
            int(1...4))
        {
            yaml += "  \(parameter.standard): \(pick([parameter.wire, "config.\(parameter.wire)"]))\n"
        }
        yaml += streaming(v1: true)
        yaml += common()
        return yaml
    }

    private mutating func auth(indent: String) -> String {
        let variable = "TOKEN_\(int(0...999))"
        let forms = [
            "auth: {type: bearer, token_env: \(variable)}",
            "auth: {type: custom_header, header: x-api-key, token_env: \(variable)}",
            "auth: {type: api_key, header_name: api-key, prefix: Key, key_env: \(variable)}",
            "auth: {type: query_param, param_name: key, token_env: \(variable)}",
            "auth: {type: none}",
            "auth:\n\(indent)  type: bearer\n\(indent)  token_env: \(variable)\n\(indent)  extra_headers:\n\(indent)    - {name: X-Version, value: \"2024-01-01\"}\n\(indent)    - {name: X-Org, value: \"${ORG_\(variable)}\"}",
        ]
        return pick(forms)
    }

    private mutating func streaming(v1: Bool) -> String {
        var yaml = "streaming:\n  decoder: {format: \(pick(Self.formats))"
        if chance(0.5) { yaml += ", done_signal: \(quoted(pick(["[DONE]", "END"])))" }
        if chance(0.5) { yaml += ", strategy: \(pick(["openai_chat", "anthropic_event_stream", "generic"]))" }
        yaml += "}\n"
        if chance(0.4) { yaml += "  frame_selector: \(quoted(expression()))\n" }
        if chance(0.4) {
            yaml +=
                "  candidate: {candidate_id_path: \"$.\(pick(["choices", "candidates"]))[*].index\", fan_out: true}\n"
        }
        if chance(0.4) { yaml += "  accumulator: {flush_on: \(quoted(expression()))}\n" }
        if chance(0.3) { yaml += "  request_fields: {stream_options: {include_usage: true}}\n" }
        if v1, chance(0.5) {
            yaml += "  content_path: \(quoted(path()))\n  usage_path: \(quoted(path()))\n"
            if chance(0.5) { return yaml }
        }
        yaml += "  event_map:\n"
        for _ in 0..<int(1...7) {
            let event = pick(Self.events)
            yaml +=
                "    - match: \(quoted(expression()))\n      emit: \(event.kind)\n      \(v1 ? "fields" : "extract"):\n"
            var fields = event.fields.filter { _ in chance(0.5) }
            if fields.isEmpty { fields = [event.fields[0]] }
            for field in fields {
                let name = v1 && field == "id" && event.kind == "ToolCallStarted" ? "tool_call_id" : field
                yaml += "        \(name): \(quoted(path()))\n"
            }
        }
        if chance(0.5) { yaml += "  stop_condition: \(quoted(expression()))\n" }
        return yaml
    }

    /// Termination, errors, retries, rate limits, response paths.
    private mutating func common() -> String {
        var yaml = """
            termination:
              source_field: \(quoted(path()))
              mapping: {stop: end_turn, length: max_tokens, \(pick(["tool_calls", "TOOL"])): tool_use, weird: \(pick(["refusal", "error", "other"]))}
            error_classification:
              by_http_status: {"429": rate_limited, "500": server_error, "402": \(pick(["quota_exhausted", "insufficient_quota"]))}
              by_error_code: {bad_key: authentication, \(pick(["too_long", "ctx"])): request_too_large}
              by_message_contains: {"quota": quota_exhausted}
              by_error_message:
                - {pattern: "(?i)context (length|window)", maps_to: request_too_large}

            """
        if chance(0.7) {
            yaml +=
                "  error_paths: {message_path: \(quoted(path())), \(pick(["type_path", "status_path"])): \(quoted(path())), code_path: \(quoted(path()))}\n"
        }
        yaml += """
            retry_policy: {max_retries: \(int(0...4)), min_delay_ms: 100, max_delay_ms: 2000, jitter: \(pick(["none", "full", "equal"])), retry_on_http_status: [429, 503], retry_on_error_status: [UNAVAILABLE], retry_on_error_code: [rate_limited]}
            rate_limit_headers: {requests_remaining: x-remaining, retry_after: retry-after, \(pick(["request_id", "tokens_reset"])): x-other}
            response_paths:

            """
        for field in [
            "content", "thinking", "tool_calls", "finish_reason", "usage", "prompt_tokens", "total_tokens", "id",
            "model", "embeddings",
        ]
        where chance(0.6) {
            yaml += "  \(field): \(quoted(path()))\n"
        }
        return yaml
    }

    // MARK: Paths and expressions

    /// A path: `$`-rooted or relative, with members, indices, wildcards and filters.
    mutating func path(depth: Int = 0) -> String {
        var text = chance(0.8) ? "$" : pick(["choices", "data", "message"])
        for _ in 0..<int(1...4) {
            switch int(0...9) {
            case 0...5: text += "." + pick(Self.members)
            case 6, 7: text += "[\(int(0...2))]"
            case 8: text += "[*]"
            default:
                text += depth > 0 ? "[0]" : "[?(@.\(pick(Self.members)) == '\(pick(Self.strings))')]"
            }
        }
        return text
    }

    /// A condition of every operator.
    mutating func expression(depth: Int = 0) -> String {
        let leaf: String
        switch int(0...7) {
        case 0: leaf = "exists(\(path(depth: 1)))"
        case 1: leaf = path(depth: 1)
        case 2: leaf = "\(path(depth: 1)) == '\(pick(Self.strings))'"
        case 3: leaf = "\(path(depth: 1)) != null"
        case 4: leaf = "\(path(depth: 1)) in ['\(pick(Self.strings))', '\(pick(Self.strings))']"
        case 5: leaf = "\(path(depth: 1)) \(pick([">", "<=", "=="])) \(int(0...5))"
        case 6: leaf = "\(path(depth: 1)) != '\(pick(Self.strings))'"
        default: leaf = "\(path(depth: 1)) == \(pick(["true", "1.5", "null"]))"
        }
        guard depth < 2, chance(0.35) else { return leaf }
        switch int(0...2) {
        case 0: return "\(leaf) && \(expression(depth: depth + 1))"
        case 1: return "(\(leaf) || \(expression(depth: depth + 1)))"
        default: return "!(\(leaf))"
        }
    }

    // MARK: Helpers

    private func parameterType(_ standard: String) -> String {
        switch standard {
        case "max_tokens", "top_k", "seed", "n": "integer"
        case "stop_sequences": "array"
        case "response_format": "object"
        case "parallel_tool_calls", "logprobs": "boolean"
        case "reasoning_effort", "user", "response_format_mode": "string"
        default: "float"
        }
    }

    private mutating func defaultValue(_ standard: String) -> String? {
        switch parameterType(standard) {
        case "integer": String(int(1...4096))
        case "float": "0.5"
        case "boolean": "true"
        case "string": "\"low\""
        case "array": "[\"END\"]"
        default: nil
        }
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }
}
