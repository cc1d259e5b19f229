import CLibYAML

/// Reads YAML (and JSON, which is YAML) into trees of `YAMLNode`s that know their source ranges.
///
/// The reader is built on libyaml's event parser and applies the YAML 1.2 core schema itself.
/// It guards against hostile input with the limits in `Limits`, and reports every problem as a
/// `YAMLError` with a source range.
///
/// ```swift
/// let documents = try YAMLReader().read("id: openai\nstreaming: true\n")
/// documents[0].root["id"]?.string  // "openai"
/// ```
public struct YAMLReader: Sendable {
    /// Bounds that keep a hostile document from exhausting time or memory.
    public struct Limits: Sendable, Equatable {
        /// The largest stream accepted, in bytes. Default 8 MiB.
        public var maxBytes: Int
        /// The deepest nesting of sequences and mappings. Default 256.
        public var maxDepth: Int
        /// How many nodes aliases may expand to in one document. Default 100,000.
        public var maxAliasNodes: Int

        /// Creates limits.
        public init(maxBytes: Int = 8 << 20, maxDepth: Int = 256, maxAliasNodes: Int = 100_000) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxAliasNodes = maxAliasNodes
        }
    }

    /// The limits this reader applies.
    public var limits: Limits

    /// Creates a reader.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads every document of a YAML stream given as UTF-8 text.
    public func read(_ text: String) throws(YAMLReadFailure) -> [YAMLDocument] {
        try read(Array(text.utf8))
    }

    /// Reads every document of a YAML stream given as bytes (UTF-8, optionally with a BOM).
    ///
    /// - Throws: `YAMLReadFailure` with every duplicate key found and at most one error that
    ///   stopped reading (syntax, encoding, or a limit). When every error is a duplicate key, the
    ///   failure also carries the documents, each mapping keeping the first of its repeated keys.
    public func read(_ bytes: [UInt8]) throws(YAMLReadFailure) -> [YAMLDocument] {
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(source: SourceText(bytes: buffer), limits: limits)
            return builder.run()
        }
        switch outcome {
        case .success(let documents): return documents
        case .failure(let failure): throw failure
        }
    }
}

/// Drives libyaml over one buffer and assembles the node tree.
private struct TreeBuilder {
    private var source: SourceText
    private let limits: YAMLReader.Limits
    private var errors: [YAMLError] = []
    private var documents: [YAMLDocument] = []
    private var stack: [CollectionFrame] = []
    private var anchors: [String: AnchoredNode] = [:]
    private var aliasNodesExpanded = 0
    private var root: YAMLNode?
    private var documentStart = SourceLocation(line: 1, column: 1, offset: 0)

    init(source: SourceText, limits: YAMLReader.Limits) {
        self.source = source
        self.limits = limits
    }

