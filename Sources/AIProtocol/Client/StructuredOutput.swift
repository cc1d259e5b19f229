#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A reply read as the caller's type, and the response it came from (text, usage, statistics).
public struct StructuredResponse<Value> {
    /// The reply, decoded.
    public var value: Value
    /// The response as the provider gave it.
    public var response: ChatResponse

    /// Creates a structured response.
    public init(value: Value, response: ChatResponse) {
        self.value = value
        self.response = response
    }
}

extension StructuredResponse: Sendable where Value: Sendable {}

extension Client where Provider: SupportsStructuredOutput {
    /// One response to a conversation, decoded as `Value`.
    ///
    /// The JSON Schema of `Value` is derived from its `Decodable` conformance, as for tools. A
    /// provider whose manifest declares `json_schema_output` is asked for output of that schema
    /// (strict where the provider has a strict mode); one with JSON mode only is asked for JSON,
    /// with the schema in a system instruction. Either way the reply is decoded as `Value`, and
    /// a reply that does not decode is an `AIError` of kind `.outputMismatch` with the raw text.
    /// The call's `responseFormat` option is replaced.
    ///
    /// The reply is decoded on the caller's actor (`nonisolated(nonsending)`), so `Value` may be a
    /// type whose `Decodable` conformance is isolated to it, as in a module whose default
    /// isolation is the main actor.
    ///
    /// ```swift
    /// struct City: Codable { var name: String; var population: Int }
    /// let reply = try await client.chat(model: .gpt4oMini, messages: [.user("Largest city in Peru?")], returning: City.self)
    /// print(reply.value.name, reply.response.statistics?.cost ?? 0)
    /// ```
    nonisolated(nonsending) public func chat<Value: Decodable>(
        model: Provider.Model, messages: [Message], returning type: Value.Type, options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> StructuredResponse<Value> {
        let output = try StructuredOutput<Value>(
            schemaMode: Provider.descriptor.capabilities.contains(.jsonSchemaOutput), providerID: Provider.descriptor.id
        )
        let (messages, options) = output.request(messages: messages, options: options)
        return try output.read(try await chat(model: model, messages: messages, options: options))
    }
}

extension AnyClient {
    /// One response to a conversation, decoded as `Value`, as `Client.chat(model:messages:returning:options:)`
    /// does it. A provider without `structured_output` is an `AIError` of kind
    /// `.unsupportedFeature("structured output")`, before any request.
    nonisolated(nonsending) public func chat<Value: Decodable>(
        messages: [Message], returning type: Value.Type, options: ChatOptions = ChatOptions()
    ) async throws(AIError) -> StructuredResponse<Value> {
        guard capabilities.contains(.structuredOutput) else {
            throw AIError(.unsupportedFeature("structured output"), errorClass: .invalidRequest, providerID: providerID)
        }
        let output = try StructuredOutput<Value>(
            schemaMode: capabilities.contains(.jsonSchemaOutput), providerID: providerID)
        let (messages, options) = output.request(messages: messages, options: options)
        return try output.read(try await chat(messages: messages, options: options))
    }
}

/// How a reply of a `Decodable` type is asked for and read; `Client` and `AnyClient` share it.
struct StructuredOutput<Value: Decodable> {
    let format: ResponseFormat
    let schema: JSONValue
    /// Whether the provider takes the schema itself; otherwise it is JSON mode and instructions.
    let schemaMode: Bool
    let providerID: String

    init(schemaMode: Bool, providerID: String) throws(AIError) {
        do {
            format = try ResponseFormat.jsonSchema(for: Value.self, strict: schemaMode)
        } catch {
            throw AIError(
                .invalidConfiguration("the JSON Schema of \(Value.self) cannot be derived: \(error)"),
                errorClass: .invalidRequest, providerID: providerID)
        }
        guard case .jsonSchema(_, let schema, _) = format else { preconditionFailure("a schema format") }
        self.schema = schema
        self.schemaMode = schemaMode
        self.providerID = providerID
    }

    /// The conversation and options that ask for the reply.
    func request(messages: [Message], options: ChatOptions) -> ([Message], ChatOptions) {
        var options = options
        options.responseFormat = schemaMode ? format : .jsonObject
        if schemaMode { return (messages, options) }
        let instruction =
            "Answer with one JSON value and nothing else (no prose, no code fence). It must satisfy this JSON Schema:\n"
            + JSONText.serialize(schema)
        var messages = messages
        if let first = messages.first, first.role == .system {
            messages[0].content.append(.text("\n\n" + instruction))
        } else {
            messages.insert(.system(instruction), at: 0)
        }
        return (messages, options)
    }

    /// The reply decoded, or an `.outputMismatch` error that carries it.
    func read(_ response: ChatResponse) throws(AIError) -> StructuredResponse<Value> {
        let text = response.text
        do {
            let value = try JSONDecoder().decode(Value.self, from: Data(Self.unfenced(text).utf8))
            return StructuredResponse(value: value, response: response)
        } catch {
            var reason = Self.describe(error)
            if let finish = response.finishReason, finish != .endTurn, finish != .stopSequence {
                reason += " (the reply ended with \(finish.rawValue))"
            }
            throw AIError(
                .outputMismatch(type: String(describing: Value.self), reason: reason, rawText: text),
                errorClass: .unknown, providerID: providerID)
        }
    }

    /// The text inside a Markdown code fence, which models in JSON mode sometimes add anyway.
    static func unfenced(_ text: String) -> Substring {
        var trimmed = text.drop(while: \.isWhitespace)
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6,
            let firstLineEnd = trimmed.firstIndex(of: "\n")
        else { return trimmed }
        return trimmed[trimmed.index(after: firstLineEnd)..<trimmed.index(trimmed.endIndex, offsetBy: -3)]
    }

    /// A decoding error in one line: what was wrong, and where.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type), found null\(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
