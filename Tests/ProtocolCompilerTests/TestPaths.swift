import Foundation

/// Where tests find the repository's files and the shared upstream data.
enum TestPaths {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled `spec/`.
    static let spec = packageRoot.appendingPathComponent("spec").path

    /// This target's manifest fixtures.
    static let manifests = packageRoot.appendingPathComponent("Tests/ProtocolCompilerTests/Manifests").path

    /// `../shared/upstream/ai-protocol`, or `nil` (with the reason printed) when it is absent.
    static let upstream: String? = {
        let path = packageRoot.appendingPathComponent("../shared/upstream/ai-protocol").standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping upstream tests: \(path) is absent (it sits beside the repository as ../shared)")
            return nil
        }
        return path
    }()
}
