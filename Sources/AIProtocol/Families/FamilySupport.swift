// Helpers shared by the payload families: keyed-container conveniences, compact JSON text,
// data URLs, tool-call bookkeeping and the conversation errors.

extension KeyedEncodingContainer where Key == AnyKey {
    /// Encodes `value` under the member name `key`.
    mutating func encode<T: Encodable>(_ value: T, for key: String) throws {
        try encode(value, forKey: AnyKey(key))
    }

    /// Encodes `value` under `key` when it is not `nil`.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, for key: String) throws {
        try encodeIfPresent(value, forKey: AnyKey(key))
    }

    /// Encodes an explicit `null` under `key`.
    mutating func encodeNull(for key: String) throws {
        try encodeNil(forKey: AnyKey(key))
    }
}

extension JSONValue {
    /// The members, if this is an object.
    var objectMembers: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The items, if this is an array.
    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The string, when this is a non-empty string.
    var nonEmptyString: String? {
        if case .string(let value) = self, !value.isEmpty { return value }
        return nil
    }

    /// A JSON object from `pairs`, keeping their order.
    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }
}

/// Compact, deterministic JSON text: object members in stored order, no whitespace.
///
/// Used for tool-call arguments, whose text must not depend on dictionary ordering, and to
/// parse the caller's argument and result text into ordered `JSONValue`s.
enum JSONText {
    /// The compact text of `value`. Non-finite numbers, which JSON cannot express, become `null`.
    static func serialize(_ value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    /// The value of JSON `text`, or `nil` when it is not one complete JSON value.
    static func parse(_ text: String) -> JSONValue? {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        guard let value = parser.parseValue(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.isAtEnd ? value : nil
    }

    /// The object `text` holds, or `nil` when it is not a JSON object.
    static func parseObject(_ text: String) -> JSONValue? {
        guard let value = parse(text), case .object = value else { return nil }
        return value
    }

    private static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number):
            if !number.isFinite {
                output += "null"
            } else if number.rounded() == number, abs(number) < 1e15 {
                output += String(Int(number))
            } else {
                output += String(number)
            }
        case .string(let string): writeString(string, to: &output)
        case .array(let items):
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += "," }
                writeString(member.key, to: &output)
                output += ":"
                write(member.value, to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// A recursive-descent parser over UTF-8 bytes that keeps object members in order.
    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        static let maximumDepth = 512

        var isAtEnd: Bool { position >= bytes.count }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func parseValue(depth: Int) -> JSONValue? {
            guard depth < Self.maximumDepth, position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return parseObject(depth: depth)
            case UInt8(ascii: "["): return parseArray(depth: depth)
            case UInt8(ascii: "\""): return parseString().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return parseNumber()
            }
        }

        mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
            let expected = Array(word.utf8)
            guard position + expected.count <= bytes.count,
                Array(bytes[position..<position + expected.count]) == expected
            else { return nil }
            position += expected.count
            return value
        }

        mutating func parseObject(depth: Int) -> JSONValue? {
            position += 1
            var members: [JSONValue.Member] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = parseString()
                else { return nil }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                skipWhitespace()
                guard let value = parseValue(depth: depth + 1) else { return nil }
                members.append(JSONValue.Member(key, value))
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                } else {
                    return nil
                }
            }
        }

        mutating func parseArray(depth: Int) -> JSONValue? {
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                guard let item = parseValue(depth: depth + 1) else { return nil }
                items.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                } else {
                    return nil
                }
            }
        }

        mutating func parseString() -> String? {
            position += 1
            var scalars = String.UnicodeScalarView()
            var chunkStart = position
            func flushChunk(upTo end: Int) {
                guard chunkStart < end else { return }
                // The bytes come from a Swift string, so they are valid UTF-8.
                scalars.append(contentsOf: String(decoding: bytes[chunkStart..<end], as: UTF8.self).unicodeScalars)
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    flushChunk(upTo: position)
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { return nil }
                if byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                flushChunk(upTo: position)
                guard position + 1 < bytes.count else { return nil }
                let escape = bytes[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    guard let unit = hexUnit() else { return nil }
                    if (0xD800..<0xDC00).contains(unit) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { return nil }
                        position += 2
                        guard let low = hexUnit(), (0xDC00..<0xE000).contains(low),
                            let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        else { return nil }
                        scalars.append(scalar)
                    } else {
                        guard let scalar = Unicode.Scalar(unit) else { return nil }
                        scalars.append(scalar)
                    }
                default: return nil
                }
                chunkStart = position
            }
            return nil
        }

        mutating func hexUnit() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var unit: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                guard let digit = hexDigit(byte) else { return nil }
                unit = unit * 16 + digit
            }
            position += 4
            return unit
        }

        func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        mutating func parseNumber() -> JSONValue? {
            let start = position
            var isIntegral = true
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() else { return nil }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isIntegral = false
                position += 1
                guard digits() else { return nil }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                isIntegral = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                guard digits() else { return nil }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if isIntegral, let integer = Int(text) { return .integer(integer) }
            return Double(text).map(JSONValue.number)
        }

        mutating func digits() -> Bool {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position > start
        }
    }
}

