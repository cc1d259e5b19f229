import AIProtocol
import Foundation

/// Cases that are one chat call: the request the client sends, the error it raises for a
/// response, the response it returns.
enum Exchanges {
    /// `error_classification`: the `AIError` a client raises when the provider answers with
    /// `http_status` and `response_body`.
    static func classification<Provider: ProviderAdapter>(
        _ provider: Provider.Type, input: JSONValue, environment: [String: String]
    ) async throws -> JSONValue {
        guard let status = input["http_status"]?.intValue else {
            throw OperationFailure("the case gives no http_status")
        }
        let transport = ReplayTransport(
            status: status, headers: Values.headers(input["response_headers"]),
            body: try Values.bodyBytes(input["response_body"]))
        do {
            _ = try await client(provider, transport, environment).chat(messages: [.user("ping")])
            return .object(["valid": .bool(false), "error": .string("the client accepted the response")])
        } catch {
            return Values.errorOutput(error)
        }
    }

    /// `message_building`, `parameter_mapping`, `request_building`: the body the client sends
    /// for `messages` and the standard `parameters`.
    static func requestBody<Provider: ProviderAdapter>(
        _ provider: Provider.Type, input: JSONValue, environment: [String: String]
    ) async throws -> JSONValue {
        let messages = try Values.messages(
            input["messages"] ?? .array([.object(["role": .string("user"), "content": .string("ping")])]))
        let options = try Values.options(input["parameters"] ?? input["standard_params"] ?? .object([]))
        let transport = ReplayTransport(status: 200, body: Array("{}".utf8))
        var failure: AIError?
        do {
            _ = try await client(provider, transport, environment).chat(messages: messages, options: options)
        } catch {
            failure = error
        }
        guard let sent = transport.requests.first?.body else {
            return failure.map(Values.errorOutput) ?? .object(["valid": .bool(false)])
        }
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(sent))
        let parameters = (body.members ?? []).filter { !["messages", "model", "stream"].contains($0.key) }
        return .object([
            "valid": .bool(true), "normalized_body": body, "request": body, "provider_params": .object(parameters),
            "message_count": .integer(messages.count),
        ])
    }

    /// `response_parsing`: the standard response for a provider's `response_body`.
    static func parsedResponse<Provider: ProviderAdapter>(
        _ provider: Provider.Type, input: JSONValue, environment: [String: String]
    ) async throws -> JSONValue {
        let transport = ReplayTransport(status: 200, body: try Values.bodyBytes(input["response_body"]))
        do {
            let response = try await client(provider, transport, environment).chat(messages: [.user("ping")])
            var output: [JSONValue.Member] = [
                .init("valid", .bool(true)), .init("content", .string(response.text)),
                .init("content_blocks", Values.contentBlocks(response.content)),
                .init(
                    "finish_reason",
                    (response.rawFinishReason ?? response.finishReason?.rawValue).map(JSONValue.string) ?? .null),
            ]
            if let usage = response.usage { output.append(.init("usage", Values.usage(usage))) }
            return .object(output)
        } catch {
            return Values.errorOutput(error)
        }
    }

    private static func client<Provider: ProviderAdapter>(
        _ provider: Provider.Type, _ transport: ReplayTransport, _ environment: [String: String]
    ) -> AnyClient {
        AnyClient(provider, model: "compliance-model", configuration: .replaying(transport, environment: environment))
    }
}
