/// The state a compiled stream decoder keeps about tool calls, so that every provider's stream
/// reads the same to the caller:
///
/// - calls are numbered 0, 1, 2… within each candidate in the order they start, whatever
///   index the provider uses (Anthropic numbers content blocks, text included);
/// - a call announced twice (OpenAI-style rules can) starts once; arguments that arrive before
///   any start start the call; ends of calls that never started are dropped;
/// - `flush_on` ends the open calls before the candidate's finish;
/// - a candidate that made tool calls and ends "normally" ends with `tool_use` (Gemini and
///   Ollama report `STOP` even then);
/// - the same usage reported twice by one frame (two rules reading it) is reported once.
public struct ToolCallTracker: Sendable {
    private struct Call: Hashable {
        var candidate: Int
        var providerIndex: Int
    }

    /// The number each started call got, by the provider's index.
    private var numbers: [Call: Int] = [:]
    private var callCount: [Int: Int] = [:]
    private var open: [Call] = []
    private var lastProviderIndex: [Int: Int] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// The provider index of the call a fragment without index belongs to: the last one seen.
    public func currentIndex(candidate: Int) -> Int {
        lastProviderIndex[candidate] ?? 0
    }

    /// A provider index for a new call that carries none: after every index seen.
    public func nextIndex(candidate: Int) -> Int {
        let seen = numbers.keys.filter { $0.candidate == candidate }.map(\.providerIndex)
        return (seen.max() ?? -1) + 1
    }

    /// How many calls the events start.
    public static func startCount(of events: [StreamEvent]) -> Int {
        events.count { event in
            if case .toolCallStarted = event { return true }
            return false
        }
    }

    /// Passes one frame's events, `events[first...]`, through the rules above, in place. With
    /// `flushing`, the open calls end before the first finish of the frame (or at its end).
    public mutating func track(_ events: inout [StreamEvent], from first: Int, flushing: Bool = false) {
        // Most frames carry text only, which the rules leave as it is: no work, no allocation.
        guard flushing || Self.needsTracking(events[first...]) else { return }
        let tracked = track(Array(events[first...]), flushing: flushing)
        events.replaceSubrange(first..., with: tracked)
    }

    /// Whether the rules change anything in these events: tool calls and finishes, and usage
    /// reported twice in one frame.
    private static func needsTracking(_ events: ArraySlice<StreamEvent>) -> Bool {
        var usages = 0
        for event in events {
            switch event {
            case .toolCallStarted, .toolCallArgumentsDelta, .toolCallEnded, .finish: return true
            case .usage:
                usages += 1
                if usages > 1 { return true }
            default: continue
            }
        }
        return false
    }

    /// Passes one frame's events through the rules above. With `flushing`, the open calls end
    /// before the first finish of the frame (or at its end).
    public mutating func track(_ events: [StreamEvent], flushing: Bool = false) -> [StreamEvent] {
        var kept: [StreamEvent] = []
        var usages: [Usage] = []
        var flushed = false
        for event in events {
            switch event {
            case .toolCallStarted(let index, let id, let name, let candidate):
                let call = Call(candidate: candidate, providerIndex: index)
                lastProviderIndex[candidate] = index
                guard numbers[call] == nil else { continue }
                kept.append(.toolCallStarted(index: start(call), id: id, name: name, candidate: candidate))
            case .toolCallArgumentsDelta(let index, let fragment, let candidate):
                let call = Call(candidate: candidate, providerIndex: index)
                lastProviderIndex[candidate] = index
                if numbers[call] == nil {
                    // Arguments before any start: the call starts here, without id or name.
                    kept.append(.toolCallStarted(index: start(call), id: nil, name: nil, candidate: candidate))
                }
                kept.append(.toolCallArgumentsDelta(index: numbers[call]!, fragment: fragment, candidate: candidate))
            case .toolCallEnded(let index, let candidate):
                let call = Call(candidate: candidate, providerIndex: index)
                guard let position = open.firstIndex(of: call) else { continue }
                open.remove(at: position)
                kept.append(.toolCallEnded(index: numbers[call]!, candidate: candidate))
            case .finish(let reason, let raw, let candidate):
                if flushing, !flushed {
                    kept += endOpenCalls()
                    flushed = true
                }
                let madeCalls = (callCount[candidate] ?? 0) > 0
                kept.append(
                    .finish(reason == .endTurn && madeCalls ? .toolUse : reason, raw: raw, candidate: candidate))
            case .usage(let usage):
                guard !usages.contains(usage) else { continue }
                usages.append(usage)
                kept.append(event)
            default:
                kept.append(event)
            }
        }
        if flushing, !flushed { kept += endOpenCalls() }
        return kept
    }

    private mutating func start(_ call: Call) -> Int {
        let number = callCount[call.candidate] ?? 0
        callCount[call.candidate] = number + 1
        numbers[call] = number
        open.append(call)
        return number
    }

    /// Ends every open call, as a `flush_on` condition asks.
    public mutating func endOpenCalls() -> [StreamEvent] {
        let ending = open
        open.removeAll()
        return ending.map { .toolCallEnded(index: numbers[$0]!, candidate: $0.candidate) }
    }
}
