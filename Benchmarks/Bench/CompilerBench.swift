import CLibYAML
import Foundation
import ProtocolCompiler

/// `protocolc validate` and `generate` over all of `spec/` (in process, without writing files),
/// against the floor of any tool that reads those files: libyaml parsing them, event by event,
/// with nothing built.
enum CompilerBench {
    static func run(spec: String?, runs: Int, wanted: (String) -> Bool) throws -> [Measurement] {
        guard wanted("compiler/") else { return [] }
        guard let directory = spec ?? SpecBundle.locate() else {
            throw CompilerBenchError("cannot find spec/; pass --spec DIR")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
            .map { try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
        let bytes = files.reduce(0) { $0 + $1.count }
        var results: [Measurement] = []
        for name in ["compiler/validate", "compiler/generate"] where wanted(name) {
            var ours: [Double] = []
            var floor: [Double] = []
            var problems = 0
            for run in 0...runs {
                let oursTime = try measure {
                    let bundle = try SpecBundle(directory: directory, strict: true)
                    if name == "compiler/validate" {
                        problems = ManifestValidation(spec: bundle).run(paths: [directory]).report.errorCount
                    } else {
                        problems = CodeGenerator(spec: bundle).generate(paths: [directory]).report.errorCount
                    }
                }.cpu
                let floorTime = measure { for file in files { parseEvents(file) } }.cpu
                // The first run warms caches and is not counted.
                if run > 0 {
                    ours.append(oursTime)
                    floor.append(floorTime)
                }
            }
            guard problems == 0 else { throw CompilerBenchError("\(name): spec/ has \(problems) errors") }
            results.append(
                Measurement(
                    name: name, unit: "ms", samples: ours, baseline: floor,
                    notes: "\(files.count) files, \(bytes / 1024) KiB; baseline: libyaml events only"))
        }
        return results
    }

    /// Parses a document with libyaml, event by event, building nothing.
    static func parseEvents(_ bytes: [UInt8]) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return }
        defer { yaml_parser_delete(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
    }
}

struct CompilerBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
