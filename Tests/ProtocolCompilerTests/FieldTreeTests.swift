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

    private func node(after paths: [([ValuePath.Segment], FieldTree.Use)]) -> FieldTree.Node? {
        var tree = FieldTree()
        for (segments, use) in paths { tree.insert(ValuePath(root: .document, segments: segments), use: use) }
        guard case .object(let frame) = tree.root else { return nil }
        return frame["part"]
    }

    /// Read whole and navigated into, in either order: the members read, and the rest apart.
    @Test func aValueReadWholeAndByMemberKeepsTheMembersRead() {
        let whole: ([ValuePath.Segment], FieldTree.Use) = ([.key("part")], .value(.json))
        let text: ([ValuePath.Segment], FieldTree.Use) = ([.key("part"), .key("text")], .value(.string))
        let deep: ([ValuePath.Segment], FieldTree.Use) = ([.key("part"), .key("call"), .key("name")], .presence)
        #expect(node(after: [whole, text, deep]) == .whole(["text", "call"]))
        #expect(node(after: [text, deep, whole]) == .whole(["text", "call"]))
        #expect(node(after: [text, whole, deep]) == .whole(["text", "call"]))
        // Only tested for truthiness and navigated into: a struct, truthy when present.
        #expect(node(after: [([.key("part")], .value(nil)), text]) == .object(["text": .leaf(.string)]))
        // Navigated as an array too: navigated at run time, its members kept apart all the same.
        let element: ([ValuePath.Segment], FieldTree.Use) = ([.key("part"), .index(0)], .value(.json))
        #expect(node(after: [text, element]) == .whole(["text"]))
        #expect(node(after: [element, text]) == .whole(["text"]))
        #expect(node(after: [text, whole, element]) == .whole(["text"]))
        #expect(node(after: [element, whole]) == .leaf(.json))
    }
}
