import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("Gemini family")
    struct GeminiFamilyTests {
        @Test func encodesTheConversation() throws {
            let json = try encodedConversation(GeminiFamily.self, FamilyFixtures.request())
            try expectSameJSON(
                json,
                #"""
                {
                  "systemInstruction": {"parts": [{"text": "You are terse."}]},
                  "contents": [
                    {"role": "user", "parts": [
                      {"text": "What is in these images?"},
                      {"fileData": {"mimeType": "image/png", "fileUri": "https://example.com/cat.png"}},
                      {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}
                    ]},
                    {"role": "model", "parts": [{"text": "A cat and a dot."}]},
                    {"role": "user", "parts": [{"text": "What's the weather in Paris?"}]},
                    {"role": "model", "parts": [
                      {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}, "id": "call_abc"},
                       "thoughtSignature": "sig-1"}
                    ]},
                    {"role": "user", "parts": [
                      {"functionResponse": {"name": "get_weather", "response": {"temp_c": 18}, "id": "call_abc"}}
                    ]}
                  ],
                  "tools": [{"functionDeclarations": [
                    {"name": "get_weather", "description": "Current weather of a city",
                     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}
                  ]}],
                  "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}}
                }
                """#)
        }

        @Test(arguments: [
            (ToolChoice.auto, #"{"functionCallingConfig":{"mode":"AUTO"}}"#),
            (.none, #"{"functionCallingConfig":{"mode":"NONE"}}"#),
            (.required, #"{"functionCallingConfig":{"mode":"ANY"}}"#),
            (.tool("get_weather"), #"{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}"#),
        ])
        func encodesEachToolChoice(choice: ToolChoice, expected: String) throws {
            let value = try #require(
                try encodedMember(GeminiFamily.self, FamilyFixtures.request(toolChoice: choice), "toolConfig"))
            try expectSameJSON(JSONText.serialize(value), expected)
        }

        @Test func mergesResultsOfOneTurnAndWrapsNonObjectResults() throws {
            let request = ChatRequest(model: "m", messages: FamilyFixtures.parallelConversation)
            try expectSameJSON(
                try encodedConversation(GeminiFamily.self, request),
                #"""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather and time in Paris?"}]},
                  {"role": "model", "parts": [
                    {"text": "Checking both."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}, "id": "c1"}},
                    {"functionCall": {"name": "get_time", "args": {}, "id": "c2"}}
                  ]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "get_weather", "response": {"result": "sunny"}, "id": "c1"}},
                    {"functionResponse": {"name": "get_time", "response": {"error": "boom"}, "id": "c2"}}
                  ]},
                  {"role": "user", "parts": [{"text": "Thanks"}]}
                ]}
                """#)
        }

        @Test func madeUpIdsAreNotSentBack() throws {
            let call = ToolCall(id: "call_0", name: "get_time", arguments: #"{"zone":"CET"}"#)
            let request = ChatRequest(
                model: "m",
                messages: [
                    .user("Time?"), Message(role: .assistant, content: [.toolUse(call)]),
                    .tool(callID: "call_0", result: #"{"time":"12:00"}"#),
                ])
            let contents = try #require(try encodedMember(GeminiFamily.self, request, "contents"))
            try expectSameJSON(
                JSONText.serialize(contents),
                #"""
                [
                  {"role": "user", "parts": [{"text": "Time?"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "get_time", "args": {"zone": "CET"}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "get_time", "response": {"time": "12:00"}}}]}
                ]
                """#)
        }

        @Test func aResultWithoutAKnownNameIsAnError() {
            let request = ChatRequest(model: "m", messages: [.user("Hi"), .tool(callID: "nowhere", result: "1")])
            #expect(throws: EncodingError.self) { try encodedConversation(GeminiFamily.self, request) }
        }

        @Test func responseFormats() {
            #expect(GeminiFamily.responseFormatValue(.text) == .null)
            #expect(JSONText.serialize(GeminiFamily.responseFormatValue(.jsonObject)) == #"{"type":"object"}"#)
            let format = ResponseFormat.jsonSchema(name: "weather", schema: FamilyFixtures.weatherSchema)
            #expect(GeminiFamily.responseFormatValue(format) == FamilyFixtures.weatherSchema)
        }

        /// A generateContent response with two parallel calls; only the first carries a signature.
        static let response = #"""
            {"candidates": [{"content": {"role": "model", "parts": [
               {"functionCall": {"name": "get_weather", "args": {"location": "Paris", "unit": "celsius"}},
                "thoughtSignature": "CiQB0e2Kb8xv"},
               {"functionCall": {"name": "get_time", "args": {"zone": "CET"}}}
             ]}, "finishReason": "STOP", "index": 0}],
             "usageMetadata": {"promptTokenCount": 70, "candidatesTokenCount": 24, "totalTokenCount": 94},
             "modelVersion": "gemini-2.5-flash"}
            """#

        @Test func toolCallsOfAResponse() throws {
            let parts = try #require(
                try parsedJSON(Self.response)["candidates"]?.elements?.first?["content"]?["parts"]?.elements)
            let expected = [
                ToolCall(id: "call_0", name: "get_weather", arguments: #"{"location":"Paris","unit":"celsius"}"#),
                ToolCall(id: "call_1", name: "get_time", arguments: #"{"zone":"CET"}"#),
            ]
            // What `parts[?(@.functionCall)].functionCall` selects, and the parts themselves.
            #expect(GeminiFamily.toolCalls(from: parts.compactMap { $0["functionCall"] }) == expected)
            #expect(GeminiFamily.toolCalls(from: parts) == expected)
            let withID = try parsedJSON(#"{"id": "8f2b1a", "name": "get_time", "args": {}}"#)
            #expect(
                GeminiFamily.toolCalls(from: [withID]) == [ToolCall(id: "8f2b1a", name: "get_time", arguments: "{}")])
        }

        @Test func streamedCallsAreWhole() throws {
            let parts = try #require(
                try parsedJSON(Self.response)["candidates"]?.elements?.first?["content"]?["parts"]?.elements)
            let call = try #require(parts[1]["functionCall"])
            #expect(
                GeminiFamily.toolCallEvents(from: call, field: "tool_call", candidate: 0) == [
                    .toolCallStarted(index: 0, id: "call_0", name: "get_time"),
                    .toolCallArgumentsDelta(index: 0, fragment: #"{"zone":"CET"}"#),
                    .toolCallEnded(index: 0),
                ])
            // Parts keep their signature; a counting decoder numbers on from `firstIndex`.
            #expect(
                GeminiFamily.toolCallEvents(from: .array(parts), field: "tool_call", candidate: 1, firstIndex: 2) == [
                    .thinkingDelta("", signature: "CiQB0e2Kb8xv", candidate: 1),
                    .toolCallStarted(index: 2, id: "call_2", name: "get_weather", candidate: 1),
                    .toolCallArgumentsDelta(
                        index: 2, fragment: #"{"location":"Paris","unit":"celsius"}"#, candidate: 1),
                    .toolCallEnded(index: 2, candidate: 1),
                    .toolCallStarted(index: 3, id: "call_3", name: "get_time", candidate: 1),
                    .toolCallArgumentsDelta(index: 3, fragment: #"{"zone":"CET"}"#, candidate: 1),
                    .toolCallEnded(index: 3, candidate: 1),
                ])
            #expect(GeminiFamily.toolCallEvents(from: call, field: "content", candidate: 0).isEmpty)
        }
    }
}
