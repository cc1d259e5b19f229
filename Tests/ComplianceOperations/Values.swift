import AIProtocol
import Foundation

/// The suite's JSON shapes to the runtime's values and back. The suite names things as the
/// OpenAI-style wire does (`role`/`content` messages, `max_tokens`); outputs use its names.
enum Values {
    // MARK: In

    static func bodyBytes(_ body: JSONValue?) throws -> [UInt8] {
        switch body {
        case nil: return []
        case .string(let text)?: return Array(text.utf8)
        case let value?: return Array(try JSONEncoder().encode(value))
        }
    }

    static func headers(_ value: JSONValue?) -> [ProviderDescriptor.Header] {
        (value?.members ?? []).compactMap { member in
            (member.value.stringValue ?? member.value.intValue.map(String.init)).map {
                ProviderDescriptor.Header(name: member.key, value: $0)
            }
        }
    }

    static func messages(_ value: JSONValue) throws -> [Message] {
        guard let items = value.elements else { throw OperationFailure("messages is not a list") }
        return try items.map(message)
    }

    private static func message(_ value: JSONValue) throws -> Message {
        guard let roleName = value["role"]?.stringValue, let role = MessageRole(rawValue: roleName) else {
            throw OperationFailure("a message has no role this runtime knows: \(value)")
        }
        if role == .tool {
            return .tool(
                callID: value["tool_call_id"]?.stringValue ?? "", name: value["name"]?.stringValue,
                result: value["content"]?.stringValue ?? "")
        }
        var blocks: [ContentBlock] = []
        switch value["content"] {
        case .string(let text)?: blocks.append(.text(text))
        case .array(let parts)?: blocks += try parts.map(contentBlock)
        default: break
        }
        for call in value["tool_calls"]?.elements ?? [] {
            blocks.append(
                .toolUse(
                    ToolCall(
                        id: call["id"]?.stringValue ?? "", name: call["function"]?["name"]?.stringValue ?? "",
                        arguments: call["function"]?["arguments"]?.stringValue ?? "{}")))
        }
        return Message(role: role, content: blocks)
    }

    private static func contentBlock(_ part: JSONValue) throws -> ContentBlock {
        switch part["type"]?.stringValue {
        case "text": return .text(part["text"]?.stringValue ?? "")
        case "image_url":
            guard let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue else { break }
            return .image(.url(url))
        default: break
        }
        throw OperationFailure("a content part this runtime does not model: \(part)")
    }

    /// The standard parameters, by the names of `spec/vocabulary`, as `ChatOptions`.
    static func options(_ value: JSONValue) throws -> ChatOptions {
        var options = ChatOptions()
        for member in value.members ?? [] {
            let value = member.value
            switch member.key {
            case "temperature": options.temperature = value.numberValue
            case "max_tokens": options.maxTokens = value.intValue
            case "top_p": options.topP = value.numberValue
            case "top_k": options.topK = value.intValue
            case "seed": options.seed = value.intValue
            case "frequency_penalty": options.frequencyPenalty = value.numberValue
            case "presence_penalty": options.presencePenalty = value.numberValue
            case "repetition_penalty": options.repetitionPenalty = value.numberValue
            case "n": options.candidateCount = value.intValue
            case "parallel_tool_calls": options.parallelToolCalls = value == .bool(true)
            case "user": options.user = value.stringValue
            case "stop", "stop_sequences":
                options.stopSequences = value.elements?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] }
            case "reasoning_effort":
                options.reasoningEffort = value.stringValue.flatMap(ReasoningEffort.init(rawValue:))
            case "response_format": options.responseFormat = try responseFormat(value)
            default: throw OperationFailure("the standard parameter \"\(member.key)\" has no ChatOptions member")
            }
        }
        return options
    }

    private static func responseFormat(_ value: JSONValue) throws -> ResponseFormat {
        switch value["type"]?.stringValue {
        case "text": return .text
        case "json_object": return .jsonObject
        case "json_schema":
            let schema = value["json_schema"]
            return .jsonSchema(
                name: schema?["name"]?.stringValue ?? "response", schema: schema?["schema"] ?? .object([]),
                strict: schema?["strict"] != .bool(false))
        default: throw OperationFailure("response_format \(value) is not one this runtime models")
        }
    }

    // MARK: Out

    static func errorOutput(_ error: AIError) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("valid", .bool(true)), .init("error_code", .string(error.code)),
            .init("error_name", .string(error.errorClass.rawValue)),
            .init("error_type", .string(error.errorClass.rawValue)),
            .init("retryable", .bool(error.isRetryable)), .init("fallbackable", .bool(error.isFallbackable)),
            .init("error", .string(error.description)),
        ]
        if let status = error.httpStatus { members.append(.init("http_status", .integer(status))) }
        return .object(members)
    }

    static func usage(_ usage: Usage) -> JSONValue {
        let counts: [(String, Int?)] = [
            ("prompt_tokens", usage.promptTokens), ("completion_tokens", usage.completionTokens),
            ("total_tokens", usage.totalTokens), ("reasoning_tokens", usage.reasoningTokens),
            ("cached_tokens", usage.cachedTokens),
        ]
        return .object(counts.compactMap { name, count in count.map { .init(name, .integer($0)) } })
    }

    static func contentBlocks(_ blocks: [ContentBlock]) -> JSONValue {
        .array(
            blocks.map { block in
                switch block {
                case .text(let text): .object(["type": .string("text"), "content": .string(text)])
                case .thinking(let text, _): .object(["type": .string("thinking"), "content": .string(text)])
                case .toolUse(let call):
                    .object(["type": .string("tool_use"), "id": .string(call.id), "name": .string(call.name)])
                case .toolResult(let result):
                    .object(["type": .string("tool_result"), "content": .string(result.content)])
                case .image: .object(["type": .string("image")])
                case .document: .object(["type": .string("document")])
                case .audio: .object(["type": .string("audio")])
                }
            })
    }
}
