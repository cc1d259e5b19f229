import Foundation
import LocatedYAML
import TestPrerequisites
import Testing

@testable import JSONSchemaValidation

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12, without `optional/`): every case
/// must pass, as the README claims.
@Suite(.requires(.sharedUpstream))
struct ConformanceTests {
    /// Required cases skipped on purpose: `file / group / test` → reason. Empty: every case runs.
    static let skips: [String: String] = [:]

    static let suite = Prerequisite.upstreamPath + "/json-schema-test-suite"

    @Test func draft202012Suite() throws {
        var reader = SuiteFileReader()
        let registry = try reader.remotesRegistry(Self.suite + "/remotes")
        let outcome = try SuiteRunner.run(
            directory: Self.suite + "/tests/draft2020-12", registry: registry, reader: &reader,
            options: ValidationOptions(), skips: Self.skips)
        for line in reader.notes { print(line) }
        for line in outcome.report { print(line) }
        print(
            "JSON-Schema-Test-Suite draft2020-12: \(outcome.passed) passed, \(outcome.failed) failed, \(outcome.skipped) skipped"
        )
        #expect(outcome.failed == 0, "\(outcome.failures.joined(separator: "\n"))")
        #expect(outcome.skipped == Self.skips.count)
        // The suite as the README counts it: a case lost to a reading error would lower this.
        #expect(outcome.passed + outcome.skipped == 1299)
    }

    /// Optional format cases this validator answers differently, by name, with the reason. Every
    /// other case of the checked formats must pass, and every case listed here must still fail
    /// (so the list cannot go stale).
    static let formatDisagreements: [String: String] = [:]

    /// The optional format tests, with formats as assertions, for the formats this validator
    /// checks.
    @Test func optionalFormatSuite() throws {
        var reader = SuiteFileReader()
        let registry = try reader.remotesRegistry(Self.suite + "/remotes")
        let checked = [
            "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uri",
            "uri-reference", "uuid",
            "regex", "json-pointer", "relative-json-pointer",
        ]
        var outcome = SuiteRunner.Outcome()
        for format in checked {
            let found = try SuiteRunner.run(
                files: [Self.suite + "/tests/draft2020-12/optional/format/\(format).json"], registry: registry,
                reader: &reader, options: ValidationOptions(assertFormats: true), skips: [:])
            outcome.passed += found.passed
            outcome.failed += found.failed
            outcome.failures += found.failures
            outcome.report += found.report
        }
        for line in outcome.report { print(line) }
        print(
            "optional/format with format assertion: \(outcome.passed) of \(outcome.passed + outcome.failed) cases agree, \(Self.formatDisagreements.count) known disagreements"
        )
        let failures = Set(outcome.failures)
        let known = Set(Self.formatDisagreements.keys)
        #expect(failures.subtracting(known).isEmpty, "new failures: \(failures.subtracting(known).sorted())")
        #expect(known.subtracting(failures).isEmpty, "listed but passing: \(known.subtracting(failures).sorted())")
    }
}

/// Runs suite files.
enum SuiteRunner {
    struct Outcome {
        var passed = 0
        var failed = 0
        var skipped = 0
        /// The names of the failed cases.
        var failures: [String] = []
        var report: [String] = []
    }

