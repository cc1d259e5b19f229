import Testing

@testable import ProtocolCompiler

/// How `FieldTree` types a leaf from the uses of its path.
@Suite("Frame field types")
struct FieldTreeTests {
    private func leaf(after uses: [FieldTree.Use]) -> FieldTree.Node? {
        var tree = FieldTree()
        let path = ValuePath(root: .document, segments: [.key("delta"), .key("text")])
        for use in uses { tree.insert(path, use: use) }
        guard case .object(let frame) = tree.root, case .object(let delta)? = frame["delta"] else { return nil }
        return delta["text"]
    }

    @Test func aDeltasTextIsReadFreshOnlyWhenNothingElseReadsIt() {
        #expect(leaf(after: [.value(.deltaString)]) == .leaf(.deltaString))
        #expect(leaf(after: [.value(.deltaString), .presence]) == .leaf(.deltaString))
        // Also read as a string another rule keeps, or compared: the recent strings serve it.
        #expect(leaf(after: [.value(.deltaString), .value(.string)]) == .leaf(.string))
        #expect(leaf(after: [.value(.string), .value(.deltaString)]) == .leaf(.string))
        #expect(leaf(after: [.value(.texts(["done"])), .value(.deltaString)]) == .leaf(.string))
        #expect(leaf(after: [.value(.deltaString), .value(.integer)]) == .leaf(.json))
    }
}
