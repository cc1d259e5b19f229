import AIProtocol
import Foundation

/// `credential_resolution` and `auth_attachment`: the runtime's credential chain
/// (`AuthScheme.credential(explicit:environment:)`) and the request a client sends with it.
enum Credentials {
    static func resolution<Provider: ProviderAdapter>(
        _ provider: Provider.Type, input: JSONValue, environment: [String: String]
    ) throws -> JSONValue {
        if let target = input["runtime_target"]?.stringValue {
            throw OperationFailure("runtime_target \(target): this runtime is not built for it")
        }
        let auth = Provider.descriptor.auth
        var output: [JSONValue.Member] = [
            .init("required", .array(auth.keyVariables.map(JSONValue.string))),
            .init("conventional_fallbacks", .array(auth.conventionalVariable.map { [.string($0)] } ?? [])),
        ]
        do {
            guard
                let credential = try auth.credential(
                    explicit: input["explicit_credential"]?.stringValue, environment: environment)
            else {
                return .object(
                    output + [.init("status", .string("not_required")), .init("source_kind", .string("none"))])
            }
            output +=
                [.init("status", .string("available")), .init("value_redacted", .bool(true))] + source(credential)
        } catch {
            output += [
                .init("status", .string("missing")), .init("source_kind", .string("none")), .init("source_name", .null),
                .init("diagnostic", .string(error.description)),
            ]
        }
        return .object(output)
    }

    /// The headers and query parameters that carry the key in the request a client sends, with
    /// the key replaced by `<redacted>`.
    static func attachment<Provider: ProviderAdapter>(
        _ provider: Provider.Type, input: JSONValue, environment: [String: String]
    ) async throws -> JSONValue {
        let explicit = input["explicit_credential"]?.stringValue
        guard let credential = try Provider.descriptor.auth.credential(explicit: explicit, environment: environment)
        else {
            return .object(["headers": .object([]), "query_params": .object([])])
        }
        let key: String? =
            switch credential.source {
            case .explicit: explicit
            case .manifestVariable(let name), .conventionalVariable(let name): environment[name]
            }
        guard let key else { throw OperationFailure("the credential's value is not in the case's environment") }
        let transport = ReplayTransport(status: 200, body: Array("{}".utf8))
        let configuration = ClientConfiguration.replaying(transport, apiKey: explicit, environment: environment)
        _ = try? await AnyClient(Provider.self, model: "compliance-model", configuration: configuration)
            .chat(messages: [.user("ping")])
        guard let request = transport.requests.first else { throw OperationFailure("the client sent no request") }
        let headers = request.headers.filter { $0.value.contains(key) }
        let query = request.url.split(separator: "?", maxSplits: 1).dropFirst().first?.split(separator: "&") ?? []
        let parameters = query.compactMap { item -> String? in
            let parts = item.split(separator: "=", maxSplits: 1)
            return parts.count == 2 && String(parts[1]).removingPercentEncoding == key ? String(parts[0]) : nil
        }
        return .object(
            [
                JSONValue.Member("headers", .object(headers.map { JSONValue.Member($0.name, .string("<redacted>")) })),
                JSONValue.Member(
                    "query_params", .object(parameters.map { JSONValue.Member($0, .string("<redacted>")) })),
            ] + source(credential))
    }

    private static func source(_ credential: Credential) -> [JSONValue.Member] {
        switch credential.source {
        case .explicit: [.init("source_kind", .string("explicit")), .init("source_name", .string("explicit"))]
        case .manifestVariable(let name):
            [.init("source_kind", .string("manifest_env")), .init("source_name", .string(name))]
        case .conventionalVariable(let name):
            [.init("source_kind", .string("conventional_env")), .init("source_name", .string(name))]
        }
    }
}
