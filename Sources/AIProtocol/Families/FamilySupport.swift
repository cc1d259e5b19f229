// Helpers shared by the payload families: keyed-container conveniences, data URLs, tool-call
// bookkeeping, the OpenAI wire shapes other families reuse, and the conversation errors.

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

    /// The inline data of a source: its base64 bytes, or a base64 `data:` URL; `nil` for any
    /// other URL.
    init?(_ source: MediaSource) {
        switch source {
        case .base64(let data, let mediaType): self.init(mediaType: mediaType, base64: data)
        case .url(let url): self.init(url)
        }
    }

    /// The `data:` URL of base64 `data` of `mediaType`.
    static func string(mediaType: String, base64 data: String) -> String {
        "data:\(mediaType);base64,\(data)"
    }
}

/// The media type a URL's file extension implies, when it is a common image, document or audio
/// format.
func mediaType(forURL url: String) -> String? {
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
    case "pdf": return "application/pdf"
    case "wav": return "audio/wav"
    case "mp3": return "audio/mpeg"
    case "flac": return "audio/flac"
    case "ogg": return "audio/ogg"
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

    /// Records calls.
    mutating func record(_ calls: [ToolCall]) {
        for call in calls { names[call.id] = call.name }
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

/// An OpenAI content part: `{type: "text", text}`, `{type: "image_url", image_url: {url}}`,
/// `{type: "file", file: {filename, file_data}}` (a document as a `data:` URL) or
/// `{type: "input_audio", input_audio: {data, format}}` (`wav` or `mp3`).
enum OpenAIContentPartWire: Encodable {
    case text(String)
    case imageURL(String)
    case file(name: String, dataURL: String)
    case inputAudio(base64: String, format: String)

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

    /// The part of a document: its data, as OpenAI takes no document URLs.
    static func document(_ source: MediaSource, provider: String) throws -> OpenAIContentPartWire {
        guard let inline = DataURL(source) else {
            throw unsupportedContent("documents by URL (\(provider) takes them as data)")
        }
        let name = "document." + (inline.mediaType.split(separator: "/").last.map(String.init) ?? "bin")
        return .file(name: name, dataURL: DataURL.string(mediaType: inline.mediaType, base64: inline.base64))
    }

    /// The part of audio: its data, in one of the two formats the wire names.
    static func audio(_ source: MediaSource, provider: String) throws -> OpenAIContentPartWire {
        guard let inline = DataURL(source) else {
            throw unsupportedContent("audio by URL (\(provider) takes it as data)")
        }
        switch inline.mediaType.lowercased() {
        case "audio/wav", "audio/x-wav", "audio/wave": return .inputAudio(base64: inline.base64, format: "wav")
        case "audio/mpeg", "audio/mp3": return .inputAudio(base64: inline.base64, format: "mp3")
        default: throw unsupportedContent("audio of type \(inline.mediaType) (\(provider) takes wav or mp3)")
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
        case .file(let name, let dataURL):
            try container.encode("file", for: "type")
            var file = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("file"))
            try file.encode(name, for: "filename")
            try file.encode(dataURL, for: "file_data")
        case .inputAudio(let base64, let format):
            try container.encode("input_audio", for: "type")
            var audio = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("input_audio"))
            try audio.encode(base64, for: "data")
            try audio.encode(format, for: "format")
        }
    }
}

/// User content as OpenAI and Cohere take it: a string when it is only text, else parts.
enum OpenAIUserContentWire: Encodable {
    case text(String)
    case parts([OpenAIContentPartWire])

    /// The content of text and media blocks; `role` names the message in errors. Documents and
    /// audio are parts only where `provider` takes them (`mediaParts`); elsewhere an error.
    init(_ blocks: [ContentBlock], role: String, provider: String, mediaParts: Bool) throws {
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
            case .document(let source):
                guard mediaParts else { throw unsupportedContent("documents (\(provider))") }
                onlyText = false
                parts.append(try .document(source, provider: provider))
            case .audio(let source):
                guard mediaParts else { throw unsupportedContent("audio input (\(provider))") }
                onlyText = false
                parts.append(try .audio(source, provider: provider))
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
        case .image, .document, .audio: throw unsupportedContent("media in \(role) messages (\(provider))")
        case .toolUse: throw conversationError("a \(role) message cannot carry a tool call")
        case .toolResult: throw conversationError("a \(role) message cannot carry a tool result")
        }
    }
    return text
}
