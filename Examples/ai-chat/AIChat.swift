import AIProtocol
import AIProviders
import ArgumentParser
import Foundation
import LocatedYAML

/// `ai-chat`: one prompt to any provider of the spec, chosen by `--model provider/model`.
@main
struct AIChat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ai-chat",
        abstract: "Send a prompt to a model of any provider and print the reply.",
        discussion: """
            The API key is read from the environment variable the provider's manifest names \
            (such as OPENAI_API_KEY). The targets are tried in order: --model, the targets of \
            --config, then each --fallback, moving on when one fails with an error a fallback \
            may help (rate limits, quota, server trouble, a missing key). Errors go to standard \
            error as `error: CODE class: message` with exit status 1.
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("The provider and model, such as openai/gpt-4o.", valueName: "provider/model"))
    var model: String?

    @Option(
        name: .customLong("fallback"),
        help: ArgumentHelp("A provider and model to try next (repeatable).", valueName: "provider/model"))
    var fallbacks: [String] = []

    @Option(
        name: .customLong("max-retries"),
        help: ArgumentHelp("Retries per target after its first attempt.", valueName: "n"))
    var maxRetries: Int?

    @Option(
        name: .long,
        help: ArgumentHelp("Each target's deadline over all its attempts and waits.", valueName: "seconds"))
    var timeout: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A routing configuration, JSON or YAML: targets, max_retries, timeout_seconds, circuit_breaker.",
            valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Print the reply as it arrives.")
    var stream = false

    @Option(
        name: .customLong("base-url"), help: ArgumentHelp("Send requests to this base URL instead.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("System instructions.", valueName: "text"))
    var system: String?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("The most tokens to generate.", valueName: "n"))
    var maxTokens: Int?

    @Option(name: .long, help: ArgumentHelp("Sampling temperature.", valueName: "x"))
    var temperature: Double?

    @Flag(name: .long, help: "Print one JSON object: text, finishReason, usage, toolCalls.")
    var json = false

    @Argument(help: "The prompt.")
    var prompt: String

    func validate() throws {
        guard model != nil || config != nil || !fallbacks.isEmpty else {
            throw ValidationError("name a model with --model provider/model, or targets with --config")
        }
    }

    /// The targets and settings: the configuration file's, with the flags laid over it.
    func routing() throws -> RoutingConfiguration {
        var routing = try config.map(Self.readRouting) ?? RoutingConfiguration(targets: [])
        let first = model.map { [RoutingConfiguration.Target(model: $0, baseURL: baseURL)] } ?? []
        routing.targets = first + routing.targets + fallbacks.map { RoutingConfiguration.Target(model: $0) }
        if let maxRetries { routing.maxRetries = maxRetries }
        if let timeout { routing.timeoutSeconds = timeout }
        return routing
    }

    /// A routing configuration from a JSON or YAML file.
    static func readRouting(_ path: String) throws -> RoutingConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            guard let document = try YAMLReader().read([UInt8](data)).first else {
                throw ValidationError("\(path) is empty")
            }
            return try JSONDecoder().decode(RoutingConfiguration.self, from: Data(document.root.jsonText.utf8))
        } catch let error as DecodingError {
            throw ValidationError("\(path) is not a routing configuration: \(error)")
        } catch let failure as YAMLReadFailure {
            throw ValidationError(failure.errors.map { "\(path):\($0)" }.joined(separator: "\n"))
        }
    }

    func run() async throws {
        do {
            let client = try routing().chain(ProviderRegistry.client(for:configuration:))
            var messages: [Message] = []
            if let system { messages.append(.system(system)) }
            messages.append(.user(prompt))
            let options = ChatOptions(temperature: temperature, maxTokens: maxTokens)
            let response: ChatResponse
            if stream {
                var accumulator = StreamAccumulator()
                for try await event in client.stream(messages: messages, options: options) {
                    accumulator.add(event)
                    if !json, case .textDelta(let text, 0) = event {
                        FileHandle.standardOutput.write(Data(text.utf8))
                    }
                }
                response = accumulator.response
                if !json { print() }
            } else {
                response = try await client.chat(messages: messages, options: options)
                if !json { print(response.text) }
            }
            if json { print(try Self.json(response)) }
        } catch let error as AIError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `{"text":…,"finishReason":…,"usage":{…},"toolCalls":[…]}`
    static func json(_ response: ChatResponse) throws -> String {
        struct Output: Encodable {
            struct UsageOutput: Encodable {
                var promptTokens: Int?
                var completionTokens: Int?
                var totalTokens: Int?
            }
            struct Call: Encodable {
                var id: String
                var name: String
                var arguments: String
            }
            var text: String
            var provider: String?
            var finishReason: String?
            var usage: UsageOutput
            var toolCalls: [Call]
        }
        let output = Output(
            text: response.text, provider: response.provider,
            finishReason: response.finishReason?.rawValue ?? response.rawFinishReason,
            usage: .init(
                promptTokens: response.usage?.promptTokens, completionTokens: response.usage?.completionTokens,
                totalTokens: response.usage?.totalTokens),
            toolCalls: response.toolCalls.map { .init(id: $0.id, name: $0.name, arguments: $0.arguments) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
