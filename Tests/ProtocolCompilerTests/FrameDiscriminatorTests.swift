import Testing

@testable import ProtocolCompiler

/// Which root member of a stream frame decides that no rule reads the frame, and for which texts.
@Suite("Frame discriminators")
struct FrameDiscriminatorTests {
    private func discriminator(rules: [String], selector: String? = nil) throws -> FrameDiscriminator? {
        let conditions = try rules.map { try ExpressionParser.parseExpression($0) }
        let selector = try selector.map { try ExpressionParser.parseExpression($0) }
        var tree = FieldTree()
        for expression in conditions + [selector].compactMap({ $0 }) {
            for (path, use) in ExpressionPaths.uses(in: expression) { tree.insert(path, use: use) }
        }
        return FrameDiscriminator.find(in: tree, everyFrame: conditions, selector: selector)
    }

    @Test func everyRuleAskingForATypeMakesItTheDiscriminator() throws {
        let found = try discriminator(
            rules: [
                "$.type == 'message_start'",
                "$.type == 'content_block_delta' && $.delta.type == 'text_delta'",
                "$.type in ['message_stop', 'error']",
                "'message_delta' == $.type",
            ],
            selector: "$.type != null && $.type != 'ping'")
        #expect(
            found
                == FrameDiscriminator(
                    key: "type",
                    needed: ["content_block_delta", "error", "message_delta", "message_start", "message_stop"]))
    }

    @Test func aSelectorNamingTextsNarrowsThem() throws {
        let found = try discriminator(
            rules: ["$.type == 'a'", "$.type == 'b'"], selector: "$.type == 'a' || $.type == 'c'")
        #expect(found == FrameDiscriminator(key: "type", needed: ["a"]))
    }

    @Test func oneRuleThatCanHoldForAnyFrameMeansNoDiscriminator() throws {
        #expect(try discriminator(rules: ["$.type == 'a'", "exists($.choices)"]) == nil)
        #expect(try discriminator(rules: ["$.type == 'a' || exists($.error)"]) == nil)
        #expect(try discriminator(rules: ["$.type != 'a'"]) == nil)
        // A nested member is not the frame's: only a root member decides.
        #expect(try discriminator(rules: ["$.delta.type == 'a'"]) == nil)
        // A member compared with a text that is not ASCII is read as a String, not compared text.
        #expect(try discriminator(rules: ["$.type == 'é'"]) == nil)
    }

    @Test func theMemberFewestFramesNeedIsChosen() throws {
        let found = try discriminator(rules: [
            "$.event == 'x' && $.type == 'a'", "$.event in ['y', 'z'] && $.type == 'a'",
        ])
        #expect(found == FrameDiscriminator(key: "type", needed: ["a"]))
    }
}
