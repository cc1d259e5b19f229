#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

    init(_ frame: FrameBytes) {
        self.init(
            event: frame.event.isEmpty ? nil : UTF8Validation.string(frame.event),
            data: String(decoding: frame.payload, as: UTF8.self), id: frame.id, retry: frame.retry)
    }
}

/// Parses a `text/event-stream` by the WHATWG HTML "Interpreting an event stream" rules, one
/// network chunk at a time.
///
/// The result does not depend on where chunks split the stream: in a field name, in a UTF-8
/// scalar, between the CR and LF of one line break. Memory holds only the current line and the
/// event being assembled, bounded by `maximumEventSize`, so a stream may run for hours.
///
/// The parser works on bytes: it finds line breaks with the C library's `memchr`, hands on an
/// event that one chunk holds whole (one data line, the usual case) as a view of the chunk,
/// copies a data line's value at most once otherwise, into the event's data, and leaves checking
/// the event's UTF-8 to whoever reads it (see `UTF8Validation` for why that equals decoding
/// first).
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

    /// The data (trimmed of whitespace) of the event that ends the stream, such as OpenAI's
    /// `[DONE]`: it is not dispatched, and nothing after it is read. Set by `StreamFramer`.
    var doneSignal: [UInt8]?
    /// Whether the done signal has arrived.
    private(set) var reachedDoneSignal = false

    private var byteOrderMark = LeadingByteOrderMark()
    /// The current line, when a chunk ended inside it (unless it is a data line, see below).
    private var line: [UInt8] = []
    /// Whether a chunk ended inside a data line after its field name: the rest of the line's
    /// value goes straight into `data`, so that the value is copied only once.
    private var lineIsData: Bool { dataLinePrefixLength > 0 }
    /// The length of that data line's `data:` or `data: `, which counts towards the limit.
    private var dataLinePrefixLength = 0
    /// Whether the last byte seen was a CR, so that an LF starting the next chunk completes the
    /// same line break instead of ending an empty line (which would dispatch the event).
    private var afterCarriageReturn = false
    /// The event's data lines so far, each followed by LF.
    private var data: [UInt8] = []
    private var eventType: [UInt8] = []
    /// The event's only data line so far, without its LF, as a view of the chunk being read
    /// (`data` is empty then): an event that one chunk holds is handed on without a copy. It is
    /// copied into `data` when another data line follows and when the chunk ends first.
    private nonisolated(unsafe) var borrowedData: UnsafeRawBufferPointer?
    /// The event's `event` field as a view of the chunk being read, in place of `eventType`.
    private nonisolated(unsafe) var borrowedEventType: UnsafeRawBufferPointer?
    private var lastEventID: String?
    private var retry: Int?
    private var failure: FramingError?

    /// Creates a parser at the start of a stream.
    public init(maximumEventSize: Int = StreamFramer.defaultMaximumFrameSize) {
        self.maximumEventSize = maximumEventSize
    }

    /// The events that `bytes` complete.
    ///
    /// - Parameter bytes: The next bytes of the stream, in any chunking: an event, a line or a
    ///   UTF-8 character may be split across calls.
    /// - Parameter onComment: Called with the text after the colon of each comment line, which
    ///   servers send as keep-alives (such as `: ping` or `: OPENROUTER PROCESSING`).
    /// - Throws: `FramingError.frameTooLarge` when an event outgrows `maximumEventSize`; the
    ///   stream cannot continue and every later call throws the same error.
    public mutating func push(
        _ bytes: some Collection<UInt8>, onComment: ((String) -> Void)? = nil
    ) throws(FramingError) -> [ServerSentEvent] {
        var events = FrameCollector(make: ServerSentEvent.init)
        try withContiguousBytes(of: bytes) { bytes in
            Result { () throws(FramingError) in try push(bytes, into: &events, onComment: onComment) }
        }.get()
        return events.frames
    }

    /// The event the stream ended in without its blank line, when it has data (the leniency
    /// described on the type), then resets the parser for a new stream.
    public mutating func finish() -> [ServerSentEvent] {
        var events = FrameCollector(make: ServerSentEvent.init)
        finish(into: &events)
        return events.frames
    }

    /// Hands the events that `bytes` complete to `consumer`, until it wants no more.
    mutating func push(
        _ bytes: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer,
        onComment: ((String) -> Void)? = nil
    ) throws(FramingError) {
        if let failure { throw failure }
        guard !reachedDoneSignal else { return }
        // The views of `bytes` end with this call.
        defer { keepBorrowedBytes() }
        var bytes = bytes
        let held = byteOrderMark.strip(&bytes)
        if !held.isEmpty {
            // What looked like the start of a byte order mark starts the first line.
            try reserve(held.count)
            line.append(contentsOf: held)
        }
        _ = try consume(bytes, into: &consumer, onComment: onComment)
    }

    /// Hands on the event the stream ended in (see `finish()`), then resets the parser.
    ///
    /// - Returns: Whether the done signal has arrived, which the reset forgets.
    @discardableResult
    mutating func finish(into consumer: inout some FrameConsumer) -> Bool {
        let signal = doneSignal
        defer {
            self = ServerSentEventParser(maximumEventSize: maximumEventSize)
            doneSignal = signal
        }
        guard failure == nil, !reachedDoneSignal else { return reachedDoneSignal }
        // A stream of only the start of a byte order mark: an unterminated line.
        line.append(contentsOf: byteOrderMark.finish())
        if lineIsData {
            data.append(FrameByte.lineFeed)
            dataLinePrefixLength = 0
        } else if !line.isEmpty {
            guard processBufferedLine(into: &consumer, onComment: nil) else { return reachedDoneSignal }
        }
        _ = dispatch(into: &consumer)
        return reachedDoneSignal
    }

    /// Reads the lines of `bytes`. Returns `false` when the consumer or the done signal ended
    /// the stream.
    private mutating func consume(
        _ bytes: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer, onComment: ((String) -> Void)?
    ) throws(FramingError) -> Bool {
        let count = bytes.count
        var index = 0
        if afterCarriageReturn && count > 0 {
            afterCarriageReturn = false
            if bytes[0] == FrameByte.lineFeed { index = 1 }
        }
        // The next CR, kept from line to line: servers rarely send one, so that each line then
        // costs one search, for its LF.
        var carriageReturn = -1
        while index < count {
            if carriageReturn < index {
                carriageReturn = bytes.firstOffset(of: FrameByte.carriageReturn, from: index, to: count)
            }
            if let delivered = deliverDataEvent(bytes, at: index, before: carriageReturn, into: &consumer) {
                guard delivered.proceed else { return false }
                index = delivered.next
                continue
            }
            let end = min(bytes.firstOffset(of: FrameByte.lineFeed, from: index, to: carriageReturn), carriageReturn)
            let segment = UnsafeRawBufferPointer(rebasing: bytes[index..<end])
            guard end < count else {
                try keepPartialLine(segment)
                return true
            }
            try reserve(segment.count)
            let proceed: Bool
            if lineIsData {
                appendDataLine(segment)
                dataLinePrefixLength = 0
                proceed = true
            } else if line.isEmpty {
                proceed = process(segment, inChunk: true, into: &consumer, onComment: onComment)
            } else {
                line.append(contentsOf: segment)
                proceed = processBufferedLine(into: &consumer, onComment: onComment)
            }
            index = end + 1
            if bytes[end] == FrameByte.carriageReturn {
                if index == count {
                    afterCarriageReturn = true
                } else if bytes[index] == FrameByte.lineFeed {
                    index += 1
                }
            }
            guard proceed else { return false }
        }
        return true
    }

    /// Hands on the event at `start` when it is one data line (after an `event` line or not)
    /// and the blank line after it, whole before `end` (the chunk's next CR or its end), with
    /// nothing of an event before it: the usual event of every provider's stream, read here in
    /// one step to the same result as line by line. Returns where reading goes on and whether
    /// the consumer wants more; `nil`, having done nothing, for any other event.
    private mutating func deliverDataEvent(
        _ bytes: UnsafeRawBufferPointer, at start: Int, before end: Int, into consumer: inout some FrameConsumer
    ) -> (next: Int, proceed: Bool)? {
        guard var leading = Field.leading(bytes, at: start, before: end), line.isEmpty, !lineIsData, data.isEmpty,
            borrowedData == nil, borrowedEventType == nil, eventType.isEmpty, retry == nil
        else { return nil }
        var dataStart = start
        var event = UnsafeRawBufferPointer(start: nil, count: 0)
        if leading.field == .event {
            guard
                let (value, next) = Self.line(
                    bytes, valueAt: leading.colon + 1, from: start, before: end, limit: maximumEventSize),
                let afterEvent = Field.leading(bytes, at: next, before: end)
            else { return nil }
            event = value
            dataStart = next
            leading = afterEvent
        }
        guard leading.field == .data,
            let (payload, blank) = Self.line(
                bytes, valueAt: leading.colon + 1, from: dataStart, before: end, limit: maximumEventSize),
            blank < end, bytes[blank] == FrameByte.lineFeed
        else { return nil }
        let delivery = deliver(payload, event: event, into: &consumer)
        if delivery.isDoneSignal { reachedDoneSignal = true }
        return (blank + 1, delivery.proceed)
    }

    /// The value of the field line at `start` (after the colon at `valueAt - 1` and one space)
    /// and where the next line starts, when the line ends before `end` and is within `limit`.
    private static func line(
        _ bytes: UnsafeRawBufferPointer, valueAt valueStart: Int, from start: Int, before end: Int, limit: Int
    ) -> (value: UnsafeRawBufferPointer, next: Int)? {
        let valueStart = valueStart < end && bytes[valueStart] == FrameByte.space ? valueStart + 1 : valueStart
        let lineEnd = bytes.firstOffset(of: FrameByte.lineFeed, from: valueStart, to: end)
        // A line over the limit is left to the general path, which fails the stream.
        guard lineEnd < end, lineEnd - start <= limit else { return nil }
        return (UnsafeRawBufferPointer(rebasing: bytes[valueStart..<lineEnd]), lineEnd + 1)
    }

    /// Keeps the start of a line that the chunk ended in. A data line's value goes straight
    /// into the event's data once its field name is complete.
    private mutating func keepPartialLine(_ segment: UnsafeRawBufferPointer) throws(FramingError) {
        try reserve(segment.count)
        keepBorrowedBytes()
        if lineIsData {
            data.append(contentsOf: segment)
        } else if line.isEmpty, segment.count > Self.dataPrefix.count, segment.starts(with: Self.dataPrefix) {
            let valueStart = Self.dataPrefix.count + (segment[Self.dataPrefix.count] == FrameByte.space ? 1 : 0)
            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: segment[valueStart...]))
            dataLinePrefixLength = valueStart
        } else {
            line.append(contentsOf: segment)
        }
    }

    private static let dataPrefix: [UInt8] = Array("data:".utf8)

    /// Processes the line buffered in `line`, then empties it.
    private mutating func processBufferedLine(
        into consumer: inout some FrameConsumer, onComment: ((String) -> Void)?
    ) -> Bool {
        // Moved out, so that processing may change the parser while reading the line.
        var completed: [UInt8] = []
        swap(&completed, &line)
        let proceed = completed.withUnsafeBytes { process($0, inChunk: false, into: &consumer, onComment: onComment) }
        completed.clearRetainingSmallCapacity()
        line = completed
        return proceed
    }

    /// Checks that `count` more bytes of the current line keep the event within its limit.
    /// Checking the whole line before it is processed makes the outcome independent of where
    /// chunks split it.
    private mutating func reserve(_ count: Int) throws(FramingError) {
        let dataCount = data.count + (borrowedData.map { $0.count + 1 } ?? 0)
        guard dataCount + line.count + dataLinePrefixLength + count > maximumEventSize else { return }
        let error = FramingError.frameTooLarge(limit: maximumEventSize)
        let signal = doneSignal
        self = ServerSentEventParser(maximumEventSize: maximumEventSize)
        doneSignal = signal
        failure = error
        throw error
    }

    /// Processes one complete line, a view of the chunk being read when `inChunk`. Returns
    /// `false` when the stream ended with it.
    private mutating func process(
        _ line: UnsafeRawBufferPointer, inChunk: Bool, into consumer: inout some FrameConsumer,
        onComment: ((String) -> Void)?
    ) -> Bool {
        guard let first = line.first else {
            return dispatch(into: &consumer)
        }
        if first == FrameByte.colon {
            onComment?(UTF8Validation.string(UnsafeRawBufferPointer(rebasing: line.dropFirst())))
            return true
        }
        let (field, value) = Self.fieldAndValue(of: line)
        switch field {
        case .data?:
            if inChunk, data.isEmpty, borrowedData == nil {
                borrowedData = value
            } else {
                appendDataLine(value)
            }
        case .event?:
            if !eventType.isEmpty { eventType.removeAll(keepingCapacity: true) }
            if inChunk {
                borrowedEventType = value
            } else {
                borrowedEventType = nil
                eventType.append(contentsOf: value)
            }
        case .id?:
            if !value.contains(0) {
                lastEventID = UTF8Validation.string(value)
            }
        case .retry?:
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let milliseconds = Int(String(decoding: value, as: UTF8.self))
            {
                retry = milliseconds
                reconnectionTime = milliseconds
            }
        case nil:
            break
        }
        return true
    }

    /// The field a line names and its value (after the colon and one space); a line without a
    /// colon is a field name with an empty value.
    private static func fieldAndValue(of line: UnsafeRawBufferPointer) -> (Field?, UnsafeRawBufferPointer) {
        let colon: Int
        let field: Field?
        if let leading = Field.leading(line, at: 0, before: line.count) {
            (field, colon) = (leading.field, leading.colon)
        } else {
            colon = line.firstOffset(of: FrameByte.colon, from: 0, to: line.count)
            field = Field(UnsafeRawBufferPointer(rebasing: line[..<colon]))
            if colon == line.count { return (field, UnsafeRawBufferPointer(start: nil, count: 0)) }
        }
        let valueStart = colon + 1 < line.count && line[colon + 1] == FrameByte.space ? colon + 2 : colon + 1
        return (field, UnsafeRawBufferPointer(rebasing: line[valueStart...]))
    }

    /// Appends a data line and its LF to `data`, after the line borrowed before it.
    private mutating func appendDataLine(_ value: UnsafeRawBufferPointer) {
        keepBorrowedBytes()
        data.append(contentsOf: value)
        data.append(FrameByte.lineFeed)
    }

    /// Copies what the event holds as views of the chunk being read into its own buffers.
    private mutating func keepBorrowedBytes() {
        if let line = borrowedData {
            data.append(contentsOf: line)
            data.append(FrameByte.lineFeed)
            borrowedData = nil
        }
        if let type = borrowedEventType {
            eventType.append(contentsOf: type)
            borrowedEventType = nil
        }
    }

    /// Dispatches the event assembled so far, if it has data. Returns `false` when it was the
    /// done signal or the consumer wants no more.
    private mutating func dispatch(into consumer: inout some FrameConsumer) -> Bool {
        defer {
            data.clearRetainingSmallCapacity()
            if !eventType.isEmpty { eventType.removeAll(keepingCapacity: true) }
            borrowedData = nil
            borrowedEventType = nil
            retry = nil
        }
        let delivery: (proceed: Bool, isDoneSignal: Bool)
        let event = borrowedEventType ?? UnsafeRawBufferPointer(start: nil, count: 0)
        if let line = borrowedData {
            delivery = deliver(line, event: event, into: &consumer)
        } else if data.isEmpty {
            return true
        } else {
            // Without the LF that ends the last data line.
            delivery = data.withUnsafeBytes {
                deliver(UnsafeRawBufferPointer(rebasing: $0.dropLast()), event: event, into: &consumer)
            }
        }
        if delivery.isDoneSignal { reachedDoneSignal = true }
        return delivery.proceed
    }

    /// Whether `payload` is `signal`, but for whitespace around it. A frame of JSON is not, and
    /// is told so by its first byte, for every frame.
    private static func payload(_ payload: UnsafeRawBufferPointer, is signal: [UInt8]) -> Bool {
        if let first = payload.first, let start = signal.first, first != start, !FrameByte.isWhitespace(first) {
            return false
        }
        let trimmed = trimmingWhitespace(payload)
        return trimmed.count == signal.count && signal.withUnsafeBytes { trimmed.elementsEqual($0) }
    }

    /// Hands an event's data to `consumer`, unless it is the done signal. `event` is its type,
    /// a view of the chunk; empty when the type is in `eventType` or there is none.
    private func deliver(
        _ payload: UnsafeRawBufferPointer, event: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer
    ) -> (proceed: Bool, isDoneSignal: Bool) {
        if let doneSignal, Self.payload(payload, is: doneSignal) {
            return (false, true)
        }
        func consume(_ event: UnsafeRawBufferPointer) -> Bool {
            var frame = FrameBytes(event: event, payload: payload)
            frame.id = lastEventID
            frame.retry = retry
            return consumer.consume(frame)
        }
        if !event.isEmpty || eventType.isEmpty { return (consume(event), false) }
        return (eventType.withUnsafeBytes(consume), false)
    }
}

