/// The hand-written runtime (`AIProtocol`) as generated code sees it: its types, the functions
/// compiled expressions call, the payload families, the options a caller sets.
///
/// Renderers spell the runtime only through here. `RuntimeNamesTests` compiles `probe`, a file
/// that uses every one of these names, against the runtime, so that renaming something there
/// fails a test here instead of a user's build.
enum RuntimeNames {
    /// The runtime module generated code imports.
    static let module = "AIProtocol"

    // MARK: Types

    static let jsonValue = "JSONValue"
    static let expressionSupport = "ExpressionSupport"
    static let toolCallTracker = "ToolCallTracker"
    static let aiError = "AIError"
    static let usage = "Usage"
    static let providerErrorDetails = "ProviderErrorDetails"
    static let anyKey = "AnyKey"
    static let jsonScanner = "JSONScanner"
    static let jsonScanError = "JSONScanError"
    static let jsonScannable = "JSONScannable"
    static let compactArray = "CompactArray"
    static let splitValueScan = "SplitValueScan"
    static let comparedText = "ComparedText"

    // MARK: Payload families

    /// The family type implementing each canonical payload format of
    /// `spec/vocabulary/payload-formats.yaml`.
    static let families: [String: String] = [
        "openai": "OpenAIChatFamily",
        "anthropic": "AnthropicMessagesFamily",
        "gemini": "GeminiFamily",
        "cohere": "CohereV2Family",
        "ollama": "OllamaChatFamily",
    ]

    /// The family of a canonical payload format. Lowering only plans formats of `families`.
    static func family(_ payloadFormat: String) -> String {
        families[payloadFormat]!
    }

    // MARK: Options

    /// How the value of a standard parameter is read from a `ChatRequest` named `request`.
    struct Option {
        /// The Swift type of the value.
        var swiftType: String
        /// The code of the value (an optional of `swiftType`), given the family type's name.
        var code: @Sendable (_ family: String) -> String
    }

    /// The standard parameters a caller can set through `ChatOptions`, by standard name.
    static let options: [String: Option] = [
        "temperature": Option(swiftType: "Double") { _ in "request.options.temperature" },
        "max_tokens": Option(swiftType: "Int") { _ in "request.options.maxTokens" },
        "top_p": Option(swiftType: "Double") { _ in "request.options.topP" },
        "top_k": Option(swiftType: "Int") { _ in "request.options.topK" },
        "stop_sequences": Option(swiftType: "[String]") { _ in "request.options.stopSequences" },
        "seed": Option(swiftType: "Int") { _ in "request.options.seed" },
        "frequency_penalty": Option(swiftType: "Double") { _ in "request.options.frequencyPenalty" },
        "presence_penalty": Option(swiftType: "Double") { _ in "request.options.presencePenalty" },
        "repetition_penalty": Option(swiftType: "Double") { _ in "request.options.repetitionPenalty" },
        "response_format": Option(swiftType: "JSONValue") {
            "\($0).responseFormatParameter(request.options.responseFormat)"
        },
        "response_format_mode": Option(swiftType: "String") {
            "\($0).responseFormatModeParameter(request.options.responseFormat)"
        },
        "reasoning_effort": Option(swiftType: "String") { _ in "request.options.reasoningEffort?.rawValue" },
        "thinking_budget": Option(swiftType: "JSONValue") {
            "\($0).thinkingBudgetParameter(request.options.thinkingBudget)"
        },
        "n": Option(swiftType: "Int") { _ in "request.options.candidateCount" },
        "parallel_tool_calls": Option(swiftType: "Bool") { _ in "request.options.parallelToolCalls" },
        "user": Option(swiftType: "String") { _ in "request.options.user" },
    ]

    /// Standard parameters the payload family writes from the request itself (the model, the
    /// conversation, the stream flag, tools) rather than from an option.
    static let requestParameters: Set<String> = [
        "model", "messages", "system_message", "stream", "tools", "tool_choice",
    ]

    // MARK: Descriptor

    /// The rate-limit fields of a manifest the runtime's `RateLimitHeaders` has, with their
    /// labels, in the order of its initializer's parameters.
    static let rateLimitFields: KeyValuePairs<String, String> = [
        "requests_limit": "requestsLimit", "requests_remaining": "requestsRemaining",
        "requests_reset": "requestsReset", "tokens_limit": "tokensLimit", "tokens_remaining": "tokensRemaining",
        "tokens_reset": "tokensReset", "retry_after": "retryAfter", "request_id": "requestID",
    ]

    static func rateLimitLabel(_ field: String) -> String? {
        rateLimitFields.first { $0.key == field }?.value
    }
}

