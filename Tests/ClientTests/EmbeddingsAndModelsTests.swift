import AIProtocol
import AIProviders
import Foundation
import Testing

/// `embed()` and `listModels()` against the loopback server, for each wire family that declares
/// them: the request each sends (method, path, auth, body) and what each reads from the
/// provider's answer.
@Suite("Embeddings and model lists")
struct EmbeddingsAndModelsTests {
    // MARK: Embeddings

    @Test func openAIEmbeddings() async throws {
        let body = """
            {"object": "list", "data": [
              {"object": "embedding", "index": 0, "embedding": [0.25, -0.5, 1e-3]},
              {"object": "embedding", "index": 1, "embedding": [1, 0, -2.5]}],
             "model": "text-embedding-3-small", "usage": {"prompt_tokens": 4, "total_tokens": 4}}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let response = try await client.embed(
                model: OpenAI.Model("text-embedding-3-small"), inputs: ["hello", "world"], dimensions: 3)
            #expect(response.vectors == [[0.25, -0.5, 0.001], [1, 0, -2.5]])

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/embeddings")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            let json = request.json()
            #expect(json["model"] as? String == "text-embedding-3-small")
            #expect(json["input"] as? [String] == ["hello", "world"])
            #expect(json["dimensions"] as? Int == 3)
        }
    }

    @Test func geminiEmbeddings() async throws {
        let body = #"{"embedding": {"values": [0.5, -0.125, 2]}}"#
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let response = try await client.embed(model: Gemini.Model("text-embedding-004"), inputs: ["hello"])
            #expect(response.vectors == [[0.5, -0.125, 2]])

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1beta/models/text-embedding-004:embedContent")
            #expect(request.header("x-goog-api-key") == TestKey.gemini)
            let json = request.json()
            let content = try #require(json["content"] as? [String: Any])
            let parts = try #require(content["parts"] as? [[String: Any]])
            #expect(parts.map { $0["text"] as? String } == ["hello"])
        }
    }

    @Test func geminiEmbedsOneTextPerRequest() async throws {
        try await withServer(responding: .json(body: "{}")) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            let error = await aiError {
                _ = try await client.embed(model: Gemini.Model("text-embedding-004"), inputs: ["a", "b"])
            }
            #expect(error?.kind == .unsupportedFeature("more than one text per embeddings request"))
            #expect(await server.requests().isEmpty)
        }
    }

    @Test func cohereEmbeddings() async throws {
        let body = """
            {"id": "emb-1", "embeddings": {"float": [[0.1, 0.2], [-0.3, 0.4]]}, "texts": ["a", "b"],
             "meta": {"api_version": {"version": "2"}, "billed_units": {"input_tokens": 2}}}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Cohere>(configuration: .testing(server, path: ""))
            let response = try await client.embed(model: Cohere.Model("embed-v4.0"), inputs: ["a", "b"])
            #expect(response.vectors == [[0.1, 0.2], [-0.3, 0.4]])

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v2/embed")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            let json = request.json()
            #expect(json["model"] as? String == "embed-v4.0")
            #expect(json["texts"] as? [String] == ["a", "b"])
            #expect(json["input_type"] as? String == "search_document")
            #expect(json["embedding_types"] as? [String] == ["float"])
        }
    }

    @Test func ollamaEmbeddings() async throws {
        let body = #"{"model": "all-minilm", "embeddings": [[0.01, -0.02], [0.03, 0.04]], "total_duration": 14143917}"#
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Ollama>(configuration: .testing(server, path: "", apiKey: nil))
            let response = try await client.embed(model: Ollama.Model("all-minilm"), inputs: ["a", "b"])
            #expect(response.vectors == [[0.01, -0.02], [0.03, 0.04]])

            let request = try #require(await server.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/embed")
            #expect(request.header("authorization") == nil)
            let json = request.json()
            #expect(json["model"] as? String == "all-minilm")
            #expect(json["input"] as? [String] == ["a", "b"])
        }
    }

    @Test func embeddingsErrorIsClassified() async throws {
        let body = try Recording.text("OpenAI/error-invalid-api-key.json")
        try await withServer(responding: .json(status: .unauthorized, body: body)) { server in
            let client = Client<OpenAI>(configuration: .testing(server))
            let error = await aiError {
                _ = try await client.embed(model: OpenAI.Model("text-embedding-3-small"), inputs: ["a"])
            }
            #expect(error?.code == "E1002")
            #expect(error?.httpStatus == 401)
        }
    }

    // MARK: Model lists

    @Test func openAIModels() async throws {
        let body = """
            {"object": "list", "data": [
              {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
              {"id": "text-embedding-3-small", "object": "model", "created": 1705948997, "owned_by": "system"}]}
            """
        try await withServer(responding: .json(body: body)) { server in
            let models = try await Client<OpenAI>(configuration: .testing(server)).listModels()
            #expect(models == ["gpt-4o", "text-embedding-3-small"])
            let request = try #require(await server.requests().first)
            #expect(request.method == "GET")
            #expect(request.path == "/v1/models")
            #expect(request.header("authorization") == "Bearer \(TestKey.openAI)")
            #expect(request.body.isEmpty)
        }
    }

    @Test func anthropicModels() async throws {
        let body = """
            {"data": [{"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
                       "created_at": "2025-09-29T00:00:00Z"}],
             "has_more": false, "first_id": "claude-sonnet-4-5-20250929", "last_id": "claude-sonnet-4-5-20250929"}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: TestKey.anthropic))
            #expect(try await client.listModels() == ["claude-sonnet-4-5-20250929"])
            let request = try #require(await server.requests().first)
            #expect(request.method == "GET")
            #expect(request.path == "/v1/models")
            #expect(request.header("x-api-key") == TestKey.anthropic)
            #expect(request.header("anthropic-version") != nil)
        }
    }

    @Test func geminiModels() async throws {
        // Gemini names its models "models/<id>"; the list gives the ids a request takes.
        let body = """
            {"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash"},
                        {"name": "models/text-embedding-004", "displayName": "Text Embedding 004"}],
             "nextPageToken": "abc"}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Gemini>(configuration: .testing(server, path: "/v1beta", apiKey: TestKey.gemini))
            #expect(try await client.listModels() == ["gemini-2.5-flash", "text-embedding-004"])
            let request = try #require(await server.requests().first)
            #expect(request.method == "GET")
            #expect(request.path == "/v1beta/models")
            #expect(request.header("x-goog-api-key") == TestKey.gemini)
        }
    }

    @Test func cohereModels() async throws {
        let body = """
            {"models": [{"name": "command-a-03-2025", "endpoints": ["chat"], "context_length": 256000},
                        {"name": "embed-v4.0", "endpoints": ["embed"]}], "next_page_token": null}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Cohere>(configuration: .testing(server, path: ""))
            #expect(try await client.listModels() == ["command-a-03-2025", "embed-v4.0"])
            let request = try #require(await server.requests().first)
            #expect(request.method == "GET")
            #expect(request.path == "/v1/models")
        }
    }

    @Test func ollamaModels() async throws {
        let body = """
            {"models": [{"name": "llama3.1:latest", "model": "llama3.1:latest", "size": 4920753328},
                        {"name": "all-minilm:latest", "model": "all-minilm:latest", "size": 45960996}]}
            """
        try await withServer(responding: .json(body: body)) { server in
            let client = Client<Ollama>(configuration: .testing(server, path: "", apiKey: nil))
            #expect(try await client.listModels() == ["llama3.1:latest", "all-minilm:latest"])
            let request = try #require(await server.requests().first)
            #expect(request.method == "GET")
            #expect(request.path == "/api/tags")
        }
    }

    @Test func togetherModelsAsATopLevelArray() async throws {
        let body = """
            [{"id": "meta-llama/Llama-3.3-70B-Instruct-Turbo", "object": "model", "type": "chat"},
             {"id": "BAAI/bge-large-en-v1.5", "object": "model", "type": "embedding"}]
            """
        try await withServer(responding: .json(body: body)) { server in
            let models = try await Client<Together>(configuration: .testing(server)).listModels()
            #expect(models == ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "BAAI/bge-large-en-v1.5"])
            #expect(await server.requests().first?.path == "/v1/models")
        }
    }

    @Test func aModelListThatIsNotJSONIsAnError() async throws {
        try await withServer(responding: .oneShot(contentType: "text/html", bytes: Array("<html>".utf8))) { server in
            let error = await aiError { _ = try await Client<OpenAI>(configuration: .testing(server)).listModels() }
            #expect(error?.kind == .invalidResponse("the model list is not JSON"))
        }
    }
}