/// A `data:` URL's parts, for providers that take inline images as separate media type and data.
struct DataURL: Hashable {
    /// The media type, such as `image/png`.
    var mediaType: String
    /// The base64 payload.
    var base64: String

    /// The parts of base64 `data` of `mediaType`.
    init(mediaType: String, base64: String) {
        self.mediaType = mediaType
        self.base64 = base64
    }

    /// The parts of a base64 `data:` URL; `nil` for any other URL (including percent-encoded data URLs).
    init?(_ url: String) {
        guard url.count > 5, url.prefix(5).lowercased() == "data:", let comma = url.firstIndex(of: ",") else {
            return nil
        }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
        var parameters = header.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard parameters.count >= 2, parameters.removeLast().lowercased() == "base64" else { return nil }
        mediaType = parameters[0].isEmpty ? "application/octet-stream" : parameters[0]
        base64 = String(url[url.index(after: comma)...])
    }

    /// The `data:` URL of base64 `data` of `mediaType`.
    static func string(mediaType: String, base64 data: String) -> String {
        "data:\(mediaType);base64,\(data)"
    }
}

/// The image media type a URL's file extension implies, when it is a common image format.
func imageMediaType(forURL url: String) -> String? {
    var path = Substring(url)
    if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "webp": return "image/webp"
    case "gif": return "image/gif"
    case "heic": return "image/heic"
    case "heif": return "image/heif"
    default: return nil
    }
}

/// Ids of tool calls that a family made up because the provider sent none (`call_0`, `call_1`,
/// …). Families whose providers send no ids do not send such ids back.
enum SynthesizedCallID {
    /// The id of the call at `position`.
    static func make(_ position: Int) -> String { "call_\(position)" }

    /// Whether `id` has the made-up form.
    static func matches(_ id: String) -> Bool {
        guard id.hasPrefix("call_") else { return false }
        let digits = id.dropFirst(5)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }
}

/// The values a response path selected, with arrays opened: a path may select the array of
/// calls itself or its elements.
func flattenedObjects(_ values: [JSONValue]) -> [JSONValue] {
    values.flatMap { value -> [JSONValue] in
        switch value {
        case .array(let items): flattenedObjects(items)
        case .object: [value]
        default: []
        }
    }
}

/// The JSON text of tool-call arguments that arrived as a JSON string or (on lenient servers) as
/// a JSON value. A missing value is the empty object.
func argumentsText(_ value: JSONValue?) -> String {
    switch value {
    case nil, .null?: "{}"
    case .string(let text)?: text
    case let other?: JSONText.serialize(other)
    }
}

/// The arguments of `call` as a JSON object; `{}` when they are empty or not an object.
func argumentsObject(of call: ToolCall) -> JSONValue {
    JSONText.parseObject(call.arguments) ?? .object([])
}

/// Why a conversation cannot be written in a family's wire shape.
func conversationError(_ reason: String) -> EncodingError {
    EncodingError.invalidValue(reason, EncodingError.Context(codingPath: [], debugDescription: reason))
}

/// A provider cannot carry something the conversation holds.
func unsupportedContent(_ feature: String) -> AIError {
    AIError(.unsupportedFeature(feature), errorClass: .invalidRequest)
}

