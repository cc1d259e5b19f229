/// Compiles the paths and expressions of a manifest into Swift expressions over the generated
/// `Decodable` types (see `FieldTree`), so nothing is interpreted at run time.
///
/// A compiled path is either one optional value (`frame.choices?.element(at: 0)?.delta`) or an
/// array of values (after a `[*]` or a filter). Leaves typed `String` or `Int` are compared and
/// read directly; inside `JSONValue` leaves, navigation continues with the runtime's
/// `member(named:)` and `element(at:)`, which treat `null` as absent, and the semantics of
/// `spec/EXPRESSIONS.md` come from `ExpressionSupport`.
struct PathCompiler {
    typealias Calls = RuntimeNames.Calls

    /// A compiled path.
    struct Access {
        /// Swift code of the value(s).
        var code: String
        /// The tree node the code's values have; `nil` inside a `JSONValue`.
        var node: FieldTree.Node?
        /// Whether `code` is an array of the selected values.
        var isMany: Bool
        /// Whether `code` (when not many) is optional.
        var isOptional: Bool
        /// When the last step was a filter: the values before it and the predicate closure, so
        /// that a presence test searches instead of building the filtered array.
        var filtered: (values: String, predicate: String)? = nil

        /// What the selected values are: a typed leaf, a `JSONValue`, or (`nil`) a generated
        /// struct or array.
        var leafType: FieldTree.LeafType? {
            switch node {
            case .leaf(let type)?: type ?? .json
            case nil: .json
            case .object?, .array?, .whole?: nil
            }
        }

        /// Whether the selected values are `JSONValue`s.
        var isJSON: Bool { leafType == .json }
    }

    let tree: FieldTree
    /// The Swift variable holding the document (`$`).
    let documentVariable: String
    /// The depth of nested filter closures, for unique parameter names.
    private var depth = 0
    /// What `@` refers to inside a filter.
    private var current: Access?
    /// Whether several selected values are a lazy sequence rather than an array: for text that
    /// is joined and for presence tests, so that selecting one content part builds no array on
    /// the way.
    private var selectsLazily = false

    /// This compiler, selecting several values lazily.
    private var lazily: PathCompiler {
        var compiler = self
        compiler.selectsLazily = true
        return compiler
    }

    init(tree: FieldTree, documentVariable: String) {
        self.tree = tree
        self.documentVariable = documentVariable
    }

    // MARK: Paths

    /// The values `path` selects; a value read whole (`FieldTree.Node.whole`) is put back
    /// together as a `JSONValue` unless `readingWhole` is `false` (a presence test).
    func access(_ path: ValuePath, readingWhole: Bool = true) -> Access {
        var access: Access
        switch path.root {
        case .document, .relative:
            access = Access(code: documentVariable, node: tree.root, isMany: false, isOptional: false)
        case .current:
            access = current ?? Access(code: documentVariable, node: tree.root, isMany: false, isOptional: false)
        }
        for segment in path.segments {
            access = step(access, segment)
        }
        return readingWhole ? Self.wholeAsJSON(access) : access
    }

    /// The access, with the struct of a value read whole put back together as a `JSONValue`.
    private static func wholeAsJSON(_ access: Access) -> Access {
        guard case .whole? = access.node else { return access }
        var whole = access
        whole.node = .leaf(.json)
        if access.isMany {
            whole.code += ".map(\\.jsonValue)"
        } else {
            // In parentheses, so that an optional chain after it applies to the whole value.
            whole.code = access.isOptional ? "(\(access.code)?.jsonValue)" : "\(access.code).jsonValue"
        }
        return whole
    }

