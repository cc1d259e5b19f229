import Foundation
import NIOHTTP1

/// What the scripted server answers: a status, headers, and a body played as a script of ``Step``s.
///
/// Steps run in order. Each chunk is written and flushed on its own (and awaited until it reaches the
/// socket), so a client normally sees each chunk in a separate read. The response ends normally after
/// the last step, or earlier at an ``Step/end``; a ``Step/resetConnection`` cuts it short instead.
///
/// Without a `Content-Length` header the body is sent with `Transfer-Encoding: chunked`.
struct ScriptedResponse: Sendable {
    /// One step of a response body script.
    enum Step: Sendable, Equatable {
        /// A chunk of raw bytes, written and flushed on its own. Empty chunks are skipped.
        case bytes([UInt8])
        /// A chunk of UTF-8 text, written and flushed on its own. Empty chunks are skipped.
        case text(String)
        /// Waits this long before the next step (a slow drip). Ends early if the client disconnects.
        case pause(Duration)
        /// Closes the TCP connection without finishing the response: chunks already written are
        /// delivered, then the client sees the connection end mid-body (no terminating chunk).
        /// Later steps are ignored.
        case resetConnection
        /// Finishes the response normally; later steps are ignored. Implied after the last step.
        case end
    }

    /// Where ``ScriptedResponse/streamed(status:headers:bytes:splitting:)`` cuts its bytes.
    enum Split: Sendable, Equatable {
        /// Cut before each of these byte offsets (out-of-range, duplicate and edge offsets are ignored).
        case at([Int])
        /// Cut every `n` bytes (`n` must be positive); the last chunk may be shorter.
        case every(Int)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: [Step]

    init(status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:], body: [Step] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A one-shot JSON body sent with `Content-Length` (not chunked).
    static func json(status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:], body: String) -> Self {
        oneShot(status: status, headers: headers, contentType: "application/json", bytes: Array(body.utf8))
    }

    /// A one-shot JSON body encoded from `value`, sent with `Content-Length`.
    static func json<T: Encodable>(
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        encoding value: T
    ) throws -> Self {
        oneShot(
            status: status, headers: headers, contentType: "application/json",
            bytes: Array(try JSONEncoder().encode(value)))
    }

    /// A one-shot body of any content type, sent with `Content-Length`.
    static func oneShot(
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        contentType: String,
        bytes: [UInt8]
    ) -> Self {
        var headers = headers
        if !headers.contains(name: "content-type") {
            headers.add(name: "Content-Type", value: contentType)
        }
        headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
        return Self(status: status, headers: headers, body: [.bytes(bytes)])
    }

    /// A chunked `text/event-stream` that writes each raw event text as its own chunk, exactly as given
    /// (include the blank line that ends an event, e.g. `"data: {}\n\n"`).
    ///
    /// `interval` pauses between events. Append ``Step/resetConnection`` to `body` to cut the stream.
    static func sse(
        events: [String],
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        interval: Duration? = nil
    ) -> Self {
        streamedText(events, status: status, headers: headers, contentType: "text/event-stream", interval: interval)
    }

    /// Like ``sse(events:status:headers:interval:)`` but frames each payload as `"data: <payload>\n\n"`.
    static func sse(
        data payloads: [String],
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        interval: Duration? = nil
    ) -> Self {
        sse(events: payloads.map { "data: \($0)\n\n" }, status: status, headers: headers, interval: interval)
    }

    /// A chunked `application/x-ndjson` body writing each line, plus `"\n"`, as its own chunk.
    static func ndjson(
        lines: [String],
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        interval: Duration? = nil
    ) -> Self {
        streamedText(
            lines.map { $0 + "\n" }, status: status, headers: headers, contentType: "application/x-ndjson",
            interval: interval)
    }

    /// A chunked body made by cutting `bytes` into chunks, so frames and UTF-8 sequences can be
    /// split anywhere across writes.
    static func streamed(
        status: HTTPResponseStatus = .ok,
        headers: HTTPHeaders = [:],
        bytes: [UInt8],
        splitting split: Split,
        interval: Duration? = nil
    ) -> Self {
        let chunks = split.chunks(of: bytes).map { Step.bytes($0) }
        return Self(status: status, headers: headers, body: interleave(chunks, interval: interval))
    }

    private static func streamedText(
        _ chunks: [String],
        status: HTTPResponseStatus,
        headers: HTTPHeaders,
        contentType: String,
        interval: Duration?
    ) -> Self {
        var headers = headers
        if !headers.contains(name: "content-type") {
            headers.add(name: "Content-Type", value: contentType)
        }
        return Self(status: status, headers: headers, body: interleave(chunks.map { .text($0) }, interval: interval))
    }

    private static func interleave(_ chunks: [Step], interval: Duration?) -> [Step] {
        guard let interval else { return chunks }
        var steps: [Step] = []
        for (index, chunk) in chunks.enumerated() {
            if index > 0 { steps.append(.pause(interval)) }
            steps.append(chunk)
        }
        return steps
    }
}

extension ScriptedResponse.Split {
    /// The non-empty pieces of `bytes` this split produces, in order; concatenated they equal `bytes`.
    func chunks(of bytes: [UInt8]) -> [[UInt8]] {
        let cuts: [Int]
        switch self {
        case .at(let offsets):
            cuts = Set(offsets.filter { $0 > 0 && $0 < bytes.count }).sorted()
        case .every(let size):
            precondition(size > 0, "Split.every needs a positive chunk size")
            cuts = Array(stride(from: size, to: bytes.count, by: size))
        }
        var pieces: [[UInt8]] = []
        var start = 0
        for cut in cuts + [bytes.count] where cut > start {
            pieces.append(Array(bytes[start..<cut]))
            start = cut
        }
        return pieces
    }
}
