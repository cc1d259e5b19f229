import AIProtocol
import AIProviders
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// What a call through `Client<OpenAI>` costs beyond the HTTP exchange: chat and stream calls to
/// a loopback server that answers at once with a canned body, against raw AsyncHTTPClient sending
/// the same bytes and reading the whole body. Batches of calls alternate between the two sides.
enum OverheadBench {
    static func run(quick: Bool, wanted: @Sendable (String) -> Bool) async throws -> [Measurement] {
        guard wanted("overhead/nonstream") || wanted("overhead/stream") else { return [] }
        let server = try await CannedServer.start()
        let raw = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let results = try await measure(server: server, raw: raw, quick: quick, wanted: wanted)
            try await raw.shutdown()
            try await server.channel.close()
            return results
        } catch {
            try? await raw.shutdown()
            try? await server.channel.close()
            throw error
        }
    }

    private static func measure(
        server: CannedServer, raw: HTTPClient, quick: Bool, wanted: @Sendable (String) -> Bool
    ) async throws -> [Measurement] {
        let client = Client<OpenAI>(
            configuration: ClientConfiguration(
                apiKey: "sk-bench", baseURL: "http://127.0.0.1:\(server.port)/v1", environment: [:], maxRetries: 0))
        let messages: [Message] = [.system("Be brief."), .user("What is the weather in Paris?")]
        let batches = quick ? 6 : 20
        let callsPerBatch = quick ? 50 : 100
        var results: [Measurement] = []
        for streaming in [false, true] where wanted(streaming ? "overhead/stream" : "overhead/nonstream") {
            var request = ChatRequest(model: "gpt-4o", messages: messages, stream: streaming)
            request.stream = streaming
            let body = try JSONEncoder().encode(try OpenAI.chatBody(for: request))
            let rawCall = { () async throws in
                var outgoing = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/chat/completions")
                outgoing.method = .POST
                outgoing.headers.add(name: "Content-Type", value: "application/json")
                outgoing.headers.add(name: "Authorization", value: "Bearer sk-bench")
                outgoing.headers.add(name: "Accept", value: streaming ? "text/event-stream" : "application/json")
                outgoing.body = .bytes(ByteBuffer(bytes: body))
                let response = try await raw.execute(outgoing, timeout: .seconds(30))
                for try await _ in response.body {}
            }
            let oursCall = { () async throws in
                if streaming {
                    for try await _ in client.stream(model: .gpt4o, messages: messages) {}
                } else {
                    _ = try await client.chat(model: .gpt4o, messages: messages)
                }
            }
            // Warm the connection pools and the code.
            for _ in 0..<20 {
                try await rawCall()
                try await oursCall()
            }
            var oursWall: [Double] = []
            var rawWall: [Double] = []
            var oursCPU: [Double] = []
            var rawCPU: [Double] = []
            for batch in 0..<batches {
                for side in batch % 2 == 0 ? [0, 1] : [1, 0] {
                    let cpuStart = processCPUTime()
                    let wallStart = ContinuousClock.now
                    for _ in 0..<callsPerBatch { try await side == 0 ? oursCall() : rawCall() }
                    let wall = (ContinuousClock.now - wallStart) / callsPerBatch
                    let micros = Double(wall.components.seconds) * 1e6 + Double(wall.components.attoseconds) / 1e12
                    let cpu = (processCPUTime() - cpuStart) * 1e6 / Double(callsPerBatch)
                    if side == 0 {
                        oursWall.append(micros)
                        oursCPU.append(cpu)
                    } else {
                        rawWall.append(micros)
                        rawCPU.append(cpu)
                    }
                }
            }
            let notes = String(
                format: "CPU %.0f µs/call vs %.0f (%.2fx); %@", Measurement.median(oursCPU), Measurement.median(rawCPU),
                Measurement.median(oursCPU) / Measurement.median(rawCPU),
                streaming ? "\(CannedServer.streamFrames) SSE frames" : "one JSON response")
            results.append(
                Measurement(
                    name: streaming ? "overhead/stream" : "overhead/nonstream", unit: "µs/call", samples: oursWall,
                    baseline: rawWall, notes: notes))
        }
        return results
    }
}

/// A loopback HTTP server that answers every request at once: a chat completion, or, when the
/// request asks for a stream, 22 small SSE frames.
struct CannedServer {
    let channel: any Channel
    let port: Int

    static let streamFrames = 22

    static let completion = Array(
        #"{"id":"chatcmpl-bench","object":"chat.completion","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"Mostly cloudy in Paris, 18 °C, light rain later.","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":25,"completion_tokens":12,"total_tokens":37}}"#
            .utf8)

    static let stream: [UInt8] = {
        var text = ""
        let words = ["Mostly", " cloudy", " in", " Paris", ",", " 18", " °C", ",", " light", " rain", " later", "."]
        for index in 0..<(streamFrames - 2) {
            text +=
                #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":""#
                + words[index % words.count] + #""},"finish_reason":null}],"usage":null}"# + "\n\n"
        }
        text +=
            #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}"#
            + "\n\n"
        text +=
            #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1733443200,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":25,"completion_tokens":20,"total_tokens":45}}"#
            + "\n\ndata: [DONE]\n\n"
        return Array(text.utf8)
    }()

    static func start() async throws -> CannedServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return CannedServer(channel: channel, port: channel.localAddress!.port!)
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private var body: [UInt8] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head:
                body.removeAll(keepingCapacity: true)
            case .body(let buffer):
                body += buffer.readableBytesView
            case .end:
                let streaming = body.firstRange(of: Array(#""stream":true"#.utf8)) != nil
                let reply = streaming ? CannedServer.stream : CannedServer.completion
                var head = HTTPResponseHead(version: .http1_1, status: .ok)
                head.headers.add(name: "Content-Type", value: streaming ? "text/event-stream" : "application/json")
                head.headers.add(name: "Content-Length", value: String(reply.count))
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
