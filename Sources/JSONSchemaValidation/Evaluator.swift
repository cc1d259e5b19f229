import LocatedYAML

/// One step of an instance location.
enum InstanceToken {
    case key(String)
    case index(Int)
}

/// An instance node being validated, with a lookup of its properties that the schemas applied to
/// it in place share.
struct Instance {
    let node: YAMLNode
    let kind: InstanceKind
    let properties: PropertyLookup?

    init(_ node: YAMLNode) {
        self.node = node
        kind = InstanceKind(node)
        if case .mapping(let entries) = node.content {
            properties = PropertyLookup(entries)
        } else {
            properties = nil
        }
    }
}

/// Finds an object's properties by name; builds its index once, on first use, for larger objects.
final class PropertyLookup {
    let entries: [YAMLMappingEntry]
    private var index: [String: Int]?

    init(_ entries: [YAMLMappingEntry]) {
        self.entries = entries
    }

    /// The index of the first entry named `name`.
    func position(of name: String) -> Int? {
        if entries.count <= 8 {
            return entries.firstIndex { $0.key.keyText == name }
        }
        if index == nil {
            var built: [String: Int] = [:]
            built.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() {
                let key = entry.key.keyText ?? ""
                if built[key] == nil { built[key] = position }
            }
            index = built
        }
        return index?[name]
    }

    func contains(_ name: String) -> Bool { position(of: name) != nil }
}

/// Applies a compiled schema to one instance, collecting errors, warnings and (where
/// `unevaluated*` needs them) the evaluated properties and items.
///
/// Errors go to `errors` unless the evaluator is quiet (probing `not`, `if`, `contains`, or the
/// branches of `anyOf`/`oneOf` before choosing one to report), when only their count is kept and
/// evaluation stops at the first.
struct Evaluator {
    let program: SchemaProgram
    let options: ValidationOptions

    var errors: [ValidationError] = []
    var warnings: [ValidationError] = []
    var quietDepth = 0
    var quietFailures = 0
    var quietWarnings = 0
    var instancePath: [InstanceToken] = []
    var keywordPath: [String] = []
    var dynamicScope: [Int] = []
    var depth = 0

    init(program: SchemaProgram, options: ValidationOptions) {
        self.program = program
        self.options = options
    }

    var quiet: Bool { quietDepth > 0 }
    var failureCount: Int { errors.count + quietFailures }
    var warningCount: Int { warnings.count + quietWarnings }

    // MARK: - Evaluation

    /// Validates `instance` against schema `id`. When `collect` is true, adds the indices of the
    /// properties or items the schema evaluated to `evaluated` (if the schema passes).
    mutating func evaluate(
        _ id: SchemaID, _ instance: Instance, collect: Bool, into evaluated: inout BitSet
    ) -> Bool {
        let schema = program.nodes[id]
        if let always = schema.always {
            if !always { fail(schema, keyword: nil, instance.node, reason: .falseSchema) }
            return always
        }
        depth += 1
        defer { depth -= 1 }
        if depth > options.maxEvaluationDepth {
            fail(schema, keyword: nil, instance.node, reason: .evaluationTooDeep)
            return false
        }
        let enteredResource = dynamicScope.last != schema.resource
        if enteredResource { dynamicScope.append(schema.resource) }
        defer { if enteredResource { dynamicScope.removeLast() } }

        let start = failureCount
        let collectHere =
            collect || schema.keywords.unevaluatedProperties != nil
            || schema.keywords.unevaluatedItems != nil
        var local = BitSet()

        if schema.keywords.types != nil || schema.keywords.enumValues != nil
            || schema.keywords.constValue != nil
        {
            checkTypeEnumConst(schema, instance)
            if quiet && failureCount != start { return false }
        }
        switch instance.kind {
        case .integer, .number:
            if schema.keywords.hasNumberKeywords { checkNumber(schema, instance) }
        case .string:
            if schema.keywords.hasStringKeywords { checkString(schema, instance) }
        default:
            break
        }
        if quiet && failureCount != start { return false }

        if schema.keywords.hasInPlaceApplicators {
            applyInPlace(schema, instance, collect: collectHere, into: &local)
            if quiet && failureCount != start { return false }
        }
        if instance.kind == .object, schema.keywords.hasObjectKeywords {
            applyObjectKeywords(schema, instance, collect: collectHere, into: &local)
        } else if instance.kind == .array, schema.keywords.hasArrayKeywords {
            applyArrayKeywords(schema, instance, collect: collectHere, into: &local)
        }
        let passed = failureCount == start
        if collect && passed { evaluated.formUnion(local) }
        return passed
    }

