import Foundation
import Testing

/// `ai-chat`, run as a user runs it, against the loopback server.
@Suite("ai-chat")
struct AIChatCommandTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits beside the test bundle in the build folder.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("ai-chat")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/ai-chat")
    }()

    /// Runs the command without blocking a thread of the concurrency pool: the loopback server
    /// the command talks to answers on that pool.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ai-chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Output(
            status: status, stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }

    @Test func printsTheReplyStreamedAndAsJSON() async throws {
        let sse = try Recording.events("OpenAI/stream-text.sse")
        try await withServer(responding: .sse(events: sse)) { server in
            let environment = ["OPENAI_API_KEY": TestKey.openAI]
            let streamed = try await Self.run(
                ["--model", "openai/gpt-4o-mini", "--stream", "--base-url", server.baseURL + "/v1", "Weather?"],
                environment: environment)
            #expect(streamed.status == 0)
            #expect(streamed.stdout == "Mostly cloudy, 18 °C.\n")
            let json = try await Self.run(
                [
                    "--model", "openai/gpt-4o-mini", "--stream", "--json", "--base-url", server.baseURL + "/v1",
                    "Weather?",
                ],
                environment: environment)
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["text"] as? String == "Mostly cloudy, 18 °C.")
            #expect(object["finishReason"] as? String == "end_turn")
            #expect((object["toolCalls"] as? [Any])?.isEmpty == true)
            let requests = await server.requests()
            #expect(requests.first?.header("Authorization") == "Bearer \(TestKey.openAI)")
        }
    }

    @Test func errorsGoToStandardErrorWithTheirCode() async throws {
        let body = try Recording.text("OpenAI/error-rate-limit.json")
        try await withServer(responding: .json(status: .tooManyRequests, body: body)) { server in
            let output = try await Self.run(
                ["--model", "openai/gpt-4o", "--base-url", server.baseURL + "/v1", "Hello"],
                environment: ["OPENAI_API_KEY": TestKey.leak])
            #expect(output.status == 1)
            #expect(output.stdout == "")
            #expect(output.stderr.hasPrefix("error: E2001 rate_limited: "))
            #expect(!output.stderr.contains(TestKey.leak))
        }
    }

    @Test func aMissingKeyNamesTheVariable() async throws {
        let output = try await Self.run(["--model", "anthropic/claude-sonnet-4-5-20250929", "Hello"], environment: [:])
        #expect(output.status == 1)
        #expect(
            output.stderr == "error: E1002 authentication: no API key: pass one explicitly or set ANTHROPIC_API_KEY\n")
    }
}