extension RuntimeNames {
    /// What compiled paths and expressions call: `JSONValue` navigation and the semantics of
    /// `spec/EXPRESSIONS.md` in `ExpressionSupport`. Arguments are Swift code.
    enum Calls {
        // JSONValue navigation (null counts as absent).
        static func member(_ value: String, _ key: String) -> String { "\(value).member(named: \(key))" }
        static func element(_ value: String, _ index: Int) -> String { "\(value).element(at: \(index))" }
        static func elements(_ value: String) -> String { "\(value).elements" }
        static func text(_ value: String) -> String { "\(value).textValue" }
        static func integer(_ value: String) -> String { "\(value).intValue" }
        /// An element of an array of generated structs.
        static func arrayElement(_ array: String, _ index: Int) -> String { "\(array).element(at: \(index))" }

        // ExpressionSupport
        static func isTruthy(_ value: String) -> String { "ExpressionSupport.isTruthy(\(value))" }
        /// Whether a `String?` is one of some ASCII literals (Swift literal code), byte by byte.
        static func isText(_ value: String, oneOf literals: [String]) -> String {
            let tests = literals.map { "ExpressionSupport.isText(\(value), \($0))" }
            return tests.count == 1 ? tests[0] : "(" + tests.joined(separator: " || ") + ")"
        }
        static func values(_ optional: String) -> String { "ExpressionSupport.values(\(optional))" }
        static func nonNull(_ optional: String) -> String { "ExpressionSupport.nonNull(\(optional))" }
        static func compare(_ value: String, _ operation: String, _ literal: String) -> String {
            "ExpressionSupport.compare(\(value), .\(operation), \(literal))"
        }
        static func noneEqual(_ values: String, _ literal: String) -> String {
            "ExpressionSupport.noneEqual(\(values), \(literal))"
        }
        static func compareAny(_ left: String, _ operation: String, _ right: String) -> String {
            "ExpressionSupport.compareAny(\(left), .\(operation), \(right))"
        }
        static func isMember(_ value: String, _ list: String) -> String {
            "ExpressionSupport.isMember(\(value), of: \(list))"
        }
        static func joinedText(_ values: String) -> String { "ExpressionSupport.joinedText(\(values))" }
        static func flattened(_ values: String) -> String { "ExpressionSupport.flattened(\(values))" }
        static func vectors(_ values: String, selectsMany: Bool) -> String {
            "ExpressionSupport.vectors(\(values), selectsMany: \(selectsMany))"
        }
        /// Token counts from an object with the conventional names (`prompt_tokens`, …).
        static func conventionalUsage(_ object: String) -> String { "Usage(conventional: \(object))" }
        /// The cases of `ExpressionSupport.Operator`.
        static let operators = ["equal", "notEqual", "less", "lessOrEqual", "greater", "greaterOrEqual"]

        /// A JSON literal as a `JSONValue`.
        static func jsonLiteral(_ literal: Literal) -> String {
            switch literal {
            case .string(let value): "JSONValue.string(\(SwiftSource.literal(value)))"
            case .integer(let value): "JSONValue.integer(\(value))"
            case .number(let value): "JSONValue.number(\(value))"
            case .bool(let value): "JSONValue.bool(\(value))"
            case .null: "JSONValue.null"
            }
        }

        // Decoding
        static func lenientValue(_ container: String, _ type: String, _ key: String) -> String {
            "\(container)?.lenientValue(\(type).self, forKey: \(key))"
        }
    }
}

