import LocatedYAML

/// The assertions on single values: `type`, `enum`, `const`, numbers, strings and `format`.
extension Evaluator {
    mutating func checkTypeEnumConst(_ schema: CompiledSchema, _ instance: Instance) {
        if let types = schema.keywords.types, !types.allows(instance.kind) {
            fail(
                schema, keyword: "type", instance.node,
                reason: .typeMismatch(expected: schema.keywords.typeNames, found: instance.kind.name))
        }
        if let values = schema.keywords.enumValues,
            !values.contains(where: { JSONEquality.equal(instance.node, $0) })
        {
            fail(schema, keyword: "enum", instance.node, reason: .notInEnum(allowed: values))
        }
        if let value = schema.keywords.constValue, !JSONEquality.equal(instance.node, value) {
            fail(schema, keyword: "const", instance.node, reason: .constMismatch(expected: value))
        }
    }

    mutating func checkNumber(_ schema: CompiledSchema, _ instance: Instance) {
        guard let number = NumericValue(instance.node) else { return }
        let node = instance.node
        if let limit = schema.keywords.minimum, number < limit {
            fail(
                schema, keyword: "minimum", node,
                reason: .tooSmall(limit: limit.doubleValue, exclusive: false))
        }
        if let limit = schema.keywords.exclusiveMinimum, number <= limit {
            fail(
                schema, keyword: "exclusiveMinimum", node,
                reason: .tooSmall(limit: limit.doubleValue, exclusive: true))
        }
        if let limit = schema.keywords.maximum, number > limit {
            fail(
                schema, keyword: "maximum", node,
                reason: .tooLarge(limit: limit.doubleValue, exclusive: false))
        }
        if let limit = schema.keywords.exclusiveMaximum, number >= limit {
            fail(
                schema, keyword: "exclusiveMaximum", node,
                reason: .tooLarge(limit: limit.doubleValue, exclusive: true))
        }
        if let divisor = schema.keywords.multipleOf, !divisor.divides(number) {
            fail(schema, keyword: "multipleOf", node, reason: .notMultipleOf(divisor.value))
        }
    }

    mutating func checkString(_ schema: CompiledSchema, _ instance: Instance) {
        guard let text = instance.node.string else { return }
        let node = instance.node
        if schema.keywords.minLength != nil || schema.keywords.maxLength != nil {
            let length = text.unicodeScalars.count
            if let limit = schema.keywords.minLength, length < limit {
                fail(
                    schema, keyword: "minLength", node,
                    reason: .stringTooShort(minLength: limit, length: length))
            }
            if let limit = schema.keywords.maxLength, length > limit {
                fail(
                    schema, keyword: "maxLength", node,
                    reason: .stringTooLong(maxLength: limit, length: length))
            }
        }
        if let pattern = schema.keywords.pattern, !pattern.matches(text) {
            fail(schema, keyword: "pattern", node, reason: .patternMismatch(pattern: pattern.source))
        }
        if options.assertFormats, let format = schema.keywords.format,
            FormatCheckers.check(format, text) == false
        {
            fail(schema, keyword: "format", node, reason: .invalidFormat(format: format))
        }
    }
}
