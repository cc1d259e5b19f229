import AIProtocol
import AIProviders
import Foundation
import Testing

/// The compiled frame scanners against the reference, `JSONDecoder` into the same generated
/// `Decodable` frame types: for every bundled provider, on the recorded frames and on many
/// generated ones, both must reject a frame or both accept it with the same events.
///
/// The generated frames start from the recorded ones of the provider's wire shape and vary
/// them as servers and proxies could: any key order, unknown members of every JSON type and
/// depth, duplicate keys, values of the wrong type, every escape form, numbers written every way
/// (`2`, `2.0`, `20e-1`, `-0`, out of range), whitespace, and the lenient corners `JSONDecoder`
/// accepts in values it does not read (trailing commas, invalid escapes, control characters,
/// odd number tokens). Then a share of them is cut short or mutated byte by byte, and a share
/// given ill-formed UTF-8: the scanner reads frames as they arrive, unchecked, and must read
/// them as their WHATWG repair, which is what `JSONDecoder` is given.
@Suite("Frame scanners against JSONDecoder", .serialized)
struct FrameScannerDifferentialTests {
    /// The seed of the generated frames; set `FRAME_SCANNER_SEED` to try others.
    static let seed = UInt64(ProcessInfo.processInfo.environment["FRAME_SCANNER_SEED"] ?? "") ?? 20_261_206

    enum Outcome: Equatable, CustomStringConvertible {
        case rejected
        case events([StreamEvent])
        case providerError(AIError)

        var description: String {
            switch self {
            case .rejected: "rejected"
            case .events(let events): "\(events)"
            case .providerError(let error): "error \(error)"
            }
        }
    }

    /// What a frame gives through one of the two paths: the stream reader's compiled path, on
    /// the bytes as they are; or `JSONDecoder` into the `Decodable` frame type, on their repair.
    static func outcome<P: StreamingAdapter>(_ provider: P.Type, _ bytes: [UInt8], compiled: Bool) -> Outcome {
        var decoder = P.makeStreamDecoder()
        do {
            if compiled {
                var events: [StreamEvent] = []
                var recentStrings = RecentStrings()
                let isFrame = try bytes.withUnsafeBytes { raw in
                    try decoder.events(scanning: raw, recentStrings: &recentStrings, into: &events)
                }
                return isFrame ? .events(events) : .rejected
            }
            guard let frame = try? JSONDecoder().decode(P.StreamFrame.self, from: Data(repaired(bytes))) else {
                return .rejected
            }
            return .events(try decoder.events(for: frame))
        } catch let error as AIError {
            return .providerError(error)
        } catch {
            Issue.record("unexpected error \(error)")
            return .rejected
        }
    }

