import NIOCore
import NIOHTTP1

/// Serves the requests of one connection, one after another (keep-alive), playing each response script.
struct ConnectionHandler: Sendable {
    let handler: ScriptedHTTPServer.Handler
    let state: ServerState

    /// How one response ended, which decides whether the connection can serve another request.
    private enum Outcome {
        case finished(keepAlive: Bool)
        case reset
        case clientDisconnected
        case stopped
    }

    func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        number connectionNumber: Int
    ) async {
        let channel = connection.channel
        // Errors here are a client going away or the server stopping; neither may take the server down.
        try? await connection.executeThenClose { inbound, _ in
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
                    guard let requestHead = head else { return }
                    let request = RecordedRequest(
                        method: requestHead.method.rawValue,
                        path: requestHead.uri,
                        headers: requestHead.headers,
                        body: Array(body.readableBytesView),
                        connection: connectionNumber)
                    await state.record(request)
                    switch await respond(to: request, head: requestHead, on: channel) {
                    case .finished(keepAlive: true):
                        head = nil
                    case .finished(keepAlive: false), .reset, .stopped:
                        return
                    case .clientDisconnected:
                        await state.noteDisconnect()
                        return
                    }
                }
            }
        }
    }

    /// Runs the handler and plays its script in a task that the connection's closing cancels, so a
    /// client that goes away mid-pause is noticed at once rather than at the next write.
    private func respond(to request: RecordedRequest, head: HTTPRequestHead, on channel: any Channel) async -> Outcome {
        let handler = self.handler
        let work = Task {
            let response = await handler(request)
            return try await Self.play(response, keepAlive: head.isKeepAlive, version: head.version, on: channel)
        }
        channel.closeFuture.whenComplete { _ in work.cancel() }
        let result = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        switch result {
        case .success(let outcome):
            return outcome
        case .failure:
            if Task.isCancelled { return .stopped }
            // Any failure with the channel gone means the client closed it under us.
            if !channel.isActive { return .clientDisconnected }
            try? await channel.close()
            return .stopped
        }
    }

    private static func play(
        _ response: ScriptedResponse,
        keepAlive: Bool,
        version: HTTPVersion,
        on channel: any Channel
    ) async throws -> Outcome {
        var headers = response.headers
        if !keepAlive && !headers.contains(name: "connection") {
            headers.add(name: "Connection", value: "close")
        }
        let head = HTTPResponseHead(version: version, status: response.status, headers: headers)
        try await channel.writeAndFlush(HTTPServerResponsePart.head(head)).get()

        steps: for step in response.body {
            switch step {
            case .bytes(let bytes):
                try await write(bytes, on: channel)
            case .text(let text):
                try await write(Array(text.utf8), on: channel)
            case .pause(let duration):
                try await Task.sleep(for: duration)
            case .resetConnection:
                try? await channel.close()
                return .reset
            case .end:
                break steps
            }
        }
        try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
        let keepOpen = keepAlive && !headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
        if !keepOpen {
            try? await channel.close()
        }
        return .finished(keepAlive: keepOpen)
    }

    private static func write(_ bytes: [UInt8], on channel: any Channel) async throws {
        // An empty chunk would read as the chunked terminator, ending the body early.
        guard !bytes.isEmpty else { return }
        try Task.checkCancellation()
        let part = HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: bytes)))
        try await channel.writeAndFlush(part).get()
    }
}