    private func step(_ access: Access, _ segment: ValuePath.Segment) -> Access {
        if case .whole(let keys) = access.node, !segment.isKey(in: keys) {
            // Into a value read whole other than by a member it keeps: at run time.
            return step(Self.wholeAsJSON(access), segment)
        }
        let chain = access.isOptional ? "?" : ""
        /// One step applied to each value: in a `compactMap` when there are many.
        func apply(_ step: (String) -> String, node: FieldTree.Node?) -> Access {
            if access.isMany {
                return Access(
                    code: "\(access.code).compactMap({ \(step("$0")) })", node: node, isMany: true, isOptional: false)
            }
            return Access(code: step(access.code + chain), node: node, isMany: false, isOptional: true)
        }
        switch segment {
        case .key(let key):
            if case .object(let members) = access.node, let child = members[key] {
                let property = TypeNaming.propertyNames(Array(members.keys))[key]!
                return apply({ "\($0).\(property)" }, node: child)
            }
            if case .whole(let keys) = access.node {
                let property = TypeNaming.propertyNames(Array(keys))[key]!
                return apply({ "\($0).\(property)" }, node: .leaf(.json))
            }
            return apply({ Calls.member($0, SwiftSource.literal(key)) }, node: nil)
        case .index(let index):
            if case .array(let element) = access.node {
                return apply({ Calls.arrayElement($0, index) }, node: element)
            }
            return apply({ Calls.element($0, index) }, node: nil)
        case .wildcard:
            return elements(of: access)
        case .filter(let condition):
            var all = elements(of: access)
            var inner = self
            inner.depth += 1
            // A condition compares arrays of values.
            inner.selectsLazily = false
            let parameter = "element\(inner.depth)"
            inner.current = Access(code: parameter, node: all.node, isMany: false, isOptional: false)
            let predicate = "{ \(parameter) in \(inner.condition(condition)) }"
            all.filtered = (all.code, predicate)
            all.code = "\(all.code).filter(\(predicate))"
            return all
        }
    }

    /// Every element of the array the access selects.
    private func elements(of access: Access) -> Access {
        if case .array(let element) = access.node {
            var code: String
            if access.isMany {
                code = "\(access.code).flatMap({ $0 })"
            } else if access.isOptional {
                code = "(\(access.code) ?? [])"
            } else {
                code = access.code
            }
            if selectsLazily, !access.isMany { code += ".lazy" }
            return Access(code: code, node: element, isMany: true, isOptional: false)
        }
        var code: String
        if access.isMany {
            code = "\(access.code).flatMap({ \(Calls.elements("$0")) ?? [] })"
        } else {
            code = "(\(Calls.elements(access.code + (access.isOptional ? "?" : ""))) ?? [])"
            if selectsLazily { code += ".lazy" }
        }
        return Access(code: code, node: nil, isMany: true, isOptional: false)
    }

    // MARK: Expressions

    /// Swift code of type `Bool` for a condition.
    func condition(_ expression: Expression) -> String {
        switch expression {
        case .path(let path):
            let selected = lazily.access(path)
            if selected.isJSON {
                return selected.isMany
                    ? "\(selected.code).contains(where: { \(Calls.isTruthy("$0")) })"
                    : Calls.isTruthy(selected.code)
            }
            // A typed leaf or a struct is truthy when present (a value of another type is absent).
            return presence(selected)
        case .exists(let path):
            return presence(lazily.access(path, readingWhole: false))
        case .literal(let literal):
            switch literal {
            case .bool(let value): return value ? "true" : "false"
            case .null: return "false"
            default: return "true"
            }
        case .not(let inner):
            return "!(\(condition(inner)))"
        case .and(let left, let right):
            return "(\(condition(left)) && \(condition(right)))"
        case .or(let left, let right):
            return "(\(condition(left)) || \(condition(right)))"
        case .comparison(let left, let op, let right):
            return comparison(left, op, right)
        case .membership(let inner, let literals):
            if case .path(let path) = inner, let typed = typedMembership(access(path), literals) { return typed }
            let list = "[" + literals.map(Calls.jsonLiteral).joined(separator: ", ") + "]"
            return "\(valuesArray(inner)).contains(where: { \(Calls.isMember("$0", list)) })"
        }
    }

    private func presence(_ access: Access) -> String {
        if let filtered = access.filtered { return "\(filtered.values).contains(where: \(filtered.predicate))" }
        if access.isMany { return "!\(access.code).isEmpty" }
        return access.isOptional ? "(\(access.code) != nil)" : "true"
    }

