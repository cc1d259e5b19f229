import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("OpenAI chat family")
    struct OpenAIChatFamilyTests {
        @Test func encodesTheConversation() throws {
            let json = try encodedConversation(OpenAIChatFamily.self, FamilyFixtures.request())
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
                    {"role": "assistant", "content": null, "tool_calls": [
                      {"id": "call_abc", "type": "function",
                       "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
                    ]},
                    {"role": "tool", "tool_call_id": "call_abc", "content": "{\"temp_c\":18}"}
                  ],
                  "tools": [
                    {"type": "function", "function": {
                      "name": "get_weather", "description": "Current weather of a city",
                      "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
                    }}
                  ],
                  "tool_choice": "auto"
                }
                """#)
        }

        @Test(arguments: [
            (ToolChoice.auto, #""auto""#), (.none, #""none""#), (.required, #""required""#),
            (.tool("get_weather"), #"{"type":"function","function":{"name":"get_weather"}}"#),
        ])
        func encodesEachToolChoice(choice: ToolChoice, expected: String) throws {
            let value = try #require(
                try encodedMember(OpenAIChatFamily.self, FamilyFixtures.request(toolChoice: choice), "tool_choice"))
            try expectSameJSON(JSONText.serialize(value), expected)
        }

        @Test func omitsToolsAndChoiceWithoutTools() throws {
            let value = try parsedJSON(
                try encodedConversation(OpenAIChatFamily.self, FamilyFixtures.request(tools: [], toolChoice: .required))
            )
            #expect(value["tools"] == nil)
            #expect(value["tool_choice"] == nil)
        }

        @Test func writesTextAndCallsOfOneAssistantMessageAndEachResult() throws {
            let request = ChatRequest(
                model: "m", messages: FamilyFixtures.parallelConversation, tools: [FamilyFixtures.weatherTool])
            let messages = try #require(try encodedMember(OpenAIChatFamily.self, request, "messages"))
            try expectSameJSON(
                JSONText.serialize(messages),
                #"""
                [
                  {"role": "user", "content": "Weather and time in Paris?"},
                  {"role": "assistant", "content": "Checking both.", "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
                    {"id": "c2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}
                  ]},
                  {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
                  {"role": "tool", "tool_call_id": "c2", "content": "boom"},
                  {"role": "user", "content": "Thanks"}
                ]
                """#)
        }

        @Test func responseFormats() {
            #expect(JSONText.serialize(OpenAIChatFamily.responseFormatValue(.text)) == #"{"type":"text"}"#)
            #expect(JSONText.serialize(OpenAIChatFamily.responseFormatValue(.jsonObject)) == #"{"type":"json_object"}"#)
            let schema = OpenAIChatFamily.responseFormatValue(
                .jsonSchema(name: "weather", schema: FamilyFixtures.weatherSchema, strict: true))
            #expect(
                JSONText.serialize(schema)
                    == #"{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}"#
            )
        }

        @Test func toolCallsOfAResponse() throws {
            // A chat.completion with two parallel calls, as OpenAI returns it.
            let response = try parsedJSON(
                #"""
                {"id": "chatcmpl-9", "object": "chat.completion", "model": "gpt-4o-2024-08-06",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "call_DdmO9pD3xa9XTPNJ32zg2hcA", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\"location\": \"Paris, France\"}"}},
                   {"id": "call_Xu7bXnAqd0O2hT3fZ6mrb2ML", "type": "function",
                    "function": {"name": "get_time", "arguments": "{\"zone\":\"CET\"}"}}
                 ]}, "finish_reason": "tool_calls"}]}
                """#)
            let selected = try #require(response["choices"]?.elements?.first?["message"]?["tool_calls"])
            let calls = OpenAIChatFamily.toolCalls(from: [selected])
            #expect(
                calls == [
                    ToolCall(
                        id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "get_weather",
                        arguments: #"{"location": "Paris, France"}"#),
                    ToolCall(id: "call_Xu7bXnAqd0O2hT3fZ6mrb2ML", name: "get_time", arguments: #"{"zone":"CET"}"#),
                ])
            // The elements selected one by one give the same calls.
            #expect(OpenAIChatFamily.toolCalls(from: selected.elements ?? []) == calls)
        }

        @Test func toolCallsWithObjectArgumentsOrNoId() throws {
            let value = try parsedJSON(
                #"[{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Oslo", "days": 2}}}]"#
            )
            #expect(
                OpenAIChatFamily.toolCalls(from: [value]) == [
                    ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Oslo","days":2}"#)
                ])
        }

        /// The `choices[0].delta.tool_calls` of a recorded stream, frame by frame.
        private func toolCallDeltas(_ frames: [String]) throws -> [JSONValue] {
            try frames.map { frame in
                try #require(try parsedJSON(frame)["choices"]?.elements?.first?["delta"]?["tool_calls"])
            }
        }

        @Test func streamedCallAcrossSeveralDeltas() throws {
            let deltas = try toolCallDeltas([
                #"{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"#,
                #"{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"loc"}}]},"finish_reason":null}]}"#,
                #"{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ation\": \"Paris"}}]},"finish_reason":null}]}"#,
                #"{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]},"finish_reason":null}]}"#,
            ])
            let events = deltas.flatMap { OpenAIChatFamily.toolCallEvents(from: $0, field: "tool_calls", candidate: 0) }
            #expect(
                events == [
                    .toolCallStarted(index: 0, id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "get_weather", candidate: 0),
                    .toolCallArgumentsDelta(index: 0, fragment: #"{"loc"#, candidate: 0),
                    .toolCallArgumentsDelta(index: 0, fragment: #"ation": "Paris"#, candidate: 0),
                    .toolCallArgumentsDelta(index: 0, fragment: #""}"#, candidate: 0),
                ])
            #expect(assembledArguments(events) == [0: #"{"location": "Paris"}"#])
        }

        @Test func streamedParallelCallsKeepTheirIndices() throws {
            let deltas = try toolCallDeltas([
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}"#,
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}}]}"#,
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]}}]}"#,
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\"zone\":"}}]}}]}"#,
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"CET\"}"}}]}}]}"#,
            ])
            let events = deltas.flatMap { OpenAIChatFamily.toolCallEvents(from: $0, field: "tool_calls", candidate: 2) }
            #expect(events.first == .toolCallStarted(index: 0, id: "call_a", name: "get_weather", candidate: 2))
            #expect(events.contains(.toolCallStarted(index: 1, id: "call_b", name: "get_time", candidate: 2)))
            #expect(assembledArguments(events) == [0: #"{"city":"Paris"}"#, 1: #"{"zone":"CET"}"#])
        }

        @Test func deltasWithoutIndexTakeTheirPosition() throws {
            // Some servers send whole calls in one chunk and leave out `index`.
            let deltas = try toolCallDeltas([
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"id":"a1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}},{"id":"a2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}"#
            ])
            let events = OpenAIChatFamily.toolCallEvents(from: deltas[0], field: "tool_calls", candidate: 0)
            #expect(
                events == [
                    .toolCallStarted(index: 0, id: "a1", name: "get_weather"),
                    .toolCallArgumentsDelta(index: 0, fragment: #"{"city":"Rome"}"#),
                    .toolCallStarted(index: 1, id: "a2", name: "get_time"),
                    .toolCallArgumentsDelta(index: 1, fragment: "{}"),
                ])
        }

        @Test func singleDeltaUnderToolCall() throws {
            let delta = try parsedJSON(#"{"index":3,"function":{"arguments":"{}"}}"#)
            #expect(
                OpenAIChatFamily.toolCallEvents(from: delta, field: "tool_call", candidate: 1) == [
                    .toolCallArgumentsDelta(index: 3, fragment: "{}", candidate: 1)
                ])
            #expect(OpenAIChatFamily.toolCallEvents(from: delta, field: "content", candidate: 0).isEmpty)
        }

        @Test func imagesInAssistantMessagesAreRejected() {
            let request = ChatRequest(
                model: "m", messages: [Message(role: .assistant, content: [.image(.url("https://example.com/a.png"))])])
            #expect(throws: AIError.self) { try encodedConversation(OpenAIChatFamily.self, request) }
        }
    }
}
