/// Renders a provider's streaming: the framing, the `StreamFrame` type read from the paths the
/// rules use, and a `StreamDecoder` whose `events(for:)` is the manifest's frame selector,
/// candidate fan-out, event rules, `flush_on` and stop condition, compiled to Swift.
struct StreamDecoderRenderer {
    let plan: ProviderPlan
    let streaming: ProviderPlan.Streaming

    /// The frame's shape: every path the rules read, each field with its vocabulary type.
    private var tree: FieldTree {
        var tree = FieldTree()
        for expression in [streaming.frameSelector, streaming.stopCondition, streaming.flushOn].compactMap({ $0 }) {
            for (path, use) in ExpressionPaths.uses(in: expression) { tree.insert(path, use: use) }
        }
        for rule in streaming.rules {
            for (path, use) in ExpressionPaths.uses(in: rule.match) { tree.insert(path, use: use) }
            for field in rule.fields {
                if field.name == "usage", let counts = usageCountPaths(field.path) {
                    // Token counts are read as integers where they are, not as a whole object.
                    for path in counts.manifest.values { tree.insert(path, use: .value(.integer)) }
                    for path in counts.conventional.values { tree.insert(path, use: .value(.integer)) }
                } else {
                    let type = Self.leafType(field.type)
                    let isDelta = type == .string && Self.deltaTextFields[rule.event, default: []].contains(field.name)
                    tree.insert(field.path, use: .value(isDelta ? .deltaString : type))
                }
            }
        }
        if let fanOut = streaming.fanOut { tree.insert(fanOut, use: .presence) }
        return tree
    }

    /// The paths of the token counts inside a usage object at `usage`, by the manifest's usage
    /// paths and by the conventional names (`Usage(conventional:)`), so that a frame's usage is
    /// read as integers; `nil` where the manifest gives no usage paths or `usage` selects more
    /// than one value (the object is then read whole, and `usage(from:)` reads it).
    private func usageCountPaths(_ usage: ValuePath) -> (
        manifest: [String: ValuePath], conventional: [String: ValuePath]
    )? {
        guard !plan.usagePaths.isEmpty, usage.root == .document,
            usage.segments.allSatisfy({ if case .key = $0 { true } else { false } })
        else { return nil }
        func inside(_ relative: [ValuePath.Segment]) -> ValuePath {
            ValuePath(root: .document, segments: usage.segments + relative)
        }
        let manifest = plan.usagePaths.mapValues { inside($0.segments) }
        var conventional: [String: ValuePath] = [:]
        for name in Self.conventionalUsageNames { conventional[name] = inside([.key(name)]) }
        return (manifest, conventional)
    }

    /// The fields of each event that carry a delta: text that is new in every frame.
    private static let deltaTextFields: [String: Set<String>] = [
        "PartialContentDelta": ["content"], "FinalCandidate": ["content"], "ThinkingDelta": ["thinking"],
        "PartialToolCall": ["partial_json", "arguments"],
    ]

    /// The names `Usage(conventional:)` reads.
    private static let conventionalUsageNames = [
        "prompt_tokens", "input_tokens", "completion_tokens", "output_tokens", "total_tokens",
    ]

    /// Swift code appending a `.usage` event for the usage object at `path`.
    private func usageEmission(_ path: ValuePath, compiler: PathCompiler) -> String {
        guard let counts = usageCountPaths(path) else {
            return
                "if let usage = \(plan.typeName).usage(from: \(compiler.firstValue(path))) { events.append(.usage(usage)) }"
        }
        func count(_ paths: [String: ValuePath], _ field: String) -> String {
            paths[field].map(compiler.integer) ?? "nil"
        }
        let manifest = ProviderRenderer.usageLabels.map { field, label in
            "\(label): \(count(counts.manifest, field))"
        }.joined(separator: ", ")
        let conventional = [
            "promptTokens: \(count(counts.conventional, "prompt_tokens")) ?? \(count(counts.conventional, "input_tokens"))",
            "completionTokens: \(count(counts.conventional, "completion_tokens")) ?? \(count(counts.conventional, "output_tokens"))",
            "totalTokens: \(count(counts.conventional, "total_tokens"))",
        ].joined(separator: ", ")
        return
            "if let usage = Usage.read(Usage(\(manifest)), orConventional: Usage(\(conventional))) { events.append(.usage(usage)) }"
    }

    private static func leafType(_ type: ProviderPlan.FieldType) -> FieldTree.LeafType {
        switch type {
        case .string: .string
        case .integer: .integer
        case .json: .json
        }
    }

