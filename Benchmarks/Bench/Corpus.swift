import Foundation

/// The wire formats the stream benchmarks read.
enum WireFormat: String, CaseIterable, Sendable {
    case openai, anthropic, gemini
}

/// What a stream must decode to, whoever reads it: the benchmark checks ours, the floor's and
/// the peers' output against it.
struct ExpectedOutput: Codable, Equatable, Sendable {
    struct Call: Codable, Equatable, Sendable {
        var id: String
        var name: String
        /// The arguments' JSON text, as the provider streamed it.
        var arguments: String
    }

    var text: String
    var toolCalls: [Call]
    /// The provider's own finish value.
    var finishReason: String
    var promptTokens: Int
    var completionTokens: Int
}

/// A recorded stream, written deterministically (a seeded generator): about `targetBytes` of one
/// provider's wire format. Text arrives 1 to 20 characters per frame, mixing ASCII, CJK, emoji,
/// characters JSON escapes and `\u` escapes (surrogate pairs included); two tool calls follow
/// (their arguments spread over many frames where the format streams them), then the finish
/// and the usage.
struct StreamCorpus: Sendable {
    let format: WireFormat
    let bytes: [UInt8]
    let expected: ExpectedOutput
    /// How many frames (SSE events) the stream has.
    let frameCount: Int

    init(_ format: WireFormat, targetBytes: Int = 5 << 20, seed: UInt64 = 0x5EED) {
        let index = WireFormat.allCases.firstIndex(of: format)!
        var writer = CorpusWriter(format: format, seed: seed &+ UInt64(index))
        writer.write(targetBytes: targetBytes)
        self.format = format
        bytes = Array(writer.output.utf8)
        expected = writer.expected
        frameCount = writer.frames
    }

    /// The bytes in reads of `size`, as a network delivers them.
    func reads(of size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }
}

/// Writes one corpus.
private struct CorpusWriter {
    let format: WireFormat
    var random: SplitMix
    var output = ""
    var expected = ExpectedOutput(text: "", toolCalls: [], finishReason: "", promptTokens: 1250, completionTokens: 0)
    var frames = 0

    init(format: WireFormat, seed: UInt64) {
        self.format = format
        random = SplitMix(seed: seed)
    }

    /// Pieces the text is drawn from.
    static let pieces = [
        "The ", "weather ", "in ", "Paris ", "is ", "mild, ", "18 °C ", "with ", "light ", "rain. ", "Café ",
        "naïve ", "天气", "很好", "东京", "的", "雨", "🌤️", "😀", "🇫🇷", "\"quoted\" ", "back\\slash ", "tab\there ",
        "line\n", "über ", "señor ", "Ω ", "€10 ", "😀😀", "„Anführung“ ", "日本語のテキスト", "한국어 ",
    ]

