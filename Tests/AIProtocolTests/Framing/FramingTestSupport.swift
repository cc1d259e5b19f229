@testable import AIProtocol

/// A deterministic generator (FramingSplitMix64), so that a failing random split reproduces.
struct FramingSplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    /// The chunks that cutting at `offsets` (sorted, within bounds) makes.
    func chunks(cutAt offsets: [Int]) -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        for offset in offsets {
            chunks.append(self[start..<offset])
            start = offset
        }
        chunks.append(self[start...])
        return chunks
    }

    /// `count` random cut positions (repeats allowed, which yield empty chunks).
    func randomCuts(_ count: Int, using generator: inout FramingSplitMix64) -> [Int] {
        (0..<count).map { _ in Int.random(in: 0...self.count, using: &generator) }.sorted()
    }
}

/// The bytes of `text`.
func streamBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// What a framer produced for a stream delivered in some chunks.
struct FramerOutcome: Equatable, CustomStringConvertible {
    var frames: [RawStreamFrame]
    var reachedDoneSignal: Bool
    var error: FramingError?

    var description: String {
        "frames: \(frames.map { "\($0.event ?? "-")|\($0.payload)" }), done: \(reachedDoneSignal), error: \(String(describing: error))"
    }
}

/// Frames a stream delivered in `chunks`, through to `finish()`.
func frameStream(
    _ chunks: [some Collection<UInt8>], as framing: StreamFraming,
    maximumFrameSize: Int = StreamFramer.defaultMaximumFrameSize
) -> FramerOutcome {
    var framer = StreamFramer(framing, maximumFrameSize: maximumFrameSize)
    var frames: [RawStreamFrame] = []
    do {
        for chunk in chunks {
            frames += try framer.push(chunk)
        }
    } catch {
        return FramerOutcome(frames: frames, reachedDoneSignal: framer.reachedDoneSignal, error: error)
    }
    frames += framer.finish()
    return FramerOutcome(frames: frames, reachedDoneSignal: framer.reachedDoneSignal, error: nil)
}

/// The splits of `stream` whose frames differ from those of the whole stream: it is cut in two at each
/// byte, byte by byte, and at `randomSplits` sets of random cuts.
func splitMismatches(
    _ stream: [UInt8], as framing: StreamFraming, maximumFrameSize: Int = StreamFramer.defaultMaximumFrameSize,
    randomSplits: Int = 300, seed: UInt64 = 42
) -> [(cuts: [Int], outcome: FramerOutcome)] {
    let whole = frameStream([stream], as: framing, maximumFrameSize: maximumFrameSize)
    var mismatches: [(cuts: [Int], outcome: FramerOutcome)] = []
    func check(_ cuts: [Int]) {
        let outcome = frameStream(stream.chunks(cutAt: cuts), as: framing, maximumFrameSize: maximumFrameSize)
        if outcome != whole { mismatches.append((cuts, outcome)) }
    }
    for offset in 0...stream.count {
        check([offset])
    }
    check(Array(1..<stream.count))
    var generator = FramingSplitMix64(seed: seed)
    for _ in 0..<randomSplits {
        let count = Int.random(in: 2...min(40, Swift.max(2, stream.count)), using: &generator)
        check(stream.randomCuts(count, using: &generator))
    }
    return mismatches
}

/// The first few mismatches, readable in a failure message.
func mismatchSummary(_ mismatches: [(cuts: [Int], outcome: FramerOutcome)]) -> String {
    mismatches.prefix(3).map { "cut at \($0.cuts): \($0.outcome)" }.joined(separator: "\n")
        + (mismatches.count > 3 ? "\n… \(mismatches.count - 3) more" : "")
}
