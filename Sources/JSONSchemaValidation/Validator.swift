import LocatedYAML

/// Validates YAML (or JSON) node trees against a JSON Schema (draft 2020-12).
///
/// The schema is compiled once, when the validator is created: every reference reachable from it
/// is resolved then, so a broken reference is a `SchemaLoadError` located in the schema source.
/// Validation itself never fails; it returns the errors (and, in lenient mode, the warnings)
/// with the instance location, schema location and source range of each.
///
/// ```swift
/// var registry = SchemaRegistry()
/// let uri = try registry.loadSchemaFile(atPath: "schemas/v2/provider.json")
/// let validator = try JSONSchemaValidator(
///     schemaURI: uri, registry: registry, options: ValidationOptions(lenientUnknownProperties: true))
/// let result = validator.validate(try YAMLReader().read(text)[0].root)
/// for error in result.errors { print(error.range.start, error.message) }
/// ```
public struct JSONSchemaValidator: Sendable {
    /// The URI of the schema instances are validated against.
    public let schemaURI: String
    /// The validator's settings.
    public let options: ValidationOptions
    let program: SchemaProgram

    /// Compiles the schema registered under `schemaURI` (which may carry a fragment, such as
    /// `https://example.com/s.json#/$defs/part`).
    ///
    /// - Throws: `SchemaLoadError` for a reference that resolves to nothing, a malformed keyword,
    ///   or a schema file that a relative reference needs and that cannot be read.
    public init(
        schemaURI: String, registry: SchemaRegistry, options: ValidationOptions = ValidationOptions()
    )
        throws(SchemaLoadError)
    {
        var compiler = SchemaCompiler(registry: registry)
        self.program = try compiler.compileProgram(rootURI: schemaURI)
        self.schemaURI = schemaURI
        self.options = options
    }

    /// Registers `schema` under `uri` in a copy of `registry` and compiles it.
    public init(
        schema: YAMLNode, uri: String = "urn:jsonschema:schema",
        registry: SchemaRegistry = SchemaRegistry(),
        options: ValidationOptions = ValidationOptions()
    ) throws(SchemaLoadError) {
        var registry = registry
        let rootURI = try registry.register(schema, uri: uri)
        try self.init(schemaURI: rootURI, registry: registry, options: options)
    }

    /// Validates one instance. Errors and warnings come in source order.
    public func validate(_ instance: YAMLNode) -> ValidationResult {
        var evaluator = Evaluator(program: program, options: options)
        var unused = BitSet()
        _ = evaluator.evaluate(program.root, Instance(instance), collect: false, into: &unused)
        return ValidationResult(
            errors: Self.sorted(evaluator.errors), warnings: Self.sorted(evaluator.warnings))
    }

    /// Whether the instance is valid, stopping at the first error.
    public func isValid(_ instance: YAMLNode) -> Bool {
        var evaluator = Evaluator(program: program, options: options)
        evaluator.quietDepth = 1
        var unused = BitSet()
        return evaluator.evaluate(program.root, Instance(instance), collect: false, into: &unused)
    }

    private static func sorted(_ errors: [ValidationError]) -> [ValidationError] {
        guard errors.count > 1 else { return errors }
        return errors.enumerated().sorted { lhs, rhs in
            if lhs.element.range.start.offset != rhs.element.range.start.offset {
                return lhs.element.range.start.offset < rhs.element.range.start.offset
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
