import LocatedYAML

/// Renders `spec/vocabulary/` as the Swift module `AIProtocolVocabulary`: one enum per
/// vocabulary (termination reasons, error classes, capabilities, roles, content blocks, event
/// kinds, standard parameters, payload formats, model statuses) and a marker protocol per
/// capability.
struct VocabularyGenerator {
    static let module = "AIProtocolVocabulary"

    let vocabulary: Vocabulary

    func files() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        func add(_ file: String, _ source: String, _ body: (inout SwiftWriter) -> Void) {
            var writer = SwiftWriter()
            body(&writer)
            files.append(
                GeneratedFile(
                    path: "\(Self.module)/\(file)",
                    contents: GeneratedFile.header(source: "spec/vocabulary/\(source)") + "\n" + writer.text))
        }
        if let reasons = vocabulary.files["termination-reasons"] {
            add("TerminationReason.swift", "termination-reasons.yaml") { writer in
                renderEnum(
                    "TerminationReason", reasons, into: &writer,
                    documentation: "Why a model stopped generating: the standard finish reasons of AI-Protocol.")
            }
        }
        if let roles = vocabulary.files["roles"] {
            add("MessageRole.swift", "roles.yaml") { writer in
                renderEnum(
                    "MessageRole", roles, into: &writer, documentation: "Who a message of a conversation is from.")
            }
        }
        if let blocks = vocabulary.files["content-blocks"] {
            add("ContentBlockKind.swift", "content-blocks.yaml") { writer in
                renderEnum(
                    "ContentBlockKind", blocks, into: &writer,
                    documentation: "The kinds of content a message can carry.")
            }
        }
        if let events = vocabulary.files["events"] {
            add("StreamEventKind.swift", "events.yaml") { writer in
                renderEnum(
                    "StreamEventKind", events, into: &writer,
                    documentation: "The standard events a decoded stream produces.")
            }
        }
        if let parameters = vocabulary.files["parameters"] {
            add("StandardParameter.swift", "parameters.yaml") { writer in
                renderEnum(
                    "StandardParameter", parameters, into: &writer,
                    documentation:
                        "The standard request parameters: the names callers use, whatever a provider calls them.")
            }
        }
        if let capabilities = vocabulary.files["capabilities"] {
            add("Capability.swift", "capabilities.yaml") { writer in
                renderEnum(
                    "Capability", capabilities, into: &writer,
                    documentation: "What a provider can do. Each capability is also a marker protocol, `Supports…`.")
                for entry in capabilities.entries {
                    writer.line()
                    writer.documentation(
                        "A provider that declares the `\(entry.name)` capability: \(entry.description)")
                    writer.line("public protocol \(Self.capabilityProtocol(entry.name)): Sendable {}")
                }
            }
        }
        if let formats = vocabulary.files["payload-formats"] {
            add("PayloadFormat.swift", "payload-formats.yaml") { writer in
                renderEnum(
                    "PayloadFormat", formats, into: &writer,
                    documentation:
                        "The wire shapes of conversations, tools and embeddings requests that the runtime implements; each provider's requests have one."
                )
            }
        }
        if let statuses = vocabulary.files["model-statuses"] {
            add("ModelStatus.swift", "model-statuses.yaml") { writer in
                renderEnum("ModelStatus", statuses, into: &writer, documentation: "Where a model is in its lifecycle.")
            }
        }
        if let classes = vocabulary.files["error-classes"] {
            add("ErrorClass.swift", "error-classes.yaml and error-codes.yaml") { writer in
                renderErrorClass(classes, codes: vocabulary.files["error-codes"], into: &writer)
            }
        }
        return files
    }

    /// The marker protocol of a capability: `streaming` → `SupportsStreaming`, with acronyms in
    /// capitals as Swift names write them (`json_schema_output` → `SupportsJSONSchemaOutput`).
    static func capabilityProtocol(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "_" || $0 == "-" }).map { word in
            acronyms.contains(word.lowercased()) ? word.uppercased() : SwiftSource.upperCamelIdentifier(String(word))
        }
        return "Supports" + words.joined()
    }

    private static let acronyms: Set<String> = ["api", "json", "mcp", "pdf", "stt", "tts", "url"]

    private func renderEnum(
        _ name: String, _ file: Vocabulary.File, into writer: inout SwiftWriter, documentation: String,
        extraMembers: (inout SwiftWriter) -> Void = { _ in }
    ) {
        writer.documentation(documentation)
        writer.block("public enum \(name): String, Sendable, Hashable, CaseIterable, Codable") { writer in
            for entry in file.entries {
                writer.documentation(entry.description)
                writer.line(
                    "case \(SwiftSource.lowerCamelIdentifier(entry.name)) = \(SwiftSource.literal(entry.name))")
            }
            writer.line()
            writer.documentation(
                "The value for a name as manifests write it: the canonical name or one of its accepted aliases.")
            writer.block("public init?(vocabularyName name: String)") { writer in
                writer.block("if let value = Self(rawValue: name)") { writer in
                    writer.line("self = value")
                    writer.line("return")
                }
                let aliases = file.entries.flatMap { entry in entry.aliases.map { ($0, entry.name) } }
                if aliases.isEmpty {
                    writer.line("return nil")
                } else {
                    writer.switchBlock("name") { writer in
                        for (alias, canonical) in aliases {
                            writer.line(
                                "case \(SwiftSource.literal(alias)): self = .\(SwiftSource.lowerCamelIdentifier(canonical))"
                            )
                        }
                        writer.line("default: return nil")
                    }
                }
            }
            extraMembers(&writer)
        }
    }

    private func renderErrorClass(
        _ classes: Vocabulary.File, codes: Vocabulary.File?, into writer: inout SwiftWriter
    ) {
        renderEnum(
            "ErrorClass", classes, into: &writer,
            documentation: "The standard classes of provider errors, each with its code (E1001…E9999).",
            extraMembers: { writer in
                func property(_ documentation: String, _ declaration: String, _ value: (Vocabulary.Entry) -> String) {
                    writer.line()
                    writer.documentation(documentation)
                    writer.block("public var \(declaration)") { writer in
                        writer.switchBlock("self") { writer in
                            for entry in classes.entries {
                                writer.line("case .\(SwiftSource.lowerCamelIdentifier(entry.name)): \(value(entry))")
                            }
                        }
                    }
                }
                property("The standard error code, such as `E2001`.", "code: String") {
                    SwiftSource.literal($0.node["code"]?.string ?? "")
                }
                property("Whether the same request may succeed if sent again later.", "isRetryable: Bool") {
                    $0.node["retryable"]?.bool == true ? "true" : "false"
                }
                property("Whether another provider or model may serve the request instead.", "isFallbackable: Bool") {
                    $0.node["fallbackable"]?.bool == true ? "true" : "false"
                }
                property("What to do about it.", "recoveryHint: String") { entry in
                    let code = codes?.entries.first { $0.node["name"]?.string == entry.name }
                    return SwiftSource.literal(code?.node["recovery_hint"]?.string ?? entry.description)
                }
                writer.line()
                writer.documentation(
                    "The class of an HTTP status when a manifest does not classify it (`default_for_status`).")
                writer.block("public static func defaultClass(forHTTPStatus status: Int) -> ErrorClass?") { writer in
                    writer.switchBlock("status") { writer in
                        for entry in classes.entries {
                            let statuses = entry.node["default_for_status"]?.items?.compactMap(\.integer) ?? []
                            guard !statuses.isEmpty else { continue }
                            writer.line(
                                "case \(statuses.map(String.init).joined(separator: ", ")): .\(SwiftSource.lowerCamelIdentifier(entry.name))"
                            )
                        }
                        writer.line("default: nil")
                    }
                }
                writer.line()
                writer.documentation(
                    "The class the spec gives a provider's error code or type when a manifest does not classify it: a class's name, one of its aliases (`insufficient_quota`), or a provider code that `error-codes.yaml` says the class is also used for (`context_length_exceeded`)."
                )
                writer.block("public static func defaultClass(forProviderCode code: String) -> ErrorClass?") { writer in
                    writer.switchBlock("code") { writer in
                        for entry in codes?.entries ?? [] {
                            guard let name = entry.node["name"]?.string,
                                classes.entries.contains(where: { $0.name == name })
                            else { continue }
                            let also = entry.node["also_used_for"]?.items?.compactMap(\.string) ?? []
                            guard !also.isEmpty else { continue }
                            writer.line(
                                "case \(also.map(SwiftSource.literal).joined(separator: ", ")): .\(SwiftSource.lowerCamelIdentifier(name))"
                            )
                        }
                        writer.line("default: ErrorClass(vocabularyName: code)")
                    }
                }
                writer.line()
                writer.documentation("The class of a standard error code such as `E2001`.")
                writer.block("public init?(code: String)") { writer in
                    writer.block("guard let value = Self.allCases.first(where: { $0.code == code }) else") { writer in
                        writer.line("return nil")
                    }
                    writer.line("self = value")
                }
            })
    }
}
