import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("Anthropic messages family")
    struct AnthropicMessagesFamilyTests {
        static let weatherSchemaJSON =
            #"{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}"#

        @Test func encodesTheConversation() throws {
            let json = try encodedConversation(AnthropicMessagesFamily.self, FamilyFixtures.request())
            try expectSameJSON(
                json,
                #"""
                {
                  "system": "You are terse.",
                  "messages": [
                    {"role": "user", "content": [
                      {"type": "text", "text": "What is in these images?"},
                      {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}},
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}
                    ]},
                    {"role": "assistant", "content": "A cat and a dot."},
                    {"role": "user", "content": "What's the weather in Paris?"},
                    {"role": "assistant", "content": [
                      {"type": "thinking", "thinking": "I should look up the weather.", "signature": "sig-1"},
                      {"type": "tool_use", "id": "call_abc", "name": "get_weather", "input": {"city": "Paris"}}
                    ]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "call_abc", "content": "{\"temp_c\":18}"}
                    ]}
                  ],
                  "tools": [
                    {"name": "get_weather", "description": "Current weather of a city",
                     "input_schema": \#(Self.weatherSchemaJSON)}
                  ],
                  "tool_choice": {"type": "auto"}
                }
                """#)
        }

        @Test(arguments: [
            (ToolChoice.auto, #"{"type":"auto"}"#), (.none, #"{"type":"none"}"#), (.required, #"{"type":"any"}"#),
            (.tool("get_weather"), #"{"type":"tool","name":"get_weather"}"#),
        ])
        func encodesEachToolChoice(choice: ToolChoice, expected: String) throws {
            let request = FamilyFixtures.request(toolChoice: choice)
            let value = try #require(try encodedMember(AnthropicMessagesFamily.self, request, "tool_choice"))
            try expectSameJSON(JSONText.serialize(value), expected)
        }

        @Test func mergesConsecutiveToolResultsAndJoinsSystemMessages() throws {
            let request = ChatRequest(
                model: "m",
                messages: [.system("Be terse."), .system("Answer in French.")] + FamilyFixtures.parallelConversation)
            let json = try encodedConversation(AnthropicMessagesFamily.self, request)
            try expectSameJSON(
                json,
                #"""
                {
                  "system": "Be terse.\n\nAnswer in French.",
                  "messages": [
                    {"role": "user", "content": "Weather and time in Paris?"},
                    {"role": "assistant", "content": [
                      {"type": "text", "text": "Checking both."},
                      {"type": "tool_use", "id": "c1", "name": "get_weather", "input": {"city": "Paris"}},
                      {"type": "tool_use", "id": "c2", "name": "get_time", "input": {}}
                    ]},
                    {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "c1", "content": "sunny"},
                      {"type": "tool_result", "tool_use_id": "c2", "content": "boom", "is_error": true}
                    ]},
                    {"role": "user", "content": "Thanks"}
                  ]
                }
                """#)
        }

        @Test func omitsSystemAndUnsignedThinkingAndSendsDataURLsAsBase64() throws {
            let request = ChatRequest(
                model: "m",
                messages: [
                    .user([.image(.url("data:image/jpeg;base64,/9j/4AAQ"))]),
                    Message(role: .assistant, content: [.thinking("hmm", signature: nil), .text("Hi")]),
                ])
            try expectSameJSON(
                try encodedConversation(AnthropicMessagesFamily.self, request),
                #"""
                {"messages": [
                  {"role": "user", "content": [
                    {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}}
                  ]},
                  {"role": "assistant", "content": "Hi"}
                ]}
                """#)
        }

        @Test func responseFormats() {
            #expect(AnthropicMessagesFamily.responseFormatValue(.text) == .null)
            #expect(
                JSONText.serialize(AnthropicMessagesFamily.responseFormatValue(.jsonObject))
                    == #"{"type":"json_schema","schema":{"type":"object"}}"#)
            let format = ResponseFormat.jsonSchema(name: "weather", schema: FamilyFixtures.weatherSchema)
            #expect(
                AnthropicMessagesFamily.responseFormatValue(format)
                    == .object([.init("type", .string("json_schema")), .init("schema", FamilyFixtures.weatherSchema)]))
        }

        @Test func thinkingBudgets() {
            #expect(
                JSONText.serialize(AnthropicMessagesFamily.thinkingBudgetValue(2048))
                    == #"{"type":"enabled","budget_tokens":2048}"#)
            #expect(JSONText.serialize(AnthropicMessagesFamily.thinkingBudgetValue(0)) == #"{"type":"disabled"}"#)
            #expect(OpenAIChatFamily.thinkingBudgetValue(512) == .integer(512))
        }

        @Test func toolCallsOfAResponse() throws {
            // A Messages response that answers with text and a tool_use block.
            let response = try parsedJSON(
                #"""
                {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5",
                 "content": [
                   {"type": "text", "text": "I'll check the weather."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                    "input": {"location": "San Francisco, CA", "unit": "celsius"}}
                 ],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 384, "output_tokens": 71}}
                """#)
            let content = try #require(response["content"]?.elements)
            let selected = content.filter { $0["type"] == .string("tool_use") }
            let expected = [
                ToolCall(
                    id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather",
                    arguments: #"{"location":"San Francisco, CA","unit":"celsius"}"#)
            ]
            #expect(AnthropicMessagesFamily.toolCalls(from: selected) == expected)
            // Handed the whole content array, it skips the text block.
            #expect(AnthropicMessagesFamily.toolCalls(from: [.array(content)]) == expected)
        }

        @Test func streamedToolUseFromEvents() throws {
            // content_block_start, then input_json_delta pieces, for the block at index 1.
            let start = try parsedJSON(
                #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}"#
            )
            let deltas = try [
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"San Fra"}}"#,
                #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\"}"}}"#,
            ].map { try parsedJSON($0) }
            var events = AnthropicMessagesFamily.toolCallEvents(from: start, field: "content_block_start", candidate: 0)
            for delta in deltas {
                events += AnthropicMessagesFamily.toolCallEvents(
                    from: delta, field: "content_block_delta", candidate: 0)
            }
            #expect(
                events == [
                    .toolCallStarted(index: 1, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather"),
                    .toolCallArgumentsDelta(index: 1, fragment: #"{"location": "San Fra"#),
                    .toolCallArgumentsDelta(index: 1, fragment: #"ncisco, CA"}"#),
                ])
            #expect(assembledArguments(events) == [1: #"{"location": "San Francisco, CA"}"#])
        }

        @Test func toolCallBlockAloneAndUnplaceableFragments() throws {
            let block = try parsedJSON(#"{"type":"tool_use","id":"toolu_9","name":"get_time","input":{"zone":"CET"}}"#)
            #expect(
                AnthropicMessagesFamily.toolCallEvents(from: block, field: "tool_call", candidate: 0) == [
                    .toolCallStarted(index: 0, id: "toolu_9", name: "get_time"),
                    .toolCallArgumentsDelta(index: 0, fragment: #"{"zone":"CET"}"#),
                ])
            let extracted = try parsedJSON(#"{"index": 2, "partial_json": "{\"a\":1}"}"#)
            #expect(
                AnthropicMessagesFamily.toolCallEvents(from: extracted, field: "partial_json", candidate: 0) == [
                    .toolCallArgumentsDelta(index: 2, fragment: #"{"a":1}"#)
                ])
            #expect(
                AnthropicMessagesFamily.toolCallEvents(from: .string("{\"a\""), field: "partial_json", candidate: 0)
                    .isEmpty)
            let textBlock = try parsedJSON(
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
            #expect(
                AnthropicMessagesFamily.toolCallEvents(from: textBlock, field: "content_block", candidate: 0).isEmpty)
            #expect(AnthropicMessagesFamily.toolCallEvents(from: block, field: "tool_calls", candidate: 0).isEmpty)
        }
    }
}
