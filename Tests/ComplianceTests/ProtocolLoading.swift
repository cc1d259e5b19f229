import AIProtocol
import Foundation
import ProtocolCompiler

/// `protocol_loading`: the compiler's validation of the case's manifest, and whether the
/// generator can compile it into a provider (`runtime_deserialize`: what the other runtimes'
/// loaders do at run time, ours does at generation time).
struct ProtocolLoading {
    let spec: SpecBundle

    func run(manifest path: String) -> JSONValue {
        let outcome = ManifestValidation(spec: spec).run(paths: [path])
        let errors = outcome.report.files.flatMap(\.diagnostics).filter { $0.severity == .error }
        var output: [JSONValue.Member] = [
            .init("valid", .bool(errors.isEmpty)), .init("errors", .array(errors.map { .string($0.message) })),
        ]
        if errors.isEmpty {
            let generated = CodeGenerator(spec: spec).generate(
                paths: [path], options: GenerationOptions(providersOnly: true))
            output.append(.init("runtime_deserialize", .bool(generated.report.errorCount == 0)))
        }
        // The document's own identity, as the loader read it.
        if let document = try? YAMLJSON.document(at: path) {
            if let id = document["id"] { output.append(.init("provider_id", id)) }
            if let version = document["protocol_version"] {
                output.append(.init("protocol_version", .string(version.stringValue ?? version.description)))
            }
        }
        return .object(output)
    }
}
