import AIProtocol
import Foundation

/// The cases this runtime does not pass, each with the reason (`Waivers.yaml` beside this
/// file). A waived case still runs: when it passes, its waiver is stale and the run fails.
struct Waiver: Sendable {
    var id: String
    /// The case file, for ids that occur in more than one.
    var file: String?
    var reason: String

    func covers(_ testCase: ComplianceCase) -> Bool {
        testCase.id == id && (file.map { $0 == testCase.file } ?? true)
    }

    static func load(_ path: String) throws -> [Waiver] {
        let value = try YAMLJSON.document(at: path)
        return try (value.elements ?? []).map { entry in
            guard let id = entry["id"]?.stringValue, let reason = entry["reason"]?.stringValue, !reason.isEmpty else {
                throw SuiteError("every waiver in \(path) needs an id and a reason: \(entry)")
            }
            return Waiver(id: id, file: entry["file"]?.stringValue, reason: reason)
        }
    }
}
