import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of the results: our median against a baseline's, measured in the same run.
struct Measurement: Codable, Sendable {
    var name: String
    var unit: String
    var median: Double
    var min: Double
    var max: Double
    var runs: Int
    /// The baseline's median in the same unit; `nil` when there is no comparison.
    var baseline: Double?
    /// `median / baseline`: below 1 means ours is faster (or smaller).
    var ratio: Double?
    /// Figures for people, printed in the table only.
    var notes: String = ""

    enum CodingKeys: String, CodingKey {
        case name, unit, median, min, max, runs, baseline, ratio
    }

    init(name: String, unit: String, samples: [Double], baseline: [Double]? = nil, notes: String = "") {
        self.name = name
        self.unit = unit
        median = Self.median(samples)
        min = samples.min() ?? 0
        max = samples.max() ?? 0
        runs = samples.count
        self.baseline = baseline.map(Self.median)
        ratio = self.baseline.map { $0 > 0 ? median / $0 : 0 }
        self.notes = notes
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

/// The time `body` takes on this thread's CPU and on the wall clock, in milliseconds.
func measure(_ body: () throws -> Void) rethrows -> (cpu: Double, wall: Double) {
    let wallStart = ContinuousClock.now
    let cpuStart = threadCPUTime()
    try body()
    let cpu = threadCPUTime() - cpuStart
    let wall = ContinuousClock.now - wallStart
    return (cpu * 1000, Double(wall.components.attoseconds) / 1e15 + Double(wall.components.seconds) * 1000)
}

/// This thread's CPU time in seconds.
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// This process's CPU time (user and system, all threads) in seconds.
func processCPUTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The peak resident memory of this process so far (`VmHWM`), in MiB.
func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kib / 1024
}

/// Prints measurements as a table for people.
func printTable(_ measurements: [Measurement]) {
    let header = ["name", "unit", "median", "min", "max", "runs", "baseline", "ratio", ""]
    var rows = [header]
    for m in measurements {
        rows.append([
            m.name, m.unit, format(m.median), format(m.min), format(m.max), String(m.runs),
            m.baseline.map(format) ?? "-", m.ratio.map { String(format: "%.2f", $0) } ?? "-", m.notes,
        ])
    }
    let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for (index, row) in rows.enumerated() {
        let line = row.enumerated().map { column, cell in
            column == 0 || column == 1 || column == header.count - 1
                ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[column] - cell.count) + cell
        }.joined(separator: "  ")
        print(line)
        if index == 0 { print(String(repeating: "-", count: line.count)) }
    }
}

func format(_ value: Double) -> String {
    value >= 100
        ? String(format: "%.0f", value) : value >= 1 ? String(format: "%.2f", value) : String(format: "%.4f", value)
}

#if canImport(Glibc)
    /// Glibc imports `RUSAGE_SELF` as an enum case where `getrusage` takes an `Int32`.
    private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#endif
