#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A provider compiled from its manifest. `protocolc generate` writes one conforming type per
/// provider; the runtime's clients call its members and never read a manifest.
///
/// The adapter is pure: it turns standard requests into the provider's body types and the
/// provider's response types into standard values. JSON coding, HTTP and retries are the
/// runtime's.
public protocol ProviderAdapter: Sendable {
    /// The provider's model identifiers.
    associatedtype Model: ModelIdentifier
    /// The body of a chat request, in the provider's wire shape.
    associatedtype ChatBody: Encodable & Sendable
    /// The parts of a chat response the manifest reads; generated bodies are read by a compiled
    /// scanner (`JSONScannable`) and, as the reference, by `JSONDecoder`.
    associatedtype ChatResponseBody: Decodable & JSONScannable & Sendable
    /// The parts of an error response the manifest reads.
    associatedtype ErrorBody: Decodable & Sendable

    /// The provider's static facts.
    static var descriptor: ProviderDescriptor { get }

    /// The body for a chat request.
    ///
    /// - Throws: `AIError` with `.unsupportedParameter` when an option the provider does not
    ///   accept is set.
    static func chatBody(for request: ChatRequest) throws(AIError) -> ChatBody

    /// The standard response for a decoded chat response.
    static func chatResponse(from body: ChatResponseBody) -> ChatResponse

    /// The provider's message, type and code in an error body.
    static func errorDetails(from body: ErrorBody) -> ProviderErrorDetails

    /// The class the manifest gives an error, from the most specific evidence to the least:
    /// error code, error type, message text, HTTP status. `nil` when the manifest does not
    /// classify it. The runtime asks twice: with `status` `nil` for the details alone, and,
    /// when neither the manifest nor the spec's vocabulary classifies those, with the status and
    /// empty details.
    static func classify(status: Int?, details: ProviderErrorDetails) -> ErrorClass?

    /// The standard reason for a provider's finish value, `nil` when the manifest maps none.
    static func terminationReason(forProviderValue value: String) -> TerminationReason?

    /// How long an error body asks the caller to wait (`retry_after_extraction`), for providers
    /// that say so in the body rather than in a header; `nil` when it does not say.
    static func retryAfter(inErrorBody text: String) -> Duration?
}

extension ProviderAdapter {
    /// A provider whose manifest extracts no delay from error bodies: `nil`.
    public static func retryAfter(inErrorBody text: String) -> Duration? { nil }
}

/// A provider that streams: its framing and the decoder compiled from its event rules.
public protocol StreamingAdapter: ProviderAdapter, SupportsStreaming {
    /// A decoded frame: the fields the manifest's rules read. Generated frames are read by a
    /// compiled scanner (`JSONScannable`) and, as the reference, by `JSONDecoder`.
    associatedtype StreamFrame: Decodable & JSONScannable & Sendable
    /// The compiled rules.
    associatedtype StreamDecoder: StreamEventDecoder where StreamDecoder.Frame == StreamFrame

    /// How frames are delimited on the wire.
    static var streamFraming: StreamFraming { get }

    /// A decoder in its initial state, one per stream.
    static func makeStreamDecoder() -> StreamDecoder
}

/// A provider that embeds texts, where its manifest declares the capability, an endpoint and
/// where the vectors are in the response.
public protocol EmbeddingsAdapter: ProviderAdapter, SupportsEmbeddings {
    /// The body of an embeddings request, in the provider's wire shape.
    associatedtype EmbeddingsBody: Encodable & Sendable
    /// The parts of an embeddings response the manifest reads.
    associatedtype EmbeddingsResponseBody: Decodable & Sendable

    /// The body for an embeddings request.
    static func embeddingsBody(for request: EmbeddingsRequest) throws(AIError) -> EmbeddingsBody

    /// The vectors of a decoded response.
    static func embeddingsResponse(from body: EmbeddingsResponseBody) -> EmbeddingsResponse
}

/// The compiled event rules of a provider: frames in, standard events out.
public protocol StreamEventDecoder: Sendable {
    /// The frame type it reads.
    associatedtype Frame: Decodable & JSONScannable & Sendable

    /// Appends the events of one frame to `events` (none when the frame selector rejects it).
    /// Appending to the caller's buffer spares an array per frame.
    ///
    /// - Throws: `AIError` when the frame is the provider's error event.
    mutating func events(for frame: Frame, into events: inout [StreamEvent]) throws(AIError)

