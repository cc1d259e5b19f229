import AIProtocol
import AIProviders
import Testing

/// `StreamEventReader`, the public bytes-to-events path that `Client.stream` reads every
/// response through, replayed on the recordings.
@Suite("StreamEventReader")
struct StreamEventReaderTests {
    /// Everything a reader gives for `bytes` pushed in pieces of `chunkSize`, through `finish()`.
    private static func read<P: StreamingAdapter>(
        _ provider: P.Type, _ bytes: [UInt8], chunkSize: Int
    ) -> (events: [StreamEvent], error: AIError?, complete: Bool) {
        var reader = StreamEventReader<P>()
        var events: [StreamEvent] = []
        do {
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                events += try reader.push(bytes[offset..<end])
                offset = end
            }
            events += try reader.finish()
        } catch {
            return (events, error, reader.isComplete)
        }
        return (events, nil, reader.isComplete)
    }

    private static func agrees<P: StreamingAdapter>(_ provider: P.Type, recording: String) throws {
        let bytes = try Recordings.bytes(recording)
        let reference = try ProviderPipeline.stream(P.self, recording: recording, chunkSize: bytes.count)
        for chunkSize in [1, 2, 3, 7, 64, 4096, bytes.count] {
            let read = read(P.self, bytes, chunkSize: chunkSize)
            #expect(read.events == reference.events, "\(recording) in pieces of \(chunkSize)")
            if let error = reference.error {
                #expect(read.error == error, "\(recording) in pieces of \(chunkSize)")
            } else if reference.isFinished || reference.reachedDoneSignal {
                #expect(read.error == nil && read.complete, "\(recording) in pieces of \(chunkSize)")
            }
        }
    }

    @Test func givesTheEventsOfTheCompiledRulesAtEveryChunkSize() throws {
        for name in ["stream-text.sse", "stream-tool-calls.sse", "stream-error.sse"] {
            try Self.agrees(OpenAI.self, recording: "OpenAI/\(name)")
        }
        for name in ["stream-text.sse", "stream-thinking.sse", "stream-tool-use.sse", "stream-error.sse"] {
            try Self.agrees(Anthropic.self, recording: "Anthropic/\(name)")
        }
        for name in ["stream-text.sse", "stream-thinking.sse", "stream-tool-calls.sse", "stream-error.sse"] {
            try Self.agrees(Gemini.self, recording: "Gemini/\(name)")
        }
        for name in ["stream-text.ndjson", "stream-thinking.ndjson", "stream-tool-calls.ndjson", "stream-error.ndjson"]
        {
            try Self.agrees(Ollama.self, recording: "Ollama/\(name)")
        }
        for name in ["stream-text.sse", "stream-thinking.sse", "stream-tool-calls.sse"] {
            try Self.agrees(Cohere.self, recording: "Cohere/\(name)")
        }
    }

    @Test func aStreamCutShortThrowsAtFinish() throws {
        let bytes = try Recordings.bytes("OpenAI/stream-text.sse")
        let cut = Array(bytes.prefix(bytes.count / 2))
        let read = Self.read(OpenAI.self, cut, chunkSize: 5)
        #expect(read.error?.kind == .streamEndedEarly)
        #expect(!read.complete)
    }

    @Test func afterAnErrorEveryPushThrowsIt() throws {
        var reader = StreamEventReader<OpenAI>()
        let notJSON = Array("data: {\"choices\": [\n\n".utf8)
        #expect(throws: AIError.self) { try reader.push(notJSON) }
        // A valid frame afterwards does not revive the stream.
        let later = Result { () throws(AIError) in try reader.push(Array("data: {\"choices\":[]}\n\n".utf8)) }
        guard case .failure(let error) = later, case .invalidResponse(let message) = error.kind else {
            Issue.record("expected the invalid response again, got \(later)")
            return
        }
        #expect(message.contains("not JSON"))
        #expect(throws: AIError.self) { try reader.finish() }
    }

    @Test func bytesAfterTheDoneSignalGiveNothing() throws {
        var reader = StreamEventReader<OpenAI>()
        let stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n"
        #expect(try reader.push(Array(stream.utf8)) == [.textDelta("Hi")])
        #expect(reader.isComplete)
        #expect(
            try reader.push(Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more\"}}]}\n\n".utf8))
                == [])
        #expect(try reader.finish() == [])
    }
}
