/// The parameters of a request body, nested as their wire paths say
/// (`generationConfig.maxOutputTokens` becomes a `GenerationConfig` struct with a
/// `maxOutputTokens` member), rendered as `Encodable` structs.
struct RequestTree {
    indirect enum Node {
        case value(ProviderPlan.Parameter)
        case object([String: Node])
    }

    var members: [String: Node] = [:]

    init(_ parameters: [ProviderPlan.Parameter]) {
        for parameter in parameters {
            Self.insert(parameter, path: parameter.wirePath[...], into: &members)
        }
    }

    private static func insert(
        _ parameter: ProviderPlan.Parameter, path: ArraySlice<String>, into members: inout [String: Node]
    ) {
        guard let key = path.first else { return }
        if path.count == 1 {
            // A value wins over an object of the same name; the manifest validated its paths.
            members[key] = .value(parameter)
            return
        }
        var children: [String: Node] = [:]
        if case .object(let existing)? = members[key] { children = existing }
        if case .value? = members[key] { return }
        insert(parameter, path: path.dropFirst(), into: &children)
        members[key] = .object(children)
    }

    /// Renders a nested struct for an object member.
    static func renderStruct(name: String, members: [String: Node], into writer: inout SwiftWriter) {
        let keys = members.keys.sorted()
        let properties = TypeNaming.propertyNames(keys)
        let types = TypeNaming.typeNames(keys, reserved: [name])
        writer.block("nonisolated public struct \(name): Encodable, Sendable") { writer in
            for key in keys {
                writer.line("public var \(properties[key]!): \(swiftType(members[key]!, typeName: types[key]!))?")
            }
            writer.line()
            writer.line("init() {}")
            writer.line()
            writer.documentation("Whether no member is set, so the object is left out.")
            let checks = keys.map { key -> String in
                if case .object = members[key]! { return "(self.\(properties[key]!)?.isEmpty ?? true)" }
                return "self.\(properties[key]!) == nil"
            }
            writer.line("var isEmpty: Bool { \(checks.isEmpty ? "true" : checks.joined(separator: " && ")) }")
            writer.line()
            renderCodingKeys(keys, properties, into: &writer)
            for key in keys {
                if case .object(let children) = members[key]! {
                    writer.line()
                    renderStruct(name: types[key]!, members: children, into: &writer)
                }
            }
        }
    }

    static func renderCodingKeys(_ keys: [String], _ properties: [String: String], into writer: inout SwiftWriter) {
        guard !keys.isEmpty else { return }
        writer.block("enum CodingKeys: String, CodingKey") { writer in
            for key in keys {
                writer.line("case \(properties[key]!) = \(SwiftSource.literal(key))")
            }
        }
    }

    static func swiftType(_ node: Node, typeName: String) -> String {
        switch node {
        case .value(let parameter): parameter.option.swiftType
        case .object: typeName
        }
    }
}

extension ProviderPlan.Parameter {
    /// How the runtime reads the parameter's value; lowering only plans parameters that have one.
    var option: RuntimeNames.Option { RuntimeNames.options[standardName]! }
}
