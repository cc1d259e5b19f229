import Testing

@testable import AIProtocol

/// The scanner's reads, one rule at a time. (The frame scanners built on it are tested against
/// `JSONDecoder` on generated frames in `FrameScannerDifferentialTests`.)
@Suite("JSON scanner")
struct JSONScannerTests {
    /// Reads the member `a` of an object with `read`, then checks the document ends.
    private func member<T>(
        _ json: String, _ read: (inout JSONScanner) throws(JSONScanError) -> T?
    ) throws(JSONScanError) -> T? {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            var found: T?
            do throws(JSONScanError) {
                guard try scanner.beginObject() else { return Result<T?, JSONScanError>.success(nil) }
                var seen = false
                while let key = try scanner.nextKey() {
                    if key == "a", !seen {
                        seen = true
                        found = try read(&scanner)
                    } else {
                        try scanner.skipValue()
                    }
                }
                try scanner.finish()
                return .success(found)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    @Test func integersAreReadAsJSONDecoderReadsThem() throws {
        let cases: [(String, Int?)] = [
            ("1", 1), ("-0", 0), ("1.0", 1), ("1e2", 100), ("1E+2", 100), ("100e-2", 1), ("0.5e1", 5),
            ("1.5", nil), ("01", nil), ("1.", nil), ("-", nil), ("1e", nil), ("1e-2", nil),
            ("9223372036854775807", .max), ("9223372036854775808", nil), ("-9223372036854775808", .min),
            ("9007199254740993.0", 9_007_199_254_740_993), ("1.0000000000000001", 1), ("1e20", nil),
            ("92233720361547758070e-1", 9_223_372_036_154_775_807), ("\"1\"", nil), ("true", nil), ("null", nil),
            // Around the path that reads a plain count as it scans it.
            ("0", 0), ("00", nil), ("10", 10), ("123456789012345678", 123_456_789_012_345_678),
            ("1234567890123456789", 1_234_567_890_123_456_789), ("12345678901234567890", nil), ("7 ", 7),
        ]
        for (text, expected) in cases {
            #expect(
                try member("{\"a\":\(text)}") { scanner throws(JSONScanError) in try scanner.integer() } == expected,
                "\(text)")
        }
    }

    @Test func stringsAreReadWithEveryEscape() throws {
        let cases: [(String, String?)] = [
            (#""plain""#, "plain"), (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"), (#""\u00e9\u00C9""#, "éÉ"),
            (#""\ud83d\ude00""#, "😀"), (#""\u0000""#, "\u{0}"), (#""\ud83d""#, nil), (#""\ude00""#, nil),
            (#""\ud83dx""#, nil), (#""\q""#, nil), (#""\U00e9""#, nil), ("\"a\u{1}b\"", nil), ("1", nil),
        ]
        for (text, expected) in cases {
            #expect(
                try member("{\"a\":\(text)}") { scanner throws(JSONScanError) in try scanner.string() } == expected,
                "\(text)")
        }
    }

    @Test func theFirstOfARepeatedKeyCountsAndEscapedKeysMatch() throws {
        #expect(try member(#"{"a":"x","a":"y"}"#) { scanner throws(JSONScanError) in try scanner.string() } == "x")
        #expect(try member(#"{"\u0061":"esc"}"#) { scanner throws(JSONScanError) in try scanner.string() } == "esc")
    }

    @Test func unreadValuesAreCheckedOnlyForStructure() throws {
        // JSONDecoder accepts these where the value is not read.
        for lenient in [#""\q""#, "\"a\u{1}b\"", "01", "1.", "-", "1e5e5", #""\uZZZZ""#, "[1,]", #"{"x":1,}"#] {
            #expect(
                try member("{\"b\":\(lenient),\"a\":1}") { scanner throws(JSONScanError) in try scanner.integer() }
                    == 1, "\(lenient)")
        }
        // And reject these anywhere.
        for broken in [".5", "+1", "tru", "nul", "[1,,2]", "{,}", #""\u12""#, "\"open", "[1}", "{\"x\" 1}", "1 x"] {
            #expect(throws: JSONScanError.self, "\(broken)") {
                try self.member("{\"b\":\(broken),\"a\":1}") { scanner throws(JSONScanError) in try scanner.integer() }
            }
        }
        #expect(throws: JSONScanError.self) {
            try self.member(#"{"a":1} x"#) { scanner throws(JSONScanError) in try scanner.integer() }
        }
    }

    @Test func nestingStopsAt512Levels() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        #expect(
            try member("{\"b\":\(nested(511)),\"a\":1}") { scanner throws(JSONScanError) in try scanner.integer() } == 1
        )
        #expect(throws: JSONScanError.self) {
            try self.member("{\"b\":\(nested(512)),\"a\":1}") { scanner throws(JSONScanError) in try scanner.integer() }
        }
    }

    @Test func jsonValuesAreBuiltAsJSONValueDecodesThem() throws {
        let value = try member(#"{"a":{"z":[1,2.5,"s",true,null],"b":{"x":1,"x":2},"c":-0.0}}"#) {
            scanner throws(JSONScanError) in try scanner.json()
        }
        #expect(
            value
                == .object([
                    .init("b", .object([.init("x", .integer(1))])), .init("c", .integer(0)),
                    .init("z", .array([.integer(1), .number(2.5), .string("s"), .bool(true), .null])),
                ]))
        #expect(try member(#"{"a":null}"#) { scanner throws(JSONScanError) in try scanner.json() } == nil)
        // A member that cannot be read makes the whole value absent.
        #expect(try member(#"{"a":{"x":"\ud83d"}}"#) { scanner throws(JSONScanError) in try scanner.json() } == nil)
        #expect(try member(#"{"a":[1e400]}"#) { scanner throws(JSONScanError) in try scanner.json() } == nil)
    }
}
