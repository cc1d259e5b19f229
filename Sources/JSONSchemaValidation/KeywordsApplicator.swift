import LocatedYAML

/// The applicators that apply subschemas to the instance itself: `$ref`, `$dynamicRef`, `allOf`,
/// `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
extension Evaluator {
    mutating func applyInPlace(
        _ schema: CompiledSchema, _ instance: Instance, collect: Bool, into local: inout BitSet
    ) {
        let start = failureCount
        if let ref = schema.keywords.ref {
            _ = evaluateInPlace(ref, instance, keyword: "$ref", collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }
        if let ref = schema.keywords.dynamicRef {
            _ = evaluateInPlace(
                dynamicTarget(of: ref), instance, keyword: "$dynamicRef", collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }
        for (index, sub) in schema.keywords.allOf.enumerated() {
            _ = evaluateInPlace(
                sub, instance, keyword: "allOf/" + String(index), collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }
        if !schema.keywords.anyOf.isEmpty {
            applyAnyOf(schema, instance, collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }
        if !schema.keywords.oneOf.isEmpty {
            applyOneOf(schema, instance, collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }
        if let not = schema.keywords.not {
            var unused = BitSet()
            if probe(not, instance, keyword: "not", collect: false, into: &unused).passed {
                fail(schema, keyword: "not", instance.node, reason: .matchesNegatedSchema)
                if quiet { return }
            }
        }
        if let condition = schema.keywords.ifSchema {
            var conditionEvaluated = BitSet()
            if probe(condition, instance, keyword: "if", collect: collect, into: &conditionEvaluated)
                .passed
            {
                if collect { local.formUnion(conditionEvaluated) }
                if let then = schema.keywords.thenSchema {
                    _ = evaluateInPlace(then, instance, keyword: "then", collect: collect, into: &local)
                }
            } else if let otherwise = schema.keywords.elseSchema {
                _ = evaluateInPlace(otherwise, instance, keyword: "else", collect: collect, into: &local)
            }
        }
    }

    /// The schema a `$dynamicRef` applies: the outermost schema resource in the dynamic scope
    /// that declares the anchor, or the static target.
    func dynamicTarget(of reference: DynamicReference) -> SchemaID {
        guard let anchor = reference.anchor else { return reference.target }
        for resource in dynamicScope {
            if let target = program.dynamicAnchors[resource][anchor] { return target }
        }
        return reference.target
    }
}
