/// One frame as a framer hands it on, before anything is decoded: views of the framer's
/// buffers or of the pushed chunk, valid only during the call that receives them.
///
/// The framers copy a frame's bytes at most once (not at all when one chunk holds the whole
/// event, line or element) and never build a `String` for it. Nothing is decoded yet: the
/// payload may be ill-formed UTF-8, which its reader repairs (see `UTF8Validation`).
struct FrameBytes {
    /// The server-sent event's `event` field, not yet checked as UTF-8; empty for unnamed
    /// events and in the other framings.
    var event: UnsafeRawBufferPointer
    /// The event's data, the line, or the array element, not yet checked as UTF-8.
    var payload: UnsafeRawBufferPointer
    /// The server-sent event stream's last event ID (see `ServerSentEvent.id`).
    var id: String?
    /// The server-sent event's `retry` field in milliseconds.
    var retry: Int?

    init(event: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0), payload: UnsafeRawBufferPointer)
    {
        self.event = event
        self.payload = payload
    }
}

/// Where a framer hands its frames, in order, as it finds them.
protocol FrameConsumer {
    /// Takes one frame. Returns `false` when the consumer wants no more (the stream is over
    /// for it, or it failed): the framer then stops reading the chunk.
    mutating func consume(_ frame: FrameBytes) -> Bool
}

/// Collects frames as the public framer APIs return them.
struct FrameCollector<Frame>: FrameConsumer {
    var frames: [Frame] = []
    let make: (FrameBytes) -> Frame

    mutating func consume(_ frame: FrameBytes) -> Bool {
        UTF8Validation.withWellFormed(frame.payload) { payload in
            var checked = frame
            checked.payload = payload
            frames.append(make(checked))
        }
        return true
    }
}

/// Calls `body` with the bytes of `collection` in contiguous memory: in place when the
/// collection stores them so (arrays and their slices, `Data`, NIO's buffer views), otherwise
/// copied once.
func withContiguousBytes<Result>(
    of collection: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> Result
) -> Result {
    if let result = collection.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return Array(collection).withUnsafeBytes(body)
}
