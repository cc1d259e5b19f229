import AIProtocol
import ComplianceOperations
import Foundation
import ProtocolCompiler
import TestPrerequisites
import Testing

/// The upstream AI-Protocol compliance suite, every case run through the code paths users call
/// (see `ComplianceOperations`); the suite's folder is `AI_PROTOCOL_COMPLIANCE_DIR`, else
/// `../shared/upstream/ai-protocol/tests/compliance`. Prints one line per operation type and
/// then `compliance: N passed, M failed, K skipped`.
@Suite("Upstream compliance suite", .requires(.complianceSuite))
struct ComplianceSuiteTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Outcome {
        var testCase: ComplianceCase
        var problems: [String]
        var waiver: Waiver?
    }

    @Test func everyCasePassesOrIsWaived() async throws {
        let suite = URL(fileURLWithPath: Prerequisite.complianceSuite.location)
        let cases = try ComplianceCases.load(suite: suite)
        let waivers = try Waiver.load(
            Self.packageRoot.appendingPathComponent("Tests/ComplianceTests/Waivers.yaml").path)
        let spec = Self.packageRoot.appendingPathComponent("spec").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("compliance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(!cases.isEmpty, "no cases in \(suite.path)/cases")

        var outputs: [String: JSONValue] = [:]
        var manifests = CaseManifests(suite: suite, scratch: scratch)
        var requests: [ComplianceRequest] = []
        let loading = ProtocolLoading(spec: try SpecBundle(directory: spec, strict: false))
        for testCase in cases {
            if testCase.operation == "protocol_loading" {
                let path = testCase.input["manifest_path"]?.stringValue ?? testCase.setup["manifest_path"]?.stringValue
                outputs[testCase.key] =
                    path.map { loading.run(manifest: manifests.resolve($0, from: testCase.folder)) }
                    ?? .object(["unsupported": .string("a loading case without a manifest_path")])
                continue
            }
            guard ComplianceOperations.supported.contains(testCase.operation) else {
                outputs[testCase.key] = .object([
                    "unsupported": .string("no code path for the operation \"\(testCase.operation)\"")
                ])
                continue
            }
            do {
                let provider =
                    ComplianceOperations.needsProvider(testCase.operation)
                    ? try manifests.providerID(for: testCase) : nil
                requests.append(
                    ComplianceRequest(
                        key: testCase.key, input: testCase.input, providerID: provider,
                        environment: testCase.environment))
            } catch {
                outputs[testCase.key] = .object(["unsupported": .string("its manifest: \(error)")])
            }
        }
        let driver = try await ComplianceDriverBuild.build(manifests.manifests, spec: spec, in: scratch)
        for (key, output) in try await driver.run(requests, in: scratch) { outputs[key] = output }

        var outcomes: [Outcome] = []
        for testCase in cases {
            var problems: [String]
            let output = outputs[testCase.key] ?? .object(["unsupported": .string("the driver returned nothing")])
            if let reason = output["unsupported"]?.stringValue {
                problems = [reason]
                if let provider = requests.first(where: { $0.key == testCase.key })?.providerID,
                    let refusal = driver.refused[provider]
                {
                    problems.append("the manifest does not compile:\n\(refusal)")
                }
            } else {
                problems = Expectations.mismatches(expected: testCase.expected, output: output)
            }
            outcomes.append(
                Outcome(testCase: testCase, problems: problems, waiver: waivers.first { $0.covers(testCase) }))
        }
        report(outcomes, waivers: waivers)
    }

    /// Prints the summary and records every failure and every stale waiver.
    private func report(_ outcomes: [Outcome], waivers: [Waiver]) {
        var operations: [String] = []
        for outcome in outcomes where !operations.contains(outcome.testCase.operation) {
            operations.append(outcome.testCase.operation)
        }
        func counts(_ outcomes: [Outcome]) -> (passed: Int, failed: Int, skipped: Int) {
            let skipped = outcomes.filter { $0.waiver != nil && !$0.problems.isEmpty }.count
            let passed = outcomes.filter { $0.waiver == nil && $0.problems.isEmpty }.count
            return (passed, outcomes.count - passed - skipped, skipped)
        }
        for operation in operations.sorted() {
            let (passed, failed, skipped) = counts(outcomes.filter { $0.testCase.operation == operation })
            print("compliance: \(operation): \(passed) passed, \(failed) failed, \(skipped) skipped")
        }
        let used = waivers.filter { waiver in
            outcomes.contains { $0.waiver.map { $0.id == waiver.id && $0.file == waiver.file } ?? false }
        }
        print(
            "compliance: \(waivers.count) waivers (Tests/ComplianceTests/Waivers.yaml), \(used.count) of them for cases of this suite"
        )
        let (passed, failed, skipped) = counts(outcomes)
        print("compliance: \(passed) passed, \(failed) failed, \(skipped) skipped")

        for outcome in outcomes {
            let name = "\(outcome.testCase.id) (\(outcome.testCase.key), \(outcome.testCase.operation))"
            switch (outcome.waiver, outcome.problems.isEmpty) {
            case (nil, false):
                Issue.record("\(name) fails:\n  \(outcome.problems.joined(separator: "\n  "))")
            case (let waiver?, true):
                Issue.record("\(name) passes, but is waived (\(waiver.reason)): remove its waiver")
            default:
                break
            }
        }
    }
}
