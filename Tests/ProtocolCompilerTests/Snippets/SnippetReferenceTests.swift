import Testing

/// One manifest fragment and the Swift it compiles to, per feature: each event kind with and
/// without its fields, expressions, framings, auth placements, termination, classification and
/// parameter forms, and the typed frame. See `Snippet`.
@Suite("Generated code, feature by feature")
struct SnippetReferenceTests {
    /// A manifest without response_paths is read by its payload format's (here OpenAI's, from
    /// spec/vocabulary/payload-formats.yaml): content, tool calls, finish reason and usage.
    @Test func responseReadByThePayloadFormatsPaths() throws {
        try Snippet.expect(
            """
            var content: [ContentBlock] = []
            if let text = body.choices?.element(at: 0)?.message?.content?.textValue, !text.isEmpty {
                content.append(.text(text))
            }
            content += OpenAIChatFamily.toolCallContent(from: ExpressionSupport.flattened(ExpressionSupport.values(body.choices?.element(at: 0)?.message?.toolCalls)))
            let rawFinishReason: String? = body.choices?.element(at: 0)?.finishReason?.textValue
            let usage = Usage(promptTokens: body.usage?.promptTokens?.intValue, completionTokens: body.usage?.completionTokens?.intValue, totalTokens: body.usage?.totalTokens?.intValue, reasoningTokens: body.usage?.completionTokensDetails?.member(named: "reasoning_tokens")?.intValue, cachedTokens: body.usage?.promptTokensDetails?.member(named: "cached_tokens")?.intValue)
            return ChatResponse(
                id: body.id?.textValue,
                model: body.model?.textValue,
                candidates: [
                    ChatCandidate(
                        index: 0, content: content,
                        finishReason: rawFinishReason.flatMap(terminationReason(forProviderValue:))?.reportingToolUse(in: content),
                        rawFinishReason: rawFinishReason)
                ],
                usage: usage == Usage() ? nil : usage)
            """,
            section: .function("public static func chatResponse(from body: ChatResponseBody) -> ChatResponse"))
    }

    /// Text with its candidate: a string and an integer field, read without conversion.
    @Test func contentDeltaWithCandidate() throws {
        try Snippet.expect(
            """
            if (frame.choices?.element(at: 0)?.delta?.content != nil) {
                let candidate = frame.choices?.element(at: 0)?.index ?? position
                if let text = frame.choices?.element(at: 0)?.delta?.content, !text.isEmpty {
                    events.append(.textDelta(text, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "$.choices[0].delta.content"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content", candidate_index: "$.choices[0].index"}
                """,
            section: .rules)
    }