    mutating func run() -> Result<[YAMLDocument], YAMLReadFailure> {
        if source.bytes.count > limits.maxBytes {
            let range = SourceRange(start: source.location(ofByte: 0), end: source.location(ofByte: 0))
            return .failure(
                YAMLReadFailure(errors: [
                    YAMLError(
                        kind: .documentTooLarge,
                        message:
                            "document is \(source.bytes.count) bytes, over the limit of \(limits.maxBytes) bytes",
                        range: range)
                ]))
        }
        if let (offset, problem) = source.firstInvalidUTF8() {
            return .failure(
                YAMLReadFailure(errors: [
                    YAMLError(
                        kind: .invalidUTF8, message: "invalid UTF-8: \(problem)",
                        range: source.characterRange(atByte: offset))
                ]))
        }

        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return .failure(
                YAMLReadFailure(errors: [
                    YAMLError(kind: .syntax, message: "libyaml could not allocate a parser", range: .zero)
                ]))
        }
        defer { yaml_parser_delete(parser) }
        if let base = source.bytes.baseAddress {
            yaml_parser_set_input_string(parser, base, source.bytes.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(parser, &empty, 0)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                errors.append(syntaxError(parser.pointee))
                break
            }
            let isEnd = event.type == YAML_STREAM_END_EVENT
            let fatal = handle(event)
            yaml_event_delete(&event)
            if let fatal {
                errors.append(fatal)
                break
            }
            if isEnd { break }
        }
        if errors.isEmpty { return .success(documents) }
        errors.sort { $0.range.start < $1.range.start }
        let recovered = errors.allSatisfy(\.isRecoverable) ? documents : []
        return .failure(YAMLReadFailure(errors: errors, documents: recovered))
    }

    /// Handles one event; returns an error that must stop reading.
    private mutating func handle(_ event: yaml_event_t) -> YAMLError? {
        let range = SourceRange(start: location(event.start_mark), end: location(event.end_mark))
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            aliasNodesExpanded = 0
            root = nil
            documentStart = range.start
        case YAML_DOCUMENT_END_EVENT:
            let documentRange = SourceRange(start: documentStart, end: range.end)
            let node =
                root
                ?? YAMLNode(
                    .scalar(YAMLScalar(value: .null, text: "", style: .plain)),
                    range: SourceRange(start: documentStart, end: documentStart))
            documents.append(YAMLDocument(root: node, range: documentRange))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, length: data.length)
            let tag = shortTag(data.tag)
            let style = scalarStyle(data.style)
            let value: YAMLScalar.Value
            switch resolveTagged(text: text, tag: tag, style: style) {
            case .success(let resolved): value = resolved
            case .failure(let message): return YAMLError(kind: .syntax, message: message, range: range)
            }
            let node = YAMLNode(.scalar(YAMLScalar(value: value, text: text, style: style)), range: range, tag: tag)
            return complete(node, nodeCount: 1, anchor: optionalString(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = optionalString(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                return YAMLError(
                    kind: .undefinedAlias, message: "alias *\(name) refers to no anchor defined before it",
                    range: range)
            }
            aliasNodesExpanded += anchored.nodeCount
            if aliasNodesExpanded > limits.maxAliasNodes {
                return YAMLError(
                    kind: .aliasBudgetExceeded,
                    message:
                        "alias *\(name) on line \(range.start.line) expands the document past \(limits.maxAliasNodes) nodes; aliases that repeat each other (a \"billion laughs\" document) are refused",
                    range: range,
                    notes: [YAMLError.Note(message: "anchor &\(name) is defined here", range: anchored.node.range)])
            }
            return complete(anchored.node, nodeCount: anchored.nodeCount, anchor: nil)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                return YAMLError(
                    kind: .nestingTooDeep,
                    message: "collections nest deeper than the limit of \(limits.maxDepth) levels",
                    range: range)
            }
            let anchor = optionalString(
                isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
            let tag = shortTag(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag)
            let isFlow =
                isMapping
                ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            stack.append(
                CollectionFrame(isMapping: isMapping, isFlow: isFlow, start: range.start, tag: tag, anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let children = frame.children
            // A block collection's end event sits where the next token starts, possibly lines
            // later; its last child's end is where the collection really ends.
            let end = frame.isFlow ? range.end : (children.last?.range.end ?? range.end)
            let content: YAMLNode.Content
            if frame.isMapping {
                var entries: [YAMLMappingEntry] = []
                entries.reserveCapacity(children.count / 2)
                var index = 0
                while index + 1 < children.count {
                    entries.append(YAMLMappingEntry(key: children[index], value: children[index + 1]))
                    index += 2
                }
                content = .mapping(entries)
            } else {
                content = .sequence(children)
            }
            let node = YAMLNode(content, range: SourceRange(start: frame.start, end: end), tag: frame.tag)
            return complete(node, nodeCount: frame.nodeCount, anchor: frame.anchor)
        default:
            break
        }
        return nil
    }

    /// Adds a finished node to its parent, or makes it the document's root.
    private mutating func complete(_ node: YAMLNode, nodeCount: Int, anchor: String?) -> YAMLError? {
        if let anchor {
            anchors[anchor] = AnchoredNode(node: node, nodeCount: nodeCount)
        }
        guard !stack.isEmpty else {
            root = node
            return nil
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].children.append(node)
            stack[top].nodeCount += nodeCount
            return nil
        }
        if stack[top].children.count % 2 == 0 {
            // A key. A repeated one is kept until its value arrives, which decides the error.
            if let key = node.keyText, let first = stack[top].keys[key] {
                stack[top].pendingDuplicate = PendingDuplicate(key: key, keyRange: node.range, firstKeyIndex: first)
            } else if let key = node.keyText {
                stack[top].keys[key] = stack[top].children.count
            }
            stack[top].children.append(node)
            stack[top].nodeCount += nodeCount
            return nil
        }
        if let duplicate = stack[top].pendingDuplicate {
            // The tree keeps the first entry, so it stays a valid JSON object.
            stack[top].pendingDuplicate = nil
            stack[top].nodeCount -= 1
            stack[top].children.removeLast()
            let firstKey = stack[top].children[duplicate.firstKeyIndex]
            let sameValue = stack[top].children[duplicate.firstKeyIndex + 1].hasSameContent(as: node)
            errors.append(
                YAMLError(
                    kind: sameValue ? .repeatedKey : .duplicateKey,
                    message: sameValue
                        ? "key \"\(duplicate.key)\" is repeated with the same value; remove the repetition"
                        : "duplicate key \"\(duplicate.key)\" in this mapping",
                    range: duplicate.keyRange,
                    notes: [
                        YAMLError.Note(message: "\"\(duplicate.key)\" is first defined here", range: firstKey.range)
                    ]))
            return nil
        }
        stack[top].children.append(node)
        stack[top].nodeCount += nodeCount
        return nil
    }

    private mutating func location(_ mark: yaml_mark_t) -> SourceLocation {
        source.location(characterIndex: Int(mark.index), line: Int(mark.line), column: Int(mark.column))
    }

    private mutating func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        var problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if problem == "found invalid Unicode character escape code" {
            // JSON allows a character outside the BMP as two UTF-16 escapes; YAML does not.
            problem +=
                "; a UTF-16 surrogate pair such as \\uD83D\\uDE00 is not valid in YAML: write the character itself or \\U0001F600"
        }
        if parser.error == YAML_READER_ERROR {
            return YAMLError(
                kind: .invalidUTF8, message: "cannot read the text: \(problem)",
                range: source.characterRange(atByte: Int(parser.problem_offset)))
        }
        let start = location(parser.problem_mark)
        var end = start
        end.column += 1
        end.offset = min(start.offset + 1, source.bytes.count)
        var notes: [YAMLError.Note] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextStart = location(parser.context_mark)
            notes.append(
                YAMLError.Note(
                    message: "\(context) that starts here", range: SourceRange(start: contextStart, end: contextStart)))
        }
        return YAMLError(
            kind: .syntax, message: "syntax error: \(problem)", range: SourceRange(start: start, end: end), notes: notes
        )
    }
}

