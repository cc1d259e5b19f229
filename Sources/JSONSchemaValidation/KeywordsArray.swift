import LocatedYAML

/// The keywords that apply to arrays: `minItems`, `maxItems`, `uniqueItems`, `prefixItems`,
/// `items`, `contains` with `minContains`/`maxContains` and, last, `unevaluatedItems`.
extension Evaluator {
    mutating func applyArrayKeywords(
        _ schema: CompiledSchema, _ instance: Instance, collect: Bool, into local: inout BitSet
    ) {
        guard case .sequence(let items) = instance.node.content else { return }
        let node = instance.node
        let start = failureCount

        if let limit = schema.keywords.minItems, items.count < limit {
            fail(
                schema, keyword: "minItems", node, reason: .tooFewItems(minItems: limit, count: items.count)
            )
        }
        if let limit = schema.keywords.maxItems, items.count > limit {
            fail(
                schema, keyword: "maxItems", node,
                reason: .tooManyItems(maxItems: limit, count: items.count))
        }
        if schema.keywords.uniqueItems, let (first, second) = Self.firstDuplicate(items) {
            fail(
                schema, keyword: "uniqueItems", node, range: items[second].range,
                reason: .duplicateItems(first: first, second: second))
        }
        if quiet && failureCount != start { return }

        let prefixCount = min(items.count, schema.keywords.prefixItems.count)
        for index in 0..<prefixCount {
            _ = evaluateChild(
                schema.keywords.prefixItems[index], items[index], token: .index(index),
                keyword: "prefixItems/" + String(index))
            if collect { local.insert(index) }
            if quiet && failureCount != start { return }
        }
        if let itemSchema = schema.keywords.items, items.count > schema.keywords.prefixItems.count {
            for index in schema.keywords.prefixItems.count..<items.count {
                applyToItem(itemSchema, items[index], index, keyword: "items", in: schema)
                if collect { local.insert(index) }
                if quiet && failureCount != start { return }
            }
        }

        if let contains = schema.keywords.contains {
            let minimum = schema.keywords.minContains ?? 1
            var matches = 0
            for (index, item) in items.enumerated() {
                if probeItem(contains, item, index) {
                    matches += 1
                    if collect { local.insert(index) }
                    if !collect && schema.keywords.maxContains == nil && matches >= minimum { break }
                }
            }
            if matches < minimum {
                fail(
                    schema, keyword: schema.keywords.minContains == nil ? "contains" : "minContains", node,
                    reason: .tooFewMatching(minContains: minimum, count: matches))
            }
            if let maximum = schema.keywords.maxContains, matches > maximum {
                fail(
                    schema, keyword: "maxContains", node,
                    reason: .tooManyMatching(maxContains: maximum, count: matches))
            }
            if quiet && failureCount != start { return }
        }

        if let unevaluated = schema.keywords.unevaluatedItems {
            for index in items.indices where !local.contains(index) {
                applyToItem(unevaluated, items[index], index, keyword: "unevaluatedItems", in: schema)
                local.insert(index)
                if quiet && failureCount != start { return }
            }
        }
    }

    /// Applies an item's subschema; a `false` subschema rejects the item.
    private mutating func applyToItem(
        _ id: SchemaID, _ item: YAMLNode, _ index: Int, keyword: String, in schema: CompiledSchema
    ) {
        if program.nodes[id].always == false {
            fail(
                schema, keyword: keyword, item, child: .index(index), reason: .unexpectedItem(index: index))
        } else {
            _ = evaluateChild(id, item, token: .index(index), keyword: keyword)
        }
    }

    /// Whether an item matches the `contains` schema (evaluated quietly).
    private mutating func probeItem(_ id: SchemaID, _ item: YAMLNode, _ index: Int) -> Bool {
        quietDepth += 1
        let failures = quietFailures
        let warningsBefore = quietWarnings
        let passed = evaluateChild(id, item, token: .index(index), keyword: "contains")
        quietDepth -= 1
        quietFailures = failures
        quietWarnings = warningsBefore
        return passed
    }

    /// The first pair of equal items, by JSON equality.
    static func firstDuplicate(_ items: [YAMLNode]) -> (Int, Int)? {
        if items.count <= 8 {
            for second in items.indices {
                for first in 0..<second where JSONEquality.equal(items[first], items[second]) {
                    return (first, second)
                }
            }
            return nil
        }
        var buckets: [Int: [Int]] = [:]
        for (index, item) in items.enumerated() {
            let hash = JSONEquality.hash(item)
            if let candidates = buckets[hash] {
                for candidate in candidates where JSONEquality.equal(items[candidate], item) {
                    return (candidate, index)
                }
            }
            buckets[hash, default: []].append(index)
        }
        return nil
    }
}
