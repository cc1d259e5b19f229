/// The state a compiled stream decoder keeps about tool calls: which have started (so a call
/// announced twice, as OpenAI-style rules can, starts once), the last index seen (for fragments
/// that carry none), and which are still open (for the manifest's `flush_on`).
public struct ToolCallTracker: Sendable {
    private struct Call: Hashable {
        var candidate: Int
        var index: Int
    }

    private var started: Set<Call> = []
    private var open: [Call] = []
    private var lastIndex: [Int: Int] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// The index of the call a fragment without index belongs to: the last one seen.
    public func currentIndex(candidate: Int) -> Int {
        lastIndex[candidate] ?? 0
    }

    /// The index for a new call that carries none: after the last one.
    public func nextIndex(candidate: Int) -> Int {
        started.filter { $0.candidate == candidate }.map(\.index).max().map { $0 + 1 } ?? 0
    }

    /// How many calls the events start.
    public static func startCount(of events: [StreamEvent]) -> Int {
        events.count { event in
            if case .toolCallStarted = event { return true }
            return false
        }
    }

    /// Passes events through, dropping a repeated start of the same call and ends of calls that
    /// never started, and recording what started and ended.
    public mutating func track(_ events: [StreamEvent]) -> [StreamEvent] {
        var kept: [StreamEvent] = []
        for event in events {
            switch event {
            case .toolCallStarted(let index, _, _, let candidate):
                let call = Call(candidate: candidate, index: index)
                lastIndex[candidate] = index
                guard started.insert(call).inserted else { continue }
                open.append(call)
            case .toolCallArgumentsDelta(let index, _, let candidate):
                let call = Call(candidate: candidate, index: index)
                lastIndex[candidate] = index
                if started.insert(call).inserted {
                    // Arguments before any start: the call starts here, without id or name.
                    open.append(call)
                    kept.append(.toolCallStarted(index: index, id: nil, name: nil, candidate: candidate))
                }
            case .toolCallEnded(let index, let candidate):
                guard let position = open.firstIndex(of: Call(candidate: candidate, index: index)) else { continue }
                open.remove(at: position)
            default:
                break
            }
            kept.append(event)
        }
        return kept
    }

    /// Ends every open call (of one candidate, or of all), as a `flush_on` condition asks.
    public mutating func endOpenCalls(candidate: Int? = nil) -> [StreamEvent] {
        let ending = open.filter { candidate == nil || $0.candidate == candidate }
        open.removeAll { candidate == nil || $0.candidate == candidate }
        return ending.map { .toolCallEnded(index: $0.index, candidate: $0.candidate) }
    }
}
