import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// The three main wire formats end to end: `Client<Provider>` against the loopback server playing
/// recorded responses, checking the `ChatResponse` and the request the server received.
@Suite("Client wire formats")
struct ChatTests {
    static let options = ChatOptions(temperature: 0.2, maxTokens: 256)

    // MARK: OpenAI

    @Test func openAIChatText() async throws {
        let body = try Recording.text("OpenAI/response-text.json")
        try await withServer(responding: .json(headers: ["x-request-id": "req_text_1"], body: body)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let reply = try await client.chat(model: .gpt4o, messages: Conversation.messages, options: Self.options)
            #expect(
                reply.droppingStatistics
                    == ChatResponse(
                        id: "chatcmpl-C1mX2bKp9d", model: "gpt-4o-2024-08-06",
                        candidates: [
                            ChatCandidate(
                                index: 0, content: [.text("Mostly cloudy in Paris, 18 °C.")], finishReason: .endTurn,
                                rawFinishReason: "stop")
                        ],
                        usage: Usage(
                            promptTokens: 1250, completionTokens: 12, totalTokens: 1262, reasoningTokens: 0,
                            cachedTokens: 1024), provider: "openai"))

            // gpt-4o's cached-input price is not in the registry: no cost, rather than a guess.
            #expect(
                reply.statistics
                    == CallStatistics(
                        provider: "openai", model: "gpt-4o", latency: .zero, attempts: 1, usage: reply.usage, cost: nil)
            )
            let requests = await server.requests()
            try #require(requests.count == 1)
            let request = requests[0]
            #expect(request.method == "POST")
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            #expect(request.header("content-type") == "application/json")
            #expect(request.header("accept") == "application/json")
            #expect(request.header("x-api-key") == nil)
            let json = request.json()
            #expect(json["model"] as? String == "gpt-4o")
            #expect(json["stream"] as? Bool == false)
            #expect(json["stream_options"] == nil)
            #expect(json["temperature"] as? Double == 0.2)
            #expect(json["max_completion_tokens"] as? Int == 256)
            #expect(json["max_tokens"] == nil)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 2)
            #expect(messages.first?["role"] as? String == "system")
            #expect(messages.first?["content"] as? String == Conversation.system)
            #expect(messages.last?["role"] as? String == "user")
            #expect(messages.last?["content"] as? String == Conversation.question)
        }
    }

    @Test func openAIChatWithToolCalls() async throws {
        let body = try Recording.text("OpenAI/response-tool-calls.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let reply = try await client.chat(
                model: .o4Mini, messages: Conversation.messages, tools: [Conversation.weatherTool], toolChoice: .auto)
            #expect(
                reply.droppingStatistics
                    == ChatResponse(
                        id: "chatcmpl-C1mX9uTfLw", model: "o4-mini-2025-04-16",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    .toolUse(
                                        ToolCall(id: "call_Vx1", name: "get_weather", arguments: #"{"city": "Paris"}"#)),
                                    .toolUse(
                                        ToolCall(
                                            id: "call_Qz2", name: "get_time",
                                            arguments: #"{"timezone": "Europe/Paris"}"#)),
                                ], finishReason: .toolUse, rawFinishReason: "tool_calls")
                        ],
                        usage: Usage(
                            promptTokens: 88, completionTokens: 302, totalTokens: 390, reasoningTokens: 256,
                            cachedTokens: 0), provider: "openai"))

            let json = try #require(await server.requests().first).json()
            #expect(json["model"] as? String == "o4-mini")
            #expect(json["tool_choice"] as? String == "auto")
            let tools = try #require(json["tools"] as? [[String: Any]])
            #expect(tools.count == 1)
            #expect(tools.first?["type"] as? String == "function")
            let function = try #require(tools.first?["function"] as? [String: Any])
            #expect(function["name"] as? String == "get_weather")
            #expect(function["description"] as? String == "Current weather for a city.")
            let parameters = try #require(function["parameters"] as? [String: Any])
            #expect(parameters["required"] as? [String] == ["city"])
        }
    }

    @Test func openAIStreamedText() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let response = try await client.stream(model: .gpt4oMini, messages: Conversation.messages)
                .collectContent()
            #expect(
                response
                    == ChatResponse(
                        id: "chatcmpl-C1mWq8ZrT4", model: "gpt-4o-mini-2024-07-18",
                        candidates: [
                            ChatCandidate(
                                index: 0, content: [.text("Mostly cloudy, 18 °C.")], finishReason: .endTurn,
                                rawFinishReason: "stop")
                        ],
                        usage: Usage(
                            promptTokens: 21, completionTokens: 7, totalTokens: 28, reasoningTokens: 0,
                            cachedTokens: 0)))

            let request = try #require(await server.requests().first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("accept") == "text/event-stream")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            let json = request.json()
            #expect(json["stream"] as? Bool == true)
            #expect((json["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
            #expect(json["model"] as? String == "gpt-4o-mini")
        }
    }

    @Test func openAIStreamedToolCalls() async throws {
        let events = try Recording.events("OpenAI/stream-tool-calls.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let outcome = await consume(
                client.stream(
                    model: .gpt4oMini, messages: Conversation.messages, tools: [Conversation.weatherTool],
                    toolChoice: .auto))
            #expect(outcome.error == nil)
            let body = try #require(await server.requests().first).json()
            #expect((body["tools"] as? [Any])?.count == 1)
            #expect(body["tool_choice"] as? String == "auto")
            #expect(
                outcome.events.filter {
                    if case .toolCallEnded = $0 { true } else { false }
                } == [.toolCallEnded(index: 0), .toolCallEnded(index: 1)])
            #expect(
                outcome.response
                    == ChatResponse(
                        id: "chatcmpl-C1mWq8ZrT4", model: "gpt-4o-mini-2024-07-18",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    .toolUse(
                                        ToolCall(id: "call_Vx1", name: "get_weather", arguments: #"{"city": "Paris"}"#)),
                                    .toolUse(
                                        ToolCall(
                                            id: "call_Qz2", name: "get_time",
                                            arguments: #"{"timezone": "Europe/Paris"}"#)),
                                ], finishReason: .toolUse, rawFinishReason: "tool_calls")
                        ],
                        usage: Usage(
                            promptTokens: 88, completionTokens: 46, totalTokens: 134, reasoningTokens: 0,
                            cachedTokens: 0)))
        }
    }

    // MARK: Anthropic

    @Test func anthropicChatWithToolUse() async throws {
        let body = try Recording.text("Anthropic/response-tool-use.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let reply = try await client.chat(
                model: .claudeSonnet4_5_20250929, messages: Conversation.messages, tools: [Conversation.weatherTool],
                options: Self.options)
            #expect(
                reply.droppingStatistics
                    == ChatResponse(
                        id: "msg_01Aq9w938a90dw8q", model: "claude-sonnet-4-5-20250929",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    .text("I'll look that up."),
                                    .toolUse(
                                        ToolCall(
                                            id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather",
                                            arguments: #"{"city":"Paris","unit":"celsius"}"#)),
                                ], finishReason: .toolUse, rawFinishReason: "tool_use")
                        ],
                        usage: Usage(promptTokens: 384, completionTokens: 58, cachedTokens: 128), provider: "anthropic")
            )

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/messages")
            #expect(request.header("x-api-key") == TestKey.anthropic)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("authorization") == nil)
            #expect(request.header("accept") == "application/json")
            let json = request.json()
            #expect(json["model"] as? String == "claude-sonnet-4-5-20250929")
            #expect(json["system"] as? String == Conversation.system)
            #expect(json["max_tokens"] as? Int == 256)
            #expect(json["temperature"] as? Double == 0.2)
            #expect(json["stream"] as? Bool == false)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 1)
            #expect(messages.first?["role"] as? String == "user")
            let tools = try #require(json["tools"] as? [[String: Any]])
            #expect(tools.first?["name"] as? String == "get_weather")
            #expect((tools.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
        }
    }

    @Test func anthropicStreamedText() async throws {
        let events = try Recording.events("Anthropic/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            let response = try await client.stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
                .collectContent()
            var withoutUsage = response
            withoutUsage.usage = nil
            #expect(
                withoutUsage
                    == ChatResponse(
                        id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: "claude-sonnet-4-5-20250929",
                        candidates: [
                            ChatCandidate(
                                index: 0, content: [.text("Cloudy and 18 °C.")], finishReason: .endTurn,
                                rawFinishReason: "end_turn")
                        ]))
            // `collectResponse()` promises "the response chat would have returned": Anthropic sends
            // input tokens in message_start and the final output count in message_delta; the
            // accumulator keeps only the last usage event, losing the input tokens.
            #expect(response.usage == Usage(promptTokens: 25, completionTokens: 9, cachedTokens: 0))
            #expect(response.usage?.completionTokens == 9)

            let request = try #require(await server.requests().first)
            #expect(request.path == "/v1/messages")
            #expect(request.header("accept") == "text/event-stream")
            #expect(request.header("x-api-key") == TestKey.anthropic)
            #expect(request.header("anthropic-version") == "2023-06-01")
            let json = request.json()
            #expect(json["stream"] as? Bool == true)
            // The registry's max output for the model when none is asked for.
            #expect(json["max_tokens"] as? Int == Anthropic.Model.claudeSonnet4_5_20250929.info?.maxOutputTokens)
        }
    }

    @Test func anthropicStreamedToolUse() async throws {
        let events = try Recording.events("Anthropic/stream-tool-use.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            var response = try await client.stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
                .collectContent()
            response.usage = nil
            #expect(
                response
                    == ChatResponse(
                        id: "msg_014p7gG3wDgGV9EUtLvnow3U", model: "claude-sonnet-4-5-20250929",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    .text("Checking the weather."),
                                    .toolUse(
                                        ToolCall(
                                            id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather",
                                            arguments: #"{"city": "Paris"}"#)),
                                ], finishReason: .toolUse, rawFinishReason: "tool_use")
                        ]))
        }
    }

    // MARK: Gemini

    @Test func geminiChatText() async throws {
        let body = try Recording.text("Gemini/response-text.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let reply = try await client.chat(
                model: .gemini2_5Flash, messages: Conversation.messages, options: Self.options)
            #expect(
                reply.droppingStatistics
                    == ChatResponse(
                        id: "oKkFaa3cLrGz1MkP7uXJgQ4", model: "gemini-2.5-pro",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    .thinking("**Multiplying** 27 by 453 gives 12231.", signature: nil),
                                    .text("27 × 453 = 12,231."),
                                ], finishReason: .maxTokens, rawFinishReason: "MAX_TOKENS")
                        ],
                        usage: Usage(
                            promptTokens: 12, completionTokens: 9, totalTokens: 69, reasoningTokens: 48,
                            cachedTokens: 4), provider: "gemini"))

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1beta/models/gemini-2.5-flash:generateContent")
            #expect(request.header("x-goog-api-key") == TestKey.gemini)
            #expect(request.header("authorization") == nil)
            let json = request.json()
            // The model and the streaming choice are in the URL, not the body.
            #expect(json["model"] == nil)
            #expect(json["stream"] == nil)
            let instruction = try #require(json["systemInstruction"] as? [String: Any])
            #expect((instruction["parts"] as? [[String: Any]])?.first?["text"] as? String == Conversation.system)
            let contents = try #require(json["contents"] as? [[String: Any]])
            #expect(contents.count == 1)
            #expect(contents.first?["role"] as? String == "user")
            #expect((contents.first?["parts"] as? [[String: Any]])?.first?["text"] as? String == Conversation.question)
            let generation = try #require(json["generationConfig"] as? [String: Any])
            #expect(generation["temperature"] as? Double == 0.2)
            #expect(generation["maxOutputTokens"] as? Int == 256)
        }
    }

    @Test func geminiChatWithFunctionCalls() async throws {
        let body = try Recording.text("Gemini/response-tool-calls.json")
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let reply = try await client.chat(
                model: .gemini2_5Flash, messages: Conversation.messages, tools: [Conversation.weatherTool])
            #expect(
                reply.toolCalls == [
                    ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                    ToolCall(id: "call_1", name: "get_time", arguments: #"{"timezone":"Europe/Paris"}"#),
                ])
            #expect(reply.finishReason == .toolUse)
            #expect(reply.rawFinishReason == "STOP")
            #expect(reply.usage == Usage(promptTokens: 70, completionTokens: 30, totalTokens: 152, reasoningTokens: 52))
            let json = try #require(await server.requests().first).json()
            let tools = try #require(json["tools"] as? [[String: Any]])
            let declarations = try #require(tools.first?["functionDeclarations"] as? [[String: Any]])
            #expect(declarations.first?["name"] as? String == "get_weather")
        }
    }

    @Test func geminiStreamedText() async throws {
        let events = try Recording.events("Gemini/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let response = try await client.stream(model: .gemini2_5Flash, messages: Conversation.messages)
                .collectContent()
            #expect(
                response
                    == ChatResponse(
                        id: "mKkFae7sLpGz1MkP4vXJgQ4", model: "gemini-2.5-flash",
                        candidates: [
                            ChatCandidate(
                                index: 0, content: [.text("Cloudy and 18 °C.")], finishReason: .endTurn,
                                rawFinishReason: "STOP")
                        ],
                        usage: Usage(promptTokens: 9, completionTokens: 7, totalTokens: 16)))

            let request = try #require(await server.requests().first)
            #expect(request.path == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
            #expect(request.pathWithoutQuery == "/v1beta/models/gemini-2.5-flash:streamGenerateContent")
            #expect(request.header("x-goog-api-key") == TestKey.gemini)
            #expect(request.header("accept") == "text/event-stream")
            let json = request.json()
            #expect(json["stream"] == nil)
            #expect(json["contents"] != nil)
        }
    }

    @Test func geminiStreamedFunctionCalls() async throws {
        let events = try Recording.events("Gemini/stream-tool-calls.sse")
        try await withServer(responding: .sse(events: events)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let response = try await client.stream(model: .gemini2_5Flash, messages: Conversation.messages)
                .collectContent()
            #expect(
                response
                    == ChatResponse(
                        id: "mKkFae7sLpGz1MkP4vXJgQ4", model: "gemini-2.5-flash",
                        candidates: [
                            ChatCandidate(
                                index: 0,
                                content: [
                                    // The first part's thoughtSignature, carried as a thinking block.
                                    .thinking("", signature: "CiQB0e2Kb7xQm3v"),
                                    .toolUse(
                                        ToolCall(id: "call_0", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
                                    .toolUse(
                                        ToolCall(
                                            id: "call_1", name: "get_time", arguments: #"{"timezone":"Europe/Paris"}"#)),
                                ], finishReason: .toolUse, rawFinishReason: "STOP")
                        ],
                        usage: Usage(promptTokens: 70, completionTokens: 30, totalTokens: 152, reasoningTokens: 52)))
        }
    }
}
