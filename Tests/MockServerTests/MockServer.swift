import AIProtocol
import Foundation
import TestPrerequisites
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A running ai-protocol-mock (the peer server of AI-Protocol runtimes, from PyPI), started with
/// the fixtures of `Fixtures/v2/providers/` as its manifests.
///
/// `.mockServer` starts one for a whole suite and stops it when the suite ends, however it ends;
/// the suite's tests find it in `MockServer.current`.
struct MockServer: Sendable {
    /// The port it listens on, on 127.0.0.1.
    let port: Int

    /// `http://127.0.0.1:<port>`.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// The server of the running suite.
    @TaskLocal static var current: MockServer?

    /// The text the mock answers with when no `X-Mock-Content` header says otherwise (its
    /// `MOCK_CONTENT`, which the server is started with).
    static let defaultContent = "Mock response from ai-protocol-mock"

    /// The Python that has ai-protocol-mock and uvicorn, named by `AI_PROTOCOL_MOCK_PYTHON`
    /// (`.ci/mock-server.sh` makes one at `.build/mock-venv`).
    static let python = Prerequisite.executable(
        variable: "AI_PROTOCOL_MOCK_PYTHON", name: "the ai-protocol-mock Python",
        hint: "bash .ci/mock-server.sh makes one")

    /// Starts the mock, runs `body` with it, and stops it — also when `body` throws.
    static func withRunning<T: Sendable>(_ body: (MockServer) async throws -> T) async throws -> T {
        let process = try await launch(python: python.location)
        do {
            let result = try await body(process.server)
            process.stop()
            return result
        } catch {
            process.stop()
            throw error
        }
    }

    /// Starts the mock on a free port and waits until `/health` answers. A port taken between
    /// choosing and binding it makes uvicorn exit: then another port is tried.
    ///
    /// The wait is long because the first start after set-up imports FastAPI and pydantic cold,
    /// and the suite runs beside the compile tests: on two busy cores that took over 20 s.
    private static let startupBudget = Duration.seconds(90)

    private static func launch(python: String) async throws -> MockProcess {
        var failures: [String] = []
        attempts: for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let process = try MockProcess(python: python, port: port)
            switch await process.waitUntilHealthy(within: startupBudget) {
            case .healthy:
                return process
            case .exited(let log):
                process.stop()
                failures.append("port \(port): the server exited:\n\(log)")
                // Only a port taken in the meantime is worth another try.
                guard log.lowercased().contains("address already in use") else { break attempts }
            case .timedOut(let log):
                process.stop()
                throw Failure(description: "ai-protocol-mock did not answer /health within \(startupBudget):\n\(log)")
            }
        }
        throw Failure(description: "ai-protocol-mock did not start:\n" + failures.joined(separator: "\n"))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A port of 127.0.0.1 that is free now: bind a socket to port 0, read the port the
    /// system chose, close the socket.
    static func freeLoopbackPort() throws -> Int {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind() failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The uvicorn process serving `ai_protocol_mock.main:app`, its output in a temporary file.
private final class MockProcess: @unchecked Sendable {
    // Only touched by the task that starts, polls and stops the server, one step after another.
    let server: MockServer
    private let process = Process()
    private let logURL: URL
    private let logHandle: FileHandle

    static let unblockSignalsThenRunUvicorn = """
        import runpy, signal, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        sys.argv[0] = "uvicorn"
        runpy.run_module("uvicorn", run_name="__main__", alter_sys=True)
        """

    enum Health {
        case healthy
        case exited(log: String)
        case timedOut(log: String)
    }

    init(python: String, port: Int) throws {
        server = MockServer(port: port)
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ai-protocol-mock-\(port)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        logHandle = try FileHandle(forWritingTo: logURL)

        process.executableURL = URL(fileURLWithPath: python)
        // `python -m uvicorn ai_protocol_mock.main:app …`, after unblocking signals: the child
        // inherits the test process's signal mask, which blocks SIGTERM, and uvicorn would never
        // see the request to stop.
        process.arguments = [
            "-c", Self.unblockSignalsThenRunUvicorn, "ai_protocol_mock.main:app", "--host", "127.0.0.1", "--port",
            String(port), "--log-level", "warning", "--timeout-graceful-shutdown", "2",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["MANIFEST_DIR"] = MockServerPaths.fixtures.path
        // Set explicitly so that neither the caller's environment nor a .env file changes the
        // mock's answers (the mock reads these at import).
        environment["MOCK_CONTENT"] = MockServer.defaultContent
        environment["ERROR_RATE"] = "0"
        environment["RESPONSE_DELAY"] = "0"
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        process.currentDirectoryURL = MockServerPaths.fixtures
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        do {
            try process.run()
        } catch {
            try? logHandle.close()
            try? FileManager.default.removeItem(at: logURL)
            throw error
        }
    }

    /// Polls `GET /health` until it answers `{"status": "ok", …}`.
    func waitUntilHealthy(within limit: Duration) async -> Health {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        let request = TransportRequest(method: "GET", url: server.origin + "/health", timeout: .seconds(2))
        while clock.now < deadline {
            if !process.isRunning { return .exited(log: log()) }
            if let response = try? await AsyncHTTPClientTransport.shared.execute(request),
                response.status == 200,
                let body = try? await response.collectBody(upTo: 1 << 16),
                String(decoding: body, as: UTF8.self).contains("\"ok\"")
            {
                return .healthy
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return .timedOut(log: log())
    }

    /// Stops the server: SIGTERM, up to 5 s for uvicorn to shut down, then SIGKILL; waits for
    /// the process in any case and removes the log.
    func stop() {
        if process.isRunning {
            process.terminate()
            var waited = 0
            while process.isRunning, waited < 250 {
                usleep(20_000)
                waited += 1
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? logHandle.close()
        try? FileManager.default.removeItem(at: logURL)
    }

    private func log() -> String {
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return String(text.suffix(4000))
    }
}

/// Runs a suite with one mock server for all its tests: started before the first, stopped
/// after the last (also when a test fails or throws).
struct MockServerScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await MockServer.withRunning { server in
            try await MockServer.$current.withValue(server) { try await function() }
        }
    }
}

extension Trait where Self == MockServerScope {
    /// One ai-protocol-mock for the whole suite, in `MockServer.current`.
    static var mockServer: Self { Self() }
}
