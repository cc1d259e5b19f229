import Foundation
import TestPrerequisites
import Testing

/// What a provider cannot do does not compile: each capability a call needs is a conformance
/// of the provider's type, checked against the bundled providers as a user's code would use
/// them (compiled as a module of its own against this build's `AIProviders`).
@Suite("Capabilities are checked at compile time", .serialized, .timeLimit(.minutes(5)))
struct CapabilityGatingTests {
    static let header = """
        import AIProtocol
        import AIProviders

        // In these settings (default isolation MainActor) its Codable conformance is isolated.
        struct City: Codable { var name: String }
        let weather = Tool(name: "get_weather", description: "Weather", parameters: .object([]))

        """

    @Test func callsAProviderDeclaresCompile() async throws {
        let result = try await compile(
            "Declared",
            """
            func calls() async throws {
                _ = try await Client<OpenAI>().chat(model: .gpt4o, messages: [], returning: City.self)
                _ = try await Client<Anthropic>().chat(model: .claudeOpus4_8, messages: [], returning: City.self)
                _ = try await Client<DeepSeek>().chat(model: .deepseekFlash, messages: [], returning: City.self)
                _ = Client<OpenAI>().stream(model: .gpt4o, messages: [], tools: [weather])
                _ = try await Client<Jina>().embed(model: .jinaClipV2, inputs: ["a"])
            }
            """)
        #expect(result.status == 0, "\(result.problems.joined(separator: "\n"))")
    }

    @Test(arguments: [
        (
            "Client<Moonshot>().chat(model: .kimiK2_6, messages: [], returning: City.self)",
            "'Moonshot' conform to 'SupportsStructuredOutput'"
        ),
        (
            "Client<Jina>().chat(model: .jinaClipV2, messages: [], tools: [weather])",
            "'Jina' conform to 'SupportsTools'"
        ),
        ("Client<Jina>().stream(model: .jinaClipV2, messages: [])", "'Jina' conform to 'StreamingAdapter'"),
    ])
    func callsAProviderLacksDoNotCompile(call: String, requirement: String) async throws {
        let result = try await compile("Refused", "func call() async throws {\n    _ = try await \(call)\n}\n")
        #expect(result.status != 0)
        #expect(
            result.problems.contains { $0.contains("error:") && $0.contains(requirement) },
            "\(result.problems.joined(separator: "\n"))")
    }

    private func compile(_ module: String, _ body: String) async throws -> SwiftModuleCompiler.Result {
        let compiler = try SwiftModuleCompiler.fromCurrentBuild()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gating-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await compiler.compile(
            module: module, files: [("Calls.swift", Self.header + body)], in: folder)
    }
}
