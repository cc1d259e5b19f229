/// Cuts a stream that is one JSON array, whose elements arrive over time, into the JSON text of
/// each element as soon as the element is complete.
///
/// This is how Gemini's `streamGenerateContent` answers without `alt=sse`: `[{…}\r\n,{…}\r\n]`.
/// Waiting for the closing bracket and parsing the whole array would deliver nothing until the
/// response is over, so the framer tracks strings, escapes and nesting depth byte by byte and
/// hands on each top-level element the moment it closes. It does not validate the elements (the
/// frame decoder does); it only needs the brackets and quotes that decide where one ends.
/// Whitespace and commas between elements are skipped, and only the element being assembled is
/// buffered.
public struct JSONArrayStreamFramer: Sendable {
    /// The largest element, in bytes, before `push` throws `FramingError.frameTooLarge`.
    public let maximumElementSize: Int
    /// Whether the array's closing bracket has arrived: the stream is complete.
    public private(set) var reachedEnd = false

    private enum State: Sendable {
        /// Before the array's opening bracket.
        case beforeArray
        /// Between elements, where whitespace and commas may stand.
        case betweenElements
        /// In an object or array element; `depth` counts its open brackets.
        case inContainer
        /// In a string element.
        case inString
        /// In a number or literal element, which only a delimiter can end.
        case inScalar
        /// After the closing bracket, where only whitespace may follow.
        case afterArray
    }

    private var state = State.beforeArray
    private var depth = 0
    /// Whether the scan is inside a string of a container element.
    private var inNestedString = false
    /// Whether the previous byte was a backslash inside a string.
    private var escaped = false
    /// The element so far, when a chunk ended inside it.
    private var element: [UInt8] = []
    private var byteOrderMark = LeadingByteOrderMark()
    private var failure: FramingError?

    /// Creates a framer at the start of a stream.
    public init(maximumElementSize: Int = StreamFramer.defaultMaximumFrameSize) {
        self.maximumElementSize = maximumElementSize
    }

