import Testing

@testable import LocatedYAML

@Suite("Source ranges of nodes")
struct SourceRangeTests {
    @Test func scalarKeysAndValuesKnowTheirRanges() throws {
        let text = "id: openai\nbase_url: \"https://api.openai.com/v1\"\n"
        let root = try YAMLReader().read(text)[0].root
        let entries = try #require(root.entries)
        #expect(entries.map { $0.key.keyText } == ["id", "base_url"])

        #expect(entries[0].key.range.start == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(entries[0].key.range.end == SourceLocation(line: 1, column: 3, offset: 2))
        #expect(entries[0].value.range.start == SourceLocation(line: 1, column: 5, offset: 4))
        #expect(entries[0].value.range.end == SourceLocation(line: 1, column: 11, offset: 10))
        // A quoted scalar's range includes its quotes.
        #expect(entries[1].value.range.start == SourceLocation(line: 2, column: 11, offset: 21))
        #expect(entries[1].value.range.end == SourceLocation(line: 2, column: 38, offset: 48))
    }

    @Test func blockCollectionsEndAtTheirLastChild() throws {
        let text = "a:\n  - 1\n  - 2\n\n\nb: 3\n"
        let root = try YAMLReader().read(text)[0].root
        let sequence = try #require(root["a"])
        #expect(sequence.range.start.line == 2)
        #expect(sequence.range.start.column == 3)
        #expect(sequence.range.end == SourceLocation(line: 3, column: 6, offset: 14))
        #expect(root.range.end.line == 6)
    }

    @Test func flowCollectionsIncludeTheirBrackets() throws {
        let root = try YAMLReader().read("x: [1, {a: b}]\n")[0].root
        let flow = try #require(root["x"])
        #expect(flow.range.start.column == 4)
        #expect(flow.range.end.column == 15)
        #expect(flow.items?[1]["a"]?.range.start.column == 12)
    }

    @Test func columnsCountCharactersAndOffsetsCountBytes() throws {
        let text = "name: \"日本語\"\nnext: é\n"
        let root = try YAMLReader().read(text)[0].root
        let next = try #require(root.entry(forKey: "next"))
        #expect(next.key.range.start == SourceLocation(line: 2, column: 1, offset: 18))
        #expect(next.value.range.start == SourceLocation(line: 2, column: 7, offset: 24))
        #expect(next.value.range.end == SourceLocation(line: 2, column: 8, offset: 26))
    }

    @Test func byteOrderMarkIsAcceptedAndNotCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)
        let root = try YAMLReader().read(bytes)[0].root
        let entry = try #require(root.entry(forKey: "a"))
        #expect(entry.value.integer == 1)
        #expect(entry.key.range.start == SourceLocation(line: 1, column: 1, offset: 3))
    }

    @Test func keysKeepTheirOrder() throws {
        let root = try YAMLReader().read("z: 1\na: 2\nm: 3\n")[0].root
        #expect(root.entries?.map { $0.key.keyText } == ["z", "a", "m"])
    }

    @Test func multiDocumentStreams() throws {
        let documents = try YAMLReader().read("---\nid: a\n---\nid: b\n...\n")
        #expect(documents.map { $0.root["id"]?.string } == ["a", "b"])
        #expect(documents[1].range.start.line == 3)
    }

    @Test func emptyStreamHasNoDocuments() throws {
        #expect(try YAMLReader().read("# only a comment\n").isEmpty)
        #expect(try YAMLReader().read("").isEmpty)
    }

    @Test func jsonIsRead() throws {
        let root = try YAMLReader().read(#"{"a":1,"b":[true,null,"x\u00e9"],"c":{"d":1.0}}"#)[0].root
        #expect(root["a"]?.integer == 1)
        #expect(root["b"]?.items?.count == 3)
        #expect(root["b"]?.items?[2].string == "xé")
        #expect(root["c"]?["d"]?.number == 1.0)
    }

    @Test func aliasesCopyTheAnchoredNode() throws {
        let root = try YAMLReader().read("base: &b {x: 1}\nother: *b\n")[0].root
        #expect(root["other"]?["x"]?.integer == 1)
        #expect(root["other"]?.range == root["base"]?.range)
    }
}
