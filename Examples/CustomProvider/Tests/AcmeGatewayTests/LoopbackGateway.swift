import NIOCore
import NIOHTTP1
import NIOPosix

/// A stand-in for the Acme gateway on 127.0.0.1, for the test: it records every request and
/// answers a chat completion in the OpenAI shape, streamed as server-sent events when the
/// request says `"stream": true`.
final class LoopbackGateway: Sendable {
    /// A request as it arrived.
    struct Request: Sendable {
        var path: String
        var headers: HTTPHeaders
        var body: String
    }

    let baseURL: String
    private let group: MultiThreadedEventLoopGroup
    private let log: Log
    private let acceptLoop: Task<Void, Never>

    private actor Log {
        var requests: [Request] = []
        func add(_ request: Request) { requests.append(request) }
    }

    /// Starts a gateway on a free loopback port.
    static func start() async throws -> LoopbackGateway {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let port = listener.channel.localAddress?.port ?? 0
        let log = Log()
        // Stopping cancels this task, which ends the accept loop and every connection.
        let acceptLoop = Task {
            await withDiscardingTaskGroup { connections in
                _ = try? await listener.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask { await serve(connection, log: log) }
                    }
                }
            }
        }
        return LoopbackGateway(
            baseURL: "http://127.0.0.1:\(port)/v1", group: group, log: log, acceptLoop: acceptLoop)
    }

    private init(baseURL: String, group: MultiThreadedEventLoopGroup, log: Log, acceptLoop: Task<Void, Never>) {
        self.baseURL = baseURL
        self.group = group
        self.log = log
        self.acceptLoop = acceptLoop
    }

    /// The requests so far.
    var requests: [Request] {
        get async { await log.requests }
    }

    /// Stops accepting, closes every connection and the event loop.
    func stop() async throws {
        acceptLoop.cancel()
        await acceptLoop.value
        try await group.shutdownGracefully()
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, log: Log
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { return }
                    let request = Request(
                        path: head.uri, headers: head.headers,
                        body: String(decoding: body.readableBytesView, as: UTF8.self))
                    await log.add(request)
                    let streams = request.body.contains(#""stream":true"#)
                    var headers = HTTPHeaders()
                    headers.add(name: "content-type", value: streams ? "text/event-stream" : "application/json")
                    let reply = streams ? streamedReply : wholeReply
                    headers.add(name: "content-length", value: String(reply.utf8.count))
                    try await outbound.write(
                        .head(HTTPResponseHead(version: head.version, status: .ok, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: reply))))
                    try await outbound.write(.end(nil))
                }
            }
        }
    }

    private static let wholeReply = """
        {"id":"chatcmpl-1","object":"chat.completion","model":"acme-chat-large","choices":[{"index":0,\
        "message":{"role":"assistant","content":"Hello from Acme."},"finish_reason":"stop"}],\
        "usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}
        """

    private static let streamedReply = [
        #"{"id":"chatcmpl-2","model":"acme-chat-large","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"}}]}"#,
        #"{"id":"chatcmpl-2","model":"acme-chat-large","choices":[{"index":0,"delta":{"content":" from"}}]}"#,
        #"{"id":"chatcmpl-2","model":"acme-chat-large","choices":[{"index":0,"delta":{"content":" Acme."}}]}"#,
        #"{"id":"chatcmpl-2","model":"acme-chat-large","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
        #"{"id":"chatcmpl-2","model":"acme-chat-large","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}"#,
        "[DONE]",
    ].map { "data: \($0)\n\n" }.joined()
}