    /// The JSON text of each element that `bytes` complete.
    ///
    /// - Throws: `FramingError.malformedJSONArray` when the stream does not open with `[` or
    ///   continues after its `]`, and `FramingError.frameTooLarge` when an element outgrows
    ///   `maximumElementSize`; the stream cannot continue and every later call throws the same
    ///   error.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(FramingError) -> [String] {
        var elements = FrameCollector { String(decoding: $0.payload, as: UTF8.self) }
        try withContiguousBytes(of: bytes) { bytes in
            Result { () throws(FramingError) in try push(bytes, into: &elements) }
        }.get()
        return elements.frames
    }

    /// A number or literal the stream ended in, which only the end could close; an unfinished
    /// object, array or string is dropped (the stream was cut short, which the caller learns
    /// from `reachedEnd`). Then resets the framer for a new stream.
    public mutating func finish() -> [String] {
        var elements = FrameCollector { String(decoding: $0.payload, as: UTF8.self) }
        finish(into: &elements)
        return elements.frames
    }

    /// Hands the elements that `bytes` complete to `consumer`, until it wants no more.
    mutating func push(_ bytes: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer) throws(FramingError) {
        if let failure { throw failure }
        do throws(FramingError) {
            var bytes = bytes
            if let held = byteOrderMark.strip(&bytes).first {
                // Only '[' or whitespace may open the stream.
                throw FramingError.malformedJSONArray("expected '[' to open the stream, found \(Self.describe(held))")
            }
            try consume(bytes, into: &consumer)
        } catch {
            self = JSONArrayStreamFramer(maximumElementSize: maximumElementSize)
            failure = error
            throw error
        }
    }

    /// Hands on the element the stream ended in (see `finish()`), then resets the framer.
    mutating func finish(into consumer: inout some FrameConsumer) {
        defer { self = JSONArrayStreamFramer(maximumElementSize: maximumElementSize) }
        guard failure == nil, byteOrderMark.finish().isEmpty, state == .inScalar else { return }
        _ = element.withUnsafeBytes { consumer.consume(FrameBytes(payload: $0)) }
    }

    private mutating func consume(
        _ text: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer
    ) throws(FramingError) {
        // The start of the current element within `text`, when it started in this chunk or an
        // earlier part of it was buffered: the bytes are copied once, when the element ends or
        // the chunk does.
        var start: Int? = isInElement ? text.startIndex : nil
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            switch state {
            case .beforeArray:
                if byte == FrameByte.openBracket {
                    state = .betweenElements
                } else if !FrameByte.isWhitespace(byte) {
                    throw .malformedJSONArray("expected '[' to open the stream, found \(Self.describe(byte))")
                }
            case .betweenElements:
                switch byte {
                case FrameByte.comma, FrameByte.space, FrameByte.tab, FrameByte.lineFeed, FrameByte.carriageReturn:
                    break
                case FrameByte.closeBracket:
                    state = .afterArray
                    reachedEnd = true
                case FrameByte.openBrace, FrameByte.openBracket:
                    state = .inContainer
                    depth = 1
                    start = index
                case FrameByte.quote:
                    state = .inString
                    start = index
                case FrameByte.closeBrace:
                    throw .malformedJSONArray("unexpected '}' between elements")
                default:
                    state = .inScalar
                    start = index
                }
            case .inContainer:
                if inNestedString {
                    if escaped {
                        escaped = false
                    } else if byte == FrameByte.backslash {
                        escaped = true
                    } else if byte == FrameByte.quote {
                        inNestedString = false
                    }
                } else if byte == FrameByte.quote {
                    inNestedString = true
                } else if byte == FrameByte.openBrace || byte == FrameByte.openBracket {
                    depth += 1
                } else if byte == FrameByte.closeBrace || byte == FrameByte.closeBracket {
                    depth -= 1
                    if depth == 0 {
                        guard try complete(text, from: start!, upTo: index + 1, into: &consumer) else { return }
                        start = nil
                    }
                }
            case .inString:
                if escaped {
                    escaped = false
                } else if byte == FrameByte.backslash {
                    escaped = true
                } else if byte == FrameByte.quote {
                    guard try complete(text, from: start!, upTo: index + 1, into: &consumer) else { return }
                    start = nil
                }
            case .inScalar:
                if byte == FrameByte.comma || byte == FrameByte.closeBracket || FrameByte.isWhitespace(byte) {
                    guard try complete(text, from: start!, upTo: index, into: &consumer) else { return }
                    start = nil
                    continue  // the delimiter is read again, between elements
                }
            case .afterArray:
                if !FrameByte.isWhitespace(byte) {
                    throw .malformedJSONArray("unexpected \(Self.describe(byte)) after the array's closing ']'")
                }
            }
            index += 1
        }
        if let start {
            try reserve(text.endIndex - start)
            element.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start...]))
        }
    }

    private var isInElement: Bool {
        state == .inContainer || state == .inString || state == .inScalar
    }

    /// Hands on the element whose last bytes are `text[start..<end]`, buffered part first.
    /// Returns `false` when the consumer wants no more.
    private mutating func complete(
        _ text: UnsafeRawBufferPointer, from start: Int, upTo end: Int, into consumer: inout some FrameConsumer
    ) throws(FramingError) -> Bool {
        let tail = UnsafeRawBufferPointer(rebasing: text[start..<end])
        try reserve(tail.count)
        let proceed: Bool
        if element.isEmpty {
            proceed = consumer.consume(FrameBytes(payload: tail))
        } else {
            element.append(contentsOf: tail)
            proceed = element.withUnsafeBytes { consumer.consume(FrameBytes(payload: $0)) }
            element.clearRetainingSmallCapacity()
        }
        state = .betweenElements
        depth = 0
        inNestedString = false
        escaped = false
        return proceed
    }

    private func reserve(_ count: Int) throws(FramingError) {
        if element.count + count > maximumElementSize {
            throw .frameTooLarge(limit: maximumElementSize)
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}
