import LocatedYAML

extension SchemaCompiler {
    /// Compiles the keywords of a schema object. Keywords of vocabularies that the schema's
    /// meta-schema does not enable, and unknown keywords, are ignored.
    mutating func compileKeywords(of node: YAMLNode, at location: NodeLocation, scope: CompileScope)
        throws(SchemaLoadError) -> CompiledKeywords
    {
        var k = CompiledKeywords()
        let applicator = scope.vocabularies.contains(.applicator)
        let validation = scope.vocabularies.contains(.validation)
        let unevaluated = scope.vocabularies.contains(.unevaluated)
        for entry in node.entries ?? [] {
            guard let key = entry.key.keyText else { continue }
            let value = entry.value
            switch key {
            case "$ref":
                k.ref = try reference(value, keyword: key, location, scope: scope).target
                k.hasInPlaceApplicators = true
            case "$dynamicRef":
                let (target, absolute, targetLocation) = try reference(
                    value, keyword: key, location, scope: scope)
                k.dynamicRef = DynamicReference(
                    target: target, anchor: dynamicAnchorName(absolute, target: targetLocation))
                k.hasInPlaceApplicators = true

            // Applicator vocabulary.
            case "allOf" where applicator, "anyOf" where applicator, "oneOf" where applicator:
                guard let items = value.items, !items.isEmpty else {
                    throw invalid(value, location, "\"\(key)\" must be a non-empty array of schemas")
                }
                var ids: [SchemaID] = []
                for (index, item) in items.enumerated() {
                    ids.append(try subschema(item, location, key, String(index), scope: scope))
                }
                switch key {
                case "allOf": k.allOf = ids
                case "anyOf": k.anyOf = ids
                default: k.oneOf = ids
                }
                k.hasInPlaceApplicators = true
            case "not" where applicator:
                k.not = try subschema(value, location, key, scope: scope)
                k.hasInPlaceApplicators = true
            case "if" where applicator:
                k.ifSchema = try subschema(value, location, key, scope: scope)
                k.hasInPlaceApplicators = true
            case "then" where applicator:
                k.thenSchema = try subschema(value, location, key, scope: scope)
            case "else" where applicator:
                k.elseSchema = try subschema(value, location, key, scope: scope)
            case "dependentSchemas" where applicator:
                for child in try objectEntries(value, key, location) {
                    let name = child.key.keyText ?? ""
                    let id = try subschema(child.value, location, key, name, scope: scope)
                    k.dependentSchemas.append(
                        NamedSchema(name: name, token: key + "/" + JSONPointer.escape(name), schema: id))
                }
                k.hasObjectKeywords = true
            case "prefixItems" where applicator:
                guard let items = value.items, !items.isEmpty else {
                    throw invalid(value, location, "\"prefixItems\" must be a non-empty array of schemas")
                }
                for (index, item) in items.enumerated() {
                    k.prefixItems.append(try subschema(item, location, key, String(index), scope: scope))
                }
                k.hasArrayKeywords = true
            case "items" where applicator:
                if value.items != nil {
                    throw invalid(
                        value, location, "\"items\" must be a schema; use \"prefixItems\" for a list of schemas"
                    )
                }
                k.items = try subschema(value, location, key, scope: scope)
                k.hasArrayKeywords = true
            case "contains" where applicator:
                k.contains = try subschema(value, location, key, scope: scope)
                k.hasArrayKeywords = true
            case "properties" where applicator:
                for child in try objectEntries(value, key, location) {
                    let name = child.key.keyText ?? ""
                    let id = try subschema(child.value, location, key, name, scope: scope)
                    if k.propertyIndex[name] == nil { k.propertyIndex[name] = k.properties.count }
                    k.properties.append(
                        PropertySchema(name: name, token: key + "/" + JSONPointer.escape(name), schema: id))
                }
                k.hasObjectKeywords = true
            case "patternProperties" where applicator:
                for child in try objectEntries(value, key, location) {
                    let source = child.key.keyText ?? ""
                    let compiled = try pattern(source, node: child.key, location)
                    let id = try subschema(child.value, location, key, source, scope: scope)
                    k.patternProperties.append(
                        PatternSchema(
                            pattern: compiled, token: key + "/" + JSONPointer.escape(source), schema: id))
                }
                k.hasObjectKeywords = true
            case "additionalProperties" where applicator:
                k.additionalProperties = try subschema(value, location, key, scope: scope)
                k.hasObjectKeywords = true
            case "propertyNames" where applicator:
                k.propertyNames = try subschema(value, location, key, scope: scope)
                k.hasObjectKeywords = true

            // Unevaluated vocabulary.
            case "unevaluatedItems" where unevaluated:
                k.unevaluatedItems = try subschema(value, location, key, scope: scope)
                k.hasArrayKeywords = true
            case "unevaluatedProperties" where unevaluated:
                k.unevaluatedProperties = try subschema(value, location, key, scope: scope)
                k.hasObjectKeywords = true

            // Validation vocabulary.
            case "type" where validation:
                let names: [YAMLNode] = value.items ?? [value]
                var types: JSONTypeSet = []
                for name in names {
                    guard let text = name.string, let type = JSONTypeSet(name: text) else {
                        throw invalid(
                            name, location,
                            "\"type\" must name JSON types (null, boolean, object, array, number, string, integer), found \(ErrorMessages.describe(name))"
                        )
                    }
                    types.insert(type)
                    k.typeNames.append(text)
                }
                k.types = types
            case "enum" where validation:
                guard let items = value.items else {
                    throw invalid(value, location, "\"enum\" must be an array")
                }
                k.enumValues = items.map(JSONValue.init)
            case "const" where validation:
                k.constValue = JSONValue(value)
            case "multipleOf" where validation:
                guard let number = NumericValue(value), let divisor = DecimalDivisor(number.doubleValue)
                else {
                    throw invalid(value, location, "\"multipleOf\" must be a number greater than 0")
                }
                k.multipleOf = divisor
                k.hasNumberKeywords = true
            case "minimum" where validation:
                k.minimum = try number(value, key, location)
                k.hasNumberKeywords = true
            case "maximum" where validation:
                k.maximum = try number(value, key, location)
                k.hasNumberKeywords = true
            case "exclusiveMinimum" where validation:
                k.exclusiveMinimum = try number(value, key, location)
                k.hasNumberKeywords = true
            case "exclusiveMaximum" where validation:
                k.exclusiveMaximum = try number(value, key, location)
                k.hasNumberKeywords = true
            case "minLength" where validation:
                k.minLength = try count(value, key, location)
                k.hasStringKeywords = true
            case "maxLength" where validation:
                k.maxLength = try count(value, key, location)
                k.hasStringKeywords = true
            case "pattern" where validation:
                guard let source = value.string else {
                    throw invalid(value, location, "\"pattern\" must be a string")
                }
                k.pattern = try pattern(source, node: value, location)
                k.hasStringKeywords = true
            case "minItems" where validation:
                k.minItems = try count(value, key, location)
                k.hasArrayKeywords = true
            case "maxItems" where validation:
                k.maxItems = try count(value, key, location)
                k.hasArrayKeywords = true
            case "uniqueItems" where validation:
                guard let flag = value.bool else {
                    throw invalid(value, location, "\"uniqueItems\" must be a boolean")
                }
                k.uniqueItems = flag
                k.hasArrayKeywords = k.hasArrayKeywords || flag
            case "minContains" where validation:
                k.minContains = try count(value, key, location)
            case "maxContains" where validation:
                k.maxContains = try count(value, key, location)
            case "minProperties" where validation:
                k.minProperties = try count(value, key, location)
                k.hasObjectKeywords = true
            case "maxProperties" where validation:
                k.maxProperties = try count(value, key, location)
                k.hasObjectKeywords = true
            case "required" where validation:
                k.required = try strings(value, key, location)
                k.hasObjectKeywords = true
            case "dependentRequired" where validation:
                for child in try objectEntries(value, key, location) {
                    k.dependentRequired.append(
                        DependentRequirement(
                            name: child.key.keyText ?? "", required: try strings(child.value, key, location)))
                }
                k.hasObjectKeywords = true

            // Format vocabulary.
            case "format" where scope.vocabularies.contains(.format):
                guard let format = value.string else {
                    throw invalid(value, location, "\"format\" must be a string")
                }
                k.format = format
                k.hasStringKeywords = true
            default:
                continue
            }
        }
        if k.ifSchema == nil {
            k.thenSchema = nil
            k.elseSchema = nil
        }
        return k
    }