/// A collection whose end event has not arrived yet.
private struct CollectionFrame {
    let isMapping: Bool
    let isFlow: Bool
    let start: SourceLocation
    let tag: String?
    let anchor: String?
    /// Items of a sequence, or keys and values alternating for a mapping.
    var children: [YAMLNode] = []
    /// Keys seen so far, with their index in `children`, for duplicate detection.
    var keys: [String: Int] = [:]
    /// A key seen before, whose value has not arrived yet.
    var pendingDuplicate: PendingDuplicate?
    /// This collection and everything in it, counting aliases at their expanded size.
    var nodeCount = 1

    init(isMapping: Bool, isFlow: Bool, start: SourceLocation, tag: String?, anchor: String?) {
        self.isMapping = isMapping
        self.isFlow = isFlow
        self.start = start
        self.tag = tag
        self.anchor = anchor
    }
}

private struct PendingDuplicate {
    let key: String
    let keyRange: SourceRange
    let firstKeyIndex: Int
}

private struct AnchoredNode {
    let node: YAMLNode
    let nodeCount: Int
}

private func string(_ pointer: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
}

private func optionalString(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    pointer.map { String(cString: $0) }
}

private let yamlTagPrefix = "tag:yaml.org,2002:"

/// `tag:yaml.org,2002:str` becomes `!!str`; other tags stay as written.
private func shortTag(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    guard let tag = optionalString(pointer) else { return nil }
    return tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
}

private func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
}

private enum TagResolution {
    case success(YAMLScalar.Value)
    case failure(String)
}

/// Resolves a scalar: quoted and block scalars are strings; plain ones follow the core schema;
/// the core schema's own tags (`!!str`, `!!int`, …) force a type and must fit it.
private func resolveTagged(text: String, tag: String?, style: YAMLScalar.Style) -> TagResolution {
    switch tag {
    case nil:
        return .success(style == .plain ? CoreSchema.resolvePlain(text) : .string(text))
    case "!!str", "!":
        return .success(.string(text))
    case "!!null", "!!bool", "!!int", "!!float":
        let resolved = CoreSchema.resolvePlain(text)
        switch (tag, resolved) {
        case ("!!null", .null), ("!!bool", .bool), ("!!int", .integer), ("!!float", .float):
            return .success(resolved)
        case ("!!float", .integer(let value)):
            return .success(.float(Double(value)))
        case ("!!int", .float(let value)) where value.rounded() == value && !text.contains("."):
            return .success(resolved)
        default:
            return .failure("\"\(text)\" is not a valid \(tag!) value")
        }
    default:
        return .success(style == .plain ? CoreSchema.resolvePlain(text) : .string(text))
    }
}