    static func run(
        directory: String, registry: SchemaRegistry, reader: inout SuiteFileReader,
        options: ValidationOptions,
        skips: [String: String]
    ) throws -> Outcome {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.hasSuffix(".json")
        }.sorted()
        return try run(
            files: names.map { directory + "/" + $0 }, registry: registry, reader: &reader,
            options: options, skips: skips)
    }

    static func run(
        files: [String], registry: SchemaRegistry, reader: inout SuiteFileReader,
        options: ValidationOptions,
        skips: [String: String]
    ) throws -> Outcome {
        var outcome = Outcome()
        for path in files {
            let file = URL(fileURLWithPath: path).lastPathComponent
            let groups = try reader.read(path).items ?? []
            for (groupIndex, group) in groups.enumerated() {
                let groupName = group["description"]?.string ?? "group \(groupIndex)"
                let tests = group["tests"]?.items ?? []
                var validator: JSONSchemaValidator?
                var schemaError = ""
                do {
                    validator = try JSONSchemaValidator(
                        schema: group["schema"] ?? YAMLNode(.mapping([])),
                        uri: "https://suite.invalid/\(file.dropLast(5))/\(groupIndex).json", registry: registry,
                        options: options)
                } catch {
                    schemaError = error.description
                }
                for test in tests {
                    let name = "\(file) / \(groupName) / \(test["description"]?.string ?? "?")"
                    if let reason = skips[name] {
                        outcome.skipped += 1
                        outcome.report.append("SKIP \(name): \(reason)")
                        continue
                    }
                    guard let validator else {
                        outcome.failed += 1
                        outcome.failures.append(name)
                        outcome.report.append("FAIL \(name): schema rejected: \(schemaError)")
                        continue
                    }
                    let data =
                        test["data"] ?? YAMLNode(.scalar(YAMLScalar(value: .null, text: "null", style: .plain)))
                    let expected = test["valid"]?.bool ?? true
                    let result = validator.validate(data)
                    let quick = validator.isValid(data)
                    if result.isValid == expected && quick == expected {
                        outcome.passed += 1
                    } else {
                        outcome.failed += 1
                        outcome.failures.append(name)
                        let detail = result.errors.prefix(3).map { "\($0.keywordLocation): \($0.message)" }
                        outcome.report.append(
                            "FAIL \(name): expected \(expected ? "valid" : "invalid"), got \(result.isValid ? "valid" : "invalid") (quick check: \(quick)) \(detail)"
                        )
                    }
                }
            }
        }
        return outcome
    }
}

/// Reads suite JSON files with `YAMLReader`, checking each against a strict JSON parser and
/// falling back to it where libyaml rejects or misreads the file.
struct SuiteFileReader {
    var notes: [String] = []

    mutating func read(_ path: String) throws -> YAMLNode {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let reference = try TestJSONParser.parse(text)
        do {
            guard let root = try YAMLReader().read(text).first?.root else {
                notes.append("NOTE libyaml read no document from \(path); used the test JSON parser")
                return reference
            }
            if let difference = StrictComparison.difference(root, reference, path: "") {
                notes.append("NOTE libyaml misreads \(path) at \(difference); used the test JSON parser")
                return reference
            }
            return root
        } catch {
            let first = error.errors.first.map { "\($0.range.start): \($0.message)" } ?? "?"
            notes.append("NOTE libyaml rejects \(path) (\(first)); used the test JSON parser")
            return reference
        }
    }

    /// A registry holding `remotes/` under `http://localhost:1234/`.
    mutating func remotesRegistry(_ directory: String) throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            return registry
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".json") { files.append(relative) }
        }
        for relative in files.sorted() {
            try registry.register(
                read(directory + "/" + relative), uri: "http://localhost:1234/" + relative)
        }
        return registry
    }
}

/// Exact structural comparison (integer and float differ, key order matters).
enum StrictComparison {
    static func difference(_ a: YAMLNode, _ b: YAMLNode, path: String) -> String? {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            if x.value == y.value { return nil }
            if case .float(let p) = x.value, case .float(let q) = y.value, p.isNaN && q.isNaN {
                return nil
            }
            return "\(path.isEmpty ? "/" : path): \(x.value) vs \(y.value)"
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return "\(path): array length \(x.count) vs \(y.count)" }
            for index in x.indices {
                if let difference = difference(x[index], y[index], path: path + "/\(index)") {
                    return difference
                }
            }
            return nil
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return "\(path): object size \(x.count) vs \(y.count)" }
            for index in x.indices {
                guard x[index].key.keyText == y[index].key.keyText else {
                    return "\(path): key \(x[index].key.keyText ?? "?") vs \(y[index].key.keyText ?? "?")"
                }
                if let difference = difference(
                    x[index].value, y[index].value, path: path + "/" + (x[index].key.keyText ?? "?"))
                {
                    return difference
                }
            }
            return nil
        default:
            return "\(path): different kinds"
        }
    }
}
