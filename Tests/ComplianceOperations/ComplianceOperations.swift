import AIProtocol

/// Runs compliance cases through the code paths users call: clients of compiled providers over
/// a transport that answers as the case says, the stream reader and accumulator, the retry
/// policy, the credential chain. Nothing here interprets a manifest: a case's manifest reaches
/// this code only as a provider compiled by `protocolc`.
public enum ComplianceOperations {
    /// The operation types this runner maps to code, by the suite's names.
    public static let supported: Set<String> = [
        "error_classification", "message_building", "parameter_mapping", "request_building", "response_parsing",
        "event_mapping", "stream_decode", "tool_accumulation", "retry_decision", "fallback_decision",
        "credential_resolution", "auth_attachment", "capability_check", "text_tool_parse", "text_tool_prompt",
    ]

    /// Whether an operation of this type reads its case's manifest (a compiled provider).
    public static func needsProvider(_ operation: String) -> Bool {
        !["fallback_decision", "text_tool_parse", "text_tool_prompt"].contains(operation)
    }

    /// Runs one case. An operation that fails as the case may expect (a rejected request) is
    /// an output with `valid: false`; an operation that cannot run at all is `unsupported`.
    public static func perform(_ request: ComplianceRequest, provider: (any ProviderAdapter.Type)?) async -> JSONValue {
        let operation = request.input["type"]?.stringValue ?? ""
        do {
            if !needsProvider(operation) { return try await performWithoutProvider(operation, request) }
            guard let provider else { throw OperationFailure("the case names no manifest that compiled") }
            return try await perform(operation, request, provider)
        } catch let failure as OperationFailure {
            return .object(["unsupported": .string(failure.description)])
        } catch {
            return .object(["unsupported": .string("\(error)")])
        }
    }

    private static func performWithoutProvider(_ operation: String, _ request: ComplianceRequest) async throws
        -> JSONValue
    {
        switch operation {
        case "fallback_decision": return try Resilience.fallbackDecision(request.input)
        case "text_tool_parse": return try TextTools.parse(request.input)
        case "text_tool_prompt": return try TextTools.prompt(request.input)
        default: throw OperationFailure("no code path for the operation \"\(operation)\"")
        }
    }

    private static func perform<Provider: ProviderAdapter>(
        _ operation: String, _ request: ComplianceRequest, _ provider: Provider.Type
    ) async throws -> JSONValue {
        let input = request.input
        let environment = request.environment
        switch operation {
        case "error_classification":
            return try await Exchanges.classification(Provider.self, input: input, environment: environment)
        case "message_building", "parameter_mapping", "request_building":
            return try await Exchanges.requestBody(Provider.self, input: input, environment: environment)
        case "response_parsing":
            return try await Exchanges.parsedResponse(Provider.self, input: input, environment: environment)
        case "retry_decision":
            return try Resilience.retryDecision(input, manifestPolicy: Provider.descriptor.retryPolicy)
        case "credential_resolution":
            return try Credentials.resolution(Provider.self, input: input, environment: environment)
        case "auth_attachment":
            return try await Credentials.attachment(Provider.self, input: input, environment: environment)
        case "capability_check":
            return Capabilities.check(Provider.descriptor, input: input)
        case "event_mapping", "stream_decode", "tool_accumulation":
            guard let streaming = provider as? any StreamingAdapter.Type else {
                throw OperationFailure("the manifest declares no stream the compiler could compile")
            }
            return try Streams.perform(operation, streaming, input: input)
        default:
            throw OperationFailure("no code path for the operation \"\(operation)\"")
        }
    }
}
