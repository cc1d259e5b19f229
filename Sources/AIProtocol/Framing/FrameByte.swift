/// The ASCII bytes the framers look for; every one is below 0x80, so none can occur inside a
/// multi-byte UTF-8 scalar and the framers may scan decoded bytes without decoding characters.
enum FrameByte {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let backslash: UInt8 = 0x5C
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    /// JSON's insignificant whitespace, which is also what the line framers treat as blank.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lineFeed || byte == carriageReturn || byte == tab
    }
}

/// Buffers that outlive one frame keep their storage only while it is small: reusing it spares an
/// allocation per event, and dropping a large one keeps one oversized frame from pinning its
/// memory for the rest of a long stream.
let retainedBufferCapacity = 64 * 1024

extension Array where Element == UInt8 {
    mutating func clearRetainingSmallCapacity() {
        // Most calls find it empty already (an event handed on as a view of its chunk).
        guard !isEmpty || capacity > retainedBufferCapacity else { return }
        removeAll(keepingCapacity: capacity <= retainedBufferCapacity)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` in `start..<end`, or `end`: the C library's `memchr`,
    /// which compares many bytes per instruction.
    func firstOffset(of byte: UInt8, from start: Int, to end: Int) -> Int {
        guard start < end, let base = baseAddress else { return end }
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
            guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
            return UnsafeRawPointer(found) - base
        #else
            return self[start..<end].firstIndex(of: byte) ?? end
        #endif
    }
}
