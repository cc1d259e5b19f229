import Foundation
import Testing

/// Something a test needs from outside the repository: the shared upstream data beside the
/// clone, or a tool that `.ci/test.sh` installs.
///
/// A test that needs one says so with the `.requires(_:)` trait. Without it, the test is skipped
/// with the reason in the test log; under `CI=true` the missing prerequisite fails the test
/// instead, naming what is missing, so a CI run can never pass by checking nothing.
public struct Prerequisite: Sendable, CustomStringConvertible {
    /// What it is, in words, such as `the upstream data ../shared/upstream`.
    public let name: String
    /// Where it was looked for (a path).
    public let location: String
    /// Why it is unusable; `nil` when it is there.
    public let problem: String?

    /// Creates a prerequisite from what was found.
    public init(name: String, location: String, problem: String?) {
        self.name = name
        self.location = location
        self.problem = problem
    }

    /// Whether it is there.
    public var isAvailable: Bool { problem == nil }

    public var description: String { name }

    /// Whether this run is CI's (`CI=true`), where a missing prerequisite is a failure.
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The package root, found from this file's path (`<root>/Tests/TestPrerequisites/…`).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A folder that must exist.
    public static func folder(_ path: String, name: String, hint: String) -> Prerequisite {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        return Prerequisite(name: name, location: path, problem: exists ? nil : "\(path) is absent (\(hint))")
    }

    /// `../shared/upstream`: the public AI-Protocol data and the JSON Schema Test Suite.
    public static let sharedUpstream = folder(
        URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/upstream")
            .standardizedFileURL.path,
        name: "the upstream data ../shared/upstream",
        hint: "it sits beside the repository as ../shared")

    /// The AI-Protocol compliance suite (`cases/`, `fixtures/`): the folder that
    /// `AI_PROTOCOL_COMPLIANCE_DIR` names, else `../shared/upstream/ai-protocol/tests/compliance`.
    public static let complianceSuite: Prerequisite = {
        if let folder = ProcessInfo.processInfo.environment["AI_PROTOCOL_COMPLIANCE_DIR"], !folder.isEmpty {
            return Prerequisite.folder(
                folder, name: "the compliance suite AI_PROTOCOL_COMPLIANCE_DIR=\(folder)",
                hint: "AI_PROTOCOL_COMPLIANCE_DIR names the folder that holds cases/ and fixtures/")
        }
        return Prerequisite.folder(
            sharedUpstream.location + "/ai-protocol/tests/compliance",
            name: "the compliance suite ../shared/upstream/ai-protocol/tests/compliance",
            hint: "set AI_PROTOCOL_COMPLIANCE_DIR, or put ../shared beside the repository")
    }()

    /// The folder of the shared upstream data (meaningful when `sharedUpstream` is available).
    public static var upstreamPath: String { sharedUpstream.location }

    /// The error a test throws, under CI, for a missing prerequisite.
    struct Missing: Error, CustomStringConvertible {
        let prerequisite: Prerequisite
        var description: String {
            "CI=true and \(prerequisite.name) is missing: \(prerequisite.problem ?? "")"
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test or suite only when `prerequisite` is available: otherwise it is skipped
    /// with the reason, or, under `CI=true`, fails naming what is missing.
    public static func requires(
        _ prerequisite: Prerequisite, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Self {
        .enabled(
            Comment(rawValue: prerequisite.problem ?? "\(prerequisite.name) is available"),
            sourceLocation: sourceLocation
        ) {
            if prerequisite.isAvailable { return true }
            if Prerequisite.isCI { throw Prerequisite.Missing(prerequisite: prerequisite) }
            return false
        }
    }
}

extension Prerequisite {
    /// An executable named by an environment variable, such as the Python of the mock server.
    public static func executable(variable: String, name: String, hint: String) -> Prerequisite {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            return Prerequisite(name: name, location: "$" + variable, problem: "\(variable) is not set (\(hint))")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return Prerequisite(
                name: name, location: path, problem: "\(variable)=\(path) is not an executable file (\(hint))")
        }
        return Prerequisite(name: name, location: path, problem: nil)
    }
}
