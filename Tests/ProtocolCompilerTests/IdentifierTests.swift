import Testing

@testable import ProtocolCompiler

@Suite("Swift identifiers from manifest names")
struct IdentifierTests {
    @Test func namesBecomeIdentifiers() {
        #expect(SwiftSource.lowerCamelIdentifier("max_tokens") == "maxTokens")
        #expect(SwiftSource.lowerCamelIdentifier("gpt-4o") == "gpt4o")
        #expect(SwiftSource.lowerCamelIdentifier("3.5-turbo") == "_3_5Turbo")
        #expect(SwiftSource.lowerCamelIdentifier("maxOutputTokens") == "maxOutputTokens")
        #expect(SwiftSource.upperCamelIdentifier("azure-openai") == "AzureOpenai")
        #expect(SwiftSource.lowerCamelIdentifier("default") == "`default`")
        #expect(SwiftSource.words("e\u{301}tat_x") == ["tat", "x"])
    }

    /// The byte-wise split of ASCII names is the `Character`-wise one, faster.
    @Test func asciiWordsAreCharacterWords() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9_-. /:bY0cX$")
        for _ in 0..<5000 {
            let name = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement()! })
            #expect(SwiftSource.asciiWords(name) == SwiftSource.characterWords(name), "\(name)")
        }
    }
}
