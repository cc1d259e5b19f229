import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("Ollama chat family")
    struct OllamaChatFamilyTests {
        @Test func encodesTheConversation() throws {
            let request = FamilyFixtures.request(imageURL: "data:image/jpeg;base64,/9j/4AAQ")
            try expectSameJSON(
                try encodedConversation(OllamaChatFamily.self, request),
                #"""
                {
                  "messages": [
                    {"role": "system", "content": "You are terse."},
                    {"role": "user", "content": "What is in these images?", "images": ["/9j/4AAQ", "iVBORw0KGgo="]},
                    {"role": "assistant", "content": "A cat and a dot."},
                    {"role": "user", "content": "What's the weather in Paris?"},
                    {"role": "assistant", "content": "", "thinking": "I should look up the weather.",
                     "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
                    {"role": "tool", "content": "{\"temp_c\":18}", "tool_name": "get_weather"}
                  ],
                  "tools": [
                    {"type": "function", "function": {
                      "name": "get_weather", "description": "Current weather of a city",
                      "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
                    }}
                  ]
                }
                """#)
        }

        @Test func toolChoiceShapesTheTools() throws {
            let tools = [FamilyFixtures.weatherTool, FamilyFixtures.timeTool]
            for (choice, expected) in [
                (ToolChoice.auto, ["get_weather", "get_time"]), (.none, nil), (.required, ["get_weather", "get_time"]),
                (.tool("get_time"), ["get_time"]),
            ] as [(ToolChoice, [String]?)] {
                let request = FamilyFixtures.request(
                    imageURL: "data:image/png;base64,AAAA", tools: tools, toolChoice: choice)
                let body = try parsedJSON(try encodedConversation(OllamaChatFamily.self, request))
                #expect(body["tool_choice"] == nil)
                #expect(
                    body["tools"]?.elements?.compactMap { $0["function"]?["name"]?.stringValue } == expected,
                    "\(choice)")
            }
        }

        @Test func imageURLsAreRejected() {
            #expect(throws: AIError.self) {
                try encodedConversation(OllamaChatFamily.self, FamilyFixtures.request())
            }
        }

        @Test func responseFormats() {
            #expect(OllamaChatFamily.responseFormatValue(.text) == .null)
            #expect(OllamaChatFamily.responseFormatValue(.jsonObject) == .string("json"))
            let format = ResponseFormat.jsonSchema(name: "weather", schema: FamilyFixtures.weatherSchema)
            #expect(OllamaChatFamily.responseFormatValue(format) == FamilyFixtures.weatherSchema)
        }

        /// A native /api/chat stream line with two calls.
        static let line = #"""
            {"model": "llama3.1", "created_at": "2025-07-07T20:22:19.184789Z",
             "message": {"role": "assistant", "content": "", "tool_calls": [
               {"function": {"name": "get_weather", "arguments": {"city": "Toronto", "unit": "celsius"}}},
               {"function": {"name": "get_time", "arguments": {}}}
             ]}, "done": false}
            """#

        @Test func toolCallsOfAResponse() throws {
            let selected = try #require(try parsedJSON(Self.line)["message"]?["tool_calls"])
            #expect(
                OllamaChatFamily.toolCalls(from: [selected]) == [
                    ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Toronto","unit":"celsius"}"#),
                    ToolCall(id: "call_1", name: "get_time", arguments: "{}"),
                ])
        }

        @Test func streamedCallsAreWhole() throws {
            let selected = try #require(try parsedJSON(Self.line)["message"]?["tool_calls"])
            #expect(
                OllamaChatFamily.toolCallEvents(from: selected, field: "tool_calls", candidate: 0) == [
                    .toolCallStarted(index: 0, id: "call_0", name: "get_weather"),
                    .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"Toronto","unit":"celsius"}"#),
                    .toolCallEnded(index: 0),
                    .toolCallStarted(index: 1, id: "call_1", name: "get_time"),
                    .toolCallArgumentsDelta(index: 1, fragment: "{}"),
                    .toolCallEnded(index: 1),
                ])
            let later = OllamaChatFamily.toolCallEvents(
                from: selected, field: "tool_calls", candidate: 0, firstIndex: 2)
            #expect(later.first == .toolCallStarted(index: 2, id: "call_2", name: "get_weather"))
            // A server that numbers its calls and gives ids.
            let numbered = try parsedJSON(
                #"[{"id": "call_x1", "function": {"index": 5, "name": "get_time", "arguments": {"zone": "UTC"}}}]"#)
            #expect(
                OllamaChatFamily.toolCallEvents(from: numbered, field: "tool_calls", candidate: 0).first
                    == .toolCallStarted(index: 5, id: "call_x1", name: "get_time"))
            #expect(OllamaChatFamily.toolCallEvents(from: selected, field: "content", candidate: 0).isEmpty)
        }
    }
}
