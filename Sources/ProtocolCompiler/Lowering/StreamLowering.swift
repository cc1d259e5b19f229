extension ProviderLowering {
    /// The fields of each event kind that compiled rules read; any other field a rule extracts
    /// is left out. `StreamDecoderRenderer` reads exactly these.
    static let compiledEventFields: [String: Set<String>] = [
        "PartialContentDelta": ["content", "candidate_index"],
        "FinalCandidate": ["content", "finish_reason", "candidate_index"],
        "ThinkingDelta": ["thinking", "signature", "candidate_index"],
        "ToolCallStarted": ["id", "name", "index", "candidate_index"],
        "PartialToolCall": [
            "tool_calls", "tool_call", "partial_json", "arguments", "id", "name", "index", "candidate_index",
        ],
        "ToolCallEnded": ["index", "candidate_index"],
        "Metadata": ["id", "model", "usage"],
        "StreamEnd": ["finish_reason", "usage", "candidate_index"],
        "StreamError": ["error", "message", "type", "code"],
    ]

    /// Of each event kind, the fields of which a rule needs one to emit anything; kinds not
    /// listed emit without any field.
    static let producingEventFields: [String: [String]] = [
        "PartialContentDelta": ["content"],
        "FinalCandidate": ["content", "finish_reason"],
        "ThinkingDelta": ["thinking", "signature"],
        "PartialToolCall": ["tool_calls", "tool_call", "partial_json", "arguments", "id", "name"],
        "Metadata": ["id", "model", "usage"],
    ]

    /// The streaming plan, or `nil` when the manifest does not stream or its streaming cannot
    /// be compiled (reported).
    func lowerStreaming(_ manifest: ProviderManifest, context: inout Context) -> ProviderPlan.Streaming? {
        guard let streaming = manifest.streaming else { return nil }
        let section = Located((), range: streaming.range, pointer: streaming.pointer)
        guard let format = streaming.format else {
            context.leftOut("streaming has no decoder format", consequence: "streaming is left out", at: section)
            return nil
        }
        // An unknown format is an error of the schema, whose enum lists the formats.
        guard let entry = vocabulary.files["stream-decoders"]?.entries.first(where: { $0.name == format.value })
        else { return nil }
        let framing = entry.node["framing"]?.string ?? "sse"
        checkFraming(streaming, framing: framing, context: &context)
        for part in streaming.described {
            context.remark(
                "\(part.value) is not read: the payload format assembles tool calls and the rules pick the frames",
                at: part)
        }
        var rules = streaming.rules.compactMap { lowerRule($0, context: &context) }
        let shorthand = shorthandRules(streaming)
        if rules.isEmpty {
            rules = shorthand
        } else if let first = streaming.shorthandPaths.sorted(by: { $0.key < $1.key }).first?.value {
            let keys = streaming.shorthandPaths.keys.sorted().joined(separator: ", ")
            context.remark("\(keys) not used: the event_map's rules decide what the stream emits", at: first)
        }
        guard !rules.isEmpty else {
            context.leftOut(
                "streaming has no event rules, so a stream would produce no events",
                consequence: "streaming is left out", at: section)
            return nil
        }
        return ProviderPlan.Streaming(
            framing: framing,
            doneSignal: streaming.doneSignal?.value ?? entry.node["done_signal"]?.string,
            frameSelector: streaming.frameSelector?.value,
            fanOut: fanOut(streaming.fanOutPath, context: &context),
            rules: rules,
            stopCondition: streaming.stopCondition?.value,
            flushOn: streaming.flushOn?.value,
            requestFields: streaming.requestFields?.value)
    }

    /// The decoder's `prefix` and `delimiter` must be the ones its framing implies: SSE payloads
    /// are `data:` lines of events separated by a blank line, NDJSON values one per line.
    private func checkFraming(_ streaming: ProviderManifest.Streaming, framing: String, context: inout Context) {
        let accepted: (prefixes: Set<String>, delimiters: Set<String>) =
            switch framing {
            case "sse": (["data: ", "data:"], ["\n\n", "\r\n\r\n"])
            case "ndjson": ([""], ["\n", "\r\n"])
            default: ([""], [])
            }
        if let prefix = streaming.prefix, !accepted.prefixes.contains(prefix.value) {
            context.leftOut(
                "decoder prefix \(SwiftSource.literal(prefix.value)) cannot be compiled: \(framing) framing reads \(framing == "sse" ? "\"data:\" lines" : "whole values")",
                consequence: "ignored", at: prefix)
        }
        if let delimiter = streaming.delimiter, !accepted.delimiters.contains(delimiter.value) {
            context.leftOut(
                "decoder delimiter \(SwiftSource.literal(delimiter.value)) cannot be compiled: \(framing) framing fixes where frames end",
                consequence: "ignored", at: delimiter)
        }
    }

    /// A rule as compiled code reads it; `nil`, reported, when it would emit nothing.
    private func lowerRule(_ rule: ProviderManifest.EventRule, context: inout Context) -> ProviderPlan.Rule? {
        let event = rule.event.value
        let compiled = Self.compiledEventFields[event] ?? []
        var fields: [ProviderPlan.Rule.Field] = []
        for (name, path) in rule.fields {
            guard compiled.contains(name.value) else {
                context.leftOut(
                    "field \"\(name.value)\" of \(event) is not compiled: the standard event has no place for it",
                    consequence: "ignored", at: name)
                continue
            }
            guard !fields.contains(where: { $0.name == name.value }) else { continue }
            fields.append(
                ProviderPlan.Rule.Field(
                    name: name.value, path: path.value, type: vocabulary.eventFieldType(name.value, of: event)))
        }
        if let needed = Self.producingEventFields[event],
            !needed.contains(where: { field in fields.contains { $0.name == field } })
        {
            let list = needed.map { "\"\($0)\"" }.joined(separator: " or ")
            context.leftOut(
                "this \(event) rule extracts none of \(list), so it would emit nothing",
                consequence: "the rule is left out", at: Located((), range: rule.range, pointer: rule.pointer))
            return nil
        }
        return ProviderPlan.Rule(match: rule.match.value, event: event, fields: fields)
    }

    /// Rules for v1's shorthand paths, for manifests without an event_map: `content_path` emits
    /// text, `tool_call_path` tool-call fragments, `usage_path` usage.
    private func shorthandRules(_ streaming: ProviderManifest.Streaming) -> [ProviderPlan.Rule] {
        let kinds: [(key: String, event: String, field: String)] = [
            ("content_path", "PartialContentDelta", "content"), ("tool_call_path", "PartialToolCall", "tool_calls"),
            ("usage_path", "Metadata", "usage"),
        ]
        return kinds.compactMap { kind in
            guard let path = streaming.shorthandPaths[kind.key]?.value else { return nil }
            let field = ProviderPlan.Rule.Field(
                name: kind.field, path: path, type: vocabulary.eventFieldType(kind.field, of: kind.event))
            return ProviderPlan.Rule(match: .exists(path), event: kind.event, fields: [field])
        }
    }

    /// The array of candidates (the candidate path up to its `[*]`), when frames are fanned out.
    private func fanOut(_ path: Located<ValuePath>?, context: inout Context) -> ValuePath? {
        guard let path else { return nil }
        guard let wildcard = path.value.segments.firstIndex(of: .wildcard),
            path.value.segments[..<wildcard].allSatisfy({
                if case .key = $0 { return true }
                return false
            })
        else {
            context.leftOut(
                "fan-out needs a candidate path of object members ending in [*], such as $.choices[*].index",
                consequence: "candidates are not fanned out", at: path)
            return nil
        }
        return ValuePath(root: path.value.root, segments: Array(path.value.segments[..<wildcard]))
    }
}

extension Vocabulary {
    /// The type `events.yaml` gives a field of an event kind.
    func eventFieldType(_ field: String, of event: String) -> ProviderPlan.FieldType {
        let entry = files["events"]?.entries.first { $0.name == event }
        let declared = entry?.node["fields"]?.items?.first { $0["name"]?.string == field }?["type"]?.string
        switch declared {
        case "string": return .string
        case "integer": return .integer
        default: return .json
        }
    }
}