    private func comparison(_ left: Expression, _ op: ComparisonOperator, _ right: Expression) -> String {
        // Literal on the left: flip it to the right.
        if case .literal = left, !(right.isLiteral) {
            return comparison(right, op.flipped, left)
        }
        if case .path(let path) = left, case .literal(let literal) = right,
            let typed = typedComparison(access(path), op, literal)
        {
            return typed
        }
        if case .literal(let literal) = right {
            let value = Calls.jsonLiteral(literal)
            let values = valuesArray(left)
            if op == .notEqual { return Calls.noneEqual(values, value) }
            return "\(values).contains(where: { \(Calls.compare("$0", op.caseName, value)) })"
        }
        return Calls.compareAny(valuesArray(left), op.caseName, valuesArray(right))
    }

    /// `P op literal` on a typed leaf, compared in Swift; `nil` for a `JSONValue`.
    private func typedComparison(_ access: Access, _ op: ComparisonOperator, _ literal: Literal) -> String? {
        guard let type = access.leafType, type != .json else { return nil }
        if case .texts(let texts) = type, case .string(let text) = literal, let name = Self.textCase(text, of: texts) {
            // Only equality makes a compared string an enum (`FieldTree`).
            let value = ".\(name)"
            if access.isMany {
                let contains = "\(access.code).contains(\(value))"
                return op == .equal ? contains : "(!\(access.code).isEmpty && !\(contains))"
            }
            if op == .equal { return "(\(access.code) == \(value))" }
            return access.isOptional
                ? "(\(access.code) != nil && \(access.code) != \(value))" : "(\(access.code) != \(value))"
        }
        guard let value = Self.swiftLiteral(literal, as: type) else {
            // `null`, or a literal no value of this type equals: only `!=` can hold, when a value
            // is present (`P != null` is `exists(P)`).
            return op == .notEqual ? presence(access) : "false"
        }
        if access.isMany {
            switch op {
            case .equal: return "\(access.code).contains(\(value))"
            case .notEqual: return "(!\(access.code).isEmpty && !\(access.code).contains(\(value)))"
            default: return "\(access.code).contains(where: { $0 \(op.rawValue) \(value) })"
            }
        }
        if type == .string, literal.isASCIIString, op == .equal || op == .notEqual {
            // Byte by byte: `String`'s `==` compares by canonical equivalence, much slower per
            // frame, and for an ASCII literal the same but for oddities such as the Kelvin sign.
            let isText = Calls.isText(access.code, oneOf: [value])
            return op == .equal ? isText : "(\(access.code) != nil && !\(isText))"
        }
        guard access.isOptional else { return "(\(access.code) \(op.rawValue) \(value))" }
        if op == .equal { return "(\(access.code) == \(value))" }
        return "(\(access.code).map({ $0 \(op.rawValue) \(value) }) ?? false)"
    }

    /// `P in [literals]` on a typed leaf; `nil` for a `JSONValue`.
    private func typedMembership(_ access: Access, _ literals: [Literal]) -> String? {
        guard let type = access.leafType, type != .json else { return nil }
        if case .texts(let texts) = type {
            let names = literals.compactMap { literal in
                if case .string(let text) = literal { Self.textCase(text, of: texts) } else { nil }
            }
            guard !names.isEmpty else { return "false" }
            let tests = { (value: String) in names.map { "\(value) == .\($0)" }.joined(separator: " || ") }
            if access.isMany { return "\(access.code).contains(where: { \(tests("$0")) })" }
            return "(\(tests(access.code)))"
        }
        let values = literals.compactMap { Self.swiftLiteral($0, as: type) }
        let list = "[" + values.joined(separator: ", ") + "]"
        if type == .string, !access.isMany, literals.allSatisfy(\.isASCIIString) {
            return Calls.isText(access.code, oneOf: values)
        }
        if access.isMany { return "\(access.code).contains(where: { \(list).contains($0) })" }
        guard access.isOptional else { return "\(list).contains(\(access.code))" }
        return "(\(access.code).map({ \(list).contains($0) }) ?? false)"
    }

    /// The enum case of `text` in a compared string's enum (see `DecodableRenderer`).
    private static func textCase(_ text: String, of texts: [String]) -> String? {
        texts.contains(text) ? TypeNaming.textCaseNames(texts)[text] : nil
    }