extension RuntimeNames {
    /// A Swift file that uses every name above against the runtime; it compiles exactly when
    /// the runtime has them all.
    static var probe: String {
        let operators = Calls.operators.map { "_ = ExpressionSupport.Operator.\($0)" }.joined(separator: "\n    ")
        let families = families.values.sorted().map { family in
            """
                _ = \(family).encodeConversation(of:to:)
                _ = \(family).encodeConversation(of:reasoningField:to:)
                _ = \(family).toolCalls(from: [])
                _ = \(family).toolCallContent(from: [])
                _ = \(family).toolCallEvents(from: .null, field: "tool_calls", candidate: 0, firstIndex: 0)
                _ = \(options["response_format"]!.code(family))
                _ = \(options["response_format_mode"]!.code(family))
                _ = \(options["thinking_budget"]!.code(family))
                _ = \(family).encodeEmbeddings
            """
        }.joined(separator: "\n")
        let optionUses = options.keys.sorted().map { name -> String in
            let option = options[name]!
            return "    let _: \(option.swiftType)? = \(option.code("OpenAIChatFamily"))"
        }.joined(separator: "\n")
        let rateLimitLabels = rateLimitFields.map { "\($0.value): \"x\"" }.joined(separator: ", ")
        return """
            import \(module)

            func probe(value: \(jsonValue)?, present: \(jsonValue), values: [\(jsonValue)], request: ChatRequest) {
                _ = \(Calls.member("present", "\"key\""))
                _ = \(Calls.element("present", 0))
                _ = \(Calls.elements("present"))
                _ = \(Calls.text("present"))
                _ = \(Calls.integer("present"))
                _ = \(Calls.arrayElement("values", 0))
                _ = \(Calls.isTruthy("value"))
                _ = \(Calls.isText("request.model as String?", oneOf: ["\"a\"", "\"b\""]))
                _ = \(Calls.values("value"))
                _ = \(Calls.nonNull("value"))
                _ = \(Calls.compare("present", "equal", Calls.jsonLiteral(.string("x"))))
                _ = \(Calls.noneEqual("values", Calls.jsonLiteral(.integer(1))))
                _ = \(Calls.compareAny("values", "less", "values"))
                _ = \(Calls.isMember("present", "[\(Calls.jsonLiteral(.number(1.5))), \(Calls.jsonLiteral(.bool(true))), \(Calls.jsonLiteral(.null))]"))
                _ = \(Calls.joinedText("values"))
                _ = \(Calls.flattened("values"))
                _ = \(Calls.vectors("values", selectsMany: true))
                \(operators)
                var tracker = \(toolCallTracker)()
                var events: [StreamEvent] = []
                tracker.track(&events, from: 0, flushing: false)
                _ = tracker.nextIndex(candidate: 0) + tracker.currentIndex(candidate: 0)
                _ = \(toolCallTracker).startCount(of: [])
                _ = \(Calls.conventionalUsage("value"))
                _ = Usage.read(Usage(promptTokens: 1), orConventional: Usage())
                _ = \(providerErrorDetails)(message: nil, type: nil, code: nil)
                _ = \(anyKey)("key")
                _ = RateLimitHeaders(\(rateLimitLabels))
            \(families)
            \(optionUses)
            }

            struct SplitProbe {
                var text: \(jsonValue)?
                var remainder: \(jsonValue) = .object([])
                init(splitting value: \(jsonValue)) {
                    remainder = value
                    text = remainder.removeMember(named: "text")
                }
                init?(scanning scanner: inout \(jsonScanner), asElement: Bool) throws(\(jsonScanError)) {
                    var value = try \(splitValueScan)(&scanner, asElement: asElement)
                    while value.isObject, let key = try scanner.nextKey() {
                        if key == "text" { text = try value.member("text", &scanner) } else { try value.other(key, &scanner) }
                    }
                    guard let remainder = value.finish() else { return nil }
                    self.remainder = remainder
                }
                var jsonValue: \(jsonValue) { remainder.addingMembers([("text", text)]) }
            }

            struct Probe: Decodable, \(jsonScannable) {
                var value: \(jsonValue)?
                var text: String?
                var number: Int?
                var nested: [\(compactArray)<Probe>]?
                var values: [\(jsonValue)]?
                var kind: Kind?
                enum Kind: \(comparedText) {
                    case a, other
                    init(utf8 text: UnsafeRawBufferPointer) { self = Self.text(text, is: "a") ? .a : .other }
                }
                enum CodingKeys: String, CodingKey { case value }
                init(from decoder: any Decoder) throws {
                    let container = try? decoder.container(keyedBy: CodingKeys.self)
                    self.value = \(Calls.lenientValue("container", jsonValue, ".value"))
                }
                init(scanning scanner: inout \(jsonScanner)) throws(\(jsonScanError)) {
                    guard try scanner.beginObject() else { return }
                    while let key = try scanner.nextKey() {
                        if key == "value" {
                            self.value = try scanner.json()
                        } else if key == "text" {
                            self.text = try scanner.string()
                        } else if key == "number" {
                            self.number = try scanner.integer()
                        } else if key == "nested" {
                            self.nested = try scanner.array { scanner throws(\(jsonScanError)) in try scanner.compactArray { scanner throws(\(jsonScanError)) in try Probe(scanning: &scanner) } }
                        } else if key == "kind" {
                            self.kind = try scanner.text(Kind.self)
                        } else if key == "values", try scanner.null() {
                            self.values = try scanner.array { scanner throws(\(jsonScanError)) in try scanner.jsonElement() }
                        } else {
                            if !key.isReadable { self.value = nil }
                            try scanner.skipValue()
                        }
                    }
                }
            }

            """
    }
}
