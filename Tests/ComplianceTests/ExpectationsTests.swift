import AIProtocol
import Foundation
import LocatedYAML
import Testing

/// The suite's expected-value conventions, each shown to pass and to fail.
@Suite("Compliance expectations")
struct ExpectationsTests {
    /// JSON values written as YAML, as the case files write them.
    private func value(_ yaml: String) throws -> JSONValue {
        try #require(try YAMLReader().read(Array(yaml.utf8)).first.map { YAMLJSON.value($0.root) })
    }

    private func problems(_ expected: String, _ output: String) throws -> [String] {
        Expectations.mismatches(expected: try value(expected), output: try value(output))
    }

    @Test func plainValuesAreEqualAndNumbersCompareByValue() throws {
        #expect(try problems("{a: 1.0, b: x}", "{a: 1, b: x, c: more}").isEmpty)
        #expect(try problems("{a: 1}", "{a: 2}") == ["a: expected 1, got 2"])
        #expect(try problems("{a: true}", "{a: 1}").count == 1)
        #expect(try problems("{a: 1}", "{b: 1}") == ["a: the output has no such member (expected 1)"])
    }

    @Test func objectsCompareTheMembersTheyNameAndAnEmptyOneMustBeEmpty() throws {
        #expect(try problems("{h: {x: 1}}", "{h: {x: 1, y: 2}}").isEmpty)
        #expect(try problems("{h: {}}", "{h: {}}").isEmpty)
        #expect(try problems("{h: {}}", "{h: {x: 1}}").count == 1)
    }

    @Test func arraysCompareElementByElementAndMustNotBeShorter() throws {
        #expect(try problems("{e: [{t: a}]}", "{e: [{t: a, n: 1}, {t: b}]}").isEmpty)
        #expect(try problems("{e: [{t: a}, {t: b}]}", "{e: [{t: a}]}").count == 1)
        #expect(try problems("{e: [{t: b}]}", "{e: [{t: a}]}").count == 1)
        #expect(try problems("{e: []}", "{e: [1]}").count == 1)
    }

    @Test func boundsApplyToNumbersAndCounts() throws {
        #expect(try problems("{d: {min: 10, max: 20}}", "{d: 15}").isEmpty)
        #expect(try problems("{d: {min: 10, max: 20}}", "{d: 25}") == ["d: 25.0 > 20.0"])
        #expect(try problems("{n: {min: 2}}", "{n: [1, 2, 3]}").isEmpty)
        #expect(try problems("{n: {min: 2}}", "{n: [1]}").count == 1)
    }

    @Test func assertionsByName() throws {
        #expect(try problems("{e: {assert: length, value: 2}}", "{e: [1, 2]}").isEmpty)
        #expect(try problems("{e: {assert: length, min: 1}}", "{e: []}").count == 1)
        #expect(try problems("{s: {assert: contains, value: ell}}", "{s: hello}").isEmpty)
        #expect(try problems("{s: {assert: matches, value: '^h.*o$'}}", "{s: hello}").isEmpty)
        #expect(try problems("{s: {assert: type, value: string}}", "{s: 1}").count == 1)
        #expect(try problems("{s: {assert: any_of, value: [a, b]}}", "{s: b}").isEmpty)
        #expect(try problems("{s: {assert: bogus, value: 1}}", "{s: 1}").count == 1)
        #expect(try problems("{e: [{assert: length, value: 1}, {assert: type, value: array}]}", "{e: [1]}").isEmpty)
    }

    @Test func dottedAndIndexedNamesReadIntoTheOutput() throws {
        #expect(try problems("{'arguments.query': ai}", "{arguments: {query: ai}}").isEmpty)
        #expect(try problems("{'content.0.type': text}", "{content: [{type: text}]}").isEmpty)
        #expect(try problems("{'events[1]': {t: b}}", "{events: [{t: a}, {t: b}]}").isEmpty)
        #expect(try problems("{'events[2]': {t: b}}", "{events: [{t: a}]}").count == 1)
    }

    @Test func containsAndMustNotContainSuffixes() throws {
        #expect(
            try problems("{prompt_contains: [shell, '<tool_call>']}", "{prompt: 'use <tool_call> for shell'}").isEmpty)
        #expect(try problems("{prompt_contains: [file_read]}", "{prompt: shell}").count == 1)
        #expect(try problems("{request_contains: {a: {b: 1}}}", "{request: {a: {b: 1, c: 2}, d: 3}}").isEmpty)
        #expect(try problems("{diagnostic_must_not_contain: [secret]}", "{diagnostic: 'set KEY'}").isEmpty)
        #expect(try problems("{diagnostic_must_not_contain: [secret]}", "{diagnostic: 'a secret'}").count == 1)
        // Inside an object of an array, as content blocks use it.
        #expect(try problems("{b: [{content_contains: Let me}]}", "{b: [{content: 'Let me think'}]}").isEmpty)
        #expect(try problems("{b: [{content_contains: No}]}", "{b: [{content: 'Let me think'}]}").count == 1)
    }

    @Test func mustNotContainSearchesTheWholeOutput() throws {
        #expect(try problems("{must_not_contain: [sk-123]}", "{a: {b: [redacted]}}").isEmpty)
        #expect(
            try problems("{must_not_contain: [sk-123]}", "{a: {b: ['Bearer sk-123']}}") == [
                "the output contains \"sk-123\""
            ])
    }
}
