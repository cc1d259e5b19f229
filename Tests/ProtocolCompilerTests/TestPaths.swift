import Foundation
import TestPrerequisites

/// Where tests find the repository's files and the shared upstream data.
enum TestPaths {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled `spec/`.
    static let spec = packageRoot.appendingPathComponent("spec").path

    /// This target's manifest fixtures.
    static let manifests = packageRoot.appendingPathComponent("Tests/ProtocolCompilerTests/Manifests").path

    /// `../shared/upstream/ai-protocol`; tests that read it carry `.requires(.sharedUpstream)`.
    static let upstream = Prerequisite.upstreamPath + "/ai-protocol"
}
