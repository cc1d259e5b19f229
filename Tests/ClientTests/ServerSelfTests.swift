import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Checks the scripted loopback server itself, through AsyncHTTPClient, before client tests rely on it.
@Suite("ScriptedHTTPServer")
struct ServerSelfTests {
    @Test func jsonResponseIsSentWithContentLength() async throws {
        let json = #"{"ok":true,"text":"héllo"}"#
        try await withServer(responding: .json(status: .created, headers: ["x-trace": "t1"], body: json)) {
            server in
            try await withClient { client in
                let response = try await client.execute(
                    HTTPClientRequest(url: server.baseURL + "/ping"), timeout: .seconds(30))
                #expect(response.status == .created)
                #expect(response.headers.first(name: "content-type") == "application/json")
                #expect(response.headers.first(name: "content-length") == String(json.utf8.count))
                #expect(response.headers.first(name: "transfer-encoding") == nil)
                #expect(response.headers.first(name: "x-trace") == "t1")
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(String(buffer: body) == json)
            }
        }
    }

    @Test func streamedChunksArriveInSeparateReads() async throws {
        let bytes = Array("0123456789abcdef".utf8)
        try await withServer(responding: .streamed(bytes: bytes, splitting: .every(4))) { server in
            try await withClient { client in
                let response = try await client.execute(
                    HTTPClientRequest(url: server.baseURL + "/s"), timeout: .seconds(30))
                #expect(response.headers.first(name: "transfer-encoding") == "chunked")
                #expect(response.headers.first(name: "content-length") == nil)
                var parts: [[UInt8]] = []
                for try await part in response.body {
                    parts.append(Array(part.readableBytesView))
                }
                #expect(parts.count >= 4)
                #expect(parts.flatMap { $0 } == bytes)
            }
        }
    }