    private func objectEntries(_ value: YAMLNode, _ keyword: String, _ location: NodeLocation)
        throws(SchemaLoadError)
        -> [YAMLMappingEntry]
    {
        guard let entries = value.entries else {
            throw invalid(value, location, "\"\(keyword)\" must be an object")
        }
        return entries
    }

    private func number(_ value: YAMLNode, _ keyword: String, _ location: NodeLocation)
        throws(SchemaLoadError)
        -> NumericValue
    {
        guard let number = NumericValue(value) else {
            throw invalid(value, location, "\"\(keyword)\" must be a number")
        }
        return number
    }

    private func count(_ value: YAMLNode, _ keyword: String, _ location: NodeLocation)
        throws(SchemaLoadError) -> Int
    {
        guard let number = NumericValue(value), number.isIntegral, number.doubleValue >= 0 else {
            throw invalid(value, location, "\"\(keyword)\" must be a non-negative integer")
        }
        switch number {
        case .int(let value): return value
        case .double(let value): return value >= Double(Int.max) ? Int.max : Int(value)
        }
    }

    private func strings(_ value: YAMLNode, _ keyword: String, _ location: NodeLocation)
        throws(SchemaLoadError)
        -> [String]
    {
        guard let items = value.items else {
            throw invalid(value, location, "\"\(keyword)\" must be an array of strings")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.string else {
                throw invalid(item, location, "\"\(keyword)\" must be an array of strings")
            }
            result.append(text)
        }
        return result
    }
}
