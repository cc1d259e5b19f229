import AIProtocol
import AIProviders
import Foundation
import NIOHTTP1
import Testing

/// Streams that misbehave on the wire: odd chunking, odd framing, extra or broken frames, a
/// connection that drops, a stream that stops early, a slow server, a caller that cancels.
@Suite("Client streaming")
struct StreamingTests {
    static let unicodeText = "巴黎今天多云，气温 18 °C ☁️🌦 👨‍👩‍👧 東京は晴れ。"

    static let openAITextResponse = ChatResponse(
        id: "chatcmpl-C1mWq8ZrT4", model: "gpt-4o-mini-2024-07-18",
        candidates: [
            ChatCandidate(
                index: 0, content: [.text("Mostly cloudy, 18 °C.")], finishReason: .endTurn, rawFinishReason: "stop")
        ],
        usage: Usage(promptTokens: 21, completionTokens: 7, totalTokens: 28, reasoningTokens: 0, cachedTokens: 0))

    static let anthropicTextResponse = ChatResponse(
        id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: "claude-sonnet-4-5-20250929",
        candidates: [
            ChatCandidate(
                index: 0, content: [.text("Cloudy and 18 °C.")], finishReason: .endTurn, rawFinishReason: "end_turn")
        ])

    static func openAI(_ server: ScriptedHTTPServer) -> Client<OpenAI> {
        Client<OpenAI>(configuration: .testing(server))
    }

    static func anthropic(_ server: ScriptedHTTPServer) -> Client<Anthropic> {
        Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
    }

    // MARK: Chunking and framing

