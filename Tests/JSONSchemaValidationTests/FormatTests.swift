import LocatedYAML
import Testing

@testable import JSONSchemaValidation

/// `format`: an annotation by default, an assertion on request.
@Suite struct FormatTests {
    @Test func formatIsAnAnnotationByDefault() throws {
        let validator = try TestSupport.validator("format: date")
        #expect(validator.validate(try TestSupport.yaml("not-a-date")).isValid)
    }

    @Test func formatAssertionReportsInvalidValues() throws {
        let validator = try TestSupport.validator(
            "properties: {day: {format: date}, n: {format: date}}",
            options: ValidationOptions(assertFormats: true))
        let result = validator.validate(try TestSupport.yaml("day: not-a-date\nn: 5\n"))
        #expect(result.errors.map(\.message) == [#""not-a-date" is not a valid date"#])
        #expect(result.errors.first?.keywordLocation == "/properties/day/format")
        #expect(result.errors.first?.reason == .invalidFormat(format: "date"))
    }

    @Test func unknownFormatsPass() throws {
        let validator = try TestSupport.validator(
            "format: color", options: ValidationOptions(assertFormats: true))
        #expect(validator.validate(try TestSupport.yaml("anything")).isValid)
    }

    @Test(arguments: [
        ("date-time", "2024-02-29T12:30:00.5+01:00", "2023-02-29T12:30:00Z"),
        ("date", "2024-12-31", "2024-13-01"),
        ("time", "23:59:60Z", "24:00:00Z"),
        ("duration", "P1Y2M3DT4H5M6S", "P1Y2D"),
        ("email", "joe.bloggs@example.com", "joe..bloggs@example.com"),
        ("hostname", "api.openai.com", "-bad.example"),
        ("ipv4", "192.168.0.1", "192.168.0.256"),
        ("ipv6", "::ffff:192.168.0.1", "1:2:3:4:5:6:7:8:9"),
        ("uri", "https://api.example.com/v1?x=1#top", "//example.com/relative"),
        ("uri-reference", "../schemas/v1.json", "\\\\windows\\share"),
        ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638"),
        ("regex", "^[a-z]+(\\d{2})?$", "^(unclosed"),
        ("json-pointer", "/a~1b/0", "/a~2b"),
    ])
    func formatChecks(format: String, valid: String, invalid: String) throws {
        let validator = try JSONSchemaValidator(
            schema: YAMLNode(
                .mapping([YAMLMappingEntry(key: .string("format"), value: .string(format))])),
            options: ValidationOptions(assertFormats: true))
        #expect(validator.validate(.string(valid)).isValid, "\(format): \(valid)")
        #expect(!validator.validate(.string(invalid)).isValid, "\(format): \(invalid)")
    }
}
