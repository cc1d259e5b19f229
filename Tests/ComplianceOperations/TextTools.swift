import AIProtocol
import Foundation

/// `text_tool_parse` and `text_tool_prompt`, by `TextToolCalls`.
enum TextTools {
    static func parse(_ input: JSONValue) throws -> JSONValue {
        guard let reply = input["response_text"]?.stringValue else {
            throw OperationFailure("the case gives no response_text")
        }
        let lenient = input["config"]?["lenient_parsing"] != .bool(false)
        let names = input["tools"]?.elements.map { Set($0.compactMap { $0["name"]?.stringValue }) }
        let extraction = TextToolCalls.extract(from: reply, lenient: lenient, toolNames: names)
        let calls: [JSONValue] = try extraction.calls.map { call in
            .object([
                "id": .string(call.id), "name": .string(call.name),
                "arguments": try JSONDecoder().decode(JSONValue.self, from: Data(call.arguments.utf8)),
            ])
        }
        return .object(["remaining_text": .string(extraction.text), "tool_calls": .array(calls)])
    }

    static func prompt(_ input: JSONValue) throws -> JSONValue {
        let config = input["config"]
        if let locale = config?["locale"]?.stringValue, !locale.hasPrefix("en") {
            throw OperationFailure("the instructions are written in English; locale \(locale) is not")
        }
        let tools = (input["tools"]?.elements ?? []).map { tool in
            Tool(
                name: tool["name"]?.stringValue ?? "", description: tool["description"]?.stringValue ?? "",
                parameters: tool["parameters"] ?? .object([]))
        }
        // L1 is the form alone; L2 and above add the counterexamples.
        let level = config?["prompt_level"]?.stringValue ?? "L2"
        let text = TextToolCalls.instructions(for: tools, counterexamples: level != "L1")
        return .object(["prompt": .string(text)])
    }
}
