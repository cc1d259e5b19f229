/// One event of a server-sent event stream, as the WHATWG HTML specification dispatches it.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event` field; `nil` when the event had none (or an empty one), which the
    /// specification calls a `message` event. Anthropic names every event; OpenAI names none.
    public var event: String?
    /// The `data` lines joined with "\n".
    public var data: String
    /// The last event ID: the most recent `id` field of the stream so far, not only of this
    /// event, because the specification carries it over (it is what a reconnection resumes
    /// from). `nil` until a stream sets one; empty after an empty `id` field resets it.
    public var id: String?
    /// The `retry` field of this event's lines, in milliseconds, when it held only digits.
    public var retry: Int?

    /// Creates an event.
    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

/// Parses a `text/event-stream` by the WHATWG HTML "Interpreting an event stream" rules, one
/// network chunk at a time.
///
/// The result does not depend on where chunks split the stream: in a field name, in a UTF-8
/// scalar, between the CR and LF of one line break. Memory holds only the current line and the
/// event being assembled, bounded by `maximumEventSize`, so a stream may run for hours.
///
/// One deliberate leniency: the specification discards an event the stream ends before its
/// blank line, but many LLM servers end their last event without one, so `finish()` dispatches
/// it when it has data.
public struct ServerSentEventParser: Sendable {
    /// The largest event, in bytes of its data so far plus its current line, before `push`
    /// throws `FramingError.frameTooLarge`.
    public let maximumEventSize: Int
    /// The stream's reconnection time from its latest valid `retry` field, in milliseconds;
    /// kept here too because a `retry` in a block without data dispatches no event to carry it.
    public private(set) var reconnectionTime: Int?

    private var decoder = UTF8StreamDecoder()
    /// The current line, when a chunk ended inside it.
    private var line: [UInt8] = []
    /// Whether the last byte seen was a CR, so that an LF starting the next chunk completes the
    /// same line break instead of ending an empty line (which would dispatch the event).
    private var afterCarriageReturn = false
    private var data: [UInt8] = []
    private var eventType: [UInt8] = []
    private var lastEventID: String?
    private var retry: Int?
    private var failure: FramingError?

    /// Creates a parser at the start of a stream.
    public init(maximumEventSize: Int = StreamFramer.defaultMaximumFrameSize) {
        self.maximumEventSize = maximumEventSize
    }

    /// The events that `bytes` complete.
    ///
    /// - Parameter onComment: Called with the text after the colon of each comment line, which
    ///   servers send as keep-alives (such as `: ping` or `: OPENROUTER PROCESSING`).
    /// - Throws: `FramingError.frameTooLarge` when an event outgrows `maximumEventSize`; the
    ///   stream cannot continue and every later call throws the same error.
    public mutating func push(
        _ bytes: some Collection<UInt8>, onComment: ((String) -> Void)? = nil
    ) throws(FramingError) -> [ServerSentEvent] {
        if let failure { throw failure }
        var text: [UInt8] = []
        decoder.decode(bytes, into: &text)
        var events: [ServerSentEvent] = []
        try consume(text, into: &events, onComment: onComment)
        return events
    }

    /// The event the stream ended in without its blank line, when it has data (the leniency
    /// described on the type), then resets the parser for a new stream.
    public mutating func finish() -> [ServerSentEvent] {
        defer { self = ServerSentEventParser(maximumEventSize: maximumEventSize) }
        guard failure == nil else { return [] }
        decoder.finish(into: &line)
        var events: [ServerSentEvent] = []
        if !line.isEmpty {
            process(line[...], into: &events, onComment: nil)
        }
        dispatch(into: &events)
        return events
    }

    private mutating func consume(
        _ text: [UInt8], into events: inout [ServerSentEvent], onComment: ((String) -> Void)?
    ) throws(FramingError) {
        var index = text.startIndex
        if afterCarriageReturn && index < text.endIndex {
            afterCarriageReturn = false
            if text[index] == FrameByte.lineFeed { index += 1 }
        }
        while index < text.endIndex {
            guard
                let end = text[index...].firstIndex(where: {
                    $0 == FrameByte.lineFeed || $0 == FrameByte.carriageReturn
                })
            else {
                try reserve(text.endIndex - index)
                line.append(contentsOf: text[index...])
                return
            }
            try reserve(end - index)
            if line.isEmpty {
                process(text[index..<end], into: &events, onComment: onComment)
            } else {
                line.append(contentsOf: text[index..<end])
                process(line[...], into: &events, onComment: onComment)
                line.clearRetainingSmallCapacity()
            }
            index = end + 1
            if text[end] == FrameByte.carriageReturn {
                if index == text.endIndex {
                    afterCarriageReturn = true
                } else if text[index] == FrameByte.lineFeed {
                    index += 1
                }
            }
        }
    }

    /// Checks that `count` more bytes of the current line keep the event within its limit.
    /// Checking the whole line before it is processed makes the outcome independent of where
    /// chunks split it.
    private mutating func reserve(_ count: Int) throws(FramingError) {
        guard data.count + line.count + count > maximumEventSize else { return }
        let error = FramingError.frameTooLarge(limit: maximumEventSize)
        self = ServerSentEventParser(maximumEventSize: maximumEventSize)
        failure = error
        throw error
    }

    private mutating func process(
        _ line: ArraySlice<UInt8>, into events: inout [ServerSentEvent], onComment: ((String) -> Void)?
    ) {
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == FrameByte.colon {
            onComment?(String(decoding: line.dropFirst(), as: UTF8.self))
            return
        }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: FrameByte.colon) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == FrameByte.space { value = value.dropFirst() }
        } else {
            field = line
            value = []
        }
        if field.elementsEqual("data".utf8) {
            data.append(contentsOf: value)
            data.append(FrameByte.lineFeed)
        } else if field.elementsEqual("event".utf8) {
            eventType = Array(value)
        } else if field.elementsEqual("id".utf8) {
            if !value.contains(0) {
                lastEventID = String(decoding: value, as: UTF8.self)
            }
        } else if field.elementsEqual("retry".utf8) {
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let milliseconds = Int(String(decoding: value, as: UTF8.self))
            {
                retry = milliseconds
                reconnectionTime = milliseconds
            }
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            data.clearRetainingSmallCapacity()
            eventType.removeAll()
            retry = nil
        }
        guard !data.isEmpty else { return }
        let event = ServerSentEvent(
            event: eventType.isEmpty ? nil : String(decoding: eventType, as: UTF8.self),
            data: String(decoding: data.dropLast(), as: UTF8.self),
            id: lastEventID,
            retry: retry)
        events.append(event)
    }
}
