import LocatedYAML

/// The keywords that apply to objects: `required`, `dependentRequired`, `minProperties`,
/// `maxProperties`, `propertyNames`, `properties`, `patternProperties`, `additionalProperties`,
/// `dependentSchemas` and, last, `unevaluatedProperties`.
extension Evaluator {
    mutating func applyObjectKeywords(
        _ schema: CompiledSchema, _ instance: Instance, collect: Bool, into local: inout BitSet
    ) {
        guard let properties = instance.properties else { return }
        let node = instance.node
        let entries = properties.entries
        let start = failureCount

        for name in schema.keywords.required where !properties.contains(name) {
            fail(schema, keyword: "required", node, reason: .missingProperty(name: name))
            if quiet { return }
        }
        for dependency in schema.keywords.dependentRequired where properties.contains(dependency.name) {
            for name in dependency.required where !properties.contains(name) {
                fail(
                    schema, keyword: "dependentRequired", node,
                    reason: .missingDependentProperty(name: name, requiredBy: dependency.name))
                if quiet { return }
            }
        }
        if let limit = schema.keywords.minProperties, entries.count < limit {
            fail(
                schema, keyword: "minProperties", node,
                reason: .tooFewProperties(minProperties: limit, count: entries.count))
        }
        if let limit = schema.keywords.maxProperties, entries.count > limit {
            fail(
                schema, keyword: "maxProperties", node,
                reason: .tooManyProperties(maxProperties: limit, count: entries.count))
        }
        if quiet && failureCount != start { return }

        if let names = schema.keywords.propertyNames {
            for entry in entries {
                let name = entry.key.keyText ?? ""
                let key = YAMLNode.string(name, range: entry.key.range)
                if !evaluateChild(names, key, token: .key(name), keyword: "propertyNames") && quiet {
                    return
                }
            }
        }

        if !schema.keywords.properties.isEmpty || !schema.keywords.patternProperties.isEmpty
            || schema.keywords.additionalProperties != nil
        {
            for position in entries.indices {
                let name = entries[position].key.keyText ?? ""
                var applied = false
                if let index = schema.keywords.propertyPosition(of: name) {
                    applied = true
                    let property = schema.keywords.properties[index]
                    applyToProperty(
                        property.schema, entries[position], name, keyword: property.token, in: schema,
                        unknown: false)
                }
                for pattern in schema.keywords.patternProperties where pattern.pattern.matches(name) {
                    applied = true
                    _ = evaluateChild(
                        pattern.schema, entries[position].value, token: .key(name), keyword: pattern.token)
                }
                if !applied, let additional = schema.keywords.additionalProperties {
                    applied = true
                    applyToProperty(
                        additional, entries[position], name, keyword: "additionalProperties", in: schema,
                        unknown: true)
                }
                if applied && collect { local.insert(position) }
                if quiet && failureCount != start { return }
            }
        }

        for dependency in schema.keywords.dependentSchemas where properties.contains(dependency.name) {
            _ = evaluateInPlace(
                dependency.schema, instance, keyword: dependency.token, collect: collect, into: &local)
            if quiet && failureCount != start { return }
        }

        if let unevaluated = schema.keywords.unevaluatedProperties {
            for position in entries.indices where !local.contains(position) {
                let name = entries[position].key.keyText ?? ""
                applyToProperty(
                    unevaluated, entries[position], name, keyword: "unevaluatedProperties", in: schema,
                    unknown: true)
                local.insert(position)
                if quiet && failureCount != start { return }
            }
        }
    }

    /// Applies a property's subschema; a `false` subschema rejects the property itself, reported
    /// at its key (as a warning for unknown properties in lenient mode).
    private mutating func applyToProperty(
        _ id: SchemaID, _ entry: borrowing YAMLMappingEntry, _ name: String, keyword: String,
        in schema: CompiledSchema,
        unknown: Bool
    ) {
        guard program.nodes[id].always == false else {
            _ = evaluateChild(id, entry.value, token: .key(name), keyword: keyword)
            return
        }
        let reason: ValidationError.Reason
        if quiet {
            reason = .falseSchema
        } else {
            let allowed = program.declaredProperties(
                of: schema.keywords, throughApplicators: keyword == "unevaluatedProperties")
            reason = .unexpectedProperty(name: name, allowed: allowed)
        }
        if unknown && options.lenientUnknownProperties {
            warn(schema, keyword: keyword, entry.key, child: .key(name), reason: reason)
        } else {
            fail(schema, keyword: keyword, entry.key, child: .key(name), reason: reason)
        }
    }
}