    /// Evaluates a subschema at a child of the instance.
    mutating func evaluateChild(
        _ id: SchemaID, _ node: YAMLNode, token: InstanceToken, keyword: String
    ) -> Bool {
        instancePath.append(token)
        keywordPath.append(keyword)
        defer {
            instancePath.removeLast()
            keywordPath.removeLast()
        }
        var unused = BitSet()
        return evaluate(id, Instance(node), collect: false, into: &unused)
    }

    /// Evaluates a subschema in place (same instance), under keyword-location segment `keyword`.
    mutating func evaluateInPlace(
        _ id: SchemaID, _ instance: Instance, keyword: String, collect: Bool,
        into evaluated: inout BitSet
    ) -> Bool {
        keywordPath.append(keyword)
        defer { keywordPath.removeLast() }
        return evaluate(id, instance, collect: collect, into: &evaluated)
    }

    /// Evaluates quietly: whether the schema passes, and how many warnings it would give.
    mutating func probe(
        _ id: SchemaID, _ instance: Instance, keyword: String, collect: Bool,
        into evaluated: inout BitSet
    ) -> (passed: Bool, warnings: Int) {
        quietDepth += 1
        let failures = quietFailures
        let warningsBefore = quietWarnings
        let passed = evaluateInPlace(id, instance, keyword: keyword, collect: collect, into: &evaluated)
        let warnings = quietWarnings - warningsBefore
        quietDepth -= 1
        quietFailures = failures
        quietWarnings = warningsBefore
        return (passed, warnings)
    }

    // MARK: - Reporting

    /// Records an error of `keyword` (nil for a `false` schema) about `node`.
    mutating func fail(
        _ schema: CompiledSchema, keyword: String?, _ node: YAMLNode, range: SourceRange? = nil,
        child: InstanceToken? = nil, reason: ValidationError.Reason
    ) {
        if quiet {
            quietFailures += 1
            return
        }
        errors.append(
            makeError(schema, keyword: keyword, node, range: range, child: child, reason: reason))
    }

    /// Records a tolerated problem.
    mutating func warn(
        _ schema: CompiledSchema, keyword: String?, _ node: YAMLNode, range: SourceRange? = nil,
        child: InstanceToken? = nil, reason: ValidationError.Reason
    ) {
        if quiet {
            quietWarnings += 1
            return
        }
        warnings.append(
            makeError(schema, keyword: keyword, node, range: range, child: child, reason: reason))
    }

    private func makeError(
        _ schema: CompiledSchema, keyword: String?, _ node: YAMLNode, range: SourceRange?,
        child: InstanceToken?,
        reason: ValidationError.Reason
    ) -> ValidationError {
        var pointer = ""
        for token in instancePath { pointer += Self.segment(token) }
        if let child { pointer += Self.segment(child) }
        var location = ""
        for segment in keywordPath { location += "/" + segment }
        var absolute = schema.absoluteLocation
        if let keyword {
            location += "/" + keyword
            absolute += "/" + keyword
        }
        return ValidationError(
            instancePointer: pointer, keywordLocation: location, absoluteKeywordLocation: absolute,
            range: range ?? node.range, message: ErrorMessages.message(for: reason, instance: node),
            reason: reason)
    }

    private static func segment(_ token: InstanceToken) -> String {
        switch token {
        case .key(let key): return "/" + JSONPointer.escape(key)
        case .index(let index): return "/" + String(index)
        }
    }
}
