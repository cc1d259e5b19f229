import Foundation
import Testing

/// Golden tests of `protocolc validate --schema`: the exact text a user sees, and exit codes.
@Suite("protocolc validate --schema")
struct ValidateSchemaCommandTests {
    @Test func validDocumentExitsZero() throws {
        let output = try ProtocolcRunner.run(["validate", "--schema", "provider.schema.json", "good.yaml"])
        #expect(output.status == 0)
        #expect(output.stdout == "")
        #expect(output.stderr == "1 file checked: 0 errors, 0 warnings\n")
    }

    @Test func humanDiagnostics() throws {
        let output = try ProtocolcRunner.run([
            "validate", "--schema", "provider.schema.json", "good.yaml", "bad.yaml", "syntax.yaml",
            "two-documents.yaml", "missing.yaml",
        ])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(
            output.stderr == """
                bad.yaml:3:1: error: "strem" is not allowed here
                strem: true
                ^~~~~
                  at /strem
                bad.yaml:4:13: error: expected integer, found string "ten"
                max_tokens: ten
                            ^~~
                  at /max_tokens
                bad.yaml:6:9: error: expected one of "bearer", "api_key", "query", found "beare"
                  type: beare
                        ^~~~~
                  at /auth/type
                syntax.yaml:3:1: error: syntax error: did not find expected ',' or ']'

                ^
                syntax.yaml:2:11: note: while parsing a flow sequence that starts here
                base_url: [https://api.openai.com/v1
                          ^
                two-documents.yaml:4:5: error: "Second" does not match the pattern "^[a-z][a-z0-9-]*$"
                id: Second
                    ^~~~~~
                  at /id
                missing.yaml: error: cannot read file: no such file
                5 files checked: 6 errors, 0 warnings

                """)
    }

    @Test func jsonFormat() throws {
        let output = try ProtocolcRunner.run([
            "validate", "--schema", "provider.schema.json", "--format", "json", "good.yaml", "bad.yaml",
        ])
        #expect(output.status == 1)
        #expect(output.stderr == "")
        #expect(
            output.stdout
                == #"{"errors":3,"files":[{"diagnostics":[],"path":"good.yaml","valid":true},{"diagnostics":[{"column":1,"line":3,"message":"\"strem\" is not allowed here","pointer":"\/strem","schemaPointer":"\/additionalProperties","severity":"error"},{"column":13,"line":4,"message":"expected integer, found string \"ten\"","pointer":"\/max_tokens","schemaPointer":"\/properties\/max_tokens\/type","severity":"error"},{"column":9,"line":6,"message":"expected one of \"bearer\", \"api_key\", \"query\", found \"beare\"","pointer":"\/auth\/type","schemaPointer":"\/properties\/auth\/$ref\/properties\/type\/enum","severity":"error"}],"path":"bad.yaml","valid":false}],"warnings":0}"#
                .replacingOccurrences(of: "\\/", with: "/") + "\n")
        // The JSON is an object of the documented shape.
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 3)
        #expect(object["warnings"] as? Int == 0)
    }

    @Test func unresolvableReferenceIsALocatedSchemaError() throws {
        let output = try ProtocolcRunner.run(["validate", "--schema", "broken-ref.schema.json", "good.yaml"])
        #expect(output.status == 1)
        let firstLine = output.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            firstLine.hasPrefix(
                "broken-ref.schema.json:5:22: error: cannot resolve the reference \"missing.schema.json\""))
        #expect(output.stderr.contains("                     ^~~~~~~~~~~~~~~~~~~~~\n"))
    }

    @Test(arguments: [
        ["validate", "--schema-dir", ".", "good.yaml"],
        ["validate", "--schema", "provider.schema.json"],
        ["validate", "--schema", "provider.schema.json", "--format", "xml", "good.yaml"],
        ["validate", "--no-such-flag", "--schema", "provider.schema.json", "good.yaml"],
    ])
    func usageErrorsExitWith64(arguments: [String]) throws {
        let output = try ProtocolcRunner.run(arguments)
        #expect(output.status == 64)
        #expect(output.stderr.contains("Usage: protocolc validate"))
    }
}
