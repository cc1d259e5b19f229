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

    init(_ frame: FrameBytes) {
        self.init(
            event: frame.event.isEmpty ? nil : UTF8Validation.string(frame.event),
            payload: String(decoding: frame.payload, as: UTF8.self))
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

    /// Creates a framer at the start of a stream.
    ///
    /// - Parameter framing: How the stream's bytes are divided into frames: server-sent events,
    ///   JSON lines or the elements of one JSON array.
    /// - Parameter maximumFrameSize: The largest event, line or element, in bytes.
    public init(_ framing: StreamFraming, maximumFrameSize: Int = Self.defaultMaximumFrameSize) {
        self.framing = framing
        serverSentEvents = ServerSentEventParser(maximumEventSize: maximumFrameSize)
        lines = NDJSONFramer(maximumLineSize: maximumFrameSize)
        arrayElements = JSONArrayStreamFramer(maximumElementSize: maximumFrameSize)
        if case .serverSentEvents(let signal?) = framing {
            let trimmed = Array(signal.utf8).withUnsafeBytes { Array(trimmingWhitespace($0)) }
            // An empty signal is no signal: the stream ends by its stop condition or its close.
            serverSentEvents.doneSignal = trimmed.isEmpty ? nil : trimmed
        }
    }

    /// The frames that `bytes` complete.
    ///
    /// - Throws: `FramingError` when a frame outgrows the maximum or a JSON array stream is
    ///   malformed; the stream cannot continue and every later call throws the same error.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(FramingError) -> [RawStreamFrame] {
        var frames = FrameCollector(make: RawStreamFrame.init)
        try withContiguousBytes(of: bytes) { bytes in
            Result { () throws(FramingError) in try push(bytes, into: &frames) }
        }.get()
        return frames.frames
    }

    /// The frame the stream ended in without its terminator, when it is whole enough to use:
    /// an event with data, a last line, a last number or literal.
    public mutating func finish() -> [RawStreamFrame] {
        var frames = FrameCollector(make: RawStreamFrame.init)
        finish(into: &frames)
        return frames.frames
    }

    /// Hands the frames that `bytes` complete to `consumer`, until it wants no more.
    mutating func push(_ bytes: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer) throws(FramingError) {
        guard !reachedDoneSignal else { return }
        switch framing {
        case .serverSentEvents:
            defer { reachedDoneSignal = serverSentEvents.reachedDoneSignal }
            try serverSentEvents.push(bytes, into: &consumer)
        case .newlineDelimitedJSON:
            try lines.push(bytes, into: &consumer)
        case .jsonArray:
            try arrayElements.push(bytes, into: &consumer)
        }
    }

    /// Hands the frame the stream ended in to `consumer` (see `finish()`).
    mutating func finish(into consumer: inout some FrameConsumer) {
        guard !reachedDoneSignal else { return }
        switch framing {
        case .serverSentEvents:
            reachedDoneSignal = serverSentEvents.finish(into: &consumer)
        case .newlineDelimitedJSON:
            lines.finish(into: &consumer)
        case .jsonArray:
            arrayElements.finish(into: &consumer)
        }
    }
}