    /// Reads one frame's bytes with the frame type's compiled scanner and appends its events;
    /// `false`, with nothing appended, when the bytes are not a frame (not JSON, or a root of
    /// another shape). The bytes need not be well-formed UTF-8: the frame is read as their
    /// WHATWG repair. `recentStrings` goes from frame to frame (see `RecentStrings`).
    ///
    /// The default implementation is what a decoder needs; it is a requirement so that each
    /// provider's witness is compiled for its own frame type, which then never passes through
    /// generic code (a generic frame is copied by its value witness, per frame).
    ///
    /// - Throws: `AIError` when the frame is the provider's error event.
    mutating func events(
        scanning frame: UnsafeRawBufferPointer, recentStrings: inout RecentStrings, into events: inout [StreamEvent]
    ) throws(AIError) -> Bool

    /// Decodes one frame's bytes with `JSONDecoder` into the `Decodable` frame type, the
    /// reference the scanners are tested against, and appends its events; `false`, with nothing
    /// appended, when the bytes are not a frame. The bytes need not be well-formed UTF-8.
    ///
    /// The default implementation is what a decoder needs; it is a requirement so that a
    /// reader holding any decoder, not knowing its frame type, can call it.
    ///
    /// - Throws: `AIError` when the frame is the provider's error event.
    mutating func events(
        decoding frame: UnsafeRawBufferPointer, with decoder: JSONDecoder, into events: inout [StreamEvent]
    ) throws(AIError) -> Bool

    /// Whether the manifest's stop condition has held: the stream is complete.
    var isFinished: Bool { get }
}

extension StreamEventDecoder {
    @inlinable
    public mutating func events(
        scanning frame: UnsafeRawBufferPointer, recentStrings: inout RecentStrings, into events: inout [StreamEvent]
    ) throws(AIError) -> Bool {
        // Scanned as it is, without a pass to check its UTF-8 first; only a frame that fails
        // (never, from a well-behaved server) is checked, repaired and scanned again.
        try withUnsafeMutablePointer(to: &recentStrings) { recentStrings in
            Result { () throws(AIError) in
                var scanner = JSONScanner(unchecked: frame, recentStrings: recentStrings)
                if try self.events(reading: &scanner, into: &events) { return true }
                return try UTF8Validation.withWellFormed(frame) { checked in
                    Result { () throws(AIError) in
                        var scanner = JSONScanner(checked, recentStrings: recentStrings)
                        return try self.events(reading: &scanner, into: &events)
                    }
                }.get()
            }
        }.get()
    }

    public mutating func events(
        decoding frame: UnsafeRawBufferPointer, with decoder: JSONDecoder, into events: inout [StreamEvent]
    ) throws(AIError) -> Bool {
        let decoded: Frame? = UTF8Validation.withWellFormed(frame) { frame in
            // The bytes are only read during the call: wrap them without copying.
            let data =
                frame.isEmpty
                ? Data()
                : Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: frame.baseAddress!), count: frame.count,
                    deallocator: .none)
            return try? decoder.decode(Frame.self, from: data)
        }
        guard let decoded else { return false }
        try self.events(for: decoded, into: &events)
        return true
    }

    /// Reads the frame `scanner` holds, which must be all it holds, and appends its events;
    /// `false`, with nothing appended, when it is not one.
    @inlinable
    mutating func events(
        reading scanner: inout JSONScanner, into events: inout [StreamEvent]
    ) throws(AIError) -> Bool {
        let decoded: Frame
        do {
            decoded = try Frame(scanning: &scanner)
            try scanner.finish()
        } catch {
            return false
        }
        try self.events(for: decoded, into: &events)
        return true
    }

    /// The events of one frame (none when the frame selector rejects it).
    ///
    /// - Throws: `AIError` when the frame is the provider's error event.
    public mutating func events(for frame: Frame) throws(AIError) -> [StreamEvent] {
        var events: [StreamEvent] = []
        try self.events(for: frame, into: &events)
        return events
    }
}

/// How the frames of a stream are delimited.
public enum StreamFraming: Sendable, Hashable {
    /// Server-sent events; a data payload equal to `doneSignal` ends the stream.
    case serverSentEvents(doneSignal: String?)
    /// One JSON document per line.
    case newlineDelimitedJSON
    /// One JSON array whose elements arrive over time.
    case jsonArray
}

/// What a provider said about an error, extracted by the manifest's error paths.
public struct ProviderErrorDetails: Sendable, Hashable {
    /// The human-readable message (`error.message` at most providers).
    public var message: String?
    /// The provider's error type (`invalid_request_error`, `RESOURCE_EXHAUSTED`).
    public var type: String?
    /// The provider's error code (`insufficient_quota`, `1305`), as text.
    public var code: String?

    /// Creates details.
    public init(message: String? = nil, type: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }
}
