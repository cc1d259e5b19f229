#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A provider's streamed response bytes in, standard events out, without HTTP: the provider's
/// framing, its frame decoding and its compiled event rules, and the check that the stream ended
/// properly. `Client.stream` reads every response through one; use it directly to replay a
/// recorded stream in a test, or to read a stream that arrives by other means.
///
/// ```swift
/// var reader = StreamEventReader<OpenAI>()
/// for chunk in chunks { events += try reader.push(chunk) }
/// events += try reader.finish()
/// ```
///
/// Chunks may split the bytes anywhere, inside a line or a UTF-8 scalar; the events do not depend
/// on where. Memory holds only the frame being read.
public struct StreamEventReader<Provider: StreamingAdapter> {
    private var framer = StreamFramer(Provider.streamFraming)
    /// The error that ended the stream. It is thrown by the call that met it, or, when that
    /// call had events to return first, by the next one; later calls throw it again.
    private(set) var failure: AIError?
    private var frames: FrameReading

    /// Creates a reader at the start of a stream.
    ///
    /// - Parameter frameDecoding: How frames are decoded: by the provider's compiled scanner
    ///   (the default), or by `JSONDecoder` into its `Decodable` frame type, the reference.
    public init(frameDecoding: FrameDecoding = .compiled) {
        frames = FrameReading(
            decoder: Provider.makeStreamDecoder(), decoding: frameDecoding, providerID: Provider.descriptor.id)
    }

    /// Whether the stream has said all it will: the done signal or the stop condition. Bytes
    /// pushed after that give no events.
    public var isComplete: Bool { framer.reachedDoneSignal || frames.decoder.isFinished }

    /// Whether the provider ends its streams with a done signal, which then must arrive.
    private var hasDoneSignal: Bool {
        if case .serverSentEvents(let signal?) = Provider.streamFraming {
            return !signal.allSatisfy(\.isWhitespace)
        }
        return false
    }

    /// The events of the frames `bytes` complete.
    ///
    /// - Throws: `AIError` when the provider reports an error in the stream, a frame is not
    ///   what the provider sends, or a frame outgrows the framing's limit. Nothing is lost: when
    ///   the same bytes held events before the error, this call returns them and the next call
    ///   (`push` or `finish`) throws the error. The stream cannot continue after an error: every
    ///   later call throws it again.
    public mutating func push(_ bytes: some Collection<UInt8>) throws(AIError) -> [StreamEvent] {
        if let failure { throw failure }
        let framingFailure = withContiguousBytes(of: bytes) { bytes in
            Result { () throws(FramingError) in try framer.push(bytes, into: &frames) }
        }
        return try takeEvents(framingFailure: framingFailure)
    }

    /// The events of what is left when the body ends.
    ///
    /// - Throws: `AIError.Kind.streamEndedEarly` when the stream ended before its done signal,
    ///   its stop condition or (without either) a finish.
    public mutating func finish() throws(AIError) -> [StreamEvent] {
        if let failure { throw failure }
        // A frame the stream ends in without its terminator was cut short if it is not JSON.
        frames.atEnd = true
        framer.finish(into: &frames)
        let events = try takeEvents(framingFailure: .success(()))
        // Without a done signal, a stream that delivered its finish and then closed is complete
        // (Gemini's streams end that way; Anthropic's message_stop adds nothing to message_delta).
        guard isComplete || (frames.sawFinish && !hasDoneSignal) else {
            throw AIError(.streamEndedEarly, errorClass: .serverError, providerID: Provider.descriptor.id)
        }
        return events
    }

    /// The events decoded since the last call; the error that ended the stream when there are
    /// none to return first.
    private mutating func takeEvents(framingFailure: Result<Void, FramingError>) throws(AIError) -> [StreamEvent] {
        if let error = frames.failure {
            failure = error
        } else if case .failure(let error) = framingFailure {
            failure = AIError(
                .invalidResponse(error.description), errorClass: .unknown, providerID: Provider.descriptor.id)
        }
        if let failure, frames.events.isEmpty { throw failure }
        defer { frames.events.removeAll(keepingCapacity: true) }
        return frames.events
    }
}

/// How stream frames are decoded.
public enum FrameDecoding: Sendable, Hashable {
    /// By the scanner `protocolc` compiled for the provider's frame type: one pass that reads
    /// what the rules need and skips the rest.
    case compiled
    /// By `JSONDecoder` into the `Decodable` frame type: the reference the scanners are tested
    /// against, for comparing or for investigating a frame.
    case decodable
}

/// Decodes each frame the framer finds and runs the compiled rules on it, collecting events
/// until the reader takes them.
///
/// Not generic over the provider: the framers' per-byte and per-line code is compiled for this
/// one consumer, here, instead of running unspecialised (looking up the provider's types and
/// copying through their value witnesses, per frame). The provider's own code is reached by one
/// call per frame through `decoder`, whose witnesses are compiled for its frame type.
private struct FrameReading: FrameConsumer {
    let decoding: FrameDecoding
    /// The provider's id, for the errors the reading finds.
    let providerID: String
    /// Created once, when used: creating a `JSONDecoder` costs more than a small frame's decoding.
    lazy var json = JSONDecoder()
    var events: [StreamEvent] = []
    var sawFinish = false
    /// The error that ended the stream.
    private(set) var failure: AIError?
    /// Whether `failure` is set: tested per frame, where testing the optional error copies it.
    private var hasFailed = false
    /// Whether the body has ended: a frame that is not JSON then was cut short.
    var atEnd = false
    /// Handed from each frame's scanner to the next: ids and model names repeat in every frame.
    var recentStrings = RecentStrings()
    var decoder: any StreamEventDecoder

    init(decoder: any StreamEventDecoder, decoding: FrameDecoding, providerID: String) {
        self.decoder = decoder
        self.decoding = decoding
        self.providerID = providerID
    }

    mutating func consume(_ frame: FrameBytes) -> Bool {
        guard !hasFailed, !decoder.isFinished else { return false }
        do throws(AIError) {
            let first = events.count
            guard try readEvents(of: frame.payload) else {
                // Not a frame: cut short when the body has ended, otherwise not what the
                // provider sends.
                throw atEnd
                    ? AIError(.streamEndedEarly, errorClass: .serverError, providerID: providerID)
                    : notJSON(frame.payload)
            }
            if !sawFinish {
                sawFinish = events[first...].contains {
                    if case .finish = $0 { return true }
                    return false
                }
            }
            return true
        } catch {
            failure = error
            hasFailed = true
            return false
        }
    }

    /// Decodes the frame in place (the bytes are the framer's, not copied) and appends its
    /// events; `false` when the bytes are not a frame.
    private mutating func readEvents(of payload: UnsafeRawBufferPointer) throws(AIError) -> Bool {
        if decoding == .compiled {
            return try decoder.events(scanning: payload, recentStrings: &recentStrings, into: &events)
        }
        return try decoder.events(decoding: payload, with: json, into: &events)
    }

    private func notJSON(_ payload: UnsafeRawBufferPointer) -> AIError {
        let text = UTF8Validation.string(UnsafeRawBufferPointer(rebasing: payload.prefix(200)))
        return AIError(
            .invalidResponse("a stream frame is not JSON: \(text)"), errorClass: .unknown, providerID: providerID)
    }
}
