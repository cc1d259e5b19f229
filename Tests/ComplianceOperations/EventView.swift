import AIProtocol

/// Standard events as the suite names them (`PartialContentDelta`, `PartialToolCall`,
/// `StreamEnd`, …). The tool call events of one frame are one `PartialToolCall`, as the
/// provider's `tool_calls` array was.
enum EventView {
    static func events(_ events: [StreamEvent]) -> [JSONValue] {
        var output: [JSONValue] = []
        var calls: [(index: Int, id: String?, name: String?, arguments: String)] = []
        func flushCalls() {
            guard !calls.isEmpty else { return }
            output.append(
                .object([
                    "type": .string("PartialToolCall"),
                    "tool_calls": .array(
                        calls.map { call in
                            var function: [JSONValue.Member] = []
                            if let name = call.name { function.append(.init("name", .string(name))) }
                            function.append(.init("arguments", .string(call.arguments)))
                            var members: [JSONValue.Member] = [.init("index", .integer(call.index))]
                            if let id = call.id { members.append(.init("id", .string(id))) }
                            members += [.init("type", .string("function")), .init("function", .object(function))]
                            return .object(members)
                        }),
                ]))
            calls = []
        }
        for event in events {
            switch event {
            case .toolCallStarted(let index, let id, let name, _):
                calls.append((index, id, name, ""))
                continue
            case .toolCallArgumentsDelta(let index, let fragment, _):
                if let last = calls.indices.last, calls[last].index == index {
                    calls[last].arguments += fragment
                } else {
                    calls.append((index, nil, nil, fragment))
                }
                continue
            default:
                flushCalls()
            }
            switch event {
            case .textDelta(let text, _):
                output.append(.object(["type": .string("PartialContentDelta"), "content": .string(text)]))
            case .thinkingDelta(let text, _, _):
                output.append(.object(["type": .string("ThinkingDelta"), "thinking": .string(text)]))
            case .toolCallEnded(let index, _):
                output.append(.object(["type": .string("ToolCallEnded"), "index": .integer(index)]))
            case .metadata(let id, let model):
                output.append(
                    .object([
                        "type": .string("Metadata"), "id": id.map(JSONValue.string) ?? .null,
                        "model": model.map(JSONValue.string) ?? .null,
                    ]))
            case .usage(let usage):
                output.append(.object(["type": .string("Metadata"), "usage": Values.usage(usage)]))
            case .finish(let reason, let raw, _):
                output.append(
                    .object([
                        "type": .string("StreamEnd"),
                        "finish_reason": (raw ?? reason?.rawValue).map(JSONValue.string) ?? .null,
                    ]))
            case .toolCallStarted, .toolCallArgumentsDelta, .statistics:
                break
            }
        }
        flushCalls()
        return output
    }
}