/// The fields of an event stream line; others are ignored.
private enum Field {
    case data, event, id, retry

    /// The bytes of `data` as one word, in memory order.
    private static let dataWord = UInt32(littleEndian: 0x6174_6164)
    /// The first four bytes of `event` as one word, in memory order.
    private static let eventWord = UInt32(littleEndian: 0x6E65_7665)

    /// `data` or `event`, and the offset of its colon, when the line at `start` (six bytes or
    /// more before `end`) begins with that name and a colon: nearly every line of a stream, told
    /// by its first bytes without searching for the colon. `nil` for any other line.
    static func leading(
        _ bytes: UnsafeRawBufferPointer, at start: Int, before end: Int
    ) -> (field: Field, colon: Int)? {
        guard start + 6 <= end else { return nil }
        let word = bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self)
        if word == dataWord, bytes[start + 4] == FrameByte.colon { return (.data, start + 4) }
        if word == eventWord, bytes[start + 4] == UInt8(ascii: "t"), bytes[start + 5] == FrameByte.colon {
            return (.event, start + 5)
        }
        return nil
    }

    /// The field a line's name is, compared byte by byte (this runs for every line).
    init?(_ name: UnsafeRawBufferPointer) {
        func `is`(_ text: StaticString) -> Bool {
            name.count == text.utf8CodeUnitCount && memcmp(name.baseAddress!, text.utf8Start, name.count) == 0
        }
        switch name.count {
        case 4 where `is`("data"): self = .data
        case 5 where `is`("event"): self = .event
        case 2 where `is`("id"): self = .id
        case 5 where `is`("retry"): self = .retry
        default: return nil
        }
    }
}

/// `bytes` without the JSON whitespace (space, tab, CR, LF) around them.
func trimmingWhitespace(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var start = 0
    var end = bytes.count
    while start < end && FrameByte.isWhitespace(bytes[start]) { start += 1 }
    while end > start && FrameByte.isWhitespace(bytes[end - 1]) { end -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
}
