import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("Cohere v2 family")
    struct CohereV2FamilyTests {
        static let weatherToolJSON = #"""
            {"type": "function", "function": {
              "name": "get_weather", "description": "Current weather of a city",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
            }}
            """#

        @Test func encodesTheConversation() throws {
            let json = try encodedConversation(CohereV2Family.self, FamilyFixtures.request())
            try expectSameJSON(
                json,
                #"""
                {
                  "messages": [
                    {"role": "system", "content": "You are terse."},
                    {"role": "user", "content": [
                      {"type": "text", "text": "What is in these images?"},
                      {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
                      {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
                    ]},
                    {"role": "assistant", "content": "A cat and a dot."},
                    {"role": "user", "content": "What's the weather in Paris?"},
                    {"role": "assistant", "tool_plan": "I should look up the weather.", "tool_calls": [
                      {"id": "call_abc", "type": "function",
                       "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
                    ]},
                    {"role": "tool", "tool_call_id": "call_abc",
                     "content": [{"type": "document", "document": {"data": "{\"temp_c\":18}"}}]}
                  ],
                  "tools": [\#(Self.weatherToolJSON)]
                }
                """#)
        }

        @Test func encodesEachToolChoice() throws {
            let tools = [FamilyFixtures.weatherTool, FamilyFixtures.timeTool]
            for (choice, expected) in [
                (ToolChoice.auto, nil), (.none, "NONE"), (.required, "REQUIRED"), (.tool("get_time"), "REQUIRED"),
            ] as [(ToolChoice, String?)] {
                let body = try parsedJSON(
                    try encodedConversation(
                        CohereV2Family.self, FamilyFixtures.request(tools: tools, toolChoice: choice)))
                #expect(body["tool_choice"] == expected.map(JSONValue.string), "\(choice)")
                let names = body["tools"]?.elements?.compactMap { $0["function"]?["name"]?.stringValue }
                #expect(
                    names == (choice == .tool("get_time") ? ["get_time"] : ["get_weather", "get_time"]), "\(choice)")
            }
        }

        @Test func assistantTextAndCallsWithoutPlan() throws {
            let request = ChatRequest(model: "m", messages: FamilyFixtures.parallelConversation)
            let messages = try #require(try encodedMember(CohereV2Family.self, request, "messages")?.elements)
            try expectSameJSON(
                JSONText.serialize(messages[1]),
                #"""
                {"role": "assistant", "content": "Checking both.", "tool_calls": [
                  {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
                  {"id": "c2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
                ]}
                """#)
            #expect(messages.count == 5)
        }

        @Test func responseFormats() {
            #expect(JSONText.serialize(CohereV2Family.responseFormatValue(.text)) == #"{"type":"text"}"#)
            #expect(JSONText.serialize(CohereV2Family.responseFormatValue(.jsonObject)) == #"{"type":"json_object"}"#)
            let format = ResponseFormat.jsonSchema(name: "weather", schema: FamilyFixtures.weatherSchema)
            #expect(
                CohereV2Family.responseFormatValue(format)
                    == .object(["type": .string("json_object"), "json_schema": FamilyFixtures.weatherSchema]))
        }

        @Test func toolCallsOfAResponse() throws {
            // A v2 chat response that plans and calls a tool.
            let response = try parsedJSON(
                #"""
                {"id": "c8e9a2b4-1d0f-4e8a-9f3b-2a6d7e1c5b90",
                 "message": {"role": "assistant",
                   "tool_plan": "I will search for the weather in Toronto.",
                   "tool_calls": [{"id": "get_weather_1byjy32y4hvq", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\"location\":\"Toronto\"}"}}]},
                 "finish_reason": "TOOL_CALL",
                 "usage": {"billed_units": {"input_tokens": 37, "output_tokens": 28}}}
                """#)
            let selected = try #require(response["message"]?["tool_calls"])
            #expect(
                CohereV2Family.toolCalls(from: [selected]) == [
                    ToolCall(id: "get_weather_1byjy32y4hvq", name: "get_weather", arguments: #"{"location":"Toronto"}"#)
                ])
        }

        /// A recorded tool-call step of a v2 stream.
        static let events = [
            #"{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_1byjy32y4hvq","type":"function","function":{"name":"get_weather","arguments":""}}}}}"#,
            #"{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\n    \""}}}}}"#,
            #"{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"location"}}}}}"#,
            #"{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\": \"Toronto\"\n}"}}}}}"#,
            #"{"type":"tool-call-end","index":0}"#,
            #"{"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"get_weather_2","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Oslo\"}"}}}}}"#,
            #"{"type":"tool-call-end","index":1}"#,
        ]

        @Test func streamedCallsFromWholeEvents() throws {
            var events: [StreamEvent] = []
            for text in Self.events {
                events += CohereV2Family.toolCallEvents(from: try parsedJSON(text), field: "event", candidate: 0)
            }
            #expect(
                events == [
                    .toolCallStarted(index: 0, id: "get_weather_1byjy32y4hvq", name: "get_weather"),
                    .toolCallArgumentsDelta(index: 0, fragment: "{\n    \""),
                    .toolCallArgumentsDelta(index: 0, fragment: "location"),
                    .toolCallArgumentsDelta(index: 0, fragment: "\": \"Toronto\"\n}"),
                    .toolCallEnded(index: 0),
                    .toolCallStarted(index: 1, id: "get_weather_2", name: "get_weather"),
                    .toolCallArgumentsDelta(index: 1, fragment: #"{"location":"Oslo"}"#),
                    .toolCallEnded(index: 1),
                ])
        }

        @Test func streamedCallsFromExtractedToolCalls() throws {
            // What `delta.message.tool_calls` selects, with the event's index added by the generator.
            let start = try parsedJSON(
                #"{"index":1,"id":"get_time_7","type":"function","function":{"name":"get_time","arguments":""}}"#)
            let piece = try parsedJSON(#"{"index":1,"function":{"arguments":"{}"}}"#)
            let events =
                CohereV2Family.toolCallEvents(from: start, field: "tool_calls", candidate: 0)
                + CohereV2Family.toolCallEvents(from: piece, field: "tool_call", candidate: 0)
            #expect(
                events == [
                    .toolCallStarted(index: 1, id: "get_time_7", name: "get_time"),
                    .toolCallArgumentsDelta(index: 1, fragment: "{}"),
                ])
            #expect(CohereV2Family.toolCallEvents(from: piece, field: "arguments", candidate: 0).isEmpty)
        }
    }
}
