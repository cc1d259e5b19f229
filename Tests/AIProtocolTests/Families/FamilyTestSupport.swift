import Foundation
import Testing

@testable import AIProtocol

/// The payload-family tests (one suite per family), so that `--filter Families` selects them.
@Suite enum Families {}

/// A request body that holds only what a family writes.
struct ConversationBody<Family: PayloadFamily>: Encodable {
    var request: ChatRequest

    func encode(to encoder: any Encoder) throws {
        try Family.encodeConversation(of: request, to: encoder)
    }
}

/// A request body as the generator writes it: the family's members, then its own.
struct ConversationAndTemperatureBody<Family: PayloadFamily>: Encodable {
    var request: ChatRequest

    func encode(to encoder: any Encoder) throws {
        try Family.encodeConversation(of: request, to: encoder)
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(0.5, forKey: AnyKey("temperature"))
        // Generated bodies use their own coding keys: a container of another key type merges too.
        var typed = encoder.container(keyedBy: CodingKeys.self)
        try typed.encode(request.model, forKey: .model)
    }

    enum CodingKeys: String, CodingKey {
        case model
    }
}

enum FamilyFixtures {
    static let weatherSchema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object(["city": .object(["type": .string("string")])]),
        "required": .array([.string("city")]),
    ])

    static let weatherTool = Tool(
        name: "get_weather", description: "Current weather of a city", parameters: weatherSchema)
    static let timeTool = Tool(
        name: "get_time", description: "Local time of a zone", parameters: .object(["type": .string("object")]))

    static let weatherCall = ToolCall(id: "call_abc", name: "get_weather", arguments: #"{"city":"Paris"}"#)

    /// System, user text with a URL image and a base64 image, an assistant reply, a user
    /// question, an assistant tool call (with signed thinking), the tool's result.
    static func conversation(imageURL: String = "https://example.com/cat.png") -> [Message] {
        [
            .system("You are terse."),
            .user([
                .text("What is in these images?"),
                .image(.url(imageURL)),
                .image(.base64(data: "iVBORw0KGgo=", mediaType: "image/png")),
            ]),
            .assistant("A cat and a dot."),
            .user("What's the weather in Paris?"),
            Message(
                role: .assistant,
                content: [.thinking("I should look up the weather.", signature: "sig-1"), .toolUse(weatherCall)]),
            .tool(callID: "call_abc", result: #"{"temp_c":18}"#),
        ]
    }

    static func request(
        imageURL: String = "https://example.com/cat.png", tools: [Tool] = [weatherTool], toolChoice: ToolChoice? = .auto
    ) -> ChatRequest {
        ChatRequest(model: "m", messages: conversation(imageURL: imageURL), tools: tools, toolChoice: toolChoice)
    }

    /// A conversation with two parallel calls and their results in separate tool messages.
    static let parallelConversation: [Message] = [
        .user("Weather and time in Paris?"),
        Message(
            role: .assistant,
            content: [
                .text("Checking both."),
                .toolUse(ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
                .toolUse(ToolCall(id: "c2", name: "get_time", arguments: "")),
            ]),
        .tool(callID: "c1", result: "sunny"),
        .tool(callID: "c2", name: "get_time", result: "boom", isError: true),
        .user("Thanks"),
    ]
}

/// The JSON text a family writes for `request`.
func encodedConversation<Family: PayloadFamily>(_ family: Family.Type, _ request: ChatRequest) throws -> String {
    let data = try JSONEncoder().encode(ConversationBody<Family>(request: request))
    return String(decoding: data, as: UTF8.self)
}

/// The parsed value of JSON text (object members in their order).
func parsedJSON(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    try #require(JSONText.parse(text), "not JSON: \(text)", sourceLocation: sourceLocation)
}

/// `value` with every object's members sorted by key, for order-insensitive comparison.
func keySorted(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items): .array(items.map(keySorted))
    case .object(let members):
        .object(members.sorted { $0.key < $1.key }.map { JSONValue.Member($0.key, keySorted($0.value)) })
    default: value
    }
}

/// Expects the JSON texts to hold the same value, whatever the order of object members.
func expectSameJSON(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let actualValue = keySorted(try parsedJSON(actual, sourceLocation: sourceLocation))
    let expectedValue = keySorted(try parsedJSON(expected, sourceLocation: sourceLocation))
    #expect(
        JSONText.serialize(actualValue) == JSONText.serialize(expectedValue), sourceLocation: sourceLocation)
}

/// The member `key` of the JSON object a family writes for `request`.
func encodedMember<Family: PayloadFamily>(
    _ family: Family.Type, _ request: ChatRequest, _ key: String
) throws -> JSONValue? {
    try parsedJSON(try encodedConversation(family, request))[key]
}

/// The arguments text of each call index, assembled from stream events in order.
func assembledArguments(_ events: [StreamEvent]) -> [Int: String] {
    var arguments: [Int: String] = [:]
    for case .toolCallArgumentsDelta(let index, let fragment, _) in events {
        arguments[index, default: ""] += fragment
    }
    return arguments
}
