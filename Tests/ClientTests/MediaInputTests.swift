import AIProtocol
import AIProviders
import Foundation
import Testing

/// Documents and audio in requests: sent in each family's shape where the manifest declares
/// them (`multimodal.input`), and refused before any request where it does not.
@Suite("Documents and audio")
struct MediaInputTests {
    static let pdf = MediaSource.base64(data: "JVBERi0xLjcK", mediaType: "application/pdf")
    static let wav = MediaSource.base64(data: "UklGRiQAAABXQVZF", mediaType: "audio/wav")

    static func parts(_ request: RecordedRequest) throws -> [[String: Any]] {
        let messages = try #require(request.json()["messages"] as? [[String: Any]])
        return try #require(messages.last?["content"] as? [[String: Any]])
    }

    @Test func openAITakesDocumentsAndAudioAsData() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: reply) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            _ = try await client.chat(
                model: .gpt4o,
                messages: [.user([.text("Summarize both."), .document(Self.pdf), .audio(Self.wav)])])
            let parts = try Self.parts(try #require(await server.requests().first))
            #expect(parts.map { $0["type"] as? String } == ["text", "file", "input_audio"])
            let file = try #require(parts[1]["file"] as? [String: Any])
            #expect(file["filename"] as? String == "document.pdf")
            #expect(file["file_data"] as? String == "data:application/pdf;base64,JVBERi0xLjcK")
            let audio = try #require(parts[2]["input_audio"] as? [String: Any])
            #expect(audio["format"] as? String == "wav")
            #expect(audio["data"] as? String == "UklGRiQAAABXQVZF")

            // What the wire cannot carry is an error that names it, and nothing is sent.
            let byURL = await aiError {
                _ = try await client.chat(
                    model: .gpt4o, messages: [.user([.document(.url("https://example.com/report.pdf"))])])
            }
            #expect(byURL?.kind == .unsupportedFeature("documents by URL (OpenAI chat takes them as data)"))
            let ogg = await aiError {
                _ = try await client.chat(
                    model: .gpt4o, messages: [.user([.audio(.base64(data: "T2dn", mediaType: "audio/ogg"))])])
            }
            #expect(ogg?.kind == .unsupportedFeature("audio of type audio/ogg (OpenAI chat takes wav or mp3)"))
            #expect(await server.requests().count == 1)
        }
    }

    @Test func anthropicTakesDocumentsByDataAndURL() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("Anthropic/response-tool-use.json"))
        try await withServer(responding: reply) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            _ = try await client.chat(
                model: .claudeOpus4_8,
                messages: [
                    .user([.document(Self.pdf), .document(.url("https://example.com/a.pdf")), .text("Compare.")])
                ], options: ChatOptions(maxTokens: 100))
            let parts = try Self.parts(try #require(await server.requests().first))
            #expect(parts.map { $0["type"] as? String } == ["document", "document", "text"])
            let inline = try #require(parts[0]["source"] as? [String: Any])
            #expect(inline["type"] as? String == "base64")
            #expect(inline["media_type"] as? String == "application/pdf")
            #expect((parts[1]["source"] as? [String: Any])?["url"] as? String == "https://example.com/a.pdf")

            let audio = await aiError {
                _ = try await client.chat(
                    model: .claudeOpus4_8, messages: [.user([.audio(Self.wav)])], options: ChatOptions(maxTokens: 100))
            }
            #expect(audio?.kind == .unsupportedFeature("audio input"))
            #expect(audio?.description.contains("anthropic does not support audio input") == true)
            #expect(await server.requests().count == 1)
        }
    }

    @Test func geminiTakesBothAsInlineData() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("Gemini/response-text.json"))
        try await withServer(responding: reply) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            _ = try await client.chat(
                model: .gemini2_5Flash, messages: [.user([.document(Self.pdf), .audio(Self.wav), .text("And?")])])
            let request = try #require(await server.requests().first)
            let contents = try #require(request.json()["contents"] as? [[String: Any]])
            let parts = try #require(contents.first?["parts"] as? [[String: Any]])
            let inline = parts.compactMap { $0["inlineData"] as? [String: Any] }
            #expect(inline.map { $0["mimeType"] as? String } == ["application/pdf", "audio/wav"])
            #expect(parts.last?["text"] as? String == "And?")
        }
    }

    @Test func aProviderThatDoesNotDeclareThemRefusesBeforeSending() async throws {
        let reply = ScriptedResponse.json(body: try Recording.text("OpenAI/response-text.json"))
        try await withServer(responding: reply) { server in
            let groq = try ProviderRegistry.client(for: "groq/llama-3.3-70b-versatile", configuration: .testing(server))
            let document = await aiError { _ = try await groq.chat(messages: [.user([.document(Self.pdf)])]) }
            #expect(document?.kind == .unsupportedFeature("document input"))
            #expect(document?.description.contains("groq does not support document input") == true)
            let audio = await aiError { _ = try await groq.chat(messages: [.user([.audio(Self.wav)])]) }
            #expect(audio?.kind == .unsupportedFeature("audio input"))
            #expect(await server.requests().isEmpty)
        }
    }
}