    func render(into writer: inout SwiftWriter) {
        let tree = self.tree
        let type = plan.typeName
        writer.block("nonisolated extension \(type): StreamingAdapter") { writer in
            writer.documentation("How frames are delimited on the wire.")
            writer.line("public static let streamFraming: StreamFraming = \(framingCode)")
            writer.line()
            writer.documentation("A decoder in its initial state, one per stream.")
            writer.line("public static func makeStreamDecoder() -> StreamDecoder { StreamDecoder() }")
            writer.line()
            writer.documentation("A frame of the stream: the fields the manifest's rules read.")
            let everyFrame =
                streaming.rules.map(\.match) + [streaming.flushOn, streaming.stopCondition].compactMap { $0 }
            let discriminator = FrameDiscriminator.find(
                in: tree, everyFrame: everyFrame, selector: streaming.frameSelector)
            DecodableRenderer.renderRoot(
                tree.root, typeName: "StreamFrame", discriminator: discriminator, into: &writer)
            writer.line()
            writer.documentation("The manifest's event rules, compiled.")
            writer.block("nonisolated public struct StreamDecoder: StreamEventDecoder") { writer in
                writer.line("public private(set) var isFinished = false")
                writer.line("var toolCalls = \(RuntimeNames.toolCallTracker)()")
                writer.line()
                writer.line("public init() {}")
                writer.line()
                renderEvents(tree: tree, into: &writer)
                writer.line()
                renderRules(tree: tree, into: &writer)
            }
        }
    }

    private var framingCode: String {
        switch streaming.framing {
        case "ndjson": ".newlineDelimitedJSON"
        case "json_array": ".jsonArray"
        default: ".serverSentEvents(doneSignal: \(streaming.doneSignal.map(SwiftSource.literal) ?? "nil"))"
        }
    }

    private func renderEvents(tree: FieldTree, into writer: inout SwiftWriter) {
        let compiler = PathCompiler(tree: tree, documentVariable: "frame")
        writer.block(
            "public mutating func events(for frame: StreamFrame, into events: inout [StreamEvent]) throws(AIError)"
        ) { writer in
            if let selector = streaming.frameSelector {
                writer.line("guard \(compiler.condition(selector)) else { return }")
            }
            writer.line("let first = events.count")
            if let fanOut = streaming.fanOut, let assignment = fanOutAssignment(fanOut, tree: tree) {
                let candidates = compiler.access(fanOut)
                // Counted in place: binding the array first would copy the usual single
                // candidate, per frame.
                let count = candidates.isOptional ? "(\(candidates.code)?.count ?? 0)" : "\(candidates.code).count"
                let all = candidates.isOptional ? "(\(candidates.code) ?? [])" : candidates.code
                writer.ifElse(
                    "\(count) > 1",
                    { writer in
                        writer.block("for (position, candidate) in \(all).enumerated()") { writer in
                            writer.line("var view = frame")
                            writer.line("\(assignment) = [candidate]")
                            writer.line("try apply(view, candidate: position, into: &events)")
                        }
                    },
                    else: { writer in writer.line("try apply(frame, candidate: 0, into: &events)") })
            } else {
                writer.line("try apply(frame, candidate: 0, into: &events)")
            }
            if let flush = streaming.flushOn {
                writer.line("toolCalls.track(&events, from: first, flushing: \(compiler.condition(flush)))")
            } else {
                writer.line("toolCalls.track(&events, from: first)")
            }
            if let stop = streaming.stopCondition {
                writer.line("if \(compiler.condition(stop)) { isFinished = true }")
            }
        }
    }

    /// `view.choices` for fan-out over `$.choices`: the property chain to assign one candidate to.
    private func fanOutAssignment(_ path: ValuePath, tree: FieldTree) -> String? {
        var code = "view"
        var node = tree.root
        for (position, segment) in path.segments.enumerated() {
            guard case .key(let key) = segment, case .object(let members) = node, let child = members[key] else {
                return nil
            }
            let property = TypeNaming.propertyNames(Array(members.keys))[key]!
            code += (position == 0 ? "." : "?.") + property
            node = child
        }
        guard case .array = node else { return nil }
        return code
    }

    private func renderRules(tree: FieldTree, into writer: inout SwiftWriter) {
        let compiler = PathCompiler(tree: tree, documentVariable: "frame")
        writer.block(
            "private mutating func apply(_ frame: StreamFrame, candidate position: Int, into events: inout [StreamEvent]) throws(AIError)"
        ) { writer in
            for rule in streaming.rules {
                writer.block("if \(compiler.condition(rule.match))") { writer in
                    let fields = Dictionary(
                        rule.fields.map { ($0.name, $0.path) }, uniquingKeysWith: { first, _ in first })
                    var emission = SwiftWriter()
                    renderEmission(rule.event, fields: fields, compiler: compiler, into: &emission)
                    if emission.text.contains("candidate: candidate") {
                        let candidate =
                            fields["candidate_index"].map { "\(compiler.integer($0)) ?? position" } ?? "position"
                        writer.line("let candidate = \(candidate)")
                    }
                    writer.lines(emission.text)
                }
            }
        }
    }

