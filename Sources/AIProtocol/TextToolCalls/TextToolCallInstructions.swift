extension TextToolCalls {
    /// Instructions for a system message that ask a model to call `tools` by writing
    /// `<tool_call>` blocks, which `extract(from:)` reads: the form, then each tool with its
    /// description and, when it has any, its parameters' JSON Schema.
    ///
    /// - Parameter tools: The tools the model may call, each described by its name, description
    ///   and parameters.
    /// - Parameter counterexamples: Whether to add the forms models tend to write instead, marked
    ///   as ignored (an element named after the tool, a bare JSON object). Weaker models follow
    ///   the form more often with them.
    public static func instructions(for tools: [Tool], counterexamples: Bool = true) -> String {
        var text = """
            You can call tools. To call one, write a block of exactly this form, one block per call:
            <tool_call>
            {"name": "TOOL_NAME", "arguments": {"PARAMETER": "VALUE"}}
            </tool_call>
            The block holds one JSON object: "name" is the tool's name, "arguments" an object of its \
            parameters. After your blocks, stop and wait for the results.

            Tools:
            """
        for tool in tools {
            text += "\n- \(tool.name): \(tool.description)"
            if let members = tool.parameters.members, !members.isEmpty {
                text += "\n  parameters (JSON Schema): \(JSONText.serialize(tool.parameters))"
            }
        }
        if counterexamples, let example = tools.first?.name {
            text += """


                Only <tool_call> blocks are calls. Anything else WILL BE IGNORED, for example:
                <\(example)>…</\(example)>
                {"name": "\(example)", "arguments": {}} without the <tool_call> block around it
                """
        }
        return text
    }
}