    /// Every chunk size cuts frames, `data:` prefixes, the `[DONE]` signal and (for sizes other
    /// than multiples of the scalars' lengths) the UTF-8 sequences of CJK text and emoji.
    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func framesSplitEveryFewBytesKeepUnicodeIntact(chunkSize: Int) async throws {
        let bytes = try Recording.bytes("OpenAI/stream-unicode.sse")
        try await withServer(
            responding: .streamed(
                headers: ["Content-Type": "text/event-stream"], bytes: bytes, splitting: .every(chunkSize))
        ) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4o, messages: Conversation.messages))
            #expect(outcome.error == nil)
            #expect(outcome.text == Self.unicodeText)
            #expect(!outcome.text.unicodeScalars.contains("\u{FFFD}"))
            #expect(
                outcome.response
                    == ChatResponse(
                        id: "chatcmpl-U1n1c0de", model: "gpt-4o-2024-08-06",
                        candidates: [
                            ChatCandidate(
                                index: 0, content: [.text(Self.unicodeText)], finishReason: .endTurn,
                                rawFinishReason: "stop")
                        ],
                        usage: Usage(promptTokens: 14, completionTokens: 23, totalTokens: 37)))
        }
    }

    /// The reference frame decoding, `JSONDecoder`, chosen in the configuration, gives the same
    /// stream as the compiled scanners.
    @Test(arguments: ["OpenAI/stream-unicode.sse", "OpenAI/stream-tool-calls.sse", "OpenAI/stream-error.sse"])
    func decodableFrameDecodingGivesTheSameStream(recording: String) async throws {
        let bytes = try Recording.bytes(recording)
        var outcomes: [StreamOutcome] = []
        for decoding in [FrameDecoding.compiled, .decodable] {
            try await withServer(
                responding: .streamed(
                    headers: ["Content-Type": "text/event-stream"], bytes: bytes, splitting: .every(64))
            ) { server in
                var configuration = ClientConfiguration.testing(server)
                configuration.frameDecoding = decoding
                outcomes.append(
                    await consume(
                        Client<OpenAI>(configuration: configuration).stream(
                            model: .gpt4o, messages: Conversation.messages)))
            }
        }
        #expect(outcomes[0].events == outcomes[1].events)
        #expect(outcomes[0].aiError == outcomes[1].aiError)
        #expect(!outcomes[0].events.isEmpty)
    }

    /// Cuts placed exactly inside multi-byte scalars: the second byte of a CJK character, the
    /// middle of a 4-byte emoji, and inside a zero-width joiner sequence.
    @Test func cutsInsideUTF8Sequences() async throws {
        let bytes = try Recording.bytes("OpenAI/stream-unicode.sse")
        var cuts: [Int] = []
        for marker in ["巴", "云", "🌦", "👩", "東"] {
            let needle = Array(marker.utf8)
            let start = try #require(bytes.firstRange(of: needle)?.lowerBound)
            cuts += [start + 1, start + needle.count - 1]
        }
        try await withServer(
            responding: .streamed(headers: ["Content-Type": "text/event-stream"], bytes: bytes, splitting: .at(cuts))
        ) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4o, messages: Conversation.messages))
            #expect(outcome.error == nil)
            #expect(outcome.text == Self.unicodeText)
            #expect(!outcome.text.unicodeScalars.contains("\u{FFFD}"))
        }
    }

    @Test func crlfLineBreaks() async throws {
        let text = try Recording.text("OpenAI/stream-text.sse").replacingOccurrences(of: "\n", with: "\r\n")
        // Every few bytes, so a CR and its LF also arrive in different chunks.
        try await withServer(
            responding: .streamed(
                headers: ["Content-Type": "text/event-stream"], bytes: Array(text.utf8), splitting: .every(9))
        ) { server in
            let response = try await Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages)
                .collectContent()
            #expect(response == Self.openAITextResponse)
        }
    }

    @Test func keepAliveCommentsAreIgnored() async throws {
        var events: [String] = [": keep-alive\n\n"]
        for event in try Recording.events("OpenAI/stream-text.sse") {
            events.append(": keep-alive\n\n")
            // A comment line inside an event, too.
            events.append(":comment without a space\n" + event)
        }
        try await withServer(responding: .sse(events: events)) { server in
            let response = try await Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages)
                .collectContent()
            #expect(response == Self.openAITextResponse)
        }
    }

    @Test func unknownEventTypeIsIgnored() async throws {
        var events = try Recording.events("Anthropic/stream-text.sse")
        events.insert(
            "event: future_event\ndata: {\"type\":\"future_event\",\"payload\":{\"text\":\"not for you\"}}\n\n", at: 3)
        events.insert("event: ping\ndata: {\"type\": \"ping\"}\n\n", at: 1)
        try await withServer(responding: .sse(events: events)) { server in
            let outcome = await consume(
                Self.anthropic(server).stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages))
            #expect(outcome.error == nil)
            #expect(
                outcome.events == [
                    .metadata(id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: "claude-sonnet-4-5-20250929"),
                    .usage(Usage(promptTokens: 25, completionTokens: 1, cachedTokens: 0)),
                    .textDelta("Cloudy"),
                    .textDelta(" and 18 °C."),
                    .usage(Usage(completionTokens: 9)),
                    .finish(.endTurn, raw: "end_turn"),
                ])
            var response = outcome.response
            response.usage = nil
            #expect(response == Self.anthropicTextResponse)
        }
    }

    @Test func ndjsonStreamSplitAcrossLines() async throws {
        let bytes = try Recording.bytes("Ollama/stream-text.ndjson")
        try await withServer(
            responding: .streamed(
                headers: ["Content-Type": "application/x-ndjson"], bytes: bytes, splitting: .every(11))
        ) { server in
            let client = Client<Ollama>(
                configuration: ClientConfiguration(environment: ["OLLAMA_BASE_URL": server.baseURL], maxRetries: 0))
            let response = try await client.stream(model: .llama3_1, messages: Conversation.messages)
                .collectContent()
            #expect(response.text == "Cloudy and 18 °C.")
            #expect(response.finishReason == .endTurn)
            #expect(response.rawFinishReason == "stop")
            #expect(response.usage?.promptTokens == 26)
            #expect(response.usage?.completionTokens == 7)
            let request = try #require(await server.requests().first)
            #expect(request.path == "/api/chat")
            #expect(request.header("accept") == "application/x-ndjson")
            #expect(request.json()["stream"] as? Bool == true)
        }
    }

    // MARK: Broken streams

    @Test func malformedJSONFrameIsInvalidResponse() async throws {
        var events = try Recording.events("OpenAI/stream-text.sse")
        events.insert("data: {\"choices\":[{\"delta\":{\"content\":\"bro\n\n", at: 2)
        try await withServer(responding: .sse(events: events)) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Mostly")])
            let error = try #require(outcome.aiError, "\(String(describing: outcome.error))")
            guard case .invalidResponse(let reason) = error.kind else {
                Issue.record("expected .invalidResponse, got \(error.kind)")
                return
            }
            #expect(reason.contains("not JSON"))
            #expect(error.errorClass == .unknown)
            #expect(error.providerID == "openai")
        }
    }

    @Test func eventsBeforeAnErrorFrameInTheSameChunkArriveFirst() async throws {
        // The whole stream in one chunk: the text before the provider's error event is not lost.
        let body = try Recording.events("OpenAI/stream-error.sse").joined()
        try await withServer(responding: .sse(events: [body])) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Partly")])
            let error = try #require(outcome.aiError, "\(String(describing: outcome.error))")
            #expect(error.kind == .provider)
            #expect(error.errorClass == .serverError)
            #expect(error.providerMessage == "The server had an error while processing your request. Sorry about that!")
        }
    }

    @Test func connectionResetMidStreamIsAnError() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        var response = ScriptedResponse.sse(events: Array(events.prefix(3)))
        // The events are read, then the connection drops.
        response.body += [.pause(.milliseconds(50)), .resetConnection]
        try await withServer(responding: response) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.events == [.textDelta("Mostly"), .textDelta(" cloudy,")])
            let error = try #require(outcome.aiError, "not an AIError: \(String(describing: outcome.error))")
            // AsyncHTTPClient reports the body cut short; the runtime maps it to a transport error.
            guard case .transport = error.kind else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(error.errorClass == .unknown)
            #expect(error.httpStatus == nil)
            #expect(error.providerID == "openai")
            // Cut mid-body: nothing is retried once events have been delivered.
            #expect(await server.requests().count == 1)
        }
    }

    /// The reset right behind the last chunk: whatever arrived, the stream must fail.
    @Test func connectionResetRightAfterAChunkIsAnError() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        var response = ScriptedResponse.sse(events: Array(events.prefix(3)))
        response.body.append(.resetConnection)
        try await withServer(responding: response) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            let error = try #require(outcome.aiError, "not an AIError: \(String(describing: outcome.error))")
            switch error.kind {
            case .transport, .streamEndedEarly: break
            default: Issue.record("expected a transport error or streamEndedEarly, got \(error)")
            }
            #expect(outcome.events.allSatisfy { if case .textDelta = $0 { true } else { false } })
            #expect(!outcome.events.contains { if case .finish = $0 { true } else { false } })
        }
    }

    @Test func openAIStreamWithoutAnyFinishEndsEarly() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        // The role chunk and the three text chunks; no finish, usage or [DONE].
        try await withServer(responding: .sse(events: Array(events.prefix(4)))) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.text == "Mostly cloudy, 18 °C.")
            let error = try #require(outcome.aiError)
            #expect(error.kind == .streamEndedEarly)
            #expect(error.errorClass == .serverError)
            #expect(error.code == "E3001")
        }
    }

    @Test func anthropicStreamWithoutStopEventEndsEarly() async throws {
        let events = try Recording.events("Anthropic/stream-text.sse")
        // Up to content_block_stop: no message_delta, no message_stop.
        try await withServer(responding: .sse(events: Array(events.prefix(6)))) { server in
            let outcome = await consume(
                Self.anthropic(server).stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages))
            #expect(outcome.text == "Cloudy and 18 °C.")
            #expect(outcome.aiError?.kind == .streamEndedEarly)
        }
    }

    @Test func geminiStreamWithoutFinishReasonEndsEarly() async throws {
        let events = try Recording.events("Gemini/stream-text.sse")
        try await withServer(responding: .sse(events: Array(events.prefix(1)))) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let outcome = await consume(client.stream(model: .gemini2_5Flash, messages: Conversation.messages))
            #expect(outcome.text == "Cloudy")
            #expect(outcome.aiError?.kind == .streamEndedEarly)
        }
    }

    /// OpenAI declares a done signal (`[DONE]`) and a stop condition (the usage chunk): a stream
    /// cut after the finish chunk has lost its usage and never said it was over.
    @Test func openAIStreamWithoutDoneSignalEndsEarly() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        // Up to the finish chunk; no usage chunk, no [DONE].
        try await withServer(responding: .sse(events: Array(events.prefix(5)))) { server in
            let outcome = await consume(Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.text == "Mostly cloudy, 18 °C.")
            #expect(outcome.aiError?.kind == .streamEndedEarly)
        }
    }

    /// Anthropic's stream ends with `message_stop` (its stop condition), after `message_delta`,
    /// which carries the finish. Without a done signal, a stream that delivered its finish and
    /// then closed is complete (Gemini's always end that way), so the lost `message_stop`,
    /// which carries nothing, is not an error.
    @Test func anthropicStreamClosedAfterItsFinishIsComplete() async throws {
        let events = try Recording.events("Anthropic/stream-text.sse")
        // Everything but message_stop.
        try await withServer(responding: .sse(events: Array(events.dropLast()))) { server in
            let outcome = await consume(
                Self.anthropic(server).stream(model: .claudeSonnet4_5_20250929, messages: Conversation.messages))
            #expect(outcome.text == "Cloudy and 18 °C.")
            #expect(outcome.aiError == nil)
        }
    }

    /// Bytes after the done signal are never read as events.
    @Test func framesAfterDoneSignalAreDropped() async throws {
        var events = try Recording.events("OpenAI/stream-text.sse")
        events.append(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" after done\"},\"finish_reason\":null}]}\n\n")
        try await withServer(responding: .sse(events: events)) { server in
            let response = try await Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages)
                .collectContent()
            #expect(response == Self.openAITextResponse)
        }
    }

    // MARK: Timing

    /// The server holds the rest of the body back for five minutes after the first events; the
    /// first delta must arrive before that.
    @Test func slowDripDeliversEventsAsTheyArrive() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        var body: [ScriptedResponse.Step] = events.prefix(2).map { .text($0) }
        // The rest comes only after five minutes, so a first delta before then was delivered as it
        // arrived, however slow the machine (no timing bound that a loaded CI run can miss).
        body.append(.pause(.seconds(300)))
        body += events.dropFirst(2).map { .text($0) }
        try await withServer(
            responding: ScriptedResponse(headers: ["Content-Type": "text/event-stream"], body: body)
        ) { server in
            let clock = ContinuousClock()
            let start = clock.now
            var first: String?
            for try await event in Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages) {
                if case .textDelta(let text, _) = event {
                    first = text
                    break
                }
            }
            #expect(first == "Mostly")
            #expect(clock.now - start < .seconds(300), "the first delta waited for the rest of the body")
            // Leaving the loop cancelled the stream: the connection closes.
            #expect(await server.waitForDisconnects(1, timeout: .seconds(10)))
        }
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        var body: [ScriptedResponse.Step] = events.prefix(2).map { .text($0) }
        // Far longer than cancelling takes even on a loaded machine (a 10-second pause once
        // ran out first, while the whole suite ran), so that the rest cannot arrive before it.
        body.append(.pause(.seconds(60)))
        body += events.dropFirst(2).map { .text($0) }
        try await withServer(
            responding: ScriptedResponse(headers: ["Content-Type": "text/event-stream"], body: body)
        ) { server in
            let (started, signal) = AsyncStream<Void>.makeStream()
            let stream = Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages)
            let consumer = Task {
                var received: [StreamEvent] = []
                do {
                    for try await event in stream {
                        received.append(event)
                        signal.yield()
                    }
                } catch {}
                return received
            }
            // Wait for the first event, then cancel mid-pause.
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            consumer.cancel()
            let received = await consumer.value
            #expect(received.first == .textDelta("Mostly"))
            #expect(!received.contains(.textDelta(" cloudy,")))
            #expect(await server.waitForDisconnects(1, timeout: .seconds(10)))
            #expect(clock.now - cancelledAt < .seconds(10))
            #expect(await server.requests().count == 1)
        }
    }

    @Test func cancellingWhileWaitingForTheHeadClosesTheConnection() async throws {
        let handler: ScriptedHTTPServer.Handler = { _ in
            try? await Task.sleep(for: .seconds(120))
            return .sse(events: [])
        }
        try await withServer(handler: handler) { server in
            let stream = Self.openAI(server).stream(model: .gpt4oMini, messages: Conversation.messages)
            let consumer = Task { await consume(stream) }
            // Let the request reach the server (as long as that takes on a loaded machine).
            let deadline = ContinuousClock.now + .seconds(60)
            while await server.requests().isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            try #require(await server.requests().count == 1)
            consumer.cancel()
            let outcome = await consumer.value
            #expect(outcome.events.isEmpty)
            #expect(await server.waitForDisconnects(1, timeout: .seconds(10)))
        }
    }
}