    mutating func write(targetBytes: Int) {
        start()
        // The text: frames of 1 to 20 characters.
        var pending = ""
        while output.utf8.count < targetBytes - 4096 {
            while pending.count < 40 { pending += Self.pieces[random.next(below: Self.pieces.count)] }
            let length = 1 + random.next(below: 20)
            let piece = String(pending.prefix(length))
            pending.removeFirst(piece.count)
            expected.text += piece
            text(piece)
        }
        if !pending.isEmpty {
            expected.text += pending
            text(pending)
        }
        toolCall(
            id: "call_bench_1", name: "get_weather", arguments: #"{"city": "Paris", "units": "celsius", "days": 3}"#)
        toolCall(
            id: "call_bench_2", name: "search_news",
            arguments: #"{"query": "Météo à Paris — «pluie» 🌧️ \"today\"", "limit": 10, "lang": "fr"}"#)
        finish()
    }

    // MARK: Formats

    private mutating func start() {
        switch format {
        case .openai:
            break
        case .anthropic:
            event(
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1250,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"#
            )
            event(
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
            event("ping", #"{"type": "ping"}"#)
        case .gemini:
            break
        }
    }

    private mutating func text(_ piece: String) {
        expected.completionTokens += 1
        let json = Self.jsonString(piece, escapeNonASCII: random.next(below: 4) == 0)
        switch format {
        case .openai:
            data(
                #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_bench","choices":[{"index":0,"delta":{"content":"#
                    + json + #"},"logprobs":null,"finish_reason":null}],"usage":null}"#)
        case .anthropic:
            event(
                "content_block_delta",
                #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"# + json + "}}")
        case .gemini:
            data(
                #"{"candidates":[{"content":{"parts":[{"text":"# + json
                    + #"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":1250,"candidatesTokenCount":"#
                    + String(expected.completionTokens) + #","totalTokenCount":"#
                    + String(1250 + expected.completionTokens)
                    + #"},"modelVersion":"gemini-2.5-flash","responseId":"bench"}"#)
        }
    }

    private mutating func toolCall(id: String, name: String, arguments: String) {
        let index = expected.toolCalls.count
        switch format {
        case .openai:
            expected.toolCalls.append(.init(id: id, name: name, arguments: arguments))
            data(
                #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":"#
                    + "\(index)" + #","id":""# + id + #"","type":"function","function":{"name":""# + name
                    + #"","arguments":""}}]},"finish_reason":null}],"usage":null}"#)
            for fragment in fragments(of: arguments) {
                data(
                    #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"tool_calls":[{"index":"#
                        + "\(index)" + #","function":{"arguments":"# + Self.jsonString(fragment, escapeNonASCII: false)
                        + "}}]},\"finish_reason\":null}],\"usage\":null}")
            }
        case .anthropic:
            expected.toolCalls.append(.init(id: id, name: name, arguments: arguments))
            let block = index + 1
            if index == 0 { event("content_block_stop", #"{"type":"content_block_stop","index":0}"#) }
            event(
                "content_block_start",
                #"{"type":"content_block_start","index":"# + "\(block)"
                    + #","content_block":{"type":"tool_use","id":""# + id + #"","name":""# + name + #"","input":{}}}"#)
            for fragment in fragments(of: arguments) {
                event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":"# + "\(block)"
                        + #","delta":{"type":"input_json_delta","partial_json":"#
                        + Self.jsonString(fragment, escapeNonASCII: false) + "}}")
            }
            event("content_block_stop", #"{"type":"content_block_stop","index":"# + "\(block)}")
        case .gemini:
            // Gemini sends each call whole, with its arguments as an object (ids made up by the
            // reader: call_0, call_1). The arguments' compact JSON text is what a reader gives.
            let compact = try! JSONSerialization.data(
                withJSONObject: try! JSONSerialization.jsonObject(with: Data(arguments.utf8)), options: [.sortedKeys])
            expected.toolCalls.append(
                .init(id: "call_\(index)", name: name, arguments: String(decoding: compact, as: UTF8.self)))
            data(
                #"{"candidates":[{"content":{"parts":[{"functionCall":{"name":""# + name + #"","args":"# + arguments
                    + #"}}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":1250,"candidatesTokenCount":"#
                    + String(expected.completionTokens)
                    + "},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"bench\"}")
        }
    }

    private mutating func finish() {
        switch format {
        case .openai:
            expected.finishReason = "tool_calls"
            data(
                #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}"#
            )
            data(
                #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":1250,"completion_tokens":"#
                    + "\(expected.completionTokens)" + #","total_tokens":"#
                    + "\(1250 + expected.completionTokens)}}")
            output += "data: [DONE]\n\n"
        case .anthropic:
            expected.finishReason = "tool_use"
            event(
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":"#
                    + "\(expected.completionTokens)}}")
            event("message_stop", #"{"type":"message_stop"}"#)
        case .gemini:
            expected.finishReason = "STOP"
            data(
                #"{"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":1250,"candidatesTokenCount":"#
                    + "\(expected.completionTokens)" + #","totalTokenCount":"#
                    + "\(1250 + expected.completionTokens)"
                    + #"},"modelVersion":"gemini-2.5-flash","responseId":"bench"}"#)
        }
    }

    /// The arguments' text in pieces of 1 to 6 characters.
    private mutating func fragments(of text: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let length = 1 + random.next(below: 6)
            pieces.append(String(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        return pieces
    }

    private mutating func data(_ json: String) {
        output += "data: " + json + "\n\n"
        frames += 1
    }

    private mutating func event(_ name: String, _ json: String) {
        output += "event: " + name + "\ndata: " + json + "\n\n"
        frames += 1
    }

    /// A JSON string literal; with `escapeNonASCII`, every non-ASCII scalar as `\u` escapes (a
    /// surrogate pair beyond the BMP), as some servers write them.
    static func jsonString(_ text: String, escapeNonASCII: Bool) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || (escapeNonASCII && scalar.value > 0x7F) {
                    for unit in String(scalar).utf16 { result += String(format: "\\u%04x", unit) }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// A small deterministic random number generator.
struct SplitMix {
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

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
