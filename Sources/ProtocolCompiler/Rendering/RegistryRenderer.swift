/// Renders the registry of every generated provider: lookup by id (or alias) and resolution of
/// `"provider/model"` references at run time.
struct RegistryRenderer {
    let plans: [ProviderPlan]
    /// The registry type's name.
    var typeName = "ProviderRegistry"

    func file() -> GeneratedFile {
        var writer = SwiftWriter()
        writer.line("public import AIProtocol")
        writer.line()
        let sorted = plans.sorted { $0.id < $1.id }
        writer.documentation("Every provider compiled from the spec, found by id at run time.")
        writer.block("nonisolated public enum \(typeName)") { writer in
            writer.documentation("Every provider, in id order.")
            writer.line("public static let all: [any ProviderAdapter.Type] = [")
            writer.indented { writer in
                for plan in sorted { writer.line("\(plan.typeName).self,") }
            }
            writer.line("]")
            writer.line()
            writer.documentation("The provider with this id or alias, `nil` when there is none.")
            writer.block("public static func provider(id: String) -> (any ProviderAdapter.Type)?") { writer in
                writer.switchBlock("id") { writer in
                    var used = Set(sorted.map(\.id))
                    for plan in sorted {
                        // An alias two providers claim, or that is another's id, names neither.
                        let aliases = aliases(of: plan).filter { used.insert($0).inserted }
                        let labels = ([plan.id] + aliases).map(SwiftSource.literal).joined(separator: ", ")
                        writer.line("case \(labels): \(plan.typeName).self")
                    }
                    writer.line("default: nil")
                }
            }
            writer.line()
            writer.documentation(
                "The provider and model of a `\"provider/model\"` reference such as `\"anthropic/claude-sonnet-4-5\"`; the model part may itself contain slashes."
            )
            writer.block(
                "public static func resolve(_ reference: String) -> (provider: any ProviderAdapter.Type, model: String)?"
            ) { writer in
                writer.line("guard let slash = reference.firstIndex(of: \"/\") else { return nil }")
                writer.line("let model = String(reference[reference.index(after: slash)...])")
                writer.line(
                    "guard !model.isEmpty, let provider = provider(id: String(reference[..<slash])) else { return nil }"
                )
                writer.line("return (provider, model)")
            }
            writer.line()
            writer.documentation(
                "A client for a `\"provider/model\"` reference, chosen at run time: the same calls as the typed clients."
            )
            writer.block(
                "public static func client(for reference: String, configuration: ClientConfiguration = ClientConfiguration()) throws(AIError) -> AnyClient"
            ) { writer in
                writer.block("guard let (provider, model) = resolve(reference) else") { writer in
                    writer.line(
                        "throw AIError(.invalidConfiguration(\"no provider for \\\"\\(reference)\\\"; write \\\"provider/model\\\" with a provider id such as \\\"openai\\\"\"), errorClass: .invalidRequest)"
                    )
                }
                writer.line("return AnyClient(provider, model: model, configuration: configuration)")
            }
        }
        return GeneratedFile(
            path: "\(CodeGenerator.providersModule)/ProviderRegistry.swift",
            contents: GeneratedFile.header(source: "spec/providers") + "\n" + writer.text)
    }

    /// The aliases of a provider that are not another provider's id.
    private func aliases(of plan: ProviderPlan) -> [String] {
        let taken = Set(plans.map(\.id))
        return plan.aliases.filter { !taken.contains($0) }
    }
}
