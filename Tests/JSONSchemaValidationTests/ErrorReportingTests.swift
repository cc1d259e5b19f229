import LocatedYAML
import Testing

@testable import JSONSchemaValidation

/// Messages, instance pointers, keyword locations and source positions of errors.
@Suite struct ErrorReportingTests {
    private func errors(
        _ schema: String, _ instance: String, options: ValidationOptions = ValidationOptions()
    ) throws
        -> [ValidationError]
    {
        try TestSupport.validator(schema, options: options).validate(try TestSupport.yaml(instance))
            .errors
    }

    @Test func typeMismatch() throws {
        let found = try errors("properties: {count: {type: integer}}", "name: x\ncount: ten\n")
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.message == #"expected integer, found string "ten""#)
        #expect(error.instancePointer == "/count")
        #expect(error.keywordLocation == "/properties/count/type")
        #expect(
            error.absoluteKeywordLocation == "https://example.com/schema.json#/properties/count/type")
        #expect(error.range.start.line == 2 && error.range.start.column == 8)
        #expect(error.reason == .typeMismatch(expected: ["integer"], found: "string"))
        #expect(error.description == #"2:8: /count: expected integer, found string "ten""#)
    }

    @Test func typeMismatchDescribesFoundValues() throws {
        let schema = "items: {type: [string, \"null\"]}"
        let messages = try errors(schema, "[1, 1.5, true, {a: 1}, [1], x, null]").map(\.message)
        #expect(
            messages == [
                "expected string or null, found integer 1",
                "expected string or null, found number 1.5",
                "expected string or null, found boolean true",
                "expected string or null, found object",
                "expected string or null, found array",
            ])
    }

    @Test func missingRequiredProperty() throws {
        let found = try errors("required: [id, name]", "name: openai\n")
        #expect(found.map(\.message) == [#"missing required property "id""#])
        let error = try #require(found.first)
        #expect(error.instancePointer == "")
        #expect(error.keywordLocation == "/required")
        #expect(error.range.start.line == 1 && error.range.start.column == 1)
        #expect(error.reason == .missingProperty(name: "id"))
    }

    @Test func unknownPropertyIsReportedAtItsKey() throws {
        let schema = """
            type: object
            properties:
              stream: {type: boolean}
              model: {type: string}
            additionalProperties: false
            """
        let found = try errors(schema, "model: gpt\nstrem: true\n")
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.message == #""strem" is not allowed here"#)
        #expect(error.instancePointer == "/strem")
        #expect(error.keywordLocation == "/additionalProperties")
        #expect(error.range.start.line == 2 && error.range.start.column == 1)
        #expect(error.range.end.line == 2 && error.range.end.column == 6)
        #expect(error.reason == .unexpectedProperty(name: "strem", allowed: ["stream", "model"]))
    }

    @Test func unevaluatedPropertyListsDeclaredPropertiesThroughApplicators() throws {
        let schema = """
            allOf:
              - properties: {a: true}
              - $ref: "#/$defs/b"
            $defs:
              b: {properties: {b: true}}
            unevaluatedProperties: false
            """
        let found = try errors(schema, "a: 1\nb: 2\nc: 3\n")
        #expect(found.map(\.message) == [#""c" is not allowed here"#])
        #expect(found.first?.reason == .unexpectedProperty(name: "c", allowed: ["a", "b"]))
        #expect(found.first?.keywordLocation == "/unevaluatedProperties")
        #expect(found.first?.range.start.line == 3)
    }

    @Test func enumConstAndBounds() throws {
        let schema = """
            properties:
              status: {enum: [a, b, c]}
              kind: {const: chat}
              retries: {minimum: 1, maximum: 5}
              ratio: {exclusiveMinimum: 0, exclusiveMaximum: 1}
              name: {minLength: 2, maxLength: 4, pattern: "^[a-z]+$"}
              tags: {minItems: 1, uniqueItems: true}
              step: {multipleOf: 0.01}
            """
        let instance = """
            status: d
            kind: completion
            retries: 0
            ratio: 1
            name: Abcdef
            tags: []
            step: 0.015
            """
        let found = try errors(schema, instance)
        #expect(
            found.map(\.message) == [
                #"expected one of "a", "b", "c", found "d""#,
                #"expected "chat", found "completion""#,
                "must be at least 1, found 0",
                "must be less than 1, found 1",
                "must be at most 4 characters long, found 6",
                #""Abcdef" does not match the pattern "^[a-z]+$""#,
                "must have at least 1 item, found 0",
                "must be a multiple of 0.01, found 0.015",
            ])
        #expect(found[0].reason == .notInEnum(allowed: [.string("a"), .string("b"), .string("c")]))
        #expect(found[0].keywordLocation == "/properties/status/enum")
        #expect(found[2].reason == .tooSmall(limit: 1, exclusive: false))
        #expect(found[2].range.start.line == 3 && found[2].range.start.column == 10)
    }

    @Test func nestedInstancePointers() throws {
        let schema = "properties: {models: {items: {properties: {name: {type: string}}}}}"
        let found = try errors(schema, "models:\n  - name: a\n  - name: 7\n")
        #expect(found.map(\.instancePointer) == ["/models/1/name"])
        #expect(found.map(\.keywordLocation) == ["/properties/models/items/properties/name/type"])
        #expect(found.first?.range.start.line == 3)
    }

    @Test func keywordLocationThroughRef() throws {
        let schema = """
            $defs:
              port: {type: integer, maximum: 65535}
            properties:
              port: {$ref: "#/$defs/port"}
            """
        let found = try errors(schema, "port: 70000")
        #expect(found.map(\.message) == ["must be at most 65535, found 70000"])
        #expect(found.first?.keywordLocation == "/properties/port/$ref/maximum")
        #expect(
            found.first?.absoluteKeywordLocation == "https://example.com/schema.json#/$defs/port/maximum")
    }

    @Test func errorsComeInSourceOrder() throws {
        let schema = "properties: {b: {type: string}, a: {type: string}}\nrequired: [c]"
        let found = try errors(schema, "a: 1\nb: 2\n")
        #expect(found.map(\.instancePointer) == ["", "/a", "/b"])
    }

    // MARK: - anyOf / oneOf

    @Test func anyOfReportsTheBranchWhoseTypeMatches() throws {
        let schema = """
            anyOf:
              - type: string
              - type: object
                required: [name]
                properties: {name: {type: string}}
            """
        let found = try errors(schema, "name: 5")
        #expect(found.map(\.message) == ["expected string, found integer 5"])
        #expect(found.first?.keywordLocation == "/anyOf/1/properties/name/type")
        #expect(found.first?.instancePointer == "/name")
    }

    @Test func anyOfWithNoMatchingTypeGivesOneTypeError() throws {
        let found = try errors("anyOf: [{type: string}, {type: object}, {type: \"null\"}]", "5")
        #expect(found.map(\.message) == ["expected string, object or null, found integer 5"])
        #expect(found.first?.keywordLocation == "/anyOf")
        #expect(
            found.first?.reason
                == .typeMismatch(expected: ["string", "object", "null"], found: "integer"))
    }

    private static let discriminated = """
        oneOf:
          - properties:
              kind: {const: http}
              url: {type: string}
            required: [kind, url]
          - properties:
              kind: {const: file}
              path: {type: string}
              mode: {enum: [read, write]}
            required: [kind, path]
        """

    @Test func oneOfPrefersTheBranchSelectedByADiscriminator() throws {
        let found = try errors(Self.discriminated, "kind: file\npath: 3\nmode: append\n")
        #expect(
            found.map(\.message) == [
                "expected string, found integer 3", #"expected one of "read", "write", found "append""#,
            ])
        #expect(
            found.map(\.keywordLocation) == [
                "/oneOf/1/properties/path/type", "/oneOf/1/properties/mode/enum",
            ])

        let missing = try errors(Self.discriminated, "kind: http\n")
        #expect(missing.map(\.message) == [#"missing required property "url""#])
        #expect(missing.first?.keywordLocation == "/oneOf/0/required")
    }

    @Test func oneOfMatchingSeveralBranchesIsOneError() throws {
        let found = try errors("oneOf: [{type: integer}, {minimum: 0}, {type: string}]", "5")
        #expect(
            found.map(\.message) == [
                #"must match exactly one alternative of "oneOf", but matches #0 and #1"#
            ])
        #expect(found.first?.reason == .matchesSeveralAlternatives(indices: [0, 1]))
        #expect(found.first?.keywordLocation == "/oneOf")
    }

    // MARK: - Lenient unknown properties

    @Test func lenientModeTurnsUnknownPropertiesIntoWarnings() throws {
        let schema = """
            properties:
              model: {type: string}
              limits:
                properties: {rpm: {type: integer}}
                unevaluatedProperties: false
            additionalProperties: false
            """
        let options = ValidationOptions(lenientUnknownProperties: true)
        let result = try TestSupport.validator(schema, options: options)
            .validate(try TestSupport.yaml("model: x\nfuture_key: 1\nlimits: {rpm: 5, tpm: 9}\n"))
        #expect(result.isValid)
        #expect(
            result.warnings.map(\.message) == [
                #""future_key" is not allowed here"#, #""tpm" is not allowed here"#,
            ])
        #expect(result.warnings.map(\.instancePointer) == ["/future_key", "/limits/tpm"])
        #expect(result.warnings.first?.range.start.line == 2)

        // Real errors stay errors.
        let invalid = try TestSupport.validator(schema, options: options)
            .validate(try TestSupport.yaml("model: 1\nfuture_key: 1\n"))
        #expect(invalid.errors.map(\.message) == ["expected string, found integer 1"])
        #expect(invalid.warnings.count == 1)

        // Strict mode: the same unknown key is an error.
        let strict = try errors(schema, "model: x\nfuture_key: 1\n")
        #expect(strict.map(\.message) == [#""future_key" is not allowed here"#])
    }

    @Test func lenientModeKeepsBranchSelectionSensible() throws {
        let schema = """
            oneOf:
              - properties: {kind: {const: a}, x: {type: integer}}
                required: [kind]
                additionalProperties: false
              - properties: {kind: {const: b}, y: {type: integer}}
                required: [kind]
                additionalProperties: false
              - properties: {kind: {type: string}, x: true, extra: true}
                required: [kind, extra]
                additionalProperties: false
            """
        let options = ValidationOptions(lenientUnknownProperties: true)
        let validator = try TestSupport.validator(schema, options: options)

        // Only branch 0 matches, with an unknown key: valid, one warning from branch 0.
        let withUnknown = validator.validate(try TestSupport.yaml("kind: a\nx: 1\nnew_key: 2\n"))
        #expect(withUnknown.isValid)
        #expect(withUnknown.warnings.map(\.keywordLocation) == ["/oneOf/0/additionalProperties"])

        // Branch 2 matches strictly, branch 0 only leniently (`extra` is unknown to it): the
        // strict match wins, without warnings and without a "matches several" error.
        let strictWins = validator.validate(try TestSupport.yaml("kind: a\nx: 1\nextra: 2\n"))
        #expect(strictWins.isValid)
        #expect(strictWins.warnings.isEmpty)

        // Nothing matches: the discriminated branch is reported, unknown keys as warnings.
        let failing = validator.validate(try TestSupport.yaml("kind: b\ny: no\nnew_key: 2\n"))
        #expect(failing.errors.map(\.message) == [#"expected integer, found string "no""#])
        #expect(failing.errors.first?.keywordLocation == "/oneOf/1/properties/y/type")
        #expect(failing.warnings.map(\.message) == [#""new_key" is not allowed here"#])
    }

    // MARK: - JSON semantics

    @Test func jsonEqualityAndNumbers() throws {
        let validator = try TestSupport.validator(
            """
            properties:
              one: {enum: [1]}
              obj: {const: {a: 1, b: [true, null]}}
              int: {type: integer}
              num: {type: number}
              dec: {multipleOf: 0.0001}
              big: {multipleOf: 1.0e-8}
              text: {maxLength: 2}
            """)
        let valid = validator.validate(
            try TestSupport.yaml(
                "one: 1.0\nobj: {b: [true, null], a: 1.0}\nint: 3.0\nnum: 2\ndec: 0.0075\nbig: 12391239123\ntext: \"e\\u0301\"\n"
            ))
        #expect(valid.errors == [])
        let invalid = validator.validate(
            try TestSupport.yaml("one: true\nint: 1.5\nnum: true\ndec: 0.00751\ntext: \"e\\u0301e\"\n"))
        #expect(invalid.errors.map(\.instancePointer) == ["/one", "/int", "/num", "/dec", "/text"])
    }

    @Test func falseSchemasAndItems() throws {
        let schema = "properties: {legacy: false}\nprefixItems: [true]\nitems: false"
        let objectErrors = try errors(schema, "legacy: 1")
        #expect(objectErrors.map(\.message) == [#""legacy" is not allowed here"#])
        #expect(objectErrors.first?.keywordLocation == "/properties/legacy")
        let arrayErrors = try errors(schema, "[1, 2]")
        #expect(arrayErrors.map(\.message) == ["item 1 is not allowed here"])
        #expect(arrayErrors.first?.instancePointer == "/1")
    }
}
