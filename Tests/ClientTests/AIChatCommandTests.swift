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

    @Test func fallbackMaxRetriesAndTimeoutFlags() async throws {
        let overloaded = ScriptedResponse.oneShot(
            status: .serviceUnavailable, contentType: "text/plain", bytes: Array("down".utf8))
        let success = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: overloaded) { first in
            try await withServer(responding: success) { second in
                // The fallback target reaches the second server through a configuration file.
                let config = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID()).yaml")
                try """
                targets:
                  - model: openai/gpt-4o
                    base_url: \(second.baseURL)/v1
                """.write(to: config, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: config) }
                let output = try await Self.run(
                    [
                        "--model", "openai/gpt-4o-mini", "--base-url", first.baseURL + "/v1", "--config", config.path,
                        "--max-retries", "1", "--timeout", "30", "--json", "Hello",
                    ],
                    environment: ["OPENAI_API_KEY": TestKey.openAI])
                #expect(output.status == 0, "\(output.stderr)")
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
                #expect(object["text"] as? String == "Mostly cloudy in Paris, 18 °C.")
                #expect(object["provider"] as? String == "openai")
                // --max-retries 1: two attempts at the first target, then the fallback.
                #expect(await first.requests().count == 2)
                #expect(await second.requests().count == 1)
            }
        }
    }

    @Test func aFallbackFlagAndABrokenConfiguration() async throws {
        let missingKey = try await Self.run(
            ["--model", "anthropic/claude-sonnet-4-5-20250929", "--fallback", "openai/gpt-4o", "Hello"],
            environment: [:])
        // Both keys are missing: the last target's error is reported.
        #expect(
            missingKey.stderr == "error: E1002 authentication: no API key: pass one explicitly or set OPENAI_API_KEY\n")
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID()).json")
        try #"{"targets": "openai/gpt-4o"}"#.write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        let broken = try await Self.run(["--config", config.path, "Hello"], environment: [:])
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("is not a routing configuration"))
    }

    @Test func aMissingKeyNamesTheVariable() async throws {
        let output = try await Self.run(["--model", "anthropic/claude-sonnet-4-5-20250929", "Hello"], environment: [:])
        #expect(output.status == 1)
        #expect(
            output.stderr == "error: E1002 authentication: no API key: pass one explicitly or set ANTHROPIC_API_KEY\n")
    }
}
