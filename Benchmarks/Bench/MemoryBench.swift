import AIProtocol
import AIProviders
import Foundation

/// Peak memory while streaming: the OpenAI corpus replayed through one `StreamEventReader` until
/// 100 MB have passed, in a fresh process. The baseline is the peak after the first 10 MB, so a
/// ratio of 1 means the stream's memory does not grow with its length.
enum MemoryBench {
    static func run(megabytes: Int) throws -> Measurement {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--memory-probe"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["AI_PROTOCOL_BENCH_MEGABYTES": String(megabytes)], uniquingKeysWith: { $1 })
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let values = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap {
            Double($0)
        }
        guard values.count == 2, process.terminationStatus == 0 else {
            throw CompilerBenchError("the memory probe failed: \(String(decoding: data, as: UTF8.self))")
        }
        return Measurement(
            name: "memory/stream-100mb", unit: "MiB", samples: [values[1]], baseline: [values[0]],
            notes: "peak RSS after \(megabytes) MB of stream; baseline: after 10 MB")
    }

    /// In the probe process: prints the peak resident memory after 10 MB and after the whole stream.
    static func probe() throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["AI_PROTOCOL_BENCH_MEGABYTES"] ?? "") ?? 100
        let corpus = StreamCorpus(.openai, targetBytes: 2 << 20)
        // The corpus without its end, so that it can be replayed as one long stream.
        let body = Array(corpus.bytes[..<(corpus.bytes.count - 2048)])
        let end = body.lastIndex(of: 10)! + 1
        let repeated = Array(body[..<end])
        var reader = StreamEventReader<OpenAI>()
        var accumulator = StreamAccumulator()
        var streamed = 0
        var afterTen = 0.0
        while streamed < megabytes << 20 {
            var offset = 0
            while offset < repeated.count {
                let next = min(offset + StreamBench.readSize, repeated.count)
                for event in try reader.push(repeated[offset..<next]) {
                    // Only the usage is kept: the text of 100 MB would be memory the stream does not need.
                    if case .usage = event { accumulator.add(event) }
                }
                offset = next
            }
            streamed += repeated.count
            if afterTen == 0, streamed >= 10 << 20 { afterTen = peakResidentMiB() }
        }
        print(String(format: "%.1f %.1f", afterTen, peakResidentMiB()))
    }
}
