/// A standard event of a streamed response. Events of several candidates interleave; each
/// carries its candidate's index.
public enum StreamEvent: Sendable, Hashable {
    /// A piece of the answer's text.
    case textDelta(String, candidate: Int = 0)
    /// A piece of the model's reasoning; the signature arrives with (or as) the last piece.
    case thinkingDelta(String, signature: String? = nil, candidate: Int = 0)
    /// The model began tool call number `index` of its response.
    case toolCallStarted(index: Int, id: String?, name: String?, candidate: Int = 0)
    /// A piece of tool call `index`'s JSON arguments.
    case toolCallArgumentsDelta(index: Int, fragment: String, candidate: Int = 0)
    /// Tool call `index` is complete.
    case toolCallEnded(index: Int, candidate: Int = 0)
    /// The response's id and model, when the provider says.
    case metadata(id: String?, model: String?)
    /// Token counts so far (providers report them at the start, the end, or both).
    case usage(Usage)
    /// The candidate ended.
    case finish(TerminationReason?, raw: String?, candidate: Int = 0)
    /// The last event of a stream that ended normally: what the call took and cost, with the
    /// time to its first token. (Indirect, so that it does not make every event larger.)
    indirect case statistics(CallStatistics)
}
