import JSONSchemaValidation

extension ProviderLowering {
    /// The standard parameters a caller can set and where each goes in the body.
    ///
    /// A parameter the payload family writes itself (the model, the conversation, tools) needs
    /// nothing; one that `ChatOptions` has no option for is a remark (a caller cannot set it, so
    /// nothing is lost); a second wire name for the same standard parameter is left out.
    func lowerParameters(_ manifest: ProviderManifest, context: inout Context) -> [ProviderPlan.Parameter] {
        var parameters: [ProviderPlan.Parameter] = []
        var bound: [String: Located<String>] = [:]
        var notOffered: [Located<String>] = []
        for parameter in manifest.parameters {
            guard let standard = parameter.standardName?.value else {
                notOffered.append(parameter.wireName)
                continue
            }
            if RuntimeNames.requestParameters.contains(standard) { continue }
            guard let option = RuntimeNames.options[standard] else {
                notOffered.append(parameter.wireName)
                continue
            }
            if let first = bound[standard] {
                context.leftOut(
                    "standard parameter \"\(standard)\" is already sent as \"\(first.value)\"",
                    consequence: "\"\(parameter.wireName.value)\" is not used", at: parameter.wireName)
                continue
            }
            bound[standard] = parameter.wireName
            var defaultValue: JSONValue?
            if parameter.isRequired, let declared = parameter.defaultValue {
                if Self.value(declared.value, fits: option.swiftType) {
                    defaultValue = declared.value
                } else {
                    context.leftOut(
                        "the default \(declared.value) of \"\(parameter.wireName.value)\" is not a \(option.swiftType)",
                        consequence: "no default is sent", at: declared)
                }
            }
            parameters.append(
                ProviderPlan.Parameter(
                    standardName: standard, wirePath: parameter.wirePath, isRequired: parameter.isRequired,
                    defaultValue: defaultValue))
        }
        if let first = notOffered.first {
            let names = notOffered.map { "\"\($0.value)\"" }.joined(separator: ", ")
            context.remark(
                "parameters \(names) cannot be set through this client: ChatOptions has no option for them",
                at: first)
        }
        return parameters
    }

    /// Whether a manifest value can be written as Swift code of an option's type.
    static func value(_ value: JSONValue, fits swiftType: String) -> Bool {
        switch (swiftType, value) {
        case ("Int", .integer), ("Double", .integer), ("Double", .number), ("Bool", .bool), ("String", .string),
            ("JSONValue", _):
            return true
        case ("[String]", .array(let items)):
            return items.allSatisfy { $0.stringValue != nil }
        default:
            return false
        }
    }
}