/// The closing `.statistics` event: what a finished stream took and cost.
@Suite("Stream statistics")
struct StreamStatisticsTests {
    @Test func aFinishedStreamEndsWithItsStatistics() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: .sse(events: events)) { server in
            var configuration = ClientConfiguration.testing(server)
            configuration.clock = SystemClock()
            let outcome = await consume(
                Client<OpenAI>(configuration: configuration).stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.error == nil)
            let statistics = try #require(outcome.statistics)
            #expect(statistics.provider == "openai")
            #expect(statistics.model == "gpt-4o-mini")
            #expect(statistics.attempts == 1)
            #expect(statistics.usage == outcome.response.usage)
            let firstToken = try #require(statistics.timeToFirstToken)
            #expect(firstToken <= statistics.latency)
            // gpt-4o-mini's registry prices: 21 prompt and 7 completion tokens.
            let info = try #require(OpenAI.Model.gpt4oMini.info)
            #expect(statistics.cost == info.cost(of: try #require(outcome.response.usage)))
            #expect(statistics.cost != nil)

            // collectResponse carries them, with the provider.
            let collected = try await Client<OpenAI>(configuration: configuration)
                .stream(model: .gpt4oMini, messages: Conversation.messages).collectResponse()
            #expect(collected.provider == "openai")
            #expect(collected.statistics?.attempts == 1)
        }
    }

    @Test func attemptsCountTheRetriesBeforeTheStream() async throws {
        let events = try Recording.events("OpenAI/stream-text.sse")
        let counter = RequestCounter()
        try await withServer(handler: { _ in
            await counter.next() == 0
                ? .json(status: .serviceUnavailable, body: #"{"error":{"message":"busy"}}"#) : .sse(events: events)
        }) { server in
            let client = Client<OpenAI>(configuration: .testing(server, maxRetries: 2))
            let outcome = await consume(client.stream(model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.statistics?.attempts == 2)
        }
    }

    @Test func aFailedStreamHasNone() async throws {
        try await withServer(responding: .json(status: .badRequest, body: #"{"error":{"message":"bad"}}"#)) { server in
            let outcome = await consume(
                Client<OpenAI>(configuration: .testing(server)).stream(
                    model: .gpt4oMini, messages: Conversation.messages))
            #expect(outcome.aiError?.httpStatus == 400)
            #expect(outcome.statistics == nil)
        }
    }
}
