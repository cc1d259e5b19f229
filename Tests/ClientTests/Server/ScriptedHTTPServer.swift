import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server that answers each request with a ``ScriptedResponse`` from a handler
/// closure and records every request, for testing an HTTP client against exact byte-level behaviour
/// (chunk boundaries, slow drips, dropped connections, client cancellation).
///
/// It listens on 127.0.0.1 only, on a port the OS picks, with its own one-thread event loop group.
/// Always call ``stop()`` (or use ``withServer(handler:_:)``) so no thread or port outlives the test.
final class ScriptedHTTPServer: Sendable {
    /// Computes the response to one request. It runs as a task that is cancelled if the client
    /// disconnects or the server stops, so a handler that waits should wait cancellably.
    typealias Handler = @Sendable (RecordedRequest) async -> ScriptedResponse

    /// The port the server listens on.
    let port: Int
    /// `"http://127.0.0.1:<port>"`, without a trailing slash.
    let baseURL: String

    private let group: MultiThreadedEventLoopGroup
    private let state: ServerState
    private let acceptLoop: Task<Void, Never>

    private init(port: Int, group: MultiThreadedEventLoopGroup, state: ServerState, acceptLoop: Task<Void, Never>) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.group = group
        self.state = state
        self.acceptLoop = acceptLoop
    }

    /// Starts a server that answers every request with `handler`.
    static func start(handler: @escaping Handler) async throws -> ScriptedHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                // Chunks must leave as separate segments rather than wait to be coalesced.
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .bind(host: "127.0.0.1", port: 0) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        guard let port = listener.channel.localAddress?.port else {
            try? await listener.channel.close()
            try? await group.shutdownGracefully()
            throw ScriptedHTTPServerError.noLocalPort
        }

        let state = ServerState()
        let connection = ConnectionHandler(handler: handler, state: state)
        // Stopping cancels this task; cancellation ends the accept loop, then every connection task
        // (a child of the group), and each closes its channel on the way out.
        let acceptLoop = Task<Void, Never> {
            await withDiscardingTaskGroup { group in
                _ = try? await listener.executeThenClose { connections in
                    var accepted = 0
                    for try await channel in connections {
                        let number = accepted
                        accepted += 1
                        group.addTask { await connection.serve(channel, number: number) }
                    }
                }
            }
        }
        return ScriptedHTTPServer(port: port, group: group, state: state, acceptLoop: acceptLoop)
    }

    /// Starts a server that answers every request with the same `response`.
    static func start(response: ScriptedResponse) async throws -> ScriptedHTTPServer {
        try await start { _ in response }
    }

    /// Stops listening, closes every connection (cancelling responses in progress), waits for all
    /// of the server's tasks to finish and shuts down its event loop thread. Safe to call twice.
    func stop() async throws {
        guard await state.beginStopping() else { return }
        acceptLoop.cancel()
        await acceptLoop.value
        try await group.shutdownGracefully()
    }

    /// Every request received so far, in arrival order.
    func requests() async -> [RecordedRequest] {
        await state.requests
    }

    /// How many responses were cut short because the client closed the connection.
    func disconnectedCount() async -> Int {
        await state.disconnected
    }

    /// Waits until ``disconnectedCount()`` reaches `count`, polling every 10 ms for at most `timeout`.
    /// Returns whether it did.
    func waitForDisconnects(_ count: Int = 1, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while await disconnectedCount() < count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

enum ScriptedHTTPServerError: Error {
    case noLocalPort
}

/// Starts a scripted server, runs `body` with it, and stops the server whether `body` returns or throws.
///
/// Pass the handler as a named value (`let handler: ScriptedHTTPServer.Handler = { ... }`) so that
/// `body` can stay the only trailing closure.
func withServer<T>(
    isolation: isolated (any Actor)? = #isolation,
    handler: @escaping ScriptedHTTPServer.Handler,
    _ body: (ScriptedHTTPServer) async throws -> T
) async throws -> T {
    let server = try await ScriptedHTTPServer.start(handler: handler)
    let result: T
    do {
        result = try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
    return result
}

/// Like ``withServer(isolation:handler:_:)`` with a server that answers every request with `response`.
func withServer<T>(
    isolation: isolated (any Actor)? = #isolation,
    responding response: ScriptedResponse,
    _ body: (ScriptedHTTPServer) async throws -> T
) async throws -> T {
    try await withServer(handler: { _ in response }, body)
}

/// What the server remembers across connections.
actor ServerState {
    private(set) var requests: [RecordedRequest] = []
    private(set) var disconnected = 0
    private var stopping = false

    func record(_ request: RecordedRequest) {
        requests.append(request)
    }

    func noteDisconnect() {
        disconnected += 1
    }

    /// Returns `true` only for the first caller.
    func beginStopping() -> Bool {
        defer { stopping = true }
        return !stopping
    }
}
