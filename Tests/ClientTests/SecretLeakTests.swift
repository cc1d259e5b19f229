import AIProtocol
import AIProviders
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// The key never appears in what the runtime reports: error descriptions, the provider's
/// message, or the configuration's description, whatever fails.
@Suite("Client secrets")
struct SecretLeakTests {
    static let key = TestKey.leak

    /// Every string an error exposes.
    static func texts(of error: AIError) -> [String] {
        var texts = [
            error.description, String(describing: error), String(reflecting: error), "\(error.kind)",
        ]
        texts += [error.providerMessage, error.providerType, error.providerCode, error.requestID].compactMap { $0 }
        return texts
    }

    static func expectNoKey(in error: AIError?, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("\(label): no error", sourceLocation: sourceLocation)
            return
        }
        for text in texts(of: error) {
            #expect(!text.contains(key), "\(label) leaks the key: \(text)", sourceLocation: sourceLocation)
            // Not even a recognisable part of it.
            #expect(
                !text.contains("DO-NOT-LEAK"), "\(label) leaks part of the key: \(text)", sourceLocation: sourceLocation
            )
        }
    }

    /// A port nothing listens on: bound, then closed.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        return port
    }

    @Test func keyNeverAppearsInErrors() async throws {
        let echo = try Recording.text("OpenAI/error-invalid-api-key.json").replacingOccurrences(
            of: "{{KEY}}", with: Self.key)
        let handler: ScriptedHTTPServer.Handler = { request in
            switch request.pathWithoutQuery {
            case "/v1/chat/completions" where request.json()["stream"] as? Bool == true:
                // A stream whose error frame and plain-text tail quote the key.
                return .sse(data: [
                    #"{"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}"#,
                    #"{"error":{"message":"Key \#(Self.key) was revoked mid-stream","type":"invalid_request_error","code":"invalid_api_key"}}"#,
                ])
            case "/v1/chat/completions":
                // A 401 whose body echoes the key, with a header that does too.
                return .json(status: .unauthorized, headers: ["x-request-id": "req_leak"], body: echo)
            case "/plain/chat/completions":
                return .oneShot(
                    status: .badGateway, contentType: "text/plain",
                    bytes: Array("proxy refused Authorization: Bearer \(Self.key)".utf8))
            default:
                return .json(status: .notFound, body: #"{"error":{"message":"no route for \#(Self.key)"}}"#)
            }
        }
        try await withServer(handler: handler) { server in
            var errors: [(String, AIError?)] = []

            // 401 echoing the key.
            let client = Client<OpenAI>(configuration: .testing(server, apiKey: Self.key))
            let unauthorized = await aiError {
                _ = try await client.chat(model: .gpt4o, messages: Conversation.messages)
            }
            #expect(unauthorized?.errorClass == .authentication)
            #expect(unauthorized?.httpStatus == 401)
            #expect(unauthorized?.providerMessage?.contains("Incorrect API key provided") == true)
            errors.append(("401 echo", unauthorized))

            // A non-JSON error body quoting the key.
            let plain = Client<OpenAI>(configuration: .testing(server, path: "/plain", apiKey: Self.key))
            errors.append(
                (
                    "plain 502",
                    await aiError { _ = try await plain.chat(model: .gpt4o, messages: Conversation.messages) }
                ))

            // The key from the environment rather than given explicitly.
            let fromEnvironment = Client<OpenAI>(
                configuration: .testing(server, apiKey: nil, environment: ["OPENAI_API_KEY": Self.key]))
            errors.append(
                (
                    "401 echo, key from environment",
                    await aiError { _ = try await fromEnvironment.chat(model: .gpt4o, messages: Conversation.messages) }
                ))

            // A stream whose error frame quotes the key: the generated decoder builds the
            // AIError and Client.run rethrows it as is, without the redaction HTTP errors get.
            let stream = await consume(client.stream(model: .gpt4o, messages: Conversation.messages))
            #expect(stream.events == [.textDelta("Hi")])
            #expect(stream.aiError?.errorClass == .authentication)
            Self.expectNoKey(in: stream.aiError, "stream error frame")

            // Transport error: nothing listens on the port. (A short connect timeout: a refused
            // connection otherwise takes the whole default 10 s, see ErrorTests.)
            let port = try await Self.closedPort()
            let transport = AsyncHTTPClientTransport(
                configuration: .init(connectTimeout: .milliseconds(300), environment: [:]))
            let unreachable = Client<OpenAI>(
                configuration: ClientConfiguration(
                    apiKey: Self.key, baseURL: "http://127.0.0.1:\(port)/v1", transport: transport, environment: [:],
                    maxRetries: 0))
            let refused = await aiError {
                _ = try await unreachable.chat(model: .gpt4o, messages: Conversation.messages)
            }
            if case .transport = refused?.kind {
            } else {
                Issue.record("expected a transport error, got \(String(describing: refused))")
            }
            errors.append(("connection refused", refused))
            errors.append(
                (
                    "connection refused, streaming",
                    await consume(unreachable.stream(model: .gpt4o, messages: Conversation.messages)).aiError
                ))
            try await transport.shutdown()

            // A missing variable (the placeholder's name only; the key is set).
            let azure = Client<AzureOpenAI>(
                configuration: ClientConfiguration(apiKey: Self.key, environment: [:], maxRetries: 0))
            errors.append(
                (
                    "missing placeholder variable",
                    await aiError {
                        _ = try await azure.chat(model: AzureOpenAI.Model("d"), messages: Conversation.messages)
                    }
                ))

            // A missing key with the variable of another provider holding it.
            let missing = Client<OpenAI>(
                configuration: .testing(server, apiKey: nil, environment: ["ANTHROPIC_API_KEY": Self.key]))
            errors.append(
                (
                    "missing key",
                    await aiError { _ = try await missing.chat(model: .gpt4o, messages: Conversation.messages) }
                ))

            for (label, error) in errors {
                Self.expectNoKey(in: error, label)
            }
        }
    }

    /// The key in a header that a provider echoes back in a JSON error: redacted as well.
    @Test func keyRedactedFromAnthropicErrorMessage() async throws {
        let body =
            #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: \#(Self.key)"}}"#
        try await withServer(responding: .json(status: .unauthorized, body: body)) { server in
            let client = Client<Anthropic>(configuration: .testing(server, apiKey: Self.key))
            let error = await aiError {
                _ = try await client.chat(model: .claudeSonnet4_5_20250929, messages: Conversation.messages)
            }
            #expect(error?.errorClass == .authentication)
            #expect(error?.providerMessage == "invalid x-api-key: [redacted]")
            Self.expectNoKey(in: error, "anthropic 401")
        }
    }

    @Test func configurationDescriptionHidesTheKey() throws {
        let configuration = ClientConfiguration(
            apiKey: Self.key, baseURL: "http://127.0.0.1:9/v1", environment: ["OPENAI_API_KEY": Self.key])
        for text in [
            String(describing: configuration), "\(configuration)", configuration.description,
        ] {
            #expect(!text.contains(Self.key), "\(text)")
        }
        #expect(
            String(describing: configuration)
                == "ClientConfiguration(apiKey: <redacted>, baseURL: http://127.0.0.1:9/v1)")
        let client = Client<OpenAI>(configuration: configuration)
        #expect(!String(describing: client).contains(Self.key))
        #expect(!String(describing: client.configuration).contains(Self.key))
    }

    @Test func debugDescriptionOfConfigurationHidesTheKey() {
        let configuration = ClientConfiguration(apiKey: Self.key, environment: ["OPENAI_API_KEY": Self.key])
        // `dump` uses the mirror, which shows the stored properties: the key and the environment.
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!String(reflecting: configuration).contains(Self.key))
        #expect(!dumped.contains(Self.key))
    }
}
