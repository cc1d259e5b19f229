import Foundation

/// Where the end-to-end tests find the mock server's fixtures and Python.
enum MockServerPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
}
