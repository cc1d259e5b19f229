import ArgumentParser

/// `protocolc`: validates AI-Protocol manifests and compiles them into Swift.
@main
struct Protocolc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocolc",
        abstract: "Validate AI-Protocol provider manifests and the model registry, and compile them into Swift.",
        subcommands: [Validate.self, Generate.self]
    )
}