    /// A literal as Swift code of a typed leaf's type; `nil` when no value of that type equals it.
    /// (String literals are also valid `StaticString` literals.)
    private static func swiftLiteral(_ literal: Literal, as type: FieldTree.LeafType) -> String? {
        switch (literal, type) {
        case (.string(let text), .string): SwiftSource.literal(text)
        case (.integer(let number), .integer): String(number)
        default: nil
        }
    }

    /// Swift code of type `[JSONValue]`: the values an operand selects.
    private func valuesArray(_ expression: Expression) -> String {
        switch expression {
        case .literal(let literal):
            return "[\(Calls.jsonLiteral(literal))]"
        case .path(let path), .exists(let path):
            return values(path)
        default:
            return "[JSONValue.bool(\(condition(expression)))]"
        }
    }

    // MARK: Values

    /// Swift code of type `String?`: the text a path selects (several values joined).
    func string(_ path: ValuePath) -> String {
        let selected = lazily.access(path)
        switch selected.leafType {
        case .string?, .deltaString?:
            if selected.isMany { return Calls.joinedText(selected.code) }
            return selected.isOptional ? selected.code : "Optional(\(selected.code))"
        case .json?:
            if selected.isMany { return Calls.joinedText(selected.code) }
            return Calls.text(selected.code + (selected.isOptional ? "?" : ""))
        case .integer?, .texts?, nil:
            // A struct, an integer read as text, or a compared string read as text (reading it
            // as text makes it a `String`): no rule plans these.
            return "String?.none"
        }
    }

    /// Swift code of type `Int?`: the integer a path selects (the first, of several).
    func integer(_ path: ValuePath) -> String {
        let selected = lazily.access(path)
        switch selected.leafType {
        case .integer?:
            if selected.isMany { return "\(selected.code).first" }
            return selected.isOptional ? selected.code : "Optional(\(selected.code))"
        case .json?:
            if selected.isMany { return "\(selected.code).first?.intValue" }
            return Calls.integer(selected.code + (selected.isOptional ? "?" : ""))
        case .string?, .deltaString?, .texts?, nil:
            return "Int?.none"
        }
    }

    /// Swift code of type `JSONValue?`: the first value a path selects, as `values(path).first`
    /// but without building an array when the path selects one value.
    func firstValue(_ path: ValuePath) -> String {
        let selected = access(path)
        if selected.leafType == .json, !selected.isMany, selected.isOptional { return Calls.nonNull(selected.code) }
        return "\(values(path)).first"
    }

    /// Swift code of type `[JSONValue]`: every value a path selects.
    func values(_ path: ValuePath) -> String {
        let selected = access(path)
        switch selected.leafType {
        case .json?:
            if selected.isMany { return selected.code }
            return selected.isOptional ? Calls.values(selected.code) : "[\(selected.code)]"
        case .texts?:
            preconditionFailure("a compared string is never read as a value: reading it makes it a String")
        case .string?, .deltaString?, .integer?:
            let wrap = selected.leafType == .integer ? "JSONValue.integer" : "JSONValue.string"
            if selected.isMany { return "\(selected.code).map(\(wrap))" }
            return selected.isOptional
                ? "(\(selected.code).map({ [\(wrap)($0)] }) ?? [])" : "[\(wrap)(\(selected.code))]"
        case nil:
            return "[JSONValue]()"
        }
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    /// The case of the runtime's `ExpressionSupport.Operator`.
    var caseName: String {
        switch self {
        case .equal: "equal"
        case .notEqual: "notEqual"
        case .less: "less"
        case .lessOrEqual: "lessOrEqual"
        case .greater: "greater"
        case .greaterOrEqual: "greaterOrEqual"
        }
    }
}

extension ValuePath.Segment {
    /// Whether this is a member whose key is one of `keys`.
    func isKey(in keys: Set<String>) -> Bool {
        if case .key(let key) = self { return keys.contains(key) }
        return false
    }
}

extension Expression {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}

extension Literal {
    /// Whether this is a string of ASCII characters only, which compares the same byte by byte
    /// as by Unicode canonical equivalence.
    var isASCIIString: Bool {
        if case .string(let text) = self { return text.utf8.allSatisfy { $0 < 0x80 } }
        return false
    }
}
