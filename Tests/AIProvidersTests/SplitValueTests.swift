import AIProtocol
import AIProviders
import Foundation
import Testing

/// A value read whole and by member (`SplitValueScan`, and the struct `protocolc` generates for
/// it) is the value `JSONScanner.json()` and `JSONValue(from:)` read, split in two and put back.
@Suite("Values read whole and by member")
struct SplitValueTests {
    /// The struct `protocolc` generates for a content part of Gemini's stream, which the rules
    /// read by member (`text`, `thought`, `thoughtSignature`, `functionCall`) and whole (a
    /// function call's part).
    typealias Part = Gemini.StreamFrame.CandidatesItem.Content.PartsItem

    /// The value of `json` read by `read`, with the document checked to its end.
    private func read<T>(_ json: String, _ read: (inout JSONScanner) throws(JSONScanError) -> T) throws -> T {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            let value = try read(&scanner)
            try scanner.finish()
            return value
        }
    }

    private func split(_ json: String, asElement: Bool) throws -> Part? {
        try read(json) { scanner throws(JSONScanError) in try Part(scanning: &scanner, asElement: asElement) }
    }

    private func whole(_ json: String, asElement: Bool) throws -> JSONValue? {
        try read(json) { scanner throws(JSONScanError) in
            asElement ? try scanner.jsonElement() : try scanner.json()
        }
    }

    static let documents = [
        #"{"text":"hi"}"#,
        #"{"thought":true,"text":"thinking","thoughtSignature":"c2ln"}"#,
        #"{"functionCall":{"name":"f","args":{"x":[1,2.5,null]}},"text":null}"#,
        #"{"text":"first","text":"second","b":1,"b":2,"a":{}}"#,
        #"{"te\u0078t":"escaped key","thought":null,"thought":false}"#,
        #"{}"#, #"[{"text":"in an array"}]"#, #""text""#, "12", "-0.5e3", "true", "null",
        // Not representable: a lone surrogate in a key or in a kept or other member's value.
        #"{"\ud800":1}"#, #"{"text":"\udc00"}"#, #"{"other":[1e400]}"#,
        // A repeated key whose first value cannot be read makes the value unreadable; a second
        // one that cannot be read is ignored, as `json()` ignores it.
        #"{"text":"ok","text":"\ud800"}"#, #"{"x":1,"x":"\ud800"}"#,
    ]

    @Test(arguments: documents)
    func scanningSplitsWhatJSONReads(document: String) throws {
        for asElement in [false, true] {
            let expected = try whole(document, asElement: asElement)
            let part = try split(document, asElement: asElement)
            #expect(part?.jsonValue == expected, "\(document) as element: \(asElement)")
            if let part, case .object(let members)? = expected {
                // The kept members are the object's, unless `null`, and not in the remainder.
                #expect(part.text == members.first { $0.key == "text" }.flatMap { $0.value == .null ? nil : $0.value })
                if case .object(let rest) = part.remainder {
                    #expect(!rest.contains { $0.key == "text" && $0.value != .null })
                }
            }
        }
    }

    @Test(arguments: documents)
    func decodingSplitsWhatJSONValueDecodes(document: String) throws {
        let data = Data(document.utf8)
        let decoded = try? JSONDecoder().decode(Part.self, from: data)
        let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        #expect(decoded?.jsonValue == value)
        // And the scanner gives the same split, where both read the document.
        if let decoded, let scanned = try split(document, asElement: true) {
            #expect(scanned.remainder == decoded.remainder && scanned.text == decoded.text)
            #expect(scanned.thought == decoded.thought && scanned.functionCall == decoded.functionCall)
        }
    }

    @Test func aMemberThatIsNullIsAbsentAndAnElementThatIsNullIsKept() throws {
        #expect(try split("null", asElement: false) == nil)
        #expect(try split("null", asElement: true)?.jsonValue == .null)
        let part = try #require(try split(#"{"text":null,"x":1}"#, asElement: false))
        #expect(part.text == nil)
        #expect(part.jsonValue == .object([.init("text", .null), .init("x", .integer(1))]))
    }

    @Test func malformedJSONIsAnErrorAsForJSON() {
        for document in [#"{"text":"a""#, #"{"text" "a"}"#, #"{"a":[}"#, "{"] {
            #expect(throws: JSONScanError.self) { try split(document, asElement: true) }
            #expect(throws: JSONScanError.self) { try whole(document, asElement: true) }
        }
    }
}
