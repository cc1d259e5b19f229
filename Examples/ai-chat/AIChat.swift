import AIProtocol
import AIProviders
import ArgumentParser
import Foundation

/// `ai-chat`: one prompt to any provider of the spec, chosen by `--model provider/model`.
@main
struct AIChat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ai-chat",
        abstract: "Send a prompt to a model of any provider and print the reply.",
        discussion: """
            The API key is read from the environment variable the provider's manifest names \
            (such as OPENAI_API_KEY). Errors go to standard error as `error: CODE class: message` \
            with exit status 1.
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("The provider and model, such as openai/gpt-4o.", valueName: "provider/model"))
    var model: String

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

    func run() async throws {
        do {
            let client = try ProviderRegistry.client(for: model, configuration: ClientConfiguration(baseURL: baseURL))
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
            var finishReason: String?
            var usage: UsageOutput
            var toolCalls: [Call]
        }
        let output = Output(
            text: response.text, finishReason: response.finishReason?.rawValue ?? response.rawFinishReason,
            usage: .init(
                promptTokens: response.usage?.promptTokens, completionTokens: response.usage?.completionTokens,
                totalTokens: response.usage?.totalTokens),
            toolCalls: response.toolCalls.map { .init(id: $0.id, name: $0.name, arguments: $0.arguments) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