    private func renderEmission(
        _ event: String, fields: [String: ValuePath], compiler: PathCompiler, into writer: inout SwiftWriter
    ) {
        func string(_ name: String) -> String { fields[name].map(compiler.string) ?? "nil" }
        func integer(_ name: String) -> String { fields[name].map(compiler.integer) ?? "nil" }
        /// The index field, or the tracker's index when the rule extracts none.
        func index(orElse fallback: String) -> String {
            fields["index"].map { "\(compiler.integer($0)) ?? \(fallback)" } ?? fallback
        }
        /// The first of several fields that is present, as `a ?? b`.
        func firstString(_ names: String...) -> String {
            let present = names.compactMap { fields[$0].map(compiler.string) }
            return present.isEmpty ? "nil" : present.joined(separator: " ?? ")
        }
        let type = plan.typeName
        switch event {
        case "PartialContentDelta", "FinalCandidate":
            if let content = fields["content"] {
                writer.block("if let text = \(compiler.string(content)), !text.isEmpty") { writer in
                    writer.line("events.append(.textDelta(text, candidate: candidate))")
                }
            }
            if event == "FinalCandidate", fields["finish_reason"] != nil {
                renderFinish(string("finish_reason"), type: type, into: &writer)
            }
        case "ThinkingDelta":
            writer.line("let thinking: String? = \(string("thinking"))")
            writer.line("let signature: String? = \(string("signature"))")
            writer.block("if thinking?.isEmpty == false || signature != nil") { writer in
                writer.line(
                    "events.append(.thinkingDelta(thinking ?? \"\", signature: signature, candidate: candidate))")
            }
        case "ToolCallStarted":
            writer.line(
                "events.append(.toolCallStarted(index: \(index(orElse: "toolCalls.nextIndex(candidate: candidate)")), id: \(string("id")), name: \(string("name")), candidate: candidate))"
            )
        case "PartialToolCall":
            let callFields = ["tool_calls", "tool_call"].filter { fields[$0] != nil }
            if !callFields.isEmpty {
                // Calls that arrive whole carry no index: number them after those already seen.
                writer.line("var firstIndex = toolCalls.nextIndex(candidate: candidate)")
            }
            for field in callFields {
                writer.block("for value in \(compiler.values(fields[field]!))") { writer in
                    writer.line(
                        "let found = \(RuntimeNames.family(plan.payloadFormat)).toolCallEvents(from: value, field: \(SwiftSource.literal(field)), candidate: candidate, firstIndex: firstIndex)"
                    )
                    writer.line("firstIndex += \(RuntimeNames.toolCallTracker).startCount(of: found)")
                    writer.line("events += found")
                }
            }
            if fields["id"] != nil || fields["name"] != nil {
                writer.line("let id: String? = \(string("id"))")
                writer.line("let name: String? = \(string("name"))")
                writer.block("if id != nil || name != nil") { writer in
                    writer.line(
                        "events.append(.toolCallStarted(index: \(index(orElse: "toolCalls.nextIndex(candidate: candidate)")), id: id, name: name, candidate: candidate))"
                    )
                }
            }
            for field in ["partial_json", "arguments"] where fields[field] != nil {
                writer.block("if let fragment = \(string(field)), !fragment.isEmpty") { writer in
                    writer.line(
                        "events.append(.toolCallArgumentsDelta(index: \(index(orElse: "toolCalls.currentIndex(candidate: candidate)")), fragment: fragment, candidate: candidate))"
                    )
                }
            }
        case "ToolCallEnded":
            writer.line(
                "events.append(.toolCallEnded(index: \(index(orElse: "toolCalls.currentIndex(candidate: candidate)")), candidate: candidate))"
            )
        case "Metadata":
            if fields["id"] != nil || fields["model"] != nil {
                writer.line("let id: String? = \(string("id"))")
                writer.line("let model: String? = \(string("model"))")
                writer.line("if id != nil || model != nil { events.append(.metadata(id: id, model: model)) }")
            }
            if let usage = fields["usage"] { writer.line(usageEmission(usage, compiler: compiler)) }
        case "StreamEnd":
            if let usage = fields["usage"] { writer.line(usageEmission(usage, compiler: compiler)) }
            renderFinish(string("finish_reason"), type: type, into: &writer)
        case "StreamError":
            writer.line(
                "let details = ProviderErrorDetails(message: \(firstString("message", "error")), type: \(string("type")), code: \(string("code")))"
            )
            writer.line(
                "throw AIError(.provider, errorClass: \(type).classify(status: nil, details: details) ?? .unknown, providerID: \(type).descriptor.id, providerMessage: details.message, providerType: details.type, providerCode: details.code)"
            )
        default:
            break
        }
    }

    private func renderFinish(_ raw: String, type: String, into writer: inout SwiftWriter) {
        writer.line("let rawFinishReason: String? = \(raw)")
        writer.line(
            "events.append(.finish(rawFinishReason.flatMap(\(type).terminationReason(forProviderValue:)), raw: rawFinishReason, candidate: candidate))"
        )
    }
}
