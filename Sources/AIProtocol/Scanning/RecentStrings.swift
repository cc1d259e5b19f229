/// The last few strings a scanner read, so that a value every frame of a stream repeats (a
/// response id, a model name) is read without making it again: the frames of a stream share
/// one storage for a long one, and a short one is recognised by two word comparisons instead of
/// being validated and copied into a new `String`.
///
/// A string of up to 15 UTF-8 bytes is stored inside the `String` value itself and never
/// allocates; longer ones are kept apart from those. In each kind, a new string replaces one
/// that has not been read again since the last replacement passed it (the "second chance"
/// policy), so that a text delta of a new length each frame does not push out the id every
/// frame repeats. The storage is allocated once per stream, at the first string of each kind.
///
/// It also keeps the storage of the last array of each element type a frame read (Gemini's
/// content parts), for the next frame to read its array into once the last frame is gone, so
/// that such a frame allocates nothing either (see `JSONScanner.array(_:)`).
public struct RecentStrings {
    /// The kept long strings; empty until the first long string, then `capacity` of them.
    @usableFromInline var slots: [String] = []
    /// Byte `i` is the low byte of slot `i`'s length in UTF-8, so that one word comparison
    /// finds the few slots worth comparing (usually none or the one that matches).
    @usableFromInline var lengthTags: UInt64 = 0
    @usableFromInline var replacement = SecondChance()
    /// The kept short strings, each with its bytes as two words; empty until the first.
    @usableFromInline var shortSlots: [ShortString] = []
    @usableFromInline var shortReplacement = SecondChance()
    /// The arrays the last frames read (see `JSONScanner.array(_:)`), whose storage the next
    /// frame reads into once the last one is gone: a `SpareArray` for each element type, up to
    /// `spareArrayCapacity` of them (a frame type rarely reads more than one kind of array).
    @usableFromInline var spareArrays: [AnyObject] = []
    /// The slot the next element type without one takes, once all are taken.
    @usableFromInline var nextSpareSlot = 0

    /// How many element types `spareArrays` keeps an array for.
    @usableFromInline static let spareArrayCapacity = 4

    /// How many strings of each kind are kept: a frame's repeated values (id, model, role, the
    /// keys of an object read whole) are rarely more. One byte of `lengthTags` each.
    @usableFromInline static let capacity = 8

    /// The longest string that `String` stores without allocating, on 64-bit platforms.
    @inlinable static var longestSmallString: Int { 15 }

    /// An empty memory.
    public init() {}

    /// The text of `content`, well-formed UTF-8 without escapes and part of `buffer`: a kept
    /// string when one has these bytes, otherwise a new one, kept.
    @inlinable
    mutating func string(_ content: UnsafeRawBufferPointer, in buffer: UnsafeRawBufferPointer) -> String {
        guard content.count > Self.longestSmallString else {
            // Two words from the string's start must lie inside the buffer to be loaded.
            guard content.baseAddress! + 16 <= buffer.baseAddress! + buffer.count else {
                return String(decoding: content, as: UTF8.self)
            }
            return shortString(ShortString.Bytes(content), content)
        }
        // Empty slots have tag 0, which a long string's length may also have: there are none
        // to compare before the first is kept.
        var candidates =
            slots.isEmpty ? 0 : Self.bytes(of: lengthTags, equalTo: UInt8(truncatingIfNeeded: content.count))
        while candidates != 0 {
            let slot = candidates.trailingZeroBitCount >> 3
            if Self.string(slots[slot], has: content) {
                replacement.noteRead(slot)
                return slots[slot]
            }
            candidates &= candidates &- 1
        }
        let string = String(decoding: content, as: UTF8.self)
        keep(string)
        return string
    }

    @usableFromInline
    mutating func shortString(_ bytes: ShortString.Bytes, _ content: UnsafeRawBufferPointer) -> String {
        for slot in shortSlots.indices where shortSlots[slot].bytes == bytes {
            shortReplacement.noteRead(slot)
            return shortSlots[slot].string
        }
        let string = String(decoding: content, as: UTF8.self)
        if shortSlots.isEmpty {
            shortSlots = Array(repeating: ShortString(bytes: ShortString.Bytes(), string: ""), count: Self.capacity)
        }
        shortSlots[shortReplacement.nextSlot()] = ShortString(bytes: bytes, string: string)
        return string
    }