    /// Without a candidate index the candidate is the frame's position (0, or the fanned-out candidate).
    @Test func contentDeltaWithoutCandidate() throws {
        try Snippet.expect(
            """
            if (frame.choices?.element(at: 0)?.delta?.content != nil) {
                let candidate = position
                if let text = frame.choices?.element(at: 0)?.delta?.content, !text.isEmpty {
                    events.append(.textDelta(text, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            section: .rules)
    }

    /// A wildcard selects several strings, which are joined.
    @Test func contentDeltaFromManyParts() throws {
        try Snippet.expect(
            """
            if !(frame.candidates?.element(at: 0)?.content?.parts ?? []).lazy.compactMap({ $0.text }).isEmpty {
                let candidate = position
                if let text = ExpressionSupport.joinedText((frame.candidates?.element(at: 0)?.content?.parts ?? []).lazy.compactMap({ $0.text })), !text.isEmpty {
                    events.append(.textDelta(text, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "exists($.candidates[0].content.parts[*].text)"
                  emit: PartialContentDelta
                  extract: {content: "$.candidates[0].content.parts[*].text"}
                """,
            section: .rules)
    }

    /// A filter tested for presence searches the values instead of building the filtered
    /// array, and text from filtered values is selected lazily: one part, no array.
    @Test func filterPresenceSearches() throws {
        try Snippet.expect(
            """
            if (frame.candidates?.element(at: 0)?.content?.parts ?? []).lazy.contains(where: { element1 in (element1.text != nil) }) {
                let candidate = position
                if let text = ExpressionSupport.joinedText((frame.candidates?.element(at: 0)?.content?.parts ?? []).lazy.filter({ element1 in (element1.text != nil) }).compactMap({ $0.text })), !text.isEmpty {
                    events.append(.textDelta(text, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "exists($.candidates[0].content.parts[?(@.text)])"
                  emit: PartialContentDelta
                  extract: {content: "$.candidates[0].content.parts[?(@.text)].text"}
                """,
            section: .rules)
    }

    /// An array of structs is a `CompactArray`, read by `compactArray` (and decoded as an array
    /// is): one element, the usual candidate, is kept inline and allocates nothing.
    @Test func arrayOfStructsIsCompact() throws {
        let rules = """
            - match: "$.choices[0].delta.content"
              emit: PartialContentDelta
              extract: {content: "$.choices[0].delta.content"}
            """
        try Snippet.expect(
            "self.choices = try scanner.compactArray { scanner throws(JSONScanError) in try ChoicesItem(scanning: &scanner) }",
            rules: rules,
            section: .line("self.choices = try"))
        try Snippet.expect(
            "public var choices: CompactArray<ChoicesItem>?",
            rules: rules,
            section: .line("public var choices"))
        try Snippet.expect(
            "self.choices = container?.lenientValue(CompactArray<ChoicesItem>.self, forKey: .choices)",
            rules: rules,
            section: .line("self.choices = container"))
    }

    /// Thinking text and its signature; either alone emits.
    @Test func thinkingWithSignature() throws {
        try Snippet.expect(
            """
            if (frame.delta?.type == .thinkingDelta) {
                let candidate = position
                let thinking: String? = frame.delta?.thinking
                let signature: String? = frame.delta?.signature
                if thinking?.isEmpty == false || signature != nil {
                    events.append(.thinkingDelta(thinking ?? "", signature: signature, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "$.delta.type == 'thinking_delta'"
                  emit: ThinkingDelta
                  extract: {thinking: $.delta.thinking, signature: $.delta.signature}
                """,
            section: .rules)
    }

    /// Without a signature path the signature is nil.
    @Test func thinkingWithoutSignature() throws {
        try Snippet.expect(
            """
            if (frame.delta?.type == .thinkingDelta) {
                let candidate = position
                let thinking: String? = frame.delta?.thinking
                let signature: String? = nil
                if thinking?.isEmpty == false || signature != nil {
                    events.append(.thinkingDelta(thinking ?? "", signature: signature, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "$.delta.type == 'thinking_delta'"
                  emit: ThinkingDelta
                  extract: {thinking: $.delta.thinking}
                """,
            section: .rules)
    }

    /// Id, name and the provider's index of a call, read inside a JSON value (tool calls are read whole by no other rule here).
    @Test func toolCallStartedWithIndex() throws {
        try Snippet.expect(
            """
            if (frame.choices?.element(at: 0)?.delta?.toolCalls?.element(at: 0)?.id != nil) {
                let candidate = position
                events.append(.toolCallStarted(index: frame.choices?.element(at: 0)?.delta?.toolCalls?.element(at: 0)?.index ?? toolCalls.nextIndex(candidate: candidate), id: frame.choices?.element(at: 0)?.delta?.toolCalls?.element(at: 0)?.id, name: frame.choices?.element(at: 0)?.delta?.toolCalls?.element(at: 0)?.function?.name, candidate: candidate))
            }
            """,
            rules: """
                - match: "exists($.choices[0].delta.tool_calls[0].id)"
                  emit: ToolCallStarted
                  extract: {id: "$.choices[0].delta.tool_calls[0].id", name: "$.choices[0].delta.tool_calls[0].function.name", index: "$.choices[0].delta.tool_calls[0].index"}
                """,
            section: .rules)
    }

    /// Without an index the tracker numbers the call after those seen.
    @Test func toolCallStartedWithoutIndex() throws {
        try Snippet.expect(
            """
            if (frame.contentBlock?.type == .toolUse) {
                let candidate = position
                events.append(.toolCallStarted(index: toolCalls.nextIndex(candidate: candidate), id: frame.contentBlock?.id, name: frame.contentBlock?.name, candidate: candidate))
            }
            """,
            rules: """
                - match: "$.content_block.type == 'tool_use'"
                  emit: ToolCallStarted
                  extract: {id: $.content_block.id, name: $.content_block.name}
                """,
            section: .rules)
    }

    /// Call deltas read whole and handed to the family, numbered after the calls seen.
    @Test func partialToolCallDeltas() throws {
        try Snippet.expect(
            """
            if (frame.choices?.element(at: 0)?.delta?.toolCalls != nil) {
                let candidate = position
                var firstIndex = toolCalls.nextIndex(candidate: candidate)
                for value in ExpressionSupport.values(frame.choices?.element(at: 0)?.delta?.toolCalls) {
                    let found = OpenAIChatFamily.toolCallEvents(from: value, field: "tool_calls", candidate: candidate, firstIndex: firstIndex)
                    firstIndex += ToolCallTracker.startCount(of: found)
                    events += found
                }
            }
            """,
            rules: """
                - match: "exists($.choices[0].delta.tool_calls)"
                  emit: PartialToolCall
                  extract: {tool_calls: "$.choices[0].delta.tool_calls"}
                """,
            section: .rules)
    }

    /// Both list and single-call fields: one running index across them.
    @Test func partialToolCallWholeCalls() throws {
        try Snippet.expect(
            """
            if (frame.message?.toolCalls != nil) {
                let candidate = position
                var firstIndex = toolCalls.nextIndex(candidate: candidate)
                for value in ExpressionSupport.values(frame.message?.toolCalls) {
                    let found = OpenAIChatFamily.toolCallEvents(from: value, field: "tool_calls", candidate: candidate, firstIndex: firstIndex)
                    firstIndex += ToolCallTracker.startCount(of: found)
                    events += found
                }
                for value in ExpressionSupport.values(frame.message?.toolCall) {
                    let found = OpenAIChatFamily.toolCallEvents(from: value, field: "tool_call", candidate: candidate, firstIndex: firstIndex)
                    firstIndex += ToolCallTracker.startCount(of: found)
                    events += found
                }
            }
            """,
            rules: """
                - match: "exists($.message.tool_calls)"
                  emit: PartialToolCall
                  extract: {tool_calls: $.message.tool_calls, tool_call: $.message.tool_call}
                """,
            section: .rules)
    }

    /// An arguments fragment for the call at an index.
    @Test func partialToolCallArguments() throws {
        try Snippet.expect(
            """
            if (frame.delta?.type == .inputJsonDelta) {
                let candidate = position
                if let fragment = frame.delta?.partialJson, !fragment.isEmpty {
                    events.append(.toolCallArgumentsDelta(index: frame.index ?? toolCalls.currentIndex(candidate: candidate), fragment: fragment, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "$.delta.type == 'input_json_delta'"
                  emit: PartialToolCall
                  extract: {partial_json: $.delta.partial_json, index: $.index}
                """,
            section: .rules)
    }

    /// Without an index: a start when id or name is present, the fragment for the current call.
    @Test func partialToolCallArgumentsWithoutIndex() throws {
        try Snippet.expect(
            """
            if (frame.delta?.type == .inputJsonDelta) {
                let candidate = position
                let id: String? = frame.delta?.id
                let name: String? = frame.delta?.name
                if id != nil || name != nil {
                    events.append(.toolCallStarted(index: toolCalls.nextIndex(candidate: candidate), id: id, name: name, candidate: candidate))
                }
                if let fragment = frame.delta?.arguments, !fragment.isEmpty {
                    events.append(.toolCallArgumentsDelta(index: toolCalls.currentIndex(candidate: candidate), fragment: fragment, candidate: candidate))
                }
            }
            """,
            rules: """
                - match: "$.delta.type == 'input_json_delta'"
                  emit: PartialToolCall
                  extract: {arguments: $.delta.arguments, id: $.delta.id, name: $.delta.name}
                """,
            section: .rules)
    }

    /// The end of the call at an index.
    @Test func toolCallEndedWithIndex() throws {
        try Snippet.expect(
            """
            if (frame.type == .contentBlockStop) {
                let candidate = position
                events.append(.toolCallEnded(index: frame.index ?? toolCalls.currentIndex(candidate: candidate), candidate: candidate))
            }
            """,
            rules: """
                - match: "$.type == 'content_block_stop'"
                  emit: ToolCallEnded
                  extract: {index: $.index}
                """,
            section: .rules)
    }

    /// Without an index the current call ends.
    @Test func toolCallEndedWithoutIndex() throws {
        try Snippet.expect(
            """
            if (frame.type == .toolCallEnd) {
                let candidate = frame.candidate ?? position
                events.append(.toolCallEnded(index: toolCalls.currentIndex(candidate: candidate), candidate: candidate))
            }
            """,
            rules: """
                - match: "$.type == 'tool-call-end'"
                  emit: ToolCallEnded
                  extract: {candidate_index: $.candidate}
                """,
            section: .rules)
    }

    /// Id, model and the usage object read through the manifest's usage paths.
    @Test func metadataWithUsage() throws {
        try Snippet.expect(
            """
            if (frame.usage != nil) {
                let id: String? = frame.id
                let model: String? = frame.model
                if id != nil || model != nil { events.append(.metadata(id: id, model: model)) }
                if let usage = Usage.read(Usage(promptTokens: frame.usage?.promptTokens, completionTokens: frame.usage?.completionTokens, totalTokens: frame.usage?.totalTokens, reasoningTokens: frame.usage?.completionTokensDetails?.reasoningTokens, cachedTokens: frame.usage?.promptTokensDetails?.cachedTokens), orConventional: Usage(promptTokens: frame.usage?.promptTokens ?? frame.usage?.inputTokens, completionTokens: frame.usage?.completionTokens ?? frame.usage?.outputTokens, totalTokens: frame.usage?.totalTokens)) { events.append(.usage(usage)) }
            }
            """,
            rules: """
                - match: "$.usage"
                  emit: Metadata
                  extract: {usage: $.usage, model: $.model, id: $.id}
                """,
            section: .rules)
    }

    /// Id and model only.
    @Test func metadataWithoutUsage() throws {
        try Snippet.expect(
            """
            if (frame.type == .messageStart) {
                let id: String? = frame.message?.id
                let model: String? = frame.message?.model
                if id != nil || model != nil { events.append(.metadata(id: id, model: model)) }
            }
            """,
            rules: """
                - match: "$.type == 'message_start'"
                  emit: Metadata
                  extract: {id: $.message.id, model: $.message.model}
                """,
            section: .rules)
    }

    /// A whole candidate: its text and its finish.
    @Test func finalCandidate() throws {
        try Snippet.expect(
            """
            if !(frame.choices ?? []).lazy.compactMap({ $0.finishReason }).isEmpty {
                let candidate = position
                if let text = frame.choices?.element(at: 0)?.message?.content, !text.isEmpty {
                    events.append(.textDelta(text, candidate: candidate))
                }
                let rawFinishReason: String? = frame.choices?.element(at: 0)?.finishReason
                events.append(.finish(rawFinishReason.flatMap(Snippet.terminationReason(forProviderValue:)), raw: rawFinishReason, candidate: candidate))
            }
            """,
            rules: """
                - match: "exists($.choices[*].finish_reason)"
                  emit: FinalCandidate
                  extract: {content: "$.choices[0].message.content", finish_reason: "$.choices[0].finish_reason"}
                """,
            section: .rules)
    }

    /// A finish without text (v1 manifests write these): no text event.
    @Test func finalCandidateWithoutContent() throws {
        try Snippet.expect(
            """
            if !(frame.choices ?? []).lazy.compactMap({ $0.finishReason }).isEmpty {
                let candidate = (frame.choices ?? []).lazy.compactMap({ $0.index }).first ?? position
                let rawFinishReason: String? = ExpressionSupport.joinedText((frame.choices ?? []).lazy.compactMap({ $0.finishReason }))
                events.append(.finish(rawFinishReason.flatMap(Snippet.terminationReason(forProviderValue:)), raw: rawFinishReason, candidate: candidate))
            }
            """,
            rules: """
                - match: "exists($.choices[*].finish_reason)"
                  emit: FinalCandidate
                  extract: {finish_reason: "$.choices[*].finish_reason", candidate_index: "$.choices[*].index"}
                """,
            section: .rules)
    }

    /// The finish, mapped through the termination table, with the last usage.
    @Test func streamEndWithUsage() throws {
        try Snippet.expect(
            """
            if (frame.choices?.element(at: 0)?.finishReason != nil) {
                let candidate = position
                if let usage = Usage.read(Usage(promptTokens: frame.usage?.promptTokens, completionTokens: frame.usage?.completionTokens, totalTokens: frame.usage?.totalTokens, reasoningTokens: frame.usage?.completionTokensDetails?.reasoningTokens, cachedTokens: frame.usage?.promptTokensDetails?.cachedTokens), orConventional: Usage(promptTokens: frame.usage?.promptTokens ?? frame.usage?.inputTokens, completionTokens: frame.usage?.completionTokens ?? frame.usage?.outputTokens, totalTokens: frame.usage?.totalTokens)) { events.append(.usage(usage)) }
                let rawFinishReason: String? = frame.choices?.element(at: 0)?.finishReason
                events.append(.finish(rawFinishReason.flatMap(Snippet.terminationReason(forProviderValue:)), raw: rawFinishReason, candidate: candidate))
            }
            """,
            rules: """
                - match: "$.choices[0].finish_reason != null"
                  emit: StreamEnd
                  extract: {finish_reason: "$.choices[0].finish_reason", usage: $.usage}
                """,
            section: .rules)
    }

    /// An end without a finish value.
    @Test func streamEndWithoutFields() throws {
        try Snippet.expect(
            """
            if (frame.type == .messageStop) {
                let candidate = position
                let rawFinishReason: String? = nil
                events.append(.finish(rawFinishReason.flatMap(Snippet.terminationReason(forProviderValue:)), raw: rawFinishReason, candidate: candidate))
            }
            """,
            rules: """
                - match: "$.type == 'message_stop'"
                  emit: StreamEnd
                  extract: {}
                """,
            section: .rules)
    }

    /// An error in the stream, classified like an HTTP error and thrown.
    @Test func streamError() throws {
        try Snippet.expect(
            """
            if (frame.error != nil) {
                let details = ProviderErrorDetails(message: frame.error?.message?.textValue ?? (frame.error?.jsonValue)?.textValue, type: frame.error?.type?.textValue, code: frame.error?.code?.textValue)
                throw AIError(.provider, errorClass: Snippet.classify(status: nil, details: details) ?? .unknown, providerID: Snippet.descriptor.id, providerMessage: details.message, providerType: details.type, providerCode: details.code)
            }
            """,
            rules: """
                - match: "exists($.error)"
                  emit: StreamError
                  extract: {error: $.error, message: $.error.message, type: $.error.type, code: $.error.code}
                """,
            section: .rules)
    }

    /// Only the error value: its text is the message.
    @Test func streamErrorFromTheErrorOnly() throws {
        try Snippet.expect(
            """
            if (frame.error != nil) {
                let details = ProviderErrorDetails(message: frame.error?.textValue, type: nil, code: nil)
                throw AIError(.provider, errorClass: Snippet.classify(status: nil, details: details) ?? .unknown, providerID: Snippet.descriptor.id, providerMessage: details.message, providerType: details.type, providerCode: details.code)
            }
            """,
            rules: """
                - match: "exists($.error)"
                  emit: StreamError
                  extract: {error: $.error}
                """,
            section: .rules)
    }

    /// A frame selector: frames whose type is ping are skipped; a typed comparison.
    @Test func frameSelectorWithNotEqual() throws {
        try Snippet.expect(
            """
            guard (frame.type != nil && frame.type != .ping) else { return }
            let first = events.count
            try apply(frame, candidate: 0, into: &events)
            toolCalls.track(&events, from: first)
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            streaming: """
                decoder: {format: anthropic_sse}
                frame_selector: "$.type != 'ping'"
                """,
            section: .events)
    }

    /// A string only compared with ASCII texts is an enum of them; names that would clash
    /// (`other`, `Optional`'s `none`, an empty text, a keyword) get others.
    @Test func comparedTextsAreAnEnum() throws {
        let rules = """
            - match: "$.type in ['none', 'other', 'default', '']"
              emit: PartialContentDelta
              extract: {content: $.text}
            """
        try Snippet.expect(
            """
            case empty
            case `default`
            case none2
            case other2
            /// Any other text.
            case other

            public init(utf8 text: UnsafeRawBufferPointer) {
                switch text.count {
                case 0 where Self.text(text, is: ""): self = .empty
                case 4 where Self.text(text, is: "none"): self = .none2
                case 5 where Self.text(text, is: "other"): self = .other2
                case 7 where Self.text(text, is: "default"): self = .`default`
                default: self = .other
                }
            }
            """,
            rules: rules,
            section: .function("nonisolated public enum TypeValue: ComparedText"))
        try Snippet.expect(
            "if (frame.type == .none2 || frame.type == .other2 || frame.type == .`default` || frame.type == .empty) {",
            rules: rules,
            section: .line("if (frame.type"))
    }

    /// A string also read as text stays a `String`, compared byte by byte.
    @Test func comparedAndReadTextIsAString() throws {
        try Snippet.expect(
            "public var text: String?",
            rules: """
                - match: "$.text == 'x'"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            section: .line("public var text"))
    }

    /// A stop condition of a JSON truth test and an absence.
    @Test func stopConditionOnTruthAndAbsence() throws {
        try Snippet.expect(
            """
            let first = events.count
            try apply(frame, candidate: 0, into: &events)
            toolCalls.track(&events, from: first)
            if (ExpressionSupport.isTruthy(frame.usage) && !((frame.choices?.element(at: 0) != nil))) { isFinished = true }
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            streaming: """
                decoder: {format: openai_sse}
                stop_condition: "$.usage && !exists($.choices[0])"
                """,
            section: .events)
    }

    /// flush_on with `in`: a typed membership test.
    @Test func flushOnMembership() throws {
        try Snippet.expect(
            """
            let first = events.count
            try apply(frame, candidate: 0, into: &events)
            toolCalls.track(&events, from: first, flushing: (frame.choices?.element(at: 0)?.finishReason == .toolCalls || frame.choices?.element(at: 0)?.finishReason == .functionCall))
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            streaming: """
                decoder: {format: openai_sse}
                accumulator: {flush_on: "$.choices[0].finish_reason in ['tool_calls', 'function_call']"}
                """,
            section: .events)
    }

    /// Fan-out: a frame with several candidates is applied once per candidate.
    @Test func fanOutOverCandidates() throws {
        try Snippet.expect(
            """
            let first = events.count
            if (frame.choices?.count ?? 0) > 1 {
                for (position, candidate) in (frame.choices ?? []).enumerated() {
                    var view = frame
                    view.choices = [candidate]
                    try apply(view, candidate: position, into: &events)
                }
            } else {
                try apply(frame, candidate: 0, into: &events)
            }
            toolCalls.track(&events, from: first)
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            streaming: """
                decoder: {format: openai_sse}
                candidate: {candidate_id_path: "$.choices[*].index", fan_out: true}
                """,
            section: .events)
    }

    /// An integer compared as Int; a literal that is neither string nor integer compares the JSON value.
    @Test func comparisonsOfNumbersAndJSON() throws {
        try Snippet.expect(
            """
            guard ((frame.index.map({ $0 >= 1 }) ?? false) || ExpressionSupport.values(frame.flag).contains(where: { ExpressionSupport.compare($0, .equal, JSONValue.bool(true)) })) else { return }
            let first = events.count
            try apply(frame, candidate: 0, into: &events)
            toolCalls.track(&events, from: first)
            """,
            rules: """
                - match: "exists($.choices[0].delta.content)"
                  emit: PartialContentDelta
                  extract: {content: "$.choices[0].delta.content"}
                """,
            streaming: """
                decoder: {format: ndjson}
                frame_selector: "$.index >= 1 || $.flag == true"
                """,
            section: .events)
    }

    /// Server-sent events without a done signal.
    @Test func framingSSE() throws {
        try Snippet.expect(
            """
            public static let streamFraming: StreamFraming = .serverSentEvents(doneSignal: nil)
            """,
            rules: """
                - match: "exists($.text)"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            streaming: """
                decoder: {format: sse}
                """,
            section: .line("public static let streamFraming"))
    }

    /// The format's own done signal.
    @Test func framingSSEWithDoneSignal() throws {
        try Snippet.expect(
            """
            public static let streamFraming: StreamFraming = .serverSentEvents(doneSignal: "[DONE]")
            """,
            rules: """
                - match: "exists($.text)"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            streaming: """
                decoder: {format: openai_sse}
                """,
            section: .line("public static let streamFraming"))
    }

    /// A done signal the manifest gives.
    @Test func framingSSEWithManifestDoneSignal() throws {
        try Snippet.expect(
            """
            public static let streamFraming: StreamFraming = .serverSentEvents(doneSignal: "END")
            """,
            rules: """
                - match: "exists($.text)"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            streaming: """
                decoder: {format: sse, done_signal: END}
                """,
            section: .line("public static let streamFraming"))
    }

    /// Newline-delimited JSON (also cohere_native).
    @Test func framingNDJSON() throws {
        try Snippet.expect(
            """
            public static let streamFraming: StreamFraming = .newlineDelimitedJSON
            """,
            rules: """
                - match: "exists($.text)"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            streaming: """
                decoder: {format: ndjson}
                """,
            section: .line("public static let streamFraming"))
    }

    /// A JSON array streamed element by element (also gemini_json).
    @Test func framingJSONArray() throws {
        try Snippet.expect(
            """
            public static let streamFraming: StreamFraming = .jsonArray
            """,
            rules: """
                - match: "exists($.text)"
                  emit: PartialContentDelta
                  extract: {content: $.text}
                """,
            streaming: """
                decoder: {format: gemini_json}
                """,
            section: .line("public static let streamFraming"))
    }

    /// A bearer token, from the manifest's variable, then the conventional one.
    @Test func authBearer() throws {
        try Snippet.expect(
            """
            auth: AuthScheme(placement: .header(name: "Authorization", prefix: "Bearer"), keyVariables: ["SNIPPET_TOKEN"], conventionalVariable: "SNIPPET_API_KEY"),
            """,
            sections: """
                endpoint:
                  base_url: https://api.snippet.test/v1
                  auth: {type: bearer, token_env: SNIPPET_TOKEN}
                """,
            section: .line("auth:"))
    }

    /// A key in a header of its own, without a prefix.
    @Test func authCustomHeader() throws {
        try Snippet.expect(
            """
            auth: AuthScheme(placement: .header(name: "x-api-key", prefix: nil), keyVariables: ["SNIPPET_KEY"], conventionalVariable: "SNIPPET_API_KEY"),
            """,
            sections: """
                endpoint:
                  base_url: https://api.snippet.test/v1
                  auth: {type: custom_header, header: x-api-key, key_env: SNIPPET_KEY}
                """,
            section: .line("auth:"))
    }

    /// A header and a prefix of the manifest's.
    @Test func authHeaderWithPrefix() throws {
        try Snippet.expect(
            """
            auth: AuthScheme(placement: .header(name: "Authorization", prefix: "Token"), keyVariables: ["SNIPPET_KEY"], conventionalVariable: "SNIPPET_API_KEY"),
            """,
            sections: """
                endpoint:
                  base_url: https://api.snippet.test/v1
                  auth: {type: api_key, header_name: Authorization, prefix: Token, token_env: SNIPPET_KEY}
                """,
            section: .line("auth:"))
    }

    /// A key in the query string.
    @Test func authQueryParameter() throws {
        try Snippet.expect(
            """
            auth: AuthScheme(placement: .query(name: "key"), keyVariables: ["SNIPPET_KEY"], conventionalVariable: "SNIPPET_API_KEY"),
            """,
            sections: """
                endpoint:
                  base_url: https://api.snippet.test/v1
                  auth: {type: query_param, param_name: key, token_env: SNIPPET_KEY}
                """,
            section: .line("auth:"))
    }

    /// No key (a self-hosted server).
    @Test func authNone() throws {
        try Snippet.expect(
            """
            auth: AuthScheme(placement: .none, keyVariables: []),
            """,
            sections: """
                endpoint:
                  base_url: https://api.snippet.test/v1
                  auth: {type: none}
                """,
            section: .line("auth:"))
    }

    /// The mapping compiled to a switch; unmapped values are nil (the raw value is kept by the caller).
    @Test func terminationMapping() throws {
        try Snippet.expect(
            """
            switch value {
            case "stop": .endTurn
            case "length": .maxTokens
            case "tool_calls": .toolUse
            case "content_filter": .refusal
            default: nil
            }
            """,
            sections: """
                termination:
                  mapping: {stop: end_turn, length: max_tokens, tool_calls: tool_use, content_filter: refusal}
                """,
            section: .function("public static func terminationReason(forProviderValue"))
    }

    /// Without a mapping, the vocabulary's names and aliases are the provider's.
    @Test func terminationWithoutMapping() throws {
        try Snippet.expect(
            """
            TerminationReason(vocabularyName: value)
            """,
            section: .function("public static func terminationReason(forProviderValue"))
    }

    /// Code or type first, then message text and patterns, then the HTTP status.
    @Test func classificationEveryForm() throws {
        try Snippet.expect(
            """
            for evidence in [details.code, details.type].compactMap({ $0 }) {
                switch evidence {
                case "invalid_api_key": return .authentication
                case "RESOURCE_EXHAUSTED": return .rateLimited
                default: break
                }
            }
            if let message = details.message {
                if message.contains("quota") { return .quotaExhausted }
                if let pattern = try? Regex("(?i)context (length|window)"), message.contains(pattern) { return .requestTooLarge }
            }
            if let status {
                switch status {
                case 429: return .rateLimited
                case 503: return .overloaded
                default: break
                }
            }
            return nil
            """,
            sections: """
                error_classification:
                  by_http_status: {"429": rate_limited, "503": overloaded}
                  by_error_code: {invalid_api_key: authentication}
                  by_error_status: {RESOURCE_EXHAUSTED: rate_limited}
                  by_message_contains: {"quota": quota_exhausted}
                  by_error_message:
                    - {pattern: "(?i)context (length|window)", maps_to: request_too_large}
                """,
            section: .function("public static func classify(status:"))
    }

    /// Only statuses.
    @Test func classificationByStatusOnly() throws {
        try Snippet.expect(
            """
            if let status {
                switch status {
                case 401: return .authentication
                default: break
                }
            }
            return nil
            """,
            sections: """
                error_classification:
                  by_http_status: {"401": authentication}
                """,
            section: .function("public static func classify(status:"))
    }

    /// A nested path, a required parameter with the manifest's default, a family-encoded option.
    @Test func parametersNestedRequiredAndDefault() throws {
        try Snippet.expect(
            """
            for parameter in request.options.setParameters where !acceptedParameters.contains(parameter) {
                throw AIError(.unsupportedParameter(parameter), errorClass: .invalidRequest, providerID: descriptor.id)
            }
            var body = ChatBody(request: request)
            body.model = request.model
            body.stream = request.stream
            var generationConfigMembers = ChatBody.GenerationConfig()
            generationConfigMembers.maxOutputTokens = request.options.maxTokens ?? 1024
            body.generationConfig = generationConfigMembers.isEmpty ? nil : generationConfigMembers
            body.responseFormat = OpenAIChatFamily.responseFormatParameter(request.options.responseFormat)
            body.temperature = request.options.temperature
            return body
            """,
            sections: """
                parameters:
                  maxOutputTokens: {type: integer, alias: max_tokens, path: generationConfig.maxOutputTokens, required: true, default: 1024}
                  temperature: {type: float}
                  response_format: {type: object}
                """,
            section: .function("public static func chatBody(for request: ChatRequest)"))
    }

    /// Strings and integers where the vocabulary says so, JSON where a value is read whole or
    /// navigated into; and the compiled scanner of each struct, reading the same members.
    @Test func frameTypesFromTheVocabulary() throws {
        try Snippet.expect(
            """
            nonisolated public struct StreamFrame: Decodable, JSONScannable, Sendable {
                public var delta: Delta?
                public var error: ErrorFields?
                public var index: Int?
                public var type: TypeValue?
                public var usage: UsageFields?

                enum CodingKeys: String, CodingKey {
                    case delta = "delta"
                    case error = "error"
                    case index = "index"
                    case type = "type"
                    case usage = "usage"
                }

                public init(from decoder: any Decoder) throws {
                    let container = try? decoder.container(keyedBy: CodingKeys.self)
                    self.delta = container?.lenientValue(Delta.self, forKey: .delta)
                    self.error = container?.lenientValue(ErrorFields.self, forKey: .error)
                    self.index = container?.lenientValue(Int.self, forKey: .index)
                    self.type = container?.lenientValue(TypeValue.self, forKey: .type)
                    self.usage = container?.lenientValue(UsageFields.self, forKey: .usage)
                }

                public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
                    self.init()
                    try scanMembers(&scanner)
                }

                /// A value with every member absent.
                init() {}

                /// Reads the members into `self`, in place.
                @inline(never)
                private mutating func scanMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
                    guard try scanner.beginObject() else { return }
                    var seen: UInt64 = 0
                    var readable = true
                    while let key = try scanner.nextKey() {
                        if key == "delta", seen & 1 == 0 {
                            seen |= 1
                            self.delta = try scanner.null() ? nil : try Delta(scanning: &scanner)
                        } else if key == "error", seen & 2 == 0 {
                            seen |= 2
                            self.error = try ErrorFields(scanning: &scanner, asElement: false)
                        } else if key == "index", seen & 4 == 0 {
                            seen |= 4
                            self.index = try scanner.integer()
                        } else if key == "type", seen & 8 == 0 {
                            seen |= 8
                            self.type = try scanner.text(TypeValue.self)
                        } else if key == "usage", seen & 16 == 0 {
                            seen |= 16
                            self.usage = try scanner.null() ? nil : try UsageFields(scanning: &scanner)
                        } else {
                            if !key.isReadable { readable = false }
                            try scanner.skipValue()
                        }
                    }
                    if !readable {
                        self.delta = nil
                        self.error = nil
                        self.index = nil
                        self.type = nil
                        self.usage = nil
                    }
                }

                nonisolated public struct Delta: Decodable, JSONScannable, Sendable {
                    public var text: String?

                    enum CodingKeys: String, CodingKey {
                        case text = "text"
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try? decoder.container(keyedBy: CodingKeys.self)
                        self.text = container?.lenientValue(String.self, forKey: .text)
                    }

                    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
                        self.init()
                        try scanMembers(&scanner)
                    }

                    /// A value with every member absent.
                    init() {}

                    /// Reads the members into `self`, in place.
                    @inline(never)
                    private mutating func scanMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
                        guard try scanner.beginObject() else { return }
                        var seen: UInt64 = 0
                        var readable = true
                        while let key = try scanner.nextKey() {
                            if key == "text", seen & 1 == 0 {
                                seen |= 1
                                self.text = try scanner.freshString()
                            } else {
                                if !key.isReadable { readable = false }
                                try scanner.skipValue()
                            }
                        }
                        if !readable {
                            self.text = nil
                        }
                    }
                }

                /// A value the rules read whole as well as by member: the members they read, and the rest apart.
                nonisolated public struct ErrorFields: Decodable, Sendable {
                    public var message: JSONValue?
                    /// The rest of the value: its other members (and those above that are `null`), or the whole value when it is not an object.
                    public var remainder: JSONValue = .object([])

                    public init(from decoder: any Decoder) throws {
                        self.init(splitting: try JSONValue(from: decoder))
                    }

                    /// The value, split into the members above and the rest.
                    public init(splitting value: JSONValue) {
                        remainder = value
                        message = remainder.removeMember(named: "message")
                    }

                    /// Reads the next value; `nil` when it cannot be a `JSONValue`, or is `null` and not an array's element.
                    public init?(scanning scanner: inout JSONScanner, asElement: Bool) throws(JSONScanError) {
                        guard try scanMembers(&scanner, asElement: asElement) else { return nil }
                    }

                    /// Reads the value into `self`, in place; `false` when it cannot be a `JSONValue`.
                    @inline(never)
                    private mutating func scanMembers(_ scanner: inout JSONScanner, asElement: Bool) throws(JSONScanError) -> Bool {
                        var value = try SplitValueScan(&scanner, asElement: asElement)
                        var seen: UInt64 = 0
                        while value.isObject, let key = try scanner.nextKey() {
                            if key == "message", seen & 1 == 0 {
                                seen |= 1
                                self.message = try value.member("message", &scanner)
                            } else if key == "message" {
                                // Given again: the first occurrence counts.
                                try scanner.skipValue()
                            } else {
                                try value.other(key, &scanner)
                            }
                        }
                        guard let remainder = value.finish() else { return false }
                        self.remainder = remainder
                        return true
                    }

                    /// The whole value, as it was read.
                    public var jsonValue: JSONValue {
                        remainder.addingMembers([("message", message)])
                    }
                }

                /// The texts the manifest's rules compare this member with.
                nonisolated public enum TypeValue: ComparedText {
                    case contentBlockDelta
                    /// Any other text.
                    case other

                    public init(utf8 text: UnsafeRawBufferPointer) {
                        switch text.count {
                        case 19 where Self.text(text, is: "content_block_delta"): self = .contentBlockDelta
                        default: self = .other
                        }
                    }
                }

                nonisolated public struct UsageFields: Decodable, JSONScannable, Sendable {
                    public var completionTokens: Int?
                    public var completionTokensDetails: CompletionTokensDetails?
                    public var inputTokens: Int?
                    public var outputTokens: Int?
                    public var promptTokens: Int?
                    public var promptTokensDetails: PromptTokensDetails?
                    public var totalTokens: Int?

                    enum CodingKeys: String, CodingKey {
                        case completionTokens = "completion_tokens"
                        case completionTokensDetails = "completion_tokens_details"
                        case inputTokens = "input_tokens"
                        case outputTokens = "output_tokens"
                        case promptTokens = "prompt_tokens"
                        case promptTokensDetails = "prompt_tokens_details"
                        case totalTokens = "total_tokens"
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try? decoder.container(keyedBy: CodingKeys.self)
                        self.completionTokens = container?.lenientValue(Int.self, forKey: .completionTokens)
                        self.completionTokensDetails = container?.lenientValue(CompletionTokensDetails.self, forKey: .completionTokensDetails)
                        self.inputTokens = container?.lenientValue(Int.self, forKey: .inputTokens)
                        self.outputTokens = container?.lenientValue(Int.self, forKey: .outputTokens)
                        self.promptTokens = container?.lenientValue(Int.self, forKey: .promptTokens)
                        self.promptTokensDetails = container?.lenientValue(PromptTokensDetails.self, forKey: .promptTokensDetails)
                        self.totalTokens = container?.lenientValue(Int.self, forKey: .totalTokens)
                    }

                    public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
                        self.init()
                        try scanMembers(&scanner)
                    }

                    /// A value with every member absent.
                    init() {}

                    /// Reads the members into `self`, in place.
                    @inline(never)
                    private mutating func scanMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
                        guard try scanner.beginObject() else { return }
                        var seen: UInt64 = 0
                        var readable = true
                        while let key = try scanner.nextKey() {
                            if key == "completion_tokens", seen & 1 == 0 {
                                seen |= 1
                                self.completionTokens = try scanner.integer()
                            } else if key == "completion_tokens_details", seen & 2 == 0 {
                                seen |= 2
                                self.completionTokensDetails = try scanner.null() ? nil : try CompletionTokensDetails(scanning: &scanner)
                            } else if key == "input_tokens", seen & 4 == 0 {
                                seen |= 4
                                self.inputTokens = try scanner.integer()
                            } else if key == "output_tokens", seen & 8 == 0 {
                                seen |= 8
                                self.outputTokens = try scanner.integer()
                            } else if key == "prompt_tokens", seen & 16 == 0 {
                                seen |= 16
                                self.promptTokens = try scanner.integer()
                            } else if key == "prompt_tokens_details", seen & 32 == 0 {
                                seen |= 32
                                self.promptTokensDetails = try scanner.null() ? nil : try PromptTokensDetails(scanning: &scanner)
                            } else if key == "total_tokens", seen & 64 == 0 {
                                seen |= 64
                                self.totalTokens = try scanner.integer()
                            } else {
                                if !key.isReadable { readable = false }
                                try scanner.skipValue()
                            }
                        }
                        if !readable {
                            self.completionTokens = nil
                            self.completionTokensDetails = nil
                            self.inputTokens = nil
                            self.outputTokens = nil
                            self.promptTokens = nil
                            self.promptTokensDetails = nil
                            self.totalTokens = nil
                        }
                    }

                    nonisolated public struct CompletionTokensDetails: Decodable, JSONScannable, Sendable {
                        public var reasoningTokens: Int?

                        enum CodingKeys: String, CodingKey {
                            case reasoningTokens = "reasoning_tokens"
                        }

                        public init(from decoder: any Decoder) throws {
                            let container = try? decoder.container(keyedBy: CodingKeys.self)
                            self.reasoningTokens = container?.lenientValue(Int.self, forKey: .reasoningTokens)
                        }

                        public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
                            self.init()
                            try scanMembers(&scanner)
                        }

                        /// A value with every member absent.
                        init() {}

                        /// Reads the members into `self`, in place.
                        @inline(never)
                        private mutating func scanMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
                            guard try scanner.beginObject() else { return }
                            var seen: UInt64 = 0
                            var readable = true
                            while let key = try scanner.nextKey() {
                                if key == "reasoning_tokens", seen & 1 == 0 {
                                    seen |= 1
                                    self.reasoningTokens = try scanner.integer()
                                } else {
                                    if !key.isReadable { readable = false }
                                    try scanner.skipValue()
                                }
                            }
                            if !readable {
                                self.reasoningTokens = nil
                            }
                        }
                    }

                    nonisolated public struct PromptTokensDetails: Decodable, JSONScannable, Sendable {
                        public var cachedTokens: Int?

                        enum CodingKeys: String, CodingKey {
                            case cachedTokens = "cached_tokens"
                        }

                        public init(from decoder: any Decoder) throws {
                            let container = try? decoder.container(keyedBy: CodingKeys.self)
                            self.cachedTokens = container?.lenientValue(Int.self, forKey: .cachedTokens)
                        }

                        public init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
                            self.init()
                            try scanMembers(&scanner)
                        }

                        /// A value with every member absent.
                        init() {}

                        /// Reads the members into `self`, in place.
                        @inline(never)
                        private mutating func scanMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
                            guard try scanner.beginObject() else { return }
                            var seen: UInt64 = 0
                            var readable = true
                            while let key = try scanner.nextKey() {
                                if key == "cached_tokens", seen & 1 == 0 {
                                    seen |= 1
                                    self.cachedTokens = try scanner.integer()
                                } else {
                                    if !key.isReadable { readable = false }
                                    try scanner.skipValue()
                                }
                            }
                            if !readable {
                                self.cachedTokens = nil
                            }
                        }
                    }
                }
            }
            """,
            rules: """
                - match: "$.type == 'content_block_delta'"
                  emit: PartialContentDelta
                  extract: {content: $.delta.text, candidate_index: $.index}
                - match: "exists($.usage)"
                  emit: Metadata
                  extract: {usage: $.usage}
                - match: "exists($.error)"
                  emit: StreamError
                  extract: {error: $.error, message: $.error.message}
                """,
            section: .frame)
    }

    /// Retry strategies: `none` retries nothing; linear and fixed delays.
    @Test func retryStrategies() throws {
        try Snippet.expect(
            "retryPolicy: RetryPolicy(maxRetries: 0, minDelay: .milliseconds(200)),",
            sections: "retry_policy: {strategy: none, max_retries: 3, min_delay_ms: 200}",
            section: .line("retryPolicy:"))
        try Snippet.expect(
            "retryPolicy: RetryPolicy(maxRetries: 3, minDelay: .milliseconds(200), retryOnStatuses: [503], backoff: .linear),",
            sections:
                "retry_policy: {strategy: linear_backoff, max_retries: 3, min_delay_ms: 200, retry_on_http_status: [503]}",
            section: .line("retryPolicy:"))
        try Snippet.expect(
            "retryPolicy: RetryPolicy(maxRetries: 1, retryOnProviderStatuses: [\"UNAVAILABLE\"], backoff: .fixed),",
            sections: "retry_policy: {strategy: fixed_delay, max_retries: 1, retry_on_error_status: [UNAVAILABLE]}",
            section: .line("retryPolicy:"))
    }

    /// A delay in the error body, extracted by the manifest's regular expression.
    @Test func retryAfterExtraction() throws {
        try Snippet.expect(
            """
            guard let pattern = try? Regex("try again in ([0-9.]+)ms"), let match = text.firstMatch(of: pattern),
                match.output.count > 1, let group = match.output[1].substring, let value = Double(group), value >= 0
            else { return nil }
            return .milliseconds(Int64(value))
            """,
            sections: """
                error_classification:
                  by_http_status: {"429": rate_limited}
                  retry_after_extraction: {pattern: "try again in ([0-9.]+)ms", unit: milliseconds}
                """,
            section: .function("public static func retryAfter(inErrorBody"))
    }
}
