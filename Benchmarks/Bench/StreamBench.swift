import AIProtocol
import AIProviders
import Foundation

/// The stream hot path: a recorded stream fed in 4 KiB reads through the public
/// `StreamEventReader` (framing, frame decoding, compiled rules) and the accumulator, against the
/// hand-written floor on the same reads.
enum StreamBench {
    static let readSize = 4096

    /// One pass of ours over the corpus: the response it accumulates.
    static func ours(_ corpus: StreamCorpus, reads: [ArraySlice<UInt8>]) throws -> ExpectedOutput {
        switch corpus.format {
        case .openai: try ours(OpenAI.self, reads)
        case .anthropic: try ours(Anthropic.self, reads)
        case .gemini: try ours(Gemini.self, reads)
        }
    }

    private static func ours<P: StreamingAdapter>(_ provider: P.Type, _ reads: [ArraySlice<UInt8>]) throws
        -> ExpectedOutput
    {
        var reader = StreamEventReader<P>()
        var accumulator = StreamAccumulator()
        for read in reads {
            for event in try reader.push(read) { accumulator.add(event) }
        }
        for event in try reader.finish() { accumulator.add(event) }
        let response = accumulator.response
        return ExpectedOutput(
            text: response.text,
            toolCalls: response.toolCalls.map { .init(id: $0.id, name: $0.name, arguments: $0.arguments) },
            finishReason: response.rawFinishReason ?? "", promptTokens: response.usage?.promptTokens ?? 0,
            completionTokens: response.usage?.completionTokens ?? 0)
    }

    /// One pass of the floor over the corpus.
    static func floor(_ corpus: StreamCorpus, reads: [ArraySlice<UInt8>]) throws -> ExpectedOutput {
        var reader = FloorReader(format: corpus.format)
        for read in reads { try reader.push(read) }
        return reader.output
    }

    /// Where the two outputs differ from what the corpus holds, in words; empty when both agree.
    static func check(_ corpus: StreamCorpus, ours: ExpectedOutput, floor: ExpectedOutput) -> [String] {
        var problems: [String] = []
        for (side, output) in [("ours", ours), ("floor", floor)] where output != corpus.expected {
            var what: [String] = []
            if output.text != corpus.expected.text {
                what.append("text (\(output.text.count) vs \(corpus.expected.text.count) characters)")
            }
            if output.toolCalls != corpus.expected.toolCalls { what.append("tool calls \(output.toolCalls)") }
            if output.finishReason != corpus.expected.finishReason { what.append("finish \(output.finishReason)") }
            if output.promptTokens != corpus.expected.promptTokens
                || output.completionTokens != corpus.expected.completionTokens
            {
                what.append("usage \(output.promptTokens)/\(output.completionTokens)")
            }
            problems.append("\(corpus.format.rawValue) \(side): wrong \(what.joined(separator: ", "))")
        }
        return problems
    }

    /// The two sides, interleaved, `runs` times each.
    static func run(_ format: WireFormat, runs: Int, megabytes: Int) throws -> (Measurement, [String]) {
        let corpus = StreamCorpus(format, targetBytes: megabytes << 20)
        let reads = corpus.reads(of: readSize)
        var oursTimes: [Double] = []
        var floorTimes: [Double] = []
        var oursOutput = ExpectedOutput(text: "", toolCalls: [], finishReason: "", promptTokens: 0, completionTokens: 0)
        var floorOutput = oursOutput
        // One warm-up pass each, then alternate which side goes first.
        _ = try ours(corpus, reads: reads)
        _ = try floor(corpus, reads: reads)
        for run in 0..<runs {
            let first = run % 2 == 0
            if first { oursTimes.append(try measure { oursOutput = try ours(corpus, reads: reads) }.cpu) }
            floorTimes.append(try measure { floorOutput = try floor(corpus, reads: reads) }.cpu)
            if !first { oursTimes.append(try measure { oursOutput = try ours(corpus, reads: reads) }.cpu) }
        }
        let problems = check(corpus, ours: oursOutput, floor: floorOutput)
        let median = Measurement.median(oursTimes)
        let megabytesPerSecond = Double(corpus.bytes.count) / 1_048_576 / (median / 1000)
        let nanosecondsPerFrame = median * 1e6 / Double(corpus.frameCount)
        let floorMBps = Double(corpus.bytes.count) / 1_048_576 / (Measurement.median(floorTimes) / 1000)
        let notes = String(
            format: "%.1f MB/s, %.0f ns/frame (floor %.1f MB/s); %.1f MB, %d frames", megabytesPerSecond,
            nanosecondsPerFrame, floorMBps, Double(corpus.bytes.count) / 1_048_576, corpus.frameCount)
        return (
            Measurement(
                name: "stream/\(format.rawValue)", unit: "ms", samples: oursTimes, baseline: floorTimes, notes: notes),
            problems
        )
    }
}

/// One pass over a corpus, for instruction counts: `Benchmarks/callgrind.sh` runs callgrind
/// with `--toggle-collect='*instructionCountPass*'`, so that only what happens inside counts,
/// not making the corpus nor checking the output (comparing the whole text with the expected
/// one, which the caller does). Returns the output.
@inline(never)
func instructionCountPass(floor: Bool, _ corpus: StreamCorpus, reads: [ArraySlice<UInt8>]) -> ExpectedOutput? {
    try? (floor ? StreamBench.floor(corpus, reads: reads) : StreamBench.ours(corpus, reads: reads))
}
