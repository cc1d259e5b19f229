#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last few long strings a scanner read, so that a value every frame of a stream repeats
/// (a response id, a model name) is read without allocating it again: the frames of a stream
/// share one storage for it.
///
/// A string of up to 15 UTF-8 bytes is stored inside the `String` value itself and never
/// allocates, so only longer ones are kept. A new string replaces one that has not been read
/// again since the last replacement passed it (the "second chance" policy), so that a text
/// delta of a new length each frame does not push out the id every frame repeats. The storage
/// is allocated once per stream, at the first long string.
public struct RecentStrings {
    /// The kept strings; empty until the first long string, then `capacity` of them.
    @usableFromInline var slots: [String] = []
    /// Bit `i` is set when slot `i` was read again since the hand last passed it.
    @usableFromInline var readAgain: UInt8 = 0
    /// The slot the next new string may replace.
    @usableFromInline var hand = 0

    /// How many strings are kept: a frame's repeated values (id, model, the keys of an object
    /// read whole) are rarely more.
    @usableFromInline static let capacity = 8

    /// The longest string that `String` stores without allocating, on 64-bit platforms.
    @inlinable static var longestSmallString: Int { 15 }

    /// An empty memory.
    public init() {}

    /// The text of `content`, well-formed UTF-8 without escapes: a kept string when one has
    /// these bytes, otherwise a new one, kept when it is long.
    @inlinable
    mutating func string(_ content: UnsafeRawBufferPointer) -> String {
        guard content.count > Self.longestSmallString else { return String(decoding: content, as: UTF8.self) }
        for slot in slots.indices where Self.string(slots[slot], has: content) {
            readAgain |= 1 << slot
            return slots[slot]
        }
        let string = String(decoding: content, as: UTF8.self)
        keep(string)
        return string
    }

    @usableFromInline
    mutating func keep(_ string: String) {
        if slots.isEmpty {
            slots = Array(repeating: "", count: Self.capacity)
        }
        while readAgain & (1 << hand) != 0 {
            readAgain &= ~(1 << hand)
            hand = (hand + 1) % Self.capacity
        }
        slots[hand] = string
        hand = (hand + 1) % Self.capacity
    }

    /// Whether `string` has exactly the bytes of `content`.
    @inlinable @inline(__always)
    static func string(_ string: String, has content: UnsafeRawBufferPointer) -> Bool {
        guard string.utf8.count == content.count else { return false }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            memcmp(stored.baseAddress!, content.baseAddress!, content.count) == 0
        } ?? false
    }
}