    @Test func splitCutsAtOffsetsAndEveryNBytes() {
        let bytes: [UInt8] = Array(0..<10)
        #expect(ScriptedResponse.Split.every(4).chunks(of: bytes) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(
            ScriptedResponse.Split.at([7, 0, 3, 3, 10, 42]).chunks(of: bytes) == [
                [0, 1, 2], [3, 4, 5, 6], [7, 8, 9],
            ])
        #expect(ScriptedResponse.Split.at([]).chunks(of: bytes) == [bytes])
        // A multi-byte UTF-8 scalar cut in the middle.
        let euro = Array("€".utf8)
        #expect(ScriptedResponse.Split.at([1]).chunks(of: euro) == [[euro[0]], [euro[1], euro[2]]])
    }

    @Test func pausesDripTheBodySlowly() async throws {
        let interval = Duration.milliseconds(150)
        try await withServer(responding: .sse(data: ["a", "b", "c"], interval: interval)) { server in
            try await withClient { client in
                let response = try await client.execute(
                    HTTPClientRequest(url: server.baseURL + "/sse"), timeout: .seconds(30))
                #expect(response.headers.first(name: "content-type") == "text/event-stream")
                var arrivals: [Int] = []
                var text = ""
                for try await part in response.body {
                    arrivals.append(part.readableBytes)
                    text += String(buffer: part)
                }
                #expect(text == "data: a\n\ndata: b\n\ndata: c\n\n")
                // The pauses keep the chunks apart: each arrives in a read of its own.
                #expect(arrivals.count == 3)
            }
        }
    }

    @Test func resetConnectionMakesBodyIterationThrow() async throws {
        let script = ScriptedResponse(body: [
            .text("partial "), .pause(.milliseconds(20)), .resetConnection, .text("never"),
        ])
        try await withServer(responding: script) { server in
            try await withClient { client in
                let response = try await client.execute(
                    HTTPClientRequest(url: server.baseURL + "/r"), timeout: .seconds(30))
                var received = ""
                await #expect(throws: (any Error).self) {
                    for try await part in response.body {
                        received += String(buffer: part)
                    }
                }
                #expect(received == "partial ")
            }
            // The server cut it, not the client.
            #expect(await server.disconnectedCount() == 0)
        }
    }

    @Test func recordsTheRequestTheClientSent() async throws {
        struct Payload: Codable, Equatable {
            var model: String
            var stream: Bool
        }
        try await withServer(responding: .json(body: "{}")) { server in
            try await withClient { client in
                var request = HTTPClientRequest(url: server.baseURL + "/v1/chat?stream=true")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "X-Api-Key", value: "secret-1")
                request.body = .bytes(ByteBuffer(string: #"{"model":"m1","stream":true}"#))
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
            }
            let requests = await server.requests()
            try #require(requests.count == 1)
            let recorded = requests[0]
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/v1/chat?stream=true")
            #expect(recorded.pathWithoutQuery == "/v1/chat")
            #expect(recorded.header("x-api-key") == "secret-1")
            #expect(recorded.headers["content-type"] == ["application/json"])
            #expect(try recorded.decodeJSON(Payload.self) == Payload(model: "m1", stream: true))
            #expect(try recorded.jsonObject()["model"] as? String == "m1")
        }
    }

    @Test func servesSequentialRequestsOnOneKeptAliveConnection() async throws {
        let echoPath: ScriptedHTTPServer.Handler = { request in .json(body: #"{"path":"\#(request.path)"}"#) }
        try await withServer(handler: echoPath) { server in
            try await withClient { client in
                for path in ["/one", "/two"] {
                    let response = try await client.execute(
                        HTTPClientRequest(url: server.baseURL + path), timeout: .seconds(30))
                    let body = try await response.body.collect(upTo: 1 << 20)
                    #expect(String(buffer: body) == #"{"path":"\#(path)"}"#)
                }
            }
            let requests = await server.requests()
            #expect(requests.map(\.path) == ["/one", "/two"])
            #expect(requests.map(\.connection) == [0, 0])
        }
    }

    @Test func closesTheConnectionWhenTheRequestAsksTo() async throws {
        try await withServer(responding: .json(body: "{}")) { server in
            try await withClient { client in
                for _ in 0..<2 {
                    var request = HTTPClientRequest(url: server.baseURL + "/once")
                    request.headers.add(name: "Connection", value: "close")
                    let response = try await client.execute(request, timeout: .seconds(30))
                    #expect(response.headers.first(name: "connection") == "close")
                    _ = try await response.body.collect(upTo: 1 << 20)
                }
            }
            #expect(await server.requests().map(\.connection) == [0, 1])
        }
    }

    @Test func servesConcurrentConnections() async throws {
        let lines = ScriptedResponse.ndjson(lines: [#"{"n":1}"#, #"{"n":2}"#], interval: .milliseconds(100))
        try await withServer(responding: lines) { server in
            try await withClient { client in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            let response = try await client.execute(
                                HTTPClientRequest(url: server.baseURL + "/nd"), timeout: .seconds(30))
                            return String(buffer: try await response.body.collect(upTo: 1 << 20))
                        }
                    }
                    for try await body in group {
                        #expect(body == "{\"n\":1}\n{\"n\":2}\n")
                    }
                }
            }
            // Both were in flight at once, so the client needed two connections.
            #expect(Set(await server.requests().map(\.connection)).count == 2)
        }
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        let events = (1...200).map { "event \($0)" }
        try await withServer(responding: .sse(data: events, interval: .milliseconds(50))) { server in
            try await withClient { client in
                let (firstPart, gotFirstPart) = AsyncStream.makeStream(of: Void.self)
                let consumer = Task {
                    let response = try await client.execute(
                        HTTPClientRequest(url: server.baseURL + "/slow"), timeout: .seconds(30))
                    for try await _ in response.body {
                        gotFirstPart.yield()
                    }
                }
                for await _ in firstPart { break }
                consumer.cancel()
                _ = await consumer.result
                #expect(await eventually { await server.disconnectedCount() == 1 })
            }
        }
    }

    @Test func stopEndsAResponseStillInProgress() async throws {
        let server = try await ScriptedHTTPServer.start(
            response: ScriptedResponse(body: [.text("x"), .pause(.seconds(60))]))
        try await withClient { client in
            let response = try await client.execute(
                HTTPClientRequest(url: server.baseURL + "/hang"), timeout: .seconds(30))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            let clock = ContinuousClock()
            let started = clock.now
            try await server.stop()
            // Well under the 60 s pause, with room for a loaded machine.
            #expect(clock.now - started < .seconds(30))
            await #expect(throws: (any Error).self) {
                while try await iterator.next() != nil {}
            }
        }
        // Stopping is not the client going away.
        #expect(await server.disconnectedCount() == 0)
        try await server.stop()
    }
}

/// Runs `body` with a fresh client, shutting the client down whether `body` returns or throws.
private func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let result: T
    do {
        result = try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return result
}

/// Polls `condition` every 10 ms until it holds, for at most `timeout`; returns whether it held.
private func eventually(timeout: Duration = .seconds(2), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}
