/// Cuts a newline-delimited JSON stream (one document per line) into its lines, one network
/// chunk at a time.
///
/// Lines end with LF; a CR before it is dropped so that CRLF servers work, and blank lines are
/// skipped because some servers pad streams with them. The framer does not parse JSON: a line is
/// handed on whole, and only the current line is buffered. It works on bytes: line ends are
/// found with the C library's `memchr`, a line that one chunk holds is not copied, and each
/// line's UTF-8 is checked once (see `UTF8Validation`).
public struct NDJSONFramer: Sendable {
    /// The longest line, in bytes, before `push` throws `FramingError.frameTooLarge`.
    public let maximumLineSize: Int

    private var byteOrderMark = LeadingByteOrderMark()
    /// The current line, when a chunk ended inside it.
    private var line: [UInt8] = []
    private var failure: FramingError?

    /// Creates a framer at the start of a stream.
    public init(maximumLineSize: Int = StreamFramer.defaultMaximumFrameSize) {
        self.maximumLineSize = maximumLineSize
    }

    /// The lines that `bytes` complete, without their line breaks.
    ///
    /// - Throws: `FramingError.frameTooLarge` when a line outgrows `maximumLineSize`; the stream
    ///   cannot continue and every later call throws the same error.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(FramingError) -> [String] {
        var lines = FrameCollector { String(decoding: $0.payload, as: UTF8.self) }
        try withContiguousBytes(of: bytes) { bytes in
            Result { () throws(FramingError) in try push(bytes, into: &lines) }
        }.get()
        return lines.frames
    }

    /// The last line when the stream ended without a final line break, then resets the framer
    /// for a new stream.
    public mutating func finish() -> [String] {
        var lines = FrameCollector { String(decoding: $0.payload, as: UTF8.self) }
        finish(into: &lines)
        return lines.frames
    }

    /// Hands the lines that `bytes` complete to `consumer`, until it wants no more.
    mutating func push(_ bytes: UnsafeRawBufferPointer, into consumer: inout some FrameConsumer) throws(FramingError) {
        if let failure { throw failure }
        var bytes = bytes
        let held = byteOrderMark.strip(&bytes)
        if !held.isEmpty {
            // What looked like the start of a byte order mark starts the first line.
            try reserve(held.count)
            line.append(contentsOf: held)
        }
        let count = bytes.count
        var index = 0
        while index < count {
            let end = bytes.firstOffset(of: FrameByte.lineFeed, from: index, to: count)
            let segment = UnsafeRawBufferPointer(rebasing: bytes[index..<end])
            try reserve(segment.count)
            guard end < count else {
                line.append(contentsOf: segment)
                return
            }
            let proceed: Bool
            if line.isEmpty {
                proceed = Self.deliver(segment, to: &consumer)
            } else {
                line.append(contentsOf: segment)
                proceed = line.withUnsafeBytes { Self.deliver($0, to: &consumer) }
                line.clearRetainingSmallCapacity()
            }
            index = end + 1
            guard proceed else { return }
        }
    }

    /// Hands on the last line (see `finish()`), then resets the framer.
    mutating func finish(into consumer: inout some FrameConsumer) {
        defer { self = NDJSONFramer(maximumLineSize: maximumLineSize) }
        guard failure == nil else { return }
        line.append(contentsOf: byteOrderMark.finish())
        _ = line.withUnsafeBytes { Self.deliver($0, to: &consumer) }
    }

    private mutating func reserve(_ count: Int) throws(FramingError) {
        guard line.count + count > maximumLineSize else { return }
        let error = FramingError.frameTooLarge(limit: maximumLineSize)
        self = NDJSONFramer(maximumLineSize: maximumLineSize)
        failure = error
        throw error
    }

    /// Hands on one line without its CR, unless it is blank.
    private static func deliver(_ line: UnsafeRawBufferPointer, to consumer: inout some FrameConsumer) -> Bool {
        var line = line
        if line.last == FrameByte.carriageReturn { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        guard !line.allSatisfy(FrameByte.isWhitespace) else { return true }
        return consumer.consume(FrameBytes(payload: line))
    }
}
