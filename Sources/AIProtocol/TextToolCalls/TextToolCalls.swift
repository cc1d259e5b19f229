/// Tool calls that a model writes into its reply text, for models and servers without native
/// tool calling (or that leak their own markup into the text, as DeepSeek's DSML does), and the
/// instructions that ask a model to write them.
///
/// ```swift
/// let tools = [Tool(name: "shell", description: "Run a command", parameters: schema)]
/// let system = Message.system(TextToolCalls.instructions(for: tools))
/// let reply = try await client.chat(model: model, messages: [system, .user("List the files")])
/// let extracted = TextToolCalls.extract(from: reply.text, toolNames: Set(tools.map(\.name)))
/// // extracted.calls: [ToolCall(name: "shell", arguments: #"{"command":"ls"}"#)]
/// ```
///
/// The canonical form is a `<tool_call>` block holding a JSON object with `name` and
/// `arguments`. Lenient extraction (the default) also reads what models write instead:
///
/// - `<tool_call name="shell">{"command": "ls"}</tool_call>` (the name as an attribute);
/// - a `<tool_calls>` wrapper around several calls, and `parameters` for `arguments`;
/// - an element named after a tool, its parameters as child elements:
///   `<shell><command>ls</command></shell>` (any element whose content is only simple child
///   elements, when `toolNames` is `nil`; only the named tools' otherwise);
/// - DeepSeek's DSML: `<｜｜DSML｜｜invoke name="shell">` with `<｜｜DSML｜｜parameter name="command"
///   string="true">…</｜｜DSML｜｜parameter>` children.
///
/// A parameter value written as an element is JSON when it parses as JSON (`10`, `true`,
/// `{"a": 1}`) and text otherwise, unless `string="true"` says it is text. A block that is not a
/// call (its JSON does not parse, it has no name) stays in the text.
public enum TextToolCalls {
    /// The reply without its tool call blocks, and the calls, in order.
    public struct Extraction: Sendable, Hashable {
        /// The text outside the blocks, trimmed.
        public var text: String
        /// The calls; arguments are JSON text, as native tool calls carry them. A call's id is its
        /// `id` attribute, else `call_<position>`.
        public var calls: [ToolCall]
    }

    /// Extracts the tool calls of `reply`.
    ///
    /// - Parameters:
    ///   - reply: The model's reply text, with or without tool call blocks.
    ///   - lenient: Whether the forms other than the canonical `<tool_call>` JSON are read.
    ///   - toolNames: The tools that were offered; limits the elements read as calls by their
    ///     names (lenient only). `nil` reads any element that looks like a call.
    public static func extract(from reply: String, lenient: Bool = true, toolNames: Set<String>? = nil) -> Extraction {
        var reader = Reader(text: reply, lenient: lenient, toolNames: toolNames)
        let (text, calls) = reader.read(reply.startIndex..<reply.endIndex)
        let numbered = calls.enumerated().map { position, call in
            ToolCall(id: call.id ?? "call_\(position)", name: call.name, arguments: JSONText.serialize(call.arguments))
        }
        return Extraction(text: text.trimmingWhitespace(), calls: numbered)
    }

    private struct Call {
        var id: String?
        var name: String
        var arguments: JSONValue
    }

    private struct Reader {
        let text: String
        let lenient: Bool
        let toolNames: Set<String>?

        /// The text of `range` outside call blocks, and the calls of the blocks.
        mutating func read(_ range: Range<String.Index>) -> (String, [Call]) {
            var outside = ""
            var calls: [Call] = []
            var cursor = range.lowerBound
            while let tag = MarkupTag.first(in: text, from: cursor), tag.range.upperBound <= range.upperBound {
                if !tag.isClosing, let (blockCalls, end) = block(opening: tag, within: range) {
                    outside += text[cursor..<tag.range.lowerBound]
                    calls += blockCalls
                    cursor = end
                } else {
                    outside += text[cursor..<tag.range.upperBound]
                    cursor = tag.range.upperBound
                }
            }
            outside += text[cursor..<range.upperBound]
            return (outside, calls)
        }

