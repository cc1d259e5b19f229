import Testing

@testable import LocatedYAML

@Suite("YAML 1.2 core schema resolution")
struct ScalarResolutionTests {
    private func value(_ text: String) throws -> YAMLScalar.Value? {
        try YAMLReader().read("v: \(text)\n").first?.root["v"]?.scalar?.value
    }

    @Test(arguments: [
        ("true", YAMLScalar.Value.bool(true)), ("False", .bool(false)), ("TRUE", .bool(true)),
        ("null", .null), ("~", .null), ("", .null), ("NULL", .null),
        ("42", .integer(42)), ("-7", .integer(-7)), ("+3", .integer(3)), ("0o17", .integer(15)),
        ("0x1F", .integer(31)), ("0xff", .integer(255)), ("1.5", .float(1.5)), ("-.5", .float(-0.5)),
        ("1e3", .float(1000)), ("2.5E-1", .float(0.25)), (".inf", .float(.infinity)),
        ("-.Inf", .float(-.infinity)), ("1.", .float(1)),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("0o8", .string("0o8")), ("0x", .string("0x")), ("1_000", .string("1_000")), ("e3", .string("e3")),
        ("'true'", .string("true")), ("\"42\"", .string("42")), ("'null'", .string("null")),
        ("!!str 42", .string("42")), ("!!float 3", .float(3)), ("gpt-4o", .string("gpt-4o")),
        ("012", .integer(12)), ("1.2.3", .string("1.2.3")),
    ])
    func resolves(text: String, expected: YAMLScalar.Value) throws {
        #expect(try value(text) == expected)
    }

    @Test func notANumberIsAFloat() throws {
        guard case .float(let value) = try value(".nan") else {
            Issue.record("expected a float")
            return
        }
        #expect(value.isNaN)
    }

    @Test func integersTooLargeForIntKeepTheirText() throws {
        let node = try YAMLReader().read("v: 123456789012345678901234567890\n")[0].root["v"]
        #expect(node?.scalar?.text == "123456789012345678901234567890")
        #expect(node?.number == 123456789012345678901234567890.0)
    }

    @Test func blockScalarsAreStrings() throws {
        let root = try YAMLReader().read("a: |\n  42\nb: >\n  true\n")[0].root
        #expect(root["a"]?.string == "42\n")
        #expect(root["b"]?.string == "true\n")
    }

    @Test func wrongCoreTagIsAnError() {
        #expect(throws: YAMLReadFailure.self) { try YAMLReader().read("v: !!int abc\n") }
    }
}
