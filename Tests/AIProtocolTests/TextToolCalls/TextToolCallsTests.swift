import AIProtocol
import Testing

@Suite("Tool calls written in reply text")
struct TextToolCallsTests {
    private func calls(_ reply: String, lenient: Bool = true, tools: Set<String>? = nil) -> [String] {
        TextToolCalls.extract(from: reply, lenient: lenient, toolNames: tools).calls.map {
            "\($0.name) \($0.arguments)"
        }
    }

    @Test func canonicalBlocksInOrderWithTheTextAround() {
        let reply = """
            First this.
            <tool_call>{"name": "a", "arguments": {"x": 1}}</tool_call>
            Then <tool_call>
            {"name": "b", "arguments": "{\\"y\\":\\"z\\"}", "id": "c9"}
            </tool_call> done.
            """
        let extraction = TextToolCalls.extract(from: reply)
        #expect(extraction.calls.map(\.name) == ["a", "b"])
        #expect(extraction.calls.map(\.arguments) == [#"{"x":1}"#, #"{"y":"z"}"#])
        #expect(extraction.calls.map(\.id) == ["call_0", "c9"])
        #expect(extraction.text == "First this.\n\nThen  done.")
    }

    @Test func strictReadsOnlyTheCanonicalForm() {
        let attribute = #"<tool_call name="shell">{"command": "ls"}</tool_call>"#
        #expect(calls(attribute, lenient: false).isEmpty)
        #expect(calls(attribute) == [#"shell {"command":"ls"}"#])
        #expect(calls("<shell><command>ls</command></shell>", lenient: false).isEmpty)
        #expect(calls(#"<tool_call>{"name": "s", "parameters": {"a": 1}}</tool_call>"#, lenient: false) == ["s {}"])
        #expect(calls(#"<tool_call>{"name": "s", "parameters": {"a": 1}}</tool_call>"#) == [#"s {"a":1}"#])
    }

    @Test func whatIsNotACallStaysInTheText() {
        for reply in [
            "<tool_call>{not json}</tool_call>", #"<tool_call>{"arguments": {}}</tool_call>"#,
            "<tool_call>{\"name\": \"open\"}", "if a < b and c > d", "<p>text <b>bold</b></p>",
        ] {
            let extraction = TextToolCalls.extract(from: reply)
            #expect(extraction.calls.isEmpty, "\(reply)")
            #expect(extraction.text == reply, "\(reply)")
        }
    }

    @Test func elementsNamedAfterToolsWithValuesAsJSONOrText() {
        let reply = "<search><query>a &lt;b&gt; c</query><limit>10</limit><exact>true</exact></search>"
        #expect(calls(reply) == [#"search {"query":"a <b> c","limit":10,"exact":true}"#])
        #expect(calls(reply, tools: ["search"]).count == 1)
        #expect(calls(reply, tools: ["shell"]).isEmpty)
        #expect(calls(#"<search><query string="true">10</query></search>"#) == [#"search {"query":"10"}"#])
    }

    @Test func wrappersAndDeepSeekMarkup() {
        let wrapped = """
            <tool_calls>
            <tool_call id="7">{"name": "a", "arguments": {}}</tool_call>
            <tool_call>{"name": "b", "arguments": {}}</tool_call>
            </tool_calls>
            """
        #expect(TextToolCalls.extract(from: wrapped).calls.map(\.id) == ["7", "call_1"])
        let dsml = """
            <｜｜DSML｜｜tool_calls>
            <｜｜DSML｜｜invoke name="run">
            <｜｜DSML｜｜parameter name="cmd" string="true">echo "hi" 2>&1</｜｜DSML｜｜parameter>
            <｜｜DSML｜｜parameter name="retries" string="false">3</｜｜DSML｜｜parameter>
            </｜｜DSML｜｜invoke>
            </｜｜DSML｜｜tool_calls>
            """
        #expect(calls(dsml) == [#"run {"cmd":"echo \"hi\" 2>&1","retries":3}"#])
    }

    @Test func instructionsNameEveryToolAndTheForm() {
        let tools = [
            Tool(name: "shell", description: "Run a command", parameters: .object([])),
            Tool(
                name: "read", description: "Read a file",
                parameters: .object(["type": .string("object"), "required": .array([.string("path")])])),
        ]
        let full = TextToolCalls.instructions(for: tools)
        for part in [
            "<tool_call>", "- shell: Run a command", "- read: Read a file", #""required":["path"]"#, "<shell>",
        ] {
            #expect(full.contains(part), "\(part)")
        }
        #expect(!TextToolCalls.instructions(for: tools, counterexamples: false).contains("<shell>"))
        // What the instructions ask for is what extraction reads.
        let answer = #"<tool_call>{"name": "read", "arguments": {"path": "a.txt"}}</tool_call>"#
        #expect(calls(answer, lenient: false, tools: ["read"]) == [#"read {"path":"a.txt"}"#])
    }
}