        /// The calls of the block that `tag` opens and where the block ends; `nil` when it is
        /// not a call block.
        private mutating func block(opening tag: MarkupTag, within range: Range<String.Index>) -> (
            [Call], String.Index
        )? {
            let close = MarkupTag.closing(tag.name, in: text, from: tag.range.upperBound)
                .flatMap { $0.range.upperBound <= range.upperBound ? $0 : nil }
            let inner = tag.range.upperBound..<(close?.range.lowerBound ?? range.upperBound)
            let end = close?.range.upperBound ?? range.upperBound
            switch tag.name {
            case "tool_call":
                guard close != nil, let call = canonicalCall(tag, body: String(text[inner])) else { return nil }
                return ([call], end)
            case "tool_calls" where lenient, "function_calls" where lenient:
                let (_, calls) = read(inner)
                return calls.isEmpty ? nil : (calls, end)
            case "invoke" where lenient:
                guard close != nil, let name = tag.attributes["name"] else { return nil }
                return ([Call(id: tag.attributes["id"], name: name, arguments: parameters(in: inner))], end)
            default:
                guard lenient, close != nil, toolNames.map({ $0.contains(tag.name) }) ?? true,
                    let arguments = elementParameters(in: inner)
                else { return nil }
                return ([Call(id: tag.attributes["id"], name: tag.name, arguments: arguments)], end)
            }
        }

        /// `<tool_call>{"name": …, "arguments": {…}}</tool_call>`; leniently also the name as
        /// an attribute and `parameters` for `arguments`.
        private func canonicalCall(_ tag: MarkupTag, body: String) -> Call? {
            let json = JSONText.parse(body.trimmingWhitespace())
            if lenient, let name = tag.attributes["name"] {
                let arguments = body.trimmingWhitespace().isEmpty ? JSONValue.object([]) : json
                return arguments.map { Call(id: tag.attributes["id"], name: name, arguments: $0) }
            }
            guard let json, let name = json["name"]?.stringValue else { return nil }
            var arguments = json["arguments"] ?? (lenient ? json["parameters"] : nil) ?? .object([])
            // Some models write the arguments as JSON text, as native calls carry them.
            if case .string(let encoded) = arguments, let decoded = JSONText.parseObject(encoded) {
                arguments = decoded
            }
            return Call(id: tag.attributes["id"] ?? json["id"]?.stringValue, name: name, arguments: arguments)
        }

        /// DSML's `<parameter name="…">` children.
        private func parameters(in range: Range<String.Index>) -> JSONValue {
            var members: [JSONValue.Member] = []
            var cursor = range.lowerBound
            while let tag = MarkupTag.first(in: text, from: cursor), tag.range.upperBound <= range.upperBound {
                cursor = tag.range.upperBound
                guard !tag.isClosing, tag.name == "parameter", let name = tag.attributes["name"],
                    let close = MarkupTag.closing("parameter", in: text, from: tag.range.upperBound)
                else { continue }
                let raw = String(text[tag.range.upperBound..<close.range.lowerBound])
                members.append(.init(name, value(raw, isText: tag.attributes["string"] == "true")))
                cursor = close.range.upperBound
            }
            return .object(members)
        }

        /// The parameters of `<tool><name>value</name>…</tool>`: `nil` unless the content is only
        /// such elements (and whitespace).
        private func elementParameters(in range: Range<String.Index>) -> JSONValue? {
            var members: [JSONValue.Member] = []
            var cursor = range.lowerBound
            while cursor < range.upperBound {
                let gap = text[cursor..<range.upperBound].prefix { $0.isWhitespace }
                cursor = gap.endIndex
                guard cursor < range.upperBound else { break }
                guard let tag = MarkupTag.first(in: text, from: cursor), tag.range.lowerBound == cursor, !tag.isClosing,
                    !tag.isSelfClosing, let close = MarkupTag.closing(tag.name, in: text, from: tag.range.upperBound),
                    close.range.upperBound <= range.upperBound
                else { return nil }
                let raw = String(text[tag.range.upperBound..<close.range.lowerBound])
                // A parameter holds a value, not more markup.
                guard MarkupTag.first(in: raw, from: raw.startIndex) == nil else { return nil }
                members.append(.init(tag.name, value(raw, isText: tag.attributes["string"] == "true")))
                cursor = close.range.upperBound
            }
            return members.isEmpty ? nil : .object(members)
        }

        private func value(_ raw: String, isText: Bool) -> JSONValue {
            let decoded = raw.decodingMarkupEntities()
            let trimmed = decoded.trimmingWhitespace()
            if !isText, let json = JSONText.parse(trimmed) { return json }
            return .string(isText ? decoded : trimmed)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<max(start, end)])
    }

    /// `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&apos;`; any other `&` stays (`2>&1`).
    func decodingMarkupEntities() -> String {
        guard contains("&") else { return self }
        var result = ""
        var rest = Substring(self)
        let entities = ["&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": "\"", "&apos;": "'"]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (entity, character) = entities.first(where: { rest.hasPrefix($0.key) }) {
                result += character
                rest = rest.dropFirst(entity.count)
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
