import Foundation

/// The hand-written floor: what a good developer writes to read one provider's stream, with no
/// protocol, no manifest and no generality. An incremental SSE split over bytes, `JSONDecoder`
/// into minimal structs, and the text, tool calls, finish and usage accumulated. The stream
/// benchmarks compare the compiled path with it, on the same bytes, in the same reads.
struct FloorReader {
    let format: WireFormat
    private var buffer: [UInt8] = []
    private let json = JSONDecoder()
    private(set) var output = ExpectedOutput(
        text: "", toolCalls: [], finishReason: "", promptTokens: 0, completionTokens: 0)
    private(set) var frames = 0
    private var done = false

    init(format: WireFormat) {
        self.format = format
        buffer.reserveCapacity(64 << 10)
    }

    /// Splits complete events (`\n\n`) off the buffer and reads their data lines.
    mutating func push(_ chunk: ArraySlice<UInt8>) throws {
        guard !done else { return }
        buffer.append(contentsOf: chunk)
        var start = 0
        var index = 0
        let count = buffer.count
        while index + 1 < count {
            if buffer[index] == 10 && buffer[index + 1] == 10 {
                try event(buffer[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        buffer.removeSubrange(0..<start)
    }

    private mutating func event(_ bytes: ArraySlice<UInt8>) throws {
        frames += 1
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: Self.dataPrefix) {
                try data(line.dropFirst(Self.dataPrefix.count))
            }
            lineStart = lineEnd + 1
        }
    }

    private static let dataPrefix = Array("data: ".utf8)
    private static let doneSignal = Array("[DONE]".utf8)

    private mutating func data(_ payload: ArraySlice<UInt8>) throws {
        if payload.elementsEqual(Self.doneSignal) {
            done = true
            return
        }
        let data = Data(payload)
        switch format {
        case .openai: accumulate(try json.decode(OpenAIChunk.self, from: data))
        case .anthropic: accumulate(try json.decode(AnthropicEvent.self, from: data))
        case .gemini: accumulate(try json.decode(GeminiChunk.self, from: data))
        }
    }

    // MARK: OpenAI

    private struct OpenAIChunk: Decodable {
        struct Choice: Decodable {
            var delta: Delta?
            var finish_reason: String?
        }
        struct Delta: Decodable {
            var content: String?
            var tool_calls: [ToolCall]?
        }
        struct ToolCall: Decodable {
            var index: Int
            var id: String?
            var function: Function?
        }
        struct Function: Decodable {
            var name: String?
            var arguments: String?
        }
        struct TokenUsage: Decodable {
            var prompt_tokens: Int
            var completion_tokens: Int
        }
        var choices: [Choice]?
        var usage: TokenUsage?
    }

    private mutating func accumulate(_ chunk: OpenAIChunk) {
        if let choice = chunk.choices?.first {
            if let content = choice.delta?.content { output.text += content }
            for call in choice.delta?.tool_calls ?? [] {
                while output.toolCalls.count <= call.index {
                    output.toolCalls.append(.init(id: "", name: "", arguments: ""))
                }
                if let id = call.id { output.toolCalls[call.index].id = id }
                if let name = call.function?.name { output.toolCalls[call.index].name = name }
                if let arguments = call.function?.arguments { output.toolCalls[call.index].arguments += arguments }
            }
            if let reason = choice.finish_reason { output.finishReason = reason }
        }
        if let usage = chunk.usage {
            output.promptTokens = usage.prompt_tokens
            output.completionTokens = usage.completion_tokens
        }
    }

    // MARK: Anthropic

    private struct AnthropicEvent: Decodable {
        struct Delta: Decodable {
            var type: String?
            var text: String?
            var partial_json: String?
            var stop_reason: String?
        }
        struct Block: Decodable {
            var type: String
            var id: String?
            var name: String?
        }
        struct Message: Decodable {
            var usage: TokenUsage?
        }
        struct TokenUsage: Decodable {
            var input_tokens: Int?
            var output_tokens: Int?
        }
        var type: String
        var index: Int?
        var delta: Delta?
        var content_block: Block?
        var message: Message?
        var usage: TokenUsage?
    }

    private mutating func accumulate(_ event: AnthropicEvent) {
        switch event.type {
        case "message_start":
            output.promptTokens = event.message?.usage?.input_tokens ?? 0
        case "content_block_start":
            if let block = event.content_block, block.type == "tool_use" {
                output.toolCalls.append(.init(id: block.id ?? "", name: block.name ?? "", arguments: ""))
            }
        case "content_block_delta":
            if let text = event.delta?.text { output.text += text }
            if let json = event.delta?.partial_json, !output.toolCalls.isEmpty {
                output.toolCalls[output.toolCalls.count - 1].arguments += json
            }
        case "message_delta":
            if let reason = event.delta?.stop_reason { output.finishReason = reason }
            if let tokens = event.usage?.output_tokens { output.completionTokens = tokens }
        default:
            break
        }
    }

    // MARK: Gemini

    private struct GeminiChunk: Decodable {
        struct Candidate: Decodable {
            var content: Content?
            var finishReason: String?
        }
        struct Content: Decodable {
            var parts: [Part]?
        }
        struct Part: Decodable {
            var text: String?
            var functionCall: FunctionCall?
        }
        struct FunctionCall: Decodable {
            var name: String
            var args: FloorJSON?
        }
        struct TokenUsage: Decodable {
            var promptTokenCount: Int?
            var candidatesTokenCount: Int?
        }
        var candidates: [Candidate]?
        var usageMetadata: TokenUsage?
    }

    private mutating func accumulate(_ chunk: GeminiChunk) {
        if let candidate = chunk.candidates?.first {
            for part in candidate.content?.parts ?? [] {
                if let text = part.text { output.text += text }
                if let call = part.functionCall {
                    output.toolCalls.append(
                        .init(id: "call_\(output.toolCalls.count)", name: call.name, arguments: call.args?.text ?? "{}")
                    )
                }
            }
            if let reason = candidate.finishReason { output.finishReason = reason }
        }
        if let usage = chunk.usageMetadata {
            output.promptTokens = usage.promptTokenCount ?? output.promptTokens
            output.completionTokens = usage.candidatesTokenCount ?? output.completionTokens
        }
    }
}

/// Any JSON value, for Gemini's call arguments; written back compactly with sorted keys.
enum FloorJSON: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FloorJSON])
    case object([String: FloorJSON])

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode([FloorJSON].self) {
            self = .array(value)
        } else {
            self = .object(try single.decode([String: FloorJSON].self))
        }
    }

    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value):
            let data = try! JSONEncoder().encode(value)
            return String(decoding: data, as: UTF8.self)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.keys.sorted().map { key in FloorJSON.string(key).text + ":" + members[key]!.text }
                .joined(separator: ",") + "}"
        }
    }
}
