/// One frame of a provider's stream, before the adapter decodes its JSON.
///
/// Named `RawStreamFrame` because `StreamingAdapter.StreamFrame` is the decoded frame.
public struct RawStreamFrame: Sendable, Hashable {
    /// The server-sent event's `event` field; `nil` for unnamed events and for the other
    /// framings, which have no names. Anthropic's frames are told apart by it.
    public var event: String?
    /// The frame's text: an event's data, a line, or an array element.
    public var payload: String

    /// Creates a frame.
    public init(event: String? = nil, payload: String) {
        self.event = event
        self.payload = payload
    }
}

/// Turns a provider's response bytes into frames by its manifest's `StreamFraming`, so that the
/// runtime's streaming loop is the same for every framing.
///
/// Memory stays constant however long the stream runs: only the current incomplete line, event
/// or element is buffered, up to `maximumFrameSize` bytes.
public struct StreamFramer: Sendable {
    /// The default bound on one frame (16 MiB): far above any real LLM event, low enough that a
    /// server which never ends a frame fails the stream instead of exhausting memory.
    public static let defaultMaximumFrameSize = 16 * 1024 * 1024

    /// The framing the bytes are read by.
    public let framing: StreamFraming
    /// Whether a server-sent event carried the framing's done signal (such as OpenAI's
    /// `[DONE]`). The signal is a framing marker, not JSON, so it is never returned as a frame;
    /// the provider declared the stream over, so frames after it are dropped too.
    public private(set) var reachedDoneSignal = false

    private var serverSentEvents: ServerSentEventParser
    private var lines: NDJSONFramer
    private var arrayElements: JSONArrayStreamFramer
    /// The done signal with surrounding whitespace trimmed, ready to compare.
    private let doneSignal: Substring?

    /// Creates a framer at the start of a stream.
    ///
    /// - Parameter maximumFrameSize: The largest event, line or element, in bytes.
    public init(_ framing: StreamFraming, maximumFrameSize: Int = Self.defaultMaximumFrameSize) {
        self.framing = framing
        serverSentEvents = ServerSentEventParser(maximumEventSize: maximumFrameSize)
        lines = NDJSONFramer(maximumLineSize: maximumFrameSize)
        arrayElements = JSONArrayStreamFramer(maximumElementSize: maximumFrameSize)
        if case .serverSentEvents(let signal?) = framing {
            doneSignal = trimmingWhitespace(Substring(signal))
        } else {
            doneSignal = nil
        }
    }

    /// The frames that `bytes` complete.
    ///
    /// - Throws: `FramingError` when a frame outgrows the maximum or a JSON array stream is
    ///   malformed; the stream cannot continue and every later call throws the same error.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(FramingError) -> [RawStreamFrame] {
        guard !reachedDoneSignal else { return [] }
        switch framing {
        case .serverSentEvents:
            return frames(of: try serverSentEvents.push(bytes))
        case .newlineDelimitedJSON:
            return try lines.push(bytes).map { RawStreamFrame(payload: $0) }
        case .jsonArray:
            return try arrayElements.push(bytes).map { RawStreamFrame(payload: $0) }
        }
    }

    /// The frame the stream ended in without its terminator, when it is whole enough to use:
    /// an event with data, a last line, a last number or literal.
    public mutating func finish() -> [RawStreamFrame] {
        guard !reachedDoneSignal else { return [] }
        switch framing {
        case .serverSentEvents:
            return frames(of: serverSentEvents.finish())
        case .newlineDelimitedJSON:
            return lines.finish().map { RawStreamFrame(payload: $0) }
        case .jsonArray:
            return arrayElements.finish().map { RawStreamFrame(payload: $0) }
        }
    }

    private mutating func frames(of events: [ServerSentEvent]) -> [RawStreamFrame] {
        var frames: [RawStreamFrame] = []
        frames.reserveCapacity(events.count)
        for event in events {
            if let doneSignal, trimmingWhitespace(Substring(event.data)) == doneSignal {
                reachedDoneSignal = true
                break
            }
            frames.append(RawStreamFrame(event: event.event, payload: event.data))
        }
        return frames
    }
}

private func trimmingWhitespace(_ text: Substring) -> Substring {
    let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
    let end = text.lastIndex { !$0.isWhitespace }.map { text.index(after: $0) } ?? start
    return text[start..<end]
}
