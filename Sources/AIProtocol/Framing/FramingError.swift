/// Why a stream's bytes could not be cut into frames.
///
/// Either failure means the stream cannot be trusted past this point, so the framer that threw
/// keeps throwing it: callers end the stream rather than resynchronise on guesswork. The runtime
/// reports it as an invalid response.
public enum FramingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One event, line or array element grew beyond the configured limit (in bytes). The limit
    /// exists so that a server that never ends a frame cannot make the client buffer without end.
    case frameTooLarge(limit: Int)
    /// A stream framed as one JSON array holds something other than the array's elements; the
    /// reason says what was expected and what arrived.
    case malformedJSONArray(String)

    public var description: String {
        switch self {
        case .frameTooLarge(let limit):
            return "stream frame larger than the maximum of \(limit) bytes: the server never ended it"
        case .malformedJSONArray(let reason):
            return "malformed JSON array stream: \(reason)"
        }
    }
}
