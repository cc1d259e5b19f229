import Foundation
import Testing

@testable import AIProtocol

extension Families {
    @Suite("Family support")
    struct FamilySupportTests {
        static let families: [any PayloadFamily.Type] = [
            OpenAIChatFamily.self, AnthropicMessagesFamily.self, GeminiFamily.self, CohereV2Family.self,
            OllamaChatFamily.self,
        ]

        private func encodedWithTemperature<Family: PayloadFamily>(_ family: Family.Type) throws -> JSONValue {
            let request = FamilyFixtures.request(imageURL: "data:image/png;base64,AAAA", toolChoice: .required)
            let data = try JSONEncoder().encode(ConversationAndTemperatureBody<Family>(request: request))
            return try parsedJSON(String(decoding: data, as: UTF8.self))
        }

        /// The generated body writes its own members into the encoder after the family's: JSONEncoder
        /// merges the keyed containers requested at the same level.
        @Test(arguments: 0..<5)
        func membersOfTheGeneratedBodyJoinTheFamilys(position: Int) throws {
            let body = try encodedWithTemperature(Self.families[position])
            let keys = Set(try #require(body.members).map(\.key))
            #expect(body["temperature"] == .number(0.5))
            #expect(body["model"] == .string("m"))
            #expect(keys.contains("messages") || keys.contains("contents"))
            #expect(keys.contains("tools"))
        }

        @Test func jsonTextRoundTripsInOrder() throws {
            let text = #"{"b":1,"a":[true,false,null,-2.5,1e-05,"x"],"c":{"z":{},"y":[]},"d":12345678901234}"#
            let value = try #require(JSONText.parse(text))
            #expect(value.members?.map(\.key) == ["b", "a", "c", "d"])
            #expect(JSONText.serialize(value) == text)
            #expect(JSONText.parse(#"  {"a" : [1, 2] }  "#).map(JSONText.serialize) == #"{"a":[1,2]}"#)
        }

        @Test func jsonTextEscapes() throws {
            let value = try #require(
                JSONText.parse(#""quote \" slash \/ back \\ tab \t nl \n \u00e9 \ud83d\ude00 \u0001""#))
            #expect(value == .string("quote \" slash / back \\ tab \t nl \n é 😀 \u{01}"))
            #expect(JSONText.serialize(value) == #""quote \" slash / back \\ tab \t nl \n é 😀 \u0001""#)
        }

        @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "01x", #""\ud83d""#, "{} {}", "tru", #"{"a" 1}"#, "\"a\nb\""])
        func jsonTextRejects(text: String) {
            #expect(JSONText.parse(text) == nil)
        }

        @Test func jsonTextNumbers() {
            #expect(JSONText.parse("12") == .integer(12))
            #expect(JSONText.parse("-0.5") == .number(-0.5))
            #expect(JSONText.parse("1E3") == .number(1000))
            #expect(JSONText.parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
            #expect(JSONText.serialize(.number(3)) == "3")
            #expect(JSONText.serialize(.number(.nan)) == "null")
        }

        @Test func dataURLs() {
            #expect(
                DataURL("data:image/png;base64,iVBORw0KGgo=") == DataURL(mediaType: "image/png", base64: "iVBORw0KGgo=")
            )
            #expect(DataURL("DATA:image/webp;charset=x;base64,AAAA")?.mediaType == "image/webp")
            #expect(DataURL("data:text/plain,hello") == nil)
            #expect(DataURL("https://example.com/a.png") == nil)
            #expect(mediaType(forURL: "https://example.com/a/b.JPG?size=2#x") == "image/jpeg")
            #expect(mediaType(forURL: "https://example.com/photo") == nil)
            #expect(mediaType(forURL: "https://example.com.png/photo") == nil)
            #expect(mediaType(forURL: "https://example.com/report.PDF") == "application/pdf")
            #expect(mediaType(forURL: "https://example.com/voice.mp3") == "audio/mpeg")
        }

        @Test func madeUpIds() {
            #expect(SynthesizedCallID.make(3) == "call_3")
            #expect(SynthesizedCallID.matches("call_12"))
            #expect(!SynthesizedCallID.matches("call_abc"))
            #expect(!SynthesizedCallID.matches("call_"))
        }

        @Test func toolMessagesCarryOnlyResults() {
            for family in Self.families {
                let request = ChatRequest(model: "m", messages: [Message(role: .tool, content: [.text("stray")])])
                #expect(throws: (any Error).self, "\(family)") { try family.encodeConversation(of: request) }
            }
        }
    }
}

extension PayloadFamily {
    /// The conversation's JSON text (for tests over existential family types).
    fileprivate static func encodeConversation(of request: ChatRequest) throws -> String {
        try encodedConversation(Self.self, request)
    }
}