    @usableFromInline
    mutating func keep(_ string: String) {
        if slots.isEmpty {
            slots = Array(repeating: "", count: Self.capacity)
        }
        let slot = replacement.nextSlot()
        slots[slot] = string
        let shift = UInt64(slot * 8)
        lengthTags = lengthTags & ~(0xFF << shift) | UInt64(UInt8(truncatingIfNeeded: string.utf8.count)) << shift
    }

    /// The high bit of each byte of `word` that may equal `byte`: every byte that does, and
    /// possibly bytes after one that does (a borrow carries into them), which the caller checks.
    @inlinable @inline(__always)
    static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & (ones << 7)
    }

    /// Whether `string` has exactly the bytes of `content`.
    @inlinable @inline(__always)
    static func string(_ string: String, has content: UnsafeRawBufferPointer) -> Bool {
        guard string.utf8.count == content.count else { return false }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            memoryEquals(content.baseAddress!, stored.baseAddress!, content.count)
        } ?? false
    }
}

/// Which of `RecentStrings.capacity` slots a new string replaces: the next one, from where the
/// last replacement stopped, that was not read again since then.
@usableFromInline
struct SecondChance {
    /// Bit `i` is set when slot `i` was read again since the hand last passed it.
    @usableFromInline var readAgain: UInt8 = 0
    /// The slot the next new string may replace.
    @usableFromInline var hand = 0

    @inlinable
    init() {}

    @inlinable
    mutating func noteRead(_ slot: Int) {
        readAgain |= 1 << slot
    }

    @usableFromInline
    mutating func nextSlot() -> Int {
        while readAgain & (1 << hand) != 0 {
            readAgain &= ~(1 << hand)
            hand = (hand + 1) % RecentStrings.capacity
        }
        defer { hand = (hand + 1) % RecentStrings.capacity }
        return hand
    }
}

/// A kept short string and its bytes.
@usableFromInline
struct ShortString {
    /// Up to 15 bytes of UTF-8 as two little-endian words, the bytes after them zero and the
    /// count in the last byte: equal exactly when the strings are.
    @usableFromInline
    struct Bytes: Equatable {
        @usableFromInline var low: UInt64 = 0
        @usableFromInline var high: UInt64 = 0

        @inlinable
        init() {}

        /// The bytes of `content`, at most 15, of which 16 from its start can be loaded.
        @inlinable @inline(__always)
        init(_ content: UnsafeRawBufferPointer) {
            let count = content.count
            let base = content.baseAddress!
            let low = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
            let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if count < 8 {
                self.low = count == 0 ? 0 : low & (~0 >> UInt64(64 - 8 * count))
                self.high = UInt64(count) << 56
            } else {
                self.low = low
                self.high = (count == 8 ? 0 : high & (~0 >> UInt64(128 - 8 * count))) | UInt64(count) << 56
            }
        }

        @inlinable
        static func == (left: Self, right: Self) -> Bool {
            left.low == right.low && left.high == right.high
        }
    }

    @usableFromInline var bytes: Bytes
    @usableFromInline var string: String

    @inlinable
    init(bytes: Bytes, string: String) {
        self.bytes = bytes
        self.string = string
    }
}

/// The array of `Element`s the last frame read, kept for the next frame to read into (see
/// `JSONScanner.array(_:)`). A class, so that finding it takes one class cast; one per stream.
@usableFromInline
final class SpareArray<Element> {
    @usableFromInline var items: [Element]

    @usableFromInline
    init(_ items: [Element]) {
        self.items = items
    }
}

extension RecentStrings {
    /// The kept array of `Element`s, if there is one.
    @inlinable
    func spareArray<Element>(of type: Element.Type) -> SpareArray<Element>? {
        for spare in spareArrays {
            if let spare = spare as? SpareArray<Element> { return spare }
        }
        return nil
    }

    /// Keeps `items`, just read, for the next frame to read its array of `Element`s into.
    @inlinable
    mutating func keepSpare<Element>(_ items: [Element]) {
        if let spare = spareArray(of: Element.self) {
            spare.items = items
        } else if spareArrays.count < Self.spareArrayCapacity {
            spareArrays.append(SpareArray(items))
        } else {
            spareArrays[nextSpareSlot] = SpareArray(items)
            nextSpareSlot = (nextSpareSlot + 1) % Self.spareArrayCapacity
        }
    }
}