/// The tool name of each call id, in conversation order, for providers whose tool results are
/// matched by name rather than id.
struct ToolNameLookup {
    private var names: [String: String] = [:]

    /// Records the calls of an assistant message.
    mutating func record(_ message: Message) {
        for case .toolUse(let call) in message.content { names[call.id] = call.name }
    }

    /// The tool name of `result`: its own, or that of the earlier call with its id.
    func name(of result: ToolResult) -> String? {
        result.name ?? names[result.callID]
    }
}

/// The parts of a message a family writes separately: tool results, and everything else.
struct SplitContent {
    /// The tool results, in order.
    var results: [ToolResult] = []
    /// The other blocks, in order.
    var others: [ContentBlock] = []

    init(_ content: [ContentBlock]) {
        for block in content {
            if case .toolResult(let result) = block { results.append(result) } else { others.append(block) }
        }
    }
}

/// The "function" tool shape of OpenAI, shared by Cohere v2 and Ollama:
/// `{type: "function", function: {name, description, parameters}}`.
struct FunctionToolWire: Encodable {
    var tool: Tool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode("function", for: "type")
        var function = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("function"))
        try function.encode(tool.name, for: "name")
        try function.encode(tool.description, for: "description")
        try function.encode(tool.parameters, for: "parameters")
    }
}

/// The OpenAI tool-call shape shared by Cohere v2: `{id, type: "function", function: {name, arguments}}`.
struct FunctionCallWire: Encodable {
    var call: ToolCall

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(call.id, for: "id")
        try container.encode("function", for: "type")
        var function = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("function"))
        try function.encode(call.name, for: "name")
        try function.encode(call.arguments.isEmpty ? "{}" : call.arguments, for: "arguments")
    }
}

/// An OpenAI content part: `{type: "text", text}` or `{type: "image_url", image_url: {url}}`.
enum OpenAIContentPartWire: Encodable {
    case text(String)
    case imageURL(String)

    /// The part of a text or image block (other blocks have none).
    init?(_ block: ContentBlock) {
        switch block {
        case .text(let text): self = .text(text)
        case .image(.url(let url)): self = .imageURL(url)
        case .image(.base64(let data, let mediaType)):
            self = .imageURL(DataURL.string(mediaType: mediaType, base64: data))
        default: return nil
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .text(let text):
            try container.encode("text", for: "type")
            try container.encode(text, for: "text")
        case .imageURL(let url):
            try container.encode("image_url", for: "type")
            var image = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("image_url"))
            try image.encode(url, for: "url")
        }
    }
}

/// User content as OpenAI and Cohere take it: a string when it is only text, else parts.
enum OpenAIUserContentWire: Encodable {
    case text(String)
    case parts([OpenAIContentPartWire])

    /// The content of text and image blocks; `role` names the message in errors.
    init(_ blocks: [ContentBlock], role: String) throws {
        var parts: [OpenAIContentPartWire] = []
        var onlyText = true
        var text = ""
        for block in blocks {
            switch block {
            case .text(let value):
                parts.append(.text(value))
                text += value
            case .image:
                onlyText = false
                if let part = OpenAIContentPartWire(block) { parts.append(part) }
            case .thinking: continue
            case .toolUse: throw conversationError("a \(role) message cannot carry a tool call")
            case .toolResult: throw conversationError("a \(role) message cannot carry a tool result here")
            }
        }
        self = onlyText ? .text(text) : .parts(parts)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .parts(let parts): try container.encode(parts)
        }
    }
}

/// The text of a message that may hold only text (and ignored thinking); images and tool
/// blocks are errors naming `role`.
func textOnly(_ blocks: [ContentBlock], role: String, provider: String) throws -> String {
    var text = ""
    for block in blocks {
        switch block {
        case .text(let value): text += value
        case .thinking: continue
        case .image: throw unsupportedContent("images in \(role) messages (\(provider))")
        case .toolUse: throw conversationError("a \(role) message cannot carry a tool call")
        case .toolResult: throw conversationError("a \(role) message cannot carry a tool result")
        }
    }
    return text
}
