import AIProtocol

/// `capability_check`: what the compiled descriptor declares.
enum Capabilities {
    static func check(_ descriptor: ProviderDescriptor, input: JSONValue) -> JSONValue {
        var output: [JSONValue.Member] = [
            .init("valid", .bool(true)),
            .init("capabilities", .array(descriptor.capabilities.map(\.rawValue).sorted().map(JSONValue.string))),
        ]
        if let name = input["required_capability"]?.stringValue {
            let declared = Capability(vocabularyName: name).map(descriptor.capabilities.contains) ?? false
            output.append(.init("capability_declared", .bool(declared)))
        }
        if let names = input["capabilities"]?.elements?.compactMap(\.stringValue) {
            let declared = names.filter {
                Capability(vocabularyName: $0).map(descriptor.capabilities.contains) ?? false
            }
            output.append(.init("capabilities_declared", .array(declared.map(JSONValue.string))))
        }
        return .object(output)
    }
}
