/// Cuts a newline-delimited JSON stream (one document per line) into its lines, one network
/// chunk at a time.
///
/// Lines end with LF; a CR before it is dropped so that CRLF servers work, and blank lines are
/// skipped because some servers pad streams with them. The framer does not parse JSON: a line is
/// handed on whole, and only the current line is buffered.
public struct NDJSONFramer: Sendable {
    /// The longest line, in bytes, before `push` throws `FramingError.frameTooLarge`.
    public let maximumLineSize: Int

    private var decoder = UTF8StreamDecoder()
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
        if let failure { throw failure }
        var text: [UInt8] = []
        decoder.decode(bytes, into: &text)
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text[index...].firstIndex(of: FrameByte.lineFeed)
            let segmentEnd = end ?? text.endIndex
            if line.count + (segmentEnd - index) > maximumLineSize {
                let error = FramingError.frameTooLarge(limit: maximumLineSize)
                self = NDJSONFramer(maximumLineSize: maximumLineSize)
                failure = error
                throw error
            }
            guard let end else {
                line.append(contentsOf: text[index...])
                break
            }
            if line.isEmpty {
                Self.append(text[index..<end], to: &lines)
            } else {
                line.append(contentsOf: text[index..<end])
                Self.append(line[...], to: &lines)
                line.clearRetainingSmallCapacity()
            }
            index = end + 1
        }
        return lines
    }

    /// The last line when the stream ended without a final line break, then resets the framer
    /// for a new stream.
    public mutating func finish() -> [String] {
        defer { self = NDJSONFramer(maximumLineSize: maximumLineSize) }
        guard failure == nil else { return [] }
        decoder.finish(into: &line)
        var lines: [String] = []
        Self.append(line[...], to: &lines)
        return lines
    }

    private static func append(_ line: ArraySlice<UInt8>, to lines: inout [String]) {
        var line = line
        if line.last == FrameByte.carriageReturn { line = line.dropLast() }
        guard !line.allSatisfy(FrameByte.isWhitespace) else { return }
        lines.append(String(decoding: line, as: UTF8.self))
    }
}
