import Testing

@testable import LocatedYAML

@Suite("Reader errors are located")
struct ReaderErrorTests {
    private func errors(_ text: String, limits: YAMLReader.Limits = .init()) -> [YAMLError] {
        errors(Array(text.utf8), limits: limits)
    }

    private func errors(_ bytes: [UInt8], limits: YAMLReader.Limits = .init()) -> [YAMLError] {
        do {
            _ = try YAMLReader(limits: limits).read(bytes)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func syntaxError() throws {
        let found = errors("a: 1\nb: [1, 2\nc: 3\n")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.kind == .syntax)
        #expect(error.message == "syntax error: did not find expected ',' or ']'")
        #expect(error.range.start.line == 3)
        #expect(error.range.start.column == 2)
        #expect(error.notes.first?.message == "while parsing a flow sequence that starts here")
        #expect(error.notes.first?.range.start == SourceLocation(line: 2, column: 4, offset: 8))
    }

    @Test func duplicateKeyIsReportedAtTheSecondOccurrence() throws {
        let found = errors("id: a\nname: x\nid: b\nname: y\n")
        #expect(found.count == 2)
        let error = found[0]
        #expect(error.kind == .duplicateKey)
        #expect(error.message == "duplicate key \"id\" in this mapping")
        #expect(error.range.start == SourceLocation(line: 3, column: 1, offset: 14))
        #expect(error.notes == [YAMLError.Note(message: "\"id\" is first defined here", range: error.notes[0].range)])
        #expect(error.notes[0].range.start == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(found[1].range.start.line == 4)
    }

    @Test func repeatedKeyWithTheSameValueIsItsOwnKindAndKeepsTheDocument() throws {
        do {
            _ = try YAMLReader().read("flags:\n  a: true\n  b: 1\n  a: true\n")
            Issue.record("expected a failure")
        } catch {
            #expect(error.errors.map(\.kind) == [.repeatedKey])
            #expect(error.errors[0].message == "key \"a\" is repeated with the same value; remove the repetition")
            #expect(error.errors[0].range.start.line == 4)
            let flags = try #require(error.documents.first?.root["flags"])
            #expect(flags.entries?.map { $0.key.keyText } == ["a", "b"])
        }
    }

    @Test func documentsAreNotReturnedAfterAFatalError() {
        do {
            _ = try YAMLReader().read("a: 1\na: 2\nb: [\n")
            Issue.record("expected a failure")
        } catch {
            #expect(error.errors.map(\.kind) == [.duplicateKey, .syntax])
            #expect(error.documents.isEmpty)
        }
    }

    @Test func sameKeyInDifferentMappingsIsFine() {
        #expect(errors("a: {id: 1}\nb: {id: 2}\n").isEmpty)
    }

    @Test func surrogatePairEscapeGetsAHint() throws {
        let error = try #require(errors(#"{"a": "\uD83D\uDE00"}"#).first)
        #expect(error.kind == .syntax)
        #expect(
            error.message
                == #"syntax error: found invalid Unicode character escape code; a UTF-16 surrogate pair such as \uD83D\uDE00 is not valid in YAML: write the character itself or \U0001F600"#
        )
        // libyaml points at the escape's hex digits.
        #expect(error.range.start.column == 10)
    }

    @Test func invalidUTF8() throws {
        let error = try #require(errors(Array("a: ok\nb: x".utf8) + [0xFF] + Array("\n".utf8)).first)
        #expect(error.kind == .invalidUTF8)
        #expect(error.message == "invalid UTF-8: byte 0xFF cannot start a UTF-8 character")
        #expect(error.range.start == SourceLocation(line: 2, column: 5, offset: 10))
    }

    @Test func truncatedUTF8() throws {
        let error = try #require(errors(Array("a: ".utf8) + [0xE6, 0x97]).first)
        #expect(error.kind == .invalidUTF8)
        #expect(error.message == "invalid UTF-8: the file ends inside a UTF-8 character")
        #expect(error.range.start.column == 4)
    }

    @Test func documentTooLarge() throws {
        let error = try #require(errors("a: 12345\n", limits: .init(maxBytes: 8)).first)
        #expect(error.kind == .documentTooLarge)
        #expect(error.message == "document is 9 bytes, over the limit of 8 bytes")
        #expect(error.range.start == SourceLocation(line: 1, column: 1, offset: 0))
    }

    @Test func nestingTooDeep() throws {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = try #require(errors(text).first)
        #expect(error.kind == .nestingTooDeep)
        #expect(error.message == "collections nest deeper than the limit of 256 levels")
        #expect(error.range.start.column == 257)
        #expect(errors("a: {b: {c: 1}}\n", limits: .init(maxDepth: 2)).first?.range.start.column == 8)
    }

    @Test func undefinedAlias() throws {
        let error = try #require(errors("a: *missing\n").first)
        #expect(error.kind == .undefinedAlias)
        #expect(error.message == "alias *missing refers to no anchor defined before it")
        #expect(error.range.start.column == 4)
    }

    @Test func billionLaughsFailsFastAndNamesTheAlias() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let clock = ContinuousClock()
        var found: [YAMLError] = []
        let elapsed = clock.measure { found = errors(text) }
        let error = try #require(found.first)
        #expect(error.kind == .aliasBudgetExceeded)
        #expect(error.message.hasPrefix("alias *a4 on line 6 expands the document past 100000 nodes"))
        #expect(error.range.start.line == 6)
        #expect(error.notes.first?.message == "anchor &a4 is defined here")
        // Not a timing assertion on performance, a guard against exponential work.
        #expect(elapsed < .seconds(5))
    }

    @Test func aliasBudgetIsConfigurable() {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        #expect(errors(text, limits: .init(maxAliasNodes: 8)).isEmpty)
        #expect(errors(text, limits: .init(maxAliasNodes: 7)).first?.kind == .aliasBudgetExceeded)
    }
}
