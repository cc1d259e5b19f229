/// Parses the expressions and paths of manifests by the grammar in `spec/EXPRESSIONS.md`.
///
/// Precedence, tightest first: `!`, comparison (`==` `!=` `<` `<=` `>` `>=` `in`), `&&`, `||`;
/// parentheses group.
public enum ExpressionParser {
    /// Parses a condition such as `$.type == 'content_block_delta' && exists($.delta.text)`.
    public static func parseExpression(_ text: String) throws(ExpressionError) -> Expression {
        var parser = Parser(text)
        let expression = try parser.parseOr()
        try parser.expectEnd(of: "expression")
        return expression
    }

    /// Parses a path such as `$.choices[0].delta.content`, `candidates[*]` or `usage.0.total`.
    public static func parsePath(_ text: String) throws(ExpressionError) -> ValuePath {
        var parser = Parser(text)
        parser.skipSpaces()
        let path = try parser.parsePath()
        try parser.expectEnd(of: "path")
        return path
    }
}

private struct Parser {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    // MARK: Expressions

    mutating func parseOr() throws(ExpressionError) -> Expression {
        var left = try parseAnd()
        while consume("||") {
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(ExpressionError) -> Expression {
        var left = try parseComparison()
        while consume("&&") {
            left = .and(left, try parseComparison())
        }
        return left
    }

    mutating func parseComparison() throws(ExpressionError) -> Expression {
        let left = try parseUnary()
        skipSpaces()
        for op in [ComparisonOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
        where consume(op.rawValue) {
            return .comparison(left, op, try parseUnary())
        }
        if peekWord() == "in" {
            position += 2
            return .membership(left, try parseList())
        }
        if peek() == "=" {
            throw ExpressionError(message: "use '==' to compare", offset: position)
        }
        if let single = peek(), single == "&" || single == "|", peek(offset: 1) != single {
            let doubled = String(single) + String(single)
            throw ExpressionError(message: "use '\(doubled)' for a logical operator", offset: position)
        }
        return left
    }

    mutating func parseUnary() throws(ExpressionError) -> Expression {
        skipSpaces()
        if peek() == "!", peek(offset: 1) != "=" {
            position += 1
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(ExpressionError) -> Expression {
        skipSpaces()
        guard let scalar = peek() else {
            throw ExpressionError(
                message: position == 0 ? "the expression is empty" : "expected an operand at the end",
                offset: position)
        }
        switch scalar {
        case "(":
            let open = position
            position += 1
            let inner = try parseOr()
            skipSpaces()
            guard consume(")") else {
                throw ExpressionError(message: "missing ')' to close the '(' at column \(open + 1)", offset: position)
            }
            return inner
        case "'", "\"":
            return .literal(.string(try parseString()))
        case "-", "0"..."9":
            return .literal(try parseNumber())
        case "$", "@":
            return .path(try parsePath())
        default:
            guard isIdentifierStart(scalar) else {
                throw ExpressionError(
                    message: "expected a path, a literal or '(', found '\(scalar)'", offset: position)
            }
            let word = peekWord() ?? ""
            switch word {
            case "true", "false":
                position += word.unicodeScalars.count
                return .literal(.bool(word == "true"))
            case "null":
                position += 4
                return .literal(.null)
            case "exists":
                let start = position
                position += 6
                skipSpaces()
                guard consume("(") else {
                    position = start
                    return .path(try parsePath())
                }
                skipSpaces()
                let path = try parsePath()
                skipSpaces()
                guard consume(")") else {
                    throw ExpressionError(message: "missing ')' to close exists(", offset: position)
                }
                return .exists(path)
            default:
                return .path(try parsePath())
            }
        }
    }

    mutating func parseList() throws(ExpressionError) -> [Literal] {
        skipSpaces()
        guard consume("[") else {
            throw ExpressionError(message: "expected '[' to start the list after 'in'", offset: position)
        }
        var items: [Literal] = []
        skipSpaces()
        if consume("]") { return items }
        while true {
            skipSpaces()
            guard case .literal(let literal) = try parsePrimary() else {
                throw ExpressionError(message: "a list after 'in' holds only literals", offset: position)
            }
            items.append(literal)
            skipSpaces()
            if consume("]") { return items }
            guard consume(",") else {
                throw ExpressionError(message: "expected ',' or ']' in the list", offset: position)
            }
        }
    }

    // MARK: Paths

    mutating func parsePath() throws(ExpressionError) -> ValuePath {
        var segments: [ValuePath.Segment] = []
        let root: ValuePath.Root
        switch peek() {
        case "$":
            root = .document
            position += 1
        case "@":
            root = .current
            position += 1
        case let scalar? where isIdentifierStart(scalar):
            root = .relative
            segments.append(.key(parseIdentifier()))
        default:
            throw ExpressionError(message: "expected a path starting with '$', '@' or a name", offset: position)
        }
        while let scalar = peek() {
            if scalar == "." {
                position += 1
                segments.append(try parseDotSegment())
            } else if scalar == "[" {
                position += 1
                segments.append(try parseBracketSegment())
            } else {
                break
            }
        }
        return ValuePath(root: root, segments: segments)
    }

    mutating func parseDotSegment() throws(ExpressionError) -> ValuePath.Segment {
        guard let scalar = peek() else {
            throw ExpressionError(message: "expected a name after '.'", offset: position)
        }
        if scalar == "*" {
            position += 1
            return .wildcard
        }
        if scalar.properties.numericType != nil, scalar.isASCII {
            return .index(try parseIndex())
        }
        guard isIdentifierStart(scalar) else {
            throw ExpressionError(message: "expected a name after '.', found '\(scalar)'", offset: position)
        }
        return .key(parseIdentifier())
    }

    mutating func parseBracketSegment() throws(ExpressionError) -> ValuePath.Segment {
        let open = position - 1
        skipSpaces()
        let segment: ValuePath.Segment
        switch peek() {
        case "*":
            position += 1
            segment = .wildcard
        case "'", "\"":
            segment = .key(try parseString())
        case "?":
            position += 1
            skipSpaces()
            guard consume("(") else {
                throw ExpressionError(message: "expected '(' after '[?'", offset: position)
            }
            let condition = try parseOr()
            skipSpaces()
            guard consume(")") else {
                throw ExpressionError(message: "missing ')' to close the filter", offset: position)
            }
            segment = .filter(condition)
        case let scalar? where scalar.isASCII && scalar.properties.numericType != nil:
            segment = .index(try parseIndex())
        default:
            throw ExpressionError(
                message: "expected an index, '*', a quoted name or a filter '?(…)' inside '[ ]'", offset: position)
        }
        skipSpaces()
        guard consume("]") else {
            throw ExpressionError(message: "missing ']' to close the '[' at column \(open + 1)", offset: position)
        }
        return segment
    }

    mutating func parseIndex() throws(ExpressionError) -> Int {
        let start = position
        while let scalar = peek(), scalar.isASCII, scalar.properties.numericType != nil { position += 1 }
        guard let index = Int(String(String.UnicodeScalarView(scalars[start..<position]))) else {
            throw ExpressionError(message: "index is too large", offset: start, length: position - start)
        }
        return index
    }

    mutating func parseIdentifier() -> String {
        let start = position
        while let scalar = peek(), isIdentifierPart(scalar) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    // MARK: Literals

    mutating func parseString() throws(ExpressionError) -> String {
        let start = position
        let quote = scalars[position]
        position += 1
        var value = String.UnicodeScalarView()
        while let scalar = peek() {
            position += 1
            if scalar == quote { return String(value) }
            if scalar == "\\" {
                guard let escaped = peek() else { break }
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(escaped)
                }
            } else {
                value.append(scalar)
            }
        }
        throw ExpressionError(
            message: "unterminated string: add the closing \(quote)", offset: start, length: position - start)
    }

    mutating func parseNumber() throws(ExpressionError) -> Literal {
        let start = position
        if peek() == "-" { position += 1 }
        while let scalar = peek(), scalar.isASCII,
            scalar.properties.numericType != nil || scalar == "." || scalar == "e" || scalar == "E"
        {
            position += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<position]))
        if let integer = Int(text) { return .integer(integer) }
        if let number = Double(text) { return .number(number) }
        throw ExpressionError(message: "'\(text)' is not a number", offset: start, length: position - start)
    }

    // MARK: Scanning

    func peek(offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    /// The identifier at the current position, if any, without consuming it.
    func peekWord() -> String? {
        var end = position
        while end < scalars.count, isIdentifierPart(scalars[end]) { end += 1 }
        return end > position ? String(String.UnicodeScalarView(scalars[position..<end])) : nil
    }

    mutating func consume(_ token: String) -> Bool {
        skipSpaces()
        let tokenScalars = Array(token.unicodeScalars)
        guard position + tokenScalars.count <= scalars.count,
            Array(scalars[position..<position + tokenScalars.count]) == tokenScalars
        else { return false }
        position += tokenScalars.count
        return true
    }

    mutating func skipSpaces() {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" { position += 1 }
    }

    mutating func expectEnd(of what: String) throws(ExpressionError) {
        skipSpaces()
        if let scalar = peek() {
            throw ExpressionError(
                message: "unexpected '\(scalar)' after the end of the \(what)", offset: position,
                length: scalars.count - position)
        }
    }

    func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || scalar == "-" || (scalar.isASCII && scalar.properties.numericType != nil)
    }
}
