import Testing

@testable import ProtocolCompiler

@Suite("Expression and path grammar")
struct ExpressionParserTests {
    private func path(_ text: String) throws -> ValuePath { try ExpressionParser.parsePath(text) }
    private func expression(_ text: String) throws -> Expression { try ExpressionParser.parseExpression(text) }

    @Test func absolutePaths() throws {
        #expect(
            try path("$.choices[0].delta.content")
                == ValuePath(root: .document, segments: [.key("choices"), .index(0), .key("delta"), .key("content")]))
        #expect(try path("$.choices[*].finish_reason").segments[1] == .wildcard)
        #expect(try path("$").segments.isEmpty)
        #expect(try path("$['x-request-id']").segments == [.key("x-request-id")])
    }

    @Test func relativePaths() throws {
        #expect(try path("a.b[0]") == ValuePath(root: .relative, segments: [.key("a"), .key("b"), .index(0)]))
        #expect(try path("a.0.b") == ValuePath(root: .relative, segments: [.key("a"), .index(0), .key("b")]))
        #expect(try path("candidates.*").segments == [.key("candidates"), .wildcard])
    }

    @Test func filters() throws {
        let parsed = try path("$.content[?(@.type=='text')].text")
        let condition = Expression.comparison(
            .path(ValuePath(root: .current, segments: [.key("type")])), .equal, .literal(.string("text")))
        #expect(parsed.segments == [.key("content"), .filter(condition), .key("text")])
        #expect(parsed.selectsMany)
    }

    @Test func formsInUse() throws {
        let usage = ValuePath(root: .document, segments: [.key("usage")])
        #expect(try expression("exists($.usage)") == .exists(usage))
        #expect(try expression("$.usage") == .path(usage))
        #expect(try expression("$.usage != null") == .comparison(.path(usage), .notEqual, .literal(.null)))
        #expect(
            try expression("$.type in ['a', \"b\"]")
                == .membership(
                    .path(ValuePath(root: .document, segments: [.key("type")])), [.string("a"), .string("b")]))
        #expect(try expression("!exists($.usage)") == .not(.exists(usage)))
    }

    @Test func precedence() throws {
        let a = Expression.path(ValuePath(root: .relative, segments: [.key("a")]))
        let b = Expression.path(ValuePath(root: .relative, segments: [.key("b")]))
        let c = Expression.path(ValuePath(root: .relative, segments: [.key("c")]))
        #expect(try expression("a || b && c") == .or(a, .and(b, c)))
        #expect(try expression("(a || b) && c") == .and(.or(a, b), c))
        #expect(try expression("!a == b") == .comparison(.not(a), .equal, b))
        #expect(
            try expression("a == 1 && b != 2.5")
                == .and(
                    .comparison(a, .equal, .literal(.integer(1))), .comparison(b, .notEqual, .literal(.number(2.5)))))
        #expect(
            try expression("a >= 1 || b < -2")
                == .or(
                    .comparison(a, .greaterOrEqual, .literal(.integer(1))),
                    .comparison(b, .less, .literal(.integer(-2)))))
        #expect(try expression("true && !false") == .and(.literal(.bool(true)), .not(.literal(.bool(false)))))
    }

    @Test(arguments: [
        ("", "the expression is empty", 0),
        ("$.type = 'x'", "use '==' to compare", 7),
        ("$.a & $.b", "use '&&' for a logical operator", 4),
        ("$.type == 'x", "unterminated string: add the closing '", 10),
        ("($.a || $.b", "missing ')' to close the '(' at column 1", 11),
        ("$.a[0", "missing ']' to close the '[' at column 4", 5),
        ("$.a ==", "expected an operand at the end", 6),
        ("exists($.a", "missing ')' to close exists(", 10),
        ("$.a $.b", "unexpected '$' after the end of the expression", 4),
        ("$.", "expected a name after '.'", 2),
        ("$.a in 'x'", "expected '[' to start the list after 'in'", 7),
        ("#x", "expected a path, a literal or '(', found '#'", 0),
        ("$[?@.a]", "expected '(' after '[?'", 3),
    ])
    func errorsAreLocated(text: String, message: String, offset: Int) {
        let error = #expect(throws: ExpressionError.self) { try ExpressionParser.parseExpression(text) }
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test func pathParserRejectsExpressions() {
        #expect(throws: ExpressionError.self) { try ExpressionParser.parsePath("$.a == 1") }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parsePath("'text'") }
    }
}
