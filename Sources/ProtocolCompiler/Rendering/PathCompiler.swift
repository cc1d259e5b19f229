/// Compiles the paths and expressions of a manifest into Swift expressions over the generated
/// `Decodable` types (see `FieldTree`), so nothing is interpreted at run time.
///
/// A compiled path is either one optional value (`frame.choices?.element(at: 0)?.delta`) or an
/// array of values (after a `[*]` or a filter). Inside `JSONValue` leaves, navigation continues
/// with the runtime's `member(_:)` and `element(_:)`, which treat `null` as absent.
struct PathCompiler {
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

        /// Whether the selected values are `JSONValue`s (as opposed to generated structs).
        var isJSON: Bool {
            if case .leaf = node { return true }
            return node == nil
        }
    }

    let tree: FieldTree
    /// The Swift variable holding the document (`$`).
    let documentVariable: String
    /// The depth of nested filter closures, for unique parameter names.
    private var depth = 0
    /// What `@` refers to inside a filter.
    private var current: Access?

    init(tree: FieldTree, documentVariable: String) {
        self.tree = tree
        self.documentVariable = documentVariable
    }

    // MARK: Paths

    func access(_ path: ValuePath) -> Access {
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
        return access
    }

    private func step(_ access: Access, _ segment: ValuePath.Segment) -> Access {
        let chain = access.isOptional ? "?" : ""
        switch segment {
        case .key(let key):
            if case .object(let members) = access.node, let child = members[key] {
                let property = TypeNaming.propertyNames(Array(members.keys))[key]!
                if access.isMany {
                    return Access(
                        code: "\(access.code).compactMap({ $0.\(property) })", node: child, isMany: true,
                        isOptional: false)
                }
                return Access(code: "\(access.code)\(chain).\(property)", node: child, isMany: false, isOptional: true)
            }
            let literal = SwiftSource.literal(key)
            if access.isMany {
                return Access(
                    code: "\(access.code).compactMap({ $0.member(\(literal)) })", node: nil, isMany: true,
                    isOptional: false)
            }
            return Access(code: "\(access.code)\(chain).member(\(literal))", node: nil, isMany: false, isOptional: true)
        case .index(let index):
            if case .array(let element) = access.node {
                if access.isMany {
                    return Access(
                        code: "\(access.code).compactMap({ $0.element(at: \(index)) })", node: element, isMany: true,
                        isOptional: false)
                }
                return Access(
                    code: "\(access.code)\(chain).element(at: \(index))", node: element, isMany: false,
                    isOptional: true)
            }
            if access.isMany {
                return Access(
                    code: "\(access.code).compactMap({ $0.element(\(index)) })", node: nil, isMany: true,
                    isOptional: false)
            }
            return Access(code: "\(access.code)\(chain).element(\(index))", node: nil, isMany: false, isOptional: true)
        case .wildcard:
            return elements(of: access)
        case .filter(let condition):
            var all = elements(of: access)
            var inner = self
            inner.depth += 1
            let parameter = "element\(inner.depth)"
            inner.current = Access(code: parameter, node: all.node, isMany: false, isOptional: false)
            all.code = "\(all.code).filter({ \(parameter) in \(inner.condition(condition)) })"
            return all
        }
    }

    /// Every element of the array the access selects.
    private func elements(of access: Access) -> Access {
        if case .array(let element) = access.node {
            let code: String
            if access.isMany {
                code = "\(access.code).flatMap({ $0 })"
            } else if access.isOptional {
                code = "(\(access.code) ?? [])"
            } else {
                code = access.code
            }
            return Access(code: code, node: element, isMany: true, isOptional: false)
        }
        let code: String
        if access.isMany {
            code = "\(access.code).flatMap({ $0.elements ?? [] })"
        } else {
            code = "(\(access.code)\(access.isOptional ? "?" : "").elements ?? [])"
        }
        return Access(code: code, node: nil, isMany: true, isOptional: false)
    }

    // MARK: Expressions

    /// Swift code of type `Bool` for a condition.
    func condition(_ expression: Expression) -> String {
        switch expression {
        case .path(let path):
            let selected = access(path)
            if selected.isJSON {
                return selected.isMany
                    ? "\(selected.code).contains(where: { ExpressionSupport.isTruthy($0) })"
                    : "ExpressionSupport.isTruthy(\(selected.code))"
            }
            return presence(selected)
        case .exists(let path):
            return presence(access(path))
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
            let list = "[" + literals.map(jsonLiteral).joined(separator: ", ") + "]"
            let values = valuesArray(inner)
            return "\(values).contains(where: { ExpressionSupport.isMember($0, of: \(list)) })"
        }
    }

    private func presence(_ access: Access) -> String {
        if access.isMany { return "!\(access.code).isEmpty" }
        return access.isOptional ? "(\(access.code) != nil)" : "true"
    }

    private func comparison(_ left: Expression, _ op: ComparisonOperator, _ right: Expression) -> String {
        // Literal on the left: flip it to the right.
        if case .literal = left, !(right.isLiteral) {
            return comparison(right, op.flipped, left)
        }
        let operation = ".\(op.caseName)"
        if case .literal(let literal) = right {
            let value = jsonLiteral(literal)
            let values = valuesArray(left)
            if op == .notEqual {
                return
                    "ExpressionSupport.noneEqual(\(values), \(value))"
            }
            return "\(values).contains(where: { ExpressionSupport.compare($0, \(operation), \(value)) })"
        }
        return
            "ExpressionSupport.compareAny(\(valuesArray(left)), \(operation), \(valuesArray(right)))"
    }

    /// Swift code of type `[JSONValue]`: the values an operand selects.
    private func valuesArray(_ expression: Expression) -> String {
        switch expression {
        case .literal(let literal):
            return "[\(jsonLiteral(literal))]"
        case .path(let path), .exists(let path):
            let selected = access(path)
            guard selected.isJSON else { return "[JSONValue]()" }
            if selected.isMany { return selected.code }
            return selected.isOptional ? "ExpressionSupport.values(\(selected.code))" : "[\(selected.code)]"
        default:
            return "[JSONValue.bool(\(condition(expression)))]"
        }
    }

    /// A literal as Swift code of type `JSONValue`.
    func jsonLiteral(_ literal: Literal) -> String {
        switch literal {
        case .string(let value): "JSONValue.string(\(SwiftSource.literal(value)))"
        case .integer(let value): "JSONValue.integer(\(value))"
        case .number(let value): "JSONValue.number(\(value))"
        case .bool(let value): "JSONValue.bool(\(value))"
        case .null: "JSONValue.null"
        }
    }

    // MARK: Values

    /// Swift code of type `String?`: the text a path selects (several values joined).
    func string(_ path: ValuePath) -> String {
        let selected = access(path)
        guard selected.isJSON else { return "String?.none" }
        if selected.isMany { return "ExpressionSupport.joinedText(\(selected.code))" }
        return selected.isOptional ? "\(selected.code)?.textValue" : "\(selected.code).textValue"
    }

    /// Swift code of type `Int?`: the integer a path selects (the first, of several).
    func integer(_ path: ValuePath) -> String {
        let selected = access(path)
        guard selected.isJSON else { return "Int?.none" }
        if selected.isMany { return "\(selected.code).first?.intValue" }
        return selected.isOptional ? "\(selected.code)?.intValue" : "\(selected.code).intValue"
    }

    /// Swift code of type `[JSONValue]`: every value a path selects.
    func values(_ path: ValuePath) -> String {
        valuesArray(.path(path))
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

extension Expression {
    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}
