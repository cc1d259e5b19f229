// ai-protocol-bench: the project's performance figures, each ours against a baseline measured in
// the same run, interleaved.
//
//     swift run -c release ai-protocol-bench [--quick] [--json] [--filter stream/]
//
// Measurements: stream/openai, stream/anthropic, stream/gemini (the stream hot path against a
// hand-written JSONDecoder consumer), overhead/nonstream and overhead/stream (a chat call through
// Client<OpenAI> against raw AsyncHTTPClient, on a loopback server), compiler/validate and
// compiler/generate (all of spec/, against reading the same files with libyaml alone), and
// memory/stream-100mb (peak memory while streaming 100 MB, against after 10 MB).

import ArgumentParser
import Foundation

@main
struct AIProtocolBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ai-protocol-bench",
        abstract: "Measure the stream path, request overhead, the compiler and memory, each against a baseline.")

    @Flag(help: "A shorter run (1 MB streams, fewer repetitions), under a minute.")
    var quick = false

    @Flag(help: "Print one JSON object per measurement instead of a table.")
    var json = false

    @Option(help: "Run only the measurements whose name starts with this (repeatable).")
    var filter: [String] = []

    @Option(help: "The spec folder for the compiler measurements (default: the nearest spec/).")
    var spec: String?

    @Option(
        help: ArgumentHelp(
            "Write the stream corpora and their expected output into this folder, for the peers.", valueName: "dir"))
    var writeCorpus: String?

    @Option(
        help: ArgumentHelp(
            "Run one stream pass of this format (for instruction counts), then exit.", valueName: "format"))
    var pass: String?

    @Option(help: "With --pass: ours or floor.")
    var side = "ours"

    @Option(help: "Stream corpus size in MiB (default 5; 1 with --quick).")
    var megabytes: Int?

    @Flag(help: .hidden)
    var memoryProbe = false

    func run() throws {
        let size = megabytes ?? (quick ? 1 : 5)
        if let pass { return try runPass(pass, size: size) }
        if let writeCorpus { return try write(corpusTo: writeCorpus, size: size) }
        if memoryProbe { return try MemoryBench.probe() }

        var results: [Measurement] = []
        var problems: [String] = []
        let filter = self.filter
        @Sendable func wanted(_ name: String) -> Bool { filter.isEmpty || filter.contains { name.hasPrefix($0) } }
        func report(_ measurement: Measurement) {
            results.append(measurement)
            if json { print(measurement.jsonLine) }
        }
        for format in WireFormat.allCases where wanted("stream/\(format.rawValue)") {
            let (measurement, found) = try StreamBench.run(format, runs: quick ? 5 : 15, megabytes: size)
            report(measurement)
            problems += found
        }
        for measurement in try waitFor({ [quick] in try await OverheadBench.run(quick: quick, wanted: wanted) }) {
            report(measurement)
        }
        for measurement in try CompilerBench.run(spec: spec, runs: quick ? 5 : 15, wanted: wanted) {
            report(measurement)
        }
        if wanted("memory/stream-100mb") { report(try MemoryBench.run(megabytes: quick ? 30 : 100)) }
        if !json { printTable(results) }
        for problem in problems { FileHandle.standardError.write(Data("wrong output: \(problem)\n".utf8)) }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// Runs async work from the synchronous command. The command is synchronous so that a
    /// `--pass` run starts no thread: valgrind 3.19 crashes when the async main starts the
    /// dispatch worker thread in these binaries.
    private func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, any Error>?
        Task {
            do { result = .success(try await work()) } catch { result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try result!.get()
    }

    private func runPass(_ name: String, size: Int) throws {
        guard let format = WireFormat(rawValue: name) else {
            throw ValidationError("--pass takes openai, anthropic or gemini")
        }
        let corpus = StreamCorpus(format, targetBytes: size << 20)
        guard side == "ours" || side == "floor" else { throw ValidationError("--side takes ours or floor") }
        let reads = corpus.reads(of: StreamBench.readSize)
        // A first pass, not counted, pays what happens once per process (type metadata,
        // protocol conformance lookups), as the timed runs' warm-up pass does.
        _ = try? (side == "floor" ? StreamBench.floor(corpus, reads: reads) : StreamBench.ours(corpus, reads: reads))
        let correct = instructionCountPass(floor: side == "floor", corpus, reads: reads) == corpus.expected
        print("bytes \(corpus.bytes.count) frames \(corpus.frameCount) correct \(correct)")
        if !correct { throw ExitCode(1) }
    }

    private func write(corpusTo folder: String, size: Int) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for format in WireFormat.allCases {
            let corpus = StreamCorpus(format, targetBytes: size << 20)
            try Data(corpus.bytes).write(to: URL(fileURLWithPath: folder + "/\(format.rawValue).sse"))
            try encoder.encode(corpus.expected).write(
                to: URL(fileURLWithPath: folder + "/\(format.rawValue).expected.json"))
        }
    }
}
