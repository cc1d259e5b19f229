import Foundation
import Testing

@testable import AIProtocol

/// The storage that lets a stream frame be read without allocating: `CompactArray` (the first
/// element inline) and `RecentStrings` (long strings shared from frame to frame).
@Suite("Compact frame storage")
struct CompactStorageTests {
    private struct Item: Codable, JSONScannable, Equatable {
        var n: Int
        init(n: Int) { self.n = n }
        init(scanning scanner: inout JSONScanner) throws(JSONScanError) {
            let start = scanner.position
            guard try scanner.beginObject() else { throw JSONScanError(reason: "not an item", offset: start) }
            var n: Int?
            while let key = try scanner.nextKey() {
                if key == "n", n == nil { n = try scanner.integer() } else { try scanner.skipValue() }
            }
            guard let n else { throw JSONScanError(reason: "no n", offset: start) }
            self.n = n
        }
    }

    @Test func aCompactArrayIsTheArrayItWasMadeOf() {
        for count in 0..<5 {
            let elements = (0..<count).map { Item(n: $0) }
            let compact = CompactArray(elements)
            #expect(Array(compact) == elements)
            #expect(compact.count == count)
            #expect(compact.isEmpty == elements.isEmpty)
            for index in -1...count {
                #expect(compact.element(at: index) == elements.element(at: index))
            }
        }
        let literal: CompactArray<Int> = [3, 4, 5]
        #expect(Array(literal) == [3, 4, 5])
        #expect(literal == CompactArray([3, 4, 5]))
        #expect(literal != CompactArray([3, 4]))
    }

    @Test func aCompactArrayDecodesAsAnArrayDoes() throws {
        let decoder = JSONDecoder()
        for json in [#"[]"#, #"[{"n":1}]"#, #"[{"n":1},{"n":2},{"n":3}]"#] {
            let expected = try decoder.decode([Item].self, from: Data(json.utf8))
            #expect(Array(try decoder.decode(CompactArray<Item>.self, from: Data(json.utf8))) == expected)
            #expect(Array(try scan(json)) == expected)
        }
        // One element that does not decode fails the whole array, on both paths.
        let bad = #"[{"n":1},{"m":2}]"#
        #expect(throws: (any Error).self) { try decoder.decode(CompactArray<Item>.self, from: Data(bad.utf8)) }
        #expect(throws: JSONScanError.self) { try scan(bad) }
    }