    /// The WHATWG repair of `bytes` (one U+FFFD per maximal ill-formed subpart), as the framers'
    /// readers repair a frame; the public decoder drops a leading byte order mark, which a frame
    /// keeps.
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        var decoder = UTF8StreamDecoder()
        let text = Array((decoder.decode(bytes) + decoder.finish()).utf8)
        return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] + text : text
    }

    /// The frames where the two paths differ, described.
    static func mismatches<P: StreamingAdapter>(_ provider: P.Type, _ frames: [[UInt8]]) -> [String] {
        var found: [String] = []
        for frame in frames {
            let compiled = outcome(P.self, frame, compiled: true)
            let reference = outcome(P.self, frame, compiled: false)
            if compiled != reference {
                found.append(
                    "\(P.descriptor.id): \(String(decoding: frame.prefix(300), as: UTF8.self))\n  scanner: \(compiled)\n  JSONDecoder: \(reference)"
                )
            }
        }
        return found
    }

    /// The recorded frames of every recording (the samples here, and the streams the client
    /// tests' scripted servers send), by the wire shape they are in.
    static let recordedFrames: [PayloadFormat: [[UInt8]]] = {
        var frames: [PayloadFormat: [[UInt8]]] = [:]
        let shapes: [(folder: String, format: PayloadFormat, framing: StreamFraming)] = [
            ("OpenAI", .openai, .serverSentEvents(doneSignal: "[DONE]")),
            ("DeepSeek", .openai, .serverSentEvents(doneSignal: "[DONE]")),
            ("Anthropic", .anthropic, .serverSentEvents(doneSignal: nil)),
            ("Gemini", .gemini, .serverSentEvents(doneSignal: nil)),
            ("Cohere", .cohere, .serverSentEvents(doneSignal: nil)),
            ("Ollama", .ollama, .newlineDelimitedJSON),
        ]
        let clientRecordings = Recordings.folder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClientTests/Recordings")
        for shape in shapes {
            for root in [Recordings.folder, clientRecordings] {
                let folder = root.appendingPathComponent(shape.folder)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                for name in names.sorted() where name.hasPrefix("stream") {
                    guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(name)).map({ $0 }) else {
                        continue
                    }
                    var framer = StreamFramer(shape.framing)
                    let payloads = ((try? framer.push(bytes)) ?? []) + framer.finish()
                    frames[shape.format, default: []] += payloads.map { Array($0.payload.utf8) }
                }
            }
        }
        return frames
    }()

    static var streamingProviders: [any StreamingAdapter.Type] {
        ProviderRegistry.all.compactMap { $0 as? any StreamingAdapter.Type }
    }

    @Test func recordedFramesAgree() {
        #expect(Self.recordedFrames.values.reduce(0) { $0 + $1.count } > 50)
        var found: [String] = []
        for provider in Self.streamingProviders {
            found += Self.mismatches(provider, Self.recordedFrames[provider.descriptor.payloadFormat] ?? [])
        }
        #expect(found.isEmpty, "\(found.prefix(5).joined(separator: "\n"))")
    }

    /// Chat response bodies, which `Client.chat` reads with the same scanners: the recorded ones
    /// and 5,000 variations of them for each of OpenAI, Anthropic and Gemini.
    @Test func responseBodiesAgree() throws {
        func response<P: ProviderAdapter>(_ provider: P.Type, _ bytes: [UInt8], compiled: Bool) -> ChatResponse? {
            if compiled {
                return bytes.withUnsafeBytes { raw in
                    var scanner = JSONScanner(raw)
                    guard let body = try? P.ChatResponseBody(scanning: &scanner), (try? scanner.finish()) != nil else {
                        return nil
                    }
                    return P.chatResponse(from: body)
                }
            }
            return (try? JSONDecoder().decode(P.ChatResponseBody.self, from: Data(bytes))).map(P.chatResponse(from:))
        }
        func check<P: ProviderAdapter>(_ provider: P.Type, folder: String) throws -> [String] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: Recordings.folder.appendingPathComponent(folder).path)
            let recorded = try names.filter { $0.hasPrefix("response-") }.map {
                try Recordings.bytes("\(folder)/\($0)")
            }
            let seeds = recorded.compactMap(FrameGenerator.tree)
            var generator = FrameGenerator(seed: Self.seed)
            let bodies = recorded + (0..<5_000).map { _ in generator.frame(from: seeds) }
            return bodies.compactMap { body in
                let compiled = response(P.self, body, compiled: true)
                let reference = response(P.self, body, compiled: false)
                guard compiled != reference else { return nil }
                return
                    "\(P.descriptor.id): \(String(decoding: body.prefix(300), as: UTF8.self))\n  scanner: \(String(describing: compiled))\n  JSONDecoder: \(String(describing: reference))"
            }
        }
        let found =
            try check(OpenAI.self, folder: "OpenAI") + check(Anthropic.self, folder: "Anthropic")
            + check(Gemini.self, folder: "Gemini")
        #expect(found.isEmpty, "\(found.prefix(5).joined(separator: "\n"))")
    }

    /// Short runs of arbitrary bytes, mostly JSON's own, some of them ill-formed UTF-8: both
    /// paths reject them or agree. (The libFuzzer target in `Tests/Fuzz` does the same without
    /// end, under the address sanitizer.)
    @Test func arbitraryBytesAgree() {
        var generator = FrameGenerator(seed: Self.seed)
        let alphabet = Array(#"{}[]":,\ 0123456789-+.eEtrufalsnu"#.utf8) + [0x00, 0x0A, 0x1F, 0x80, 0xC3, 0xE2, 0xFF]
        var frames: [[UInt8]] = []
        for _ in 0..<20_000 {
            let frame = (0..<generator.below(48)).map { _ in alphabet[generator.below(alphabet.count)] }
            // JSONDecoder guesses UTF-16 or UTF-32 from NUL bytes at a document's start. Frames
            // are UTF-8, where no JSON text has a NUL there: such input is not compared.
            guard !frame.prefix(4).contains(0) else { continue }
            frames.append(frame)
        }
        let found =
            Self.mismatches(OpenAI.self, frames) + Self.mismatches(Anthropic.self, frames)
            + Self.mismatches(Gemini.self, frames)
        #expect(found.isEmpty, "\(found.prefix(5).joined(separator: "\n"))")
    }

    /// Frames with ill-formed UTF-8 where it could matter, one for each reason the unchecked
    /// scan reads what a scan of the repair would (see `JSONScanner.init(unchecked:)`).
    @Test func illFormedFramesReadAsTheirRepair() {
        func frame(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let openingContent = text(#"{"choices":[{"index":0,"delta":{"content":""#)
        let closing = text(#""}}]}"#)
        let frames: [(String, [UInt8])] = [
            ("in a string read", frame(openingContent, text("a"), [0xE2, 0x82], text("b"), [0xFF], closing)),
            ("in a key", frame(text(#"{"choices":[{"index":0,"delta":{"cont"#), [0xC3], text(#"ent":"x"}}]}"#))),
            (
                "in a skipped value",
                frame(text(#"{"id":""#), [0xF0, 0x9F], text(#"","choices":[{"delta":{"content":"x"}}]}"#))
            ),
            ("outside strings", frame(text(#"{"choices":"#), [0x80], text(#"[{"delta":{"content":"x"}}]}"#))),
            ("after a backslash", frame(openingContent, text(#"a\"#), [0xE2], closing)),
            // Three ill-formed bytes become nine, so the four bytes after `\u` that must not
            // be quotes are others in the repair: here the repair's string does not end where
            // the raw one would.
            ("after \\u", frame(openingContent, text(#"\u"#), [0xFF, 0xFF, 0xFF], text(#"\","x":"y"}}]}"#))),
        ]
        for (place, bytes) in frames {
            let compiled = Self.outcome(OpenAI.self, bytes, compiled: true)
            let reference = Self.outcome(OpenAI.self, bytes, compiled: false)
            #expect(compiled == reference, "ill-formed UTF-8 \(place): scanner \(compiled), JSONDecoder \(reference)")
        }
        #expect(
            Self.outcome(OpenAI.self, frames[0].1, compiled: true) == .events([.textDelta("a\u{FFFD}b\u{FFFD}")]))
    }

    /// A frame whose discriminator no rule asks for (Anthropic's `ping`) is skipped after it:
    /// the members after it are checked as JSON but not read, and it gives what the reference
    /// gives, nothing.
    @Test func aFrameNoRuleReadsIsSkippedAfterItsDiscriminator() throws {
        func scanned(_ json: String) throws -> Anthropic.StreamFrame {
            let bytes = Array(json.utf8)
            return try bytes.withUnsafeBytes { raw in
                var scanner = JSONScanner(raw)
                let frame = try Anthropic.StreamFrame(scanning: &scanner)
                try scanner.finish()
                return frame
            }
        }
        let delta = #""delta":{"type":"text_delta","text":"hi"},"index":0"#
        let read = try scanned(#"{"type":"content_block_delta",\#(delta)}"#)
        #expect(read.delta?.text == "hi" && read.index == 0)
        let skipped = try scanned(#"{"type":"ping",\#(delta)}"#)
        #expect(skipped.type == .ping && skipped.delta == nil && skipped.index == nil)
        // Members before the discriminator are read, and the rest is still checked.
        #expect(try scanned(#"{"index":3,"type":"ping",\#(delta)}"#).index == 3)
        #expect(throws: JSONScanError.self) { try scanned(#"{"type":"ping","delta":{"text":"hi"}"#) }
        for frame in [#"{"type":"ping",\#(delta)}"#, #"{"type":"an_unknown_event",\#(delta)}"#] {
            #expect(Self.outcome(Anthropic.self, Array(frame.utf8), compiled: true) == .events([]))
            #expect(Self.outcome(Anthropic.self, Array(frame.utf8), compiled: false) == .events([]))
        }
    }

    /// 100,000 generated frames for each of OpenAI, Anthropic and Gemini; 1,000 for each other
    /// bundled provider (they share those wire shapes, with other fields read).
    @Test(arguments: [PayloadFormat.openai, .anthropic, .gemini, .cohere, .ollama])
    func generatedFramesAgree(format: PayloadFormat) async throws {
        let seeds = try #require(Self.recordedFrames[format]).compactMap(FrameGenerator.tree)
        try #require(!seeds.isEmpty)
        let providers = Self.streamingProviders.filter { $0.descriptor.payloadFormat == format }
        var generator = FrameGenerator(seed: Self.seed &+ UInt64(PayloadFormat.allCases.firstIndex(of: format)!))
        var found: [String] = []
        var accepted = 0
        var total = 0
        for provider in providers {
            let isMain = ["openai", "anthropic", "gemini"].contains(provider.descriptor.id)
            let count = isMain ? 100_000 : 1_000
            var batch: [[UInt8]] = []
            for _ in 0..<count {
                batch.append(generator.frame(from: seeds, illFormed: true))
                if batch.count == 1_000 {
                    found += Self.mismatches(provider, batch)
                    accepted += batch.count { Self.outcome(provider, $0, compiled: true) != .rejected }
                    total += batch.count
                    batch.removeAll(keepingCapacity: true)
                    // Long, and all on the cooperative pool: let the other tests' tasks run.
                    await Task.yield()
                }
                if found.count > 5 { break }
            }
            found += Self.mismatches(provider, batch)
        }
        #expect(found.isEmpty, "seed \(Self.seed): \(found.prefix(5).joined(separator: "\n"))")
        // The variations must mostly be frames, so that reading is tested and not only rejecting.
        #expect(accepted * 2 > total, "only \(accepted) of \(total) generated frames were JSON")
    }
}

/// Varies recorded frames (see the suite's description). Deterministic for a seed.
struct FrameGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A recorded frame as a tree to vary.
    static func tree(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw)
            return try? JSONValue(scanning: &scanner)
        }
    }

    /// One generated frame: a varied seed frame, written with random spelling, sometimes cut
    /// short or mutated. Well-formed UTF-8, unless `illFormed`, which makes one in ten frames
    /// ill-formed, mostly inside strings (where only a read notices) and after `\u`.
    mutating func frame(from seeds: [JSONValue], illFormed: Bool = false) -> [UInt8] {
        var text: [UInt8] = []
        write(vary(seeds[below(seeds.count)], depth: 0), into: &text)
        if chance(8) {
            text = Array(text.prefix(below(text.count + 1)))
        } else if chance(12) {
            for _ in 0..<(1 + below(3)) { mutate(&text) }
        }
        text = text.withUnsafeBytes { raw in
            var decoder = UTF8StreamDecoder()
            return Array((decoder.decode(raw) + decoder.finish()).utf8)
        }
        if illFormed, chance(10) {
            for _ in 0..<(1 + below(3)) { breakUTF8(&text) }
        }
        return text
    }

    /// Puts a few bytes that are not well-formed UTF-8 (a stray continuation, a lead cut short,
    /// an overlong form, a surrogate, a byte UTF-8 never uses) into a string or anywhere.
    private mutating func breakUTF8(_ text: inout [UInt8]) {
        let broken: [[UInt8]] = [
            [0x80], [0xBF, 0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE],
        ]
        let bytes = broken[below(broken.count)]
        let quotes = text.indices.filter { text[$0] == 0x22 }
        let escapes = text.indices.filter { $0 + 1 < text.count && text[$0] == 0x5C && text[$0 + 1] == 0x75 }
        if !escapes.isEmpty, chance(20) {
            // Right after a `\u`, or one to three hex digits into it.
            let escape = escapes[below(escapes.count)]
            let position = min(text.count, escape + 2 + below(4))
            text.insert(contentsOf: bytes, at: position)
        } else if !quotes.isEmpty, chance(80) {
            text.insert(contentsOf: bytes, at: quotes[below(quotes.count)] + 1)
        } else {
            text.insert(contentsOf: bytes, at: below(text.count + 1))
        }
    }

    // MARK: Varying values

    private mutating func vary(_ value: JSONValue, depth: Int) -> JSONValue {
        if chance(3) { return randomValue(depth: depth) }
        switch value {
        case .object(let members):
            var varied = members.map { JSONValue.Member($0.key, vary($0.value, depth: depth + 1)) }
            for _ in 0..<below(3) where chance(30) {
                varied.append(JSONValue.Member(randomKey(), randomValue(depth: depth + 1)))
            }
            if chance(5), let member = varied.randomElement(using: &self) {
                // The same key again, with another value: the first must count.
                varied.append(JSONValue.Member(member.key, randomValue(depth: depth + 1)))
            }
            if chance(5), !varied.isEmpty {
                varied[below(varied.count)].value = .null
            }
            shuffle(&varied)
            return .object(varied)
        case .array(let items):
            var varied = items.map { vary($0, depth: depth + 1) }
            if chance(10) { varied.append(randomValue(depth: depth + 1)) }
            return .array(varied)
        case .string(let text):
            return chance(10) ? .string(randomString()) : .string(text)
        case .integer(let number):
            return chance(10) ? .integer(randomInteger()) : .integer(number)
        default:
            return value
        }
    }

    private mutating func shuffle(_ members: inout [JSONValue.Member]) {
        guard members.count > 1 else { return }
        for index in stride(from: members.count - 1, to: 0, by: -1) {
            members.swapAt(index, below(index + 1))
        }
    }

    private mutating func randomKey() -> String {
        ["x", "unknown", "index", "type", "text", "data", "usage", "role", "é", "a\"b", "👩‍💻", ""][below(12)]
    }

    private mutating func randomString() -> String {
        let pieces = ["a", "Hé", "雨", "😀", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", " ", "\u{2028}", "[DONE]"]
        return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
    }

    private mutating func randomInteger() -> Int {
        [0, 1, -1, 7, 42, 1_000_000, Int.max, Int.min, 9_007_199_254_740_993][below(9)]
    }

    private mutating func randomValue(depth: Int) -> JSONValue {
        if below(1000) < 4 {
            // Deep nesting, past JSONDecoder's limit of 512 sometimes. Rare: JSONDecoder is slow
            // on it (each failed probe of a JSONValue builds the whole coding path).
            var value = JSONValue.integer(1)
            for _ in 0..<(100 + below(500)) { value = chance(50) ? .array([value]) : .object([.init("d", value)]) }
            return value
        }
        switch below(depth > 4 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .integer(randomInteger())
        case 3: return .number([0.5, -1.25e-3, 1e300, 3.0][below(4)])
        case 4, 5: return .string(randomString())
        case 6: return .array((0..<below(4)).map { _ in randomValue(depth: depth + 1) })
        default:
            return .object((0..<below(4)).map { _ in JSONValue.Member(randomKey(), randomValue(depth: depth + 1)) })
        }
    }

    // MARK: Writing, with random spelling

    private mutating func write(_ value: JSONValue, into text: inout [UInt8]) {
        space(&text)
        switch value {
        case .null: text += Array("null".utf8)
        case .bool(let flag): text += Array((flag ? "true" : "false").utf8)
        case .integer(let number): text += Array(spell(number).utf8)
        case .number(let number): text += Array(spell(number).utf8)
        case .string(let string): writeString(string, into: &text)
        case .array(let items):
            text.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { text.append(0x2C) }
                write(item, into: &text)
            }
            if !items.isEmpty, chance(3) { text.append(0x2C) }  // a trailing comma
            space(&text)
            text.append(0x5D)
        case .object(let members):
            text.append(0x7B)
            for (index, member) in members.enumerated() {
                if index > 0 { text.append(0x2C) }
                space(&text)
                writeString(member.key, into: &text)
                space(&text)
                text.append(0x3A)
                write(member.value, into: &text)
            }
            if !members.isEmpty, chance(3) { text.append(0x2C) }
            space(&text)
            text.append(0x7D)
        }
        space(&text)
    }

    private mutating func space(_ text: inout [UInt8]) {
        guard chance(10) else { return }
        for _ in 0..<(1 + below(2)) { text.append([0x20, 0x0A, 0x0D, 0x09][below(4)]) }
    }

    private mutating func spell(_ number: Int) -> String {
        switch below(10) {
        case 0: "\(number).0"
        case 1: "\(number)e0"
        case 2: "\(number)0e-1"
        case 3: "\(number)E+0"
        case 4: number == 0 ? "-0" : "0\(number)"  // a leading zero: not JSON, read as absent
        case 5: "\(number)."  // not JSON either
        default: "\(number)"
        }
    }

    private mutating func spell(_ number: Double) -> String {
        switch below(6) {
        case 0: "1e400"
        case 1: "1e-400"
        case 2: "-"
        default: "\(number)"
        }
    }

    private mutating func writeString(_ string: String, into text: inout [UInt8]) {
        text.append(0x22)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += Array(#"\""#.utf8)
            case "\\": text += Array(#"\\"#.utf8)
            case "\n": text += Array((chance(50) ? #"\n"# : #"\u000A"#).utf8)
            case "\t": text += Array((chance(50) ? #"\t"# : #"\u0009"#).utf8)
            case "/" where chance(50): text += Array(#"\/"#.utf8)
            case _ where scalar.value < 0x20:
                // Mostly escaped; sometimes raw, which only an unread value may hold.
                if chance(90) {
                    text += hexEscape(UInt16(scalar.value), uppercase: false)
                } else {
                    text.append(UInt8(scalar.value))
                }
            case _ where chance(15):
                text += escaped(scalar)
            default:
                text += Array(String(scalar).utf8)
            }
        }
        if below(1000) < 3 { text += Array([#"\ud83d"#, #"\q"#, #"\uDE00x"#, #"\u12"#][below(4)].utf8) }
        text.append(0x22)
    }

    /// `\uXXXX`, a surrogate pair above the basic plane, in either case.
    private mutating func escaped(_ scalar: Unicode.Scalar) -> [UInt8] {
        let uppercase = chance(50)
        guard scalar.value > 0xFFFF else { return hexEscape(UInt16(scalar.value), uppercase: uppercase) }
        let value = scalar.value - 0x10000
        return hexEscape(UInt16(0xD800 + (value >> 10)), uppercase: uppercase)
            + hexEscape(UInt16(0xDC00 + (value & 0x3FF)), uppercase: uppercase)
    }

    private func hexEscape(_ unit: UInt16, uppercase: Bool) -> [UInt8] {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return [0x5C, 0x75] + [12, 8, 4, 0].map { digits[Int(unit >> $0) & 0xF] }
    }

    private mutating func mutate(_ text: inout [UInt8]) {
        guard !text.isEmpty else { return }
        let position = below(text.count)
        let significant: [UInt8] = Array(#"{}[]":,\ 0-1.eEtrufalsn"#.utf8)
        switch below(3) {
        case 0: text.remove(at: position)
        case 1: text.insert(significant[below(significant.count)], at: position)
        default: text[position] = significant[below(significant.count)]
        }
    }
}

extension FrameGenerator: RandomNumberGenerator {}