    private func scan(_ json: String) throws(JSONScanError) -> CompactArray<Item> {
        // Through `Result`: a typed-throws closure given to `withUnsafeBytes` crashes the 6.3
        // compiler here.
        try Array(json.utf8).withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            do throws(JSONScanError) {
                return Result<CompactArray<Item>, JSONScanError>.success(try CompactArray<Item>(scanning: &scanner))
            } catch {
                return Result<CompactArray<Item>, JSONScanError>.failure(error)
            }
        }.get()
    }

    /// The items of the array `json` holds, read with `memory` as a stream's frames are.
    private func items(_ json: String, memory: inout RecentStrings) -> [Item]? {
        withUnsafeMutablePointer(to: &memory) { memory in
            Array(json.utf8).withUnsafeBytes { bytes in
                var scanner = JSONScanner(bytes, recentStrings: memory)
                return try? scanner.array { scanner throws(JSONScanError) in try Item(scanning: &scanner) }
            }
        }
    }

    @Test func theNextFrameReadsAnArrayIntoTheStorageOfTheLastOnesOnceItIsGone() throws {
        var memory = RecentStrings()
        let first = try #require(items(#"[{"n":1},{"n":2}]"#, memory: &memory))
        let storage = first.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        #expect(first == [Item(n: 1), Item(n: 2)])
        // The first array still held: the second is new, and the first is unchanged.
        let second = try #require(items(#"[{"n":3}]"#, memory: &memory))
        #expect(second.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } != storage)
        #expect(first == [Item(n: 1), Item(n: 2)] && second == [Item(n: 3)])
        // Once a frame's array is gone, the next one is read into its storage.
        var storageOfSecond: UnsafeRawPointer?
        do {
            let third = try #require(items(#"[{"n":4},{"n":5}]"#, memory: &memory))
            storageOfSecond = third.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        do {
            let fourth = try #require(items(#"[{"n":6}]"#, memory: &memory))
            #expect(fourth == [Item(n: 6)])
            #expect(fourth.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } == storageOfSecond)
        }
        // Not an array: nothing kept changes.
        #expect(items(#"{"n":1}"#, memory: &memory) == nil)
        // Frames that read arrays of two element types reuse the storage of each.
        func counts(_ json: String) -> [Int]? {
            withUnsafeMutablePointer(to: &memory) { memory in
                Array(json.utf8).withUnsafeBytes { bytes in
                    var scanner = JSONScanner(bytes, recentStrings: memory)
                    return try? scanner.array { scanner throws(JSONScanError) in try scanner.integer() }
                }
            }
        }
        var storageOfCounts: UnsafeRawPointer?
        do {
            let read = try #require(counts("[1,2,3]"))
            storageOfCounts = read.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        let more = try #require(items(#"[{"n":7}]"#, memory: &memory))
        #expect(more.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } == storageOfSecond)
        // An array with an element of another type reads as absent, and hands its storage on.
        #expect(counts(#"[1,"x"]"#) == nil)
        let again = try #require(counts("[4]"))
        #expect(again == [4])
        #expect(again.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } == storageOfCounts)
    }

    /// The address of a string's UTF-8 storage: the same address means the same allocation.
    private func storage(of string: String) -> UnsafeRawPointer? {
        string.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    /// Reads `text` from a buffer where `following` comes after it: a short string is compared
    /// by loading 16 bytes, which it does only where the buffer holds them.
    private func read(_ text: String, with memory: inout RecentStrings, following: [UInt8] = []) -> String {
        (Array(text.utf8) + following).withUnsafeBytes { buffer in
            memory.string(UnsafeRawBufferPointer(rebasing: buffer[..<text.utf8.count]), in: buffer)
        }
    }

    @Test func aRepeatedLongStringIsReadWithoutAllocatingItAgain() {
        var memory = RecentStrings()
        let id = "chatcmpl-9b1f0c2e4d5a6b7c8d9e0f"
        let first = read(id, with: &memory)
        // Long strings of new lengths and contents pass by, as text deltas do, many more than
        // the memory holds; the id, read between each, stays.
        for index in 0..<50 {
            _ = read(String(repeating: "delta ", count: 3 + index), with: &memory)
            let again = read(id, with: &memory)
            #expect(again == id)
            #expect(storage(of: again) == storage(of: first))
        }
    }

    @Test func theMemoryGivesEveryStringsOwnText() {
        var memory = RecentStrings()
        var random = SystemRandomNumberGenerator()
        let pool = (0..<20).map { index in
            String(repeating: "é", count: index) + "-" + String(index) + String(repeating: "x", count: 16)
        }
        // Short strings of every length up to 15 bytes, some sharing their start, some not ASCII.
        let short = (0...15).map { String(repeating: "a", count: $0) } + ["ab", "ba", "é", "éa", "aé", "short"]
        for _ in 0..<4000 {
            let text =
                Bool.random(using: &random)
                ? pool.randomElement(using: &random)! : short.randomElement(using: &random)!
            // Whatever follows it, or nothing.
            let following = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            #expect(read(text, with: &memory, following: following) == text)
        }
    }
}

/// `JSONValue.member(named:)`, the lookup compiled paths make per frame.
@Suite("Member lookup by name")
struct MemberLookupTests {
    @Test func membersAreFoundByTheirExactName() {
        let object = JSONValue.object([
            .init("text", .string("a")), .init("thought", .null), .init("promptTokenCount", .integer(3)),
            .init("naïve", .bool(true)), .init("text", .string("second")),
        ])
        #expect(object.member(named: "text") == .string("a"))
        #expect(object.member(named: "thought") == nil)
        #expect(object.member(named: "promptTokenCount") == .integer(3))
        #expect(object.member(named: "naïve") == .bool(true))
        #expect(object.member(named: "tex") == nil)
        #expect(object.member(named: "") == nil)
        #expect(JSONValue.array([object]).member(named: "text") == nil)
        // By code points, as JSON names compare: the Kelvin sign is not `K`, though `String`
        // finds them canonically equivalent.
        let kelvin = JSONValue.object([.init("\u{212A}ey", .integer(1))])
        #expect(kelvin.member(named: "Key") == nil)
        #expect(kelvin.member(named: "\u{212A}ey") == .integer(1))
    }
}
