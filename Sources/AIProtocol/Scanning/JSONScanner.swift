#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One forward pass over a JSON document, for the frame scanners `protocolc` generates: they
/// follow only the members their rules read and skip every other value without building it.
///
/// What it accepts and what it gives match `JSONDecoder` decoding the generated lenient
/// `Decodable` types, so that the two paths agree on every frame (the differential tests hold
/// them to it):
/// - the document's structure is checked in full, read or skipped: brackets, commas (a
///   trailing comma is allowed), literals, where a number starts, nesting up to 512 levels, and
///   nothing but whitespace after the root value;
/// - a value is checked further only when it is read: a skipped string may hold anything up to
///   its closing quote, a skipped number any run of digits, signs, points and exponent marks;
/// - a value of the wrong type, an unreadable string (an invalid escape, a lone surrogate, a
///   control character) or a number that does not fit reads as absent;
/// - of a key given twice, the first occurrence counts.
///
/// A scanner reads memory it does not own: use it only while the bytes are valid, within the
/// call that received them.
///
/// Bytes that may not be well-formed UTF-8 can be scanned as they are (`init(unchecked:)`),
/// sparing a pass over every frame: a scan that succeeds then gives what scanning the
/// WHATWG repair of the bytes would give, and one that fails must be repeated on the repair.
public struct JSONScanner {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` may be ill-formed UTF-8 (see `init(unchecked:)`).
    @usableFromInline let mayBeIllFormed: Bool
    /// The offset of the next byte to read.
    @usableFromInline var position = 0
    /// How many objects and arrays are open.
    @usableFromInline var depth = 0
    /// Whether an object or array was just opened, so that its first item needs no comma.
    /// Nesting is last-in first-out, so one flag serves every level.
    @usableFromInline var atContainerStart = false
    /// The strings read before, by this scanner or by earlier ones given the same memory: a
    /// stream reader gives every frame's scanner its own, so that a string every frame repeats
    /// is not made again; `nil` when there is none. A pointer, so that the scanner holds no
    /// reference and costs nothing to create or to destroy, per frame.
    @usableFromInline let recentStrings: UnsafeMutablePointer<RecentStrings>?

    /// `JSONDecoder`'s limit on nesting.
    @usableFromInline static let maximumDepth = 512

    /// Creates a scanner at the start of `bytes`, which must be well-formed UTF-8 (a response
    /// body or a frame already checked; for bytes as they arrive, see `init(unchecked:)`).
    ///
    /// - Parameters:
    ///   - bytes: The document; it must stay valid while the scanner is used.
    ///   - recentStrings: Strings read before, for this scanner to reuse and add to; it must
    ///     stay valid while the scanner is used.
    public init(_ bytes: UnsafeRawBufferPointer, recentStrings: UnsafeMutablePointer<RecentStrings>? = nil) {
        self.bytes = bytes
        mayBeIllFormed = false
        self.recentStrings = recentStrings
    }

    /// Creates a scanner at the start of `bytes`, which may be ill-formed UTF-8. When the scan
    /// succeeds, it read what scanning their repair (one U+FFFD per maximal ill-formed subpart,
    /// `UTF8Validation.repaired`) would: strings are made by `String(decoding:)`, which repairs
    /// the same way; a repair never moves an ASCII byte relative to its neighbours; and the one
    /// rule that counts bytes, the four after `\u`, fails the scan when they are not ASCII.
    /// When it fails, scan the repaired bytes with `init(_:)` for the answer.
    ///
    /// - Parameters:
    ///   - bytes: The document; it must stay valid while the scanner is used.
    ///   - recentStrings: Strings read before, for this scanner to reuse and add to; it must
    ///     stay valid while the scanner is used.
    public init(unchecked bytes: UnsafeRawBufferPointer, recentStrings: UnsafeMutablePointer<RecentStrings>? = nil) {
        self.bytes = bytes
        mayBeIllFormed = true
        self.recentStrings = recentStrings
    }

    // MARK: Structure

    /// Checks that only whitespace follows the root value.
    public mutating func finish() throws(JSONScanError) {
        guard peek() == nil else { throw error("unexpected text after the JSON value") }
    }

    /// Opens the object the next value is and returns `true`; when the value is not an object,
    /// skips it and returns `false`.
    @inlinable
    public mutating func beginObject() throws(JSONScanError) -> Bool {
        guard peek() == JSONByte.openBrace else {
            try skipValue()
            return false
        }
        try open()
        return true
    }

    /// Opens the array the next value is and returns `true`; when the value is not an array,
    /// skips it and returns `false`.
    public mutating func beginArray() throws(JSONScanError) -> Bool {
        guard peek() == JSONByte.openBracket else {
            try skipValue()
            return false
        }
        try open()
        return true
    }

    /// The key of the open object's next member, with the scanner at its value; `nil` when the
    /// object closes. Call it after `beginObject()` and after reading or skipping each value.
    @inlinable @inline(__always)
    public mutating func nextKey() throws(JSONScanError) -> JSONKey? {
        guard try moveToNextItem(closing: JSONByte.closeBrace) else { return nil }
        // `moveToNextItem` leaves the scanner at the item's first byte.
        guard bytes[position] == JSONByte.quote else { throw error("expected a key in quotes") }
        let (content, isPlain) = try scanStringExtent()
        guard peek() == JSONByte.colon else { throw error("expected ':' after a key") }
        position += 1
        return JSONKey(content, hasEscapes: !isPlain)
    }

    /// Whether the open array has another element, with the scanner at it; `false` when the
    /// array closes. Call it after `beginArray()` and after reading or skipping each element.
    @inlinable
    public mutating func nextElement() throws(JSONScanError) -> Bool {
        try moveToNextItem(closing: JSONByte.closeBracket)
    }

    /// Skips the rest of the open object, checking its structure, and closes it: for a frame
    /// that no rule reads, once the member that says so is read.
    public mutating func skipRemainingMembers() throws(JSONScanError) {
        while try nextKey() != nil { try skipValue() }
    }

    /// Skips the next value, checking its structure.
    public mutating func skipValue() throws(JSONScanError) {
        switch peek() {
        case JSONByte.openBrace:
            try open()
            while try nextKey() != nil { try skipValue() }
        case JSONByte.openBracket:
            try open()
            while try nextElement() { try skipValue() }
        case JSONByte.quote:
            _ = try scanStringExtent()
        case JSONByte.letterT, JSONByte.letterF, JSONByte.letterN:
            _ = try scanLiteral()
        default:
            _ = try scanNumberToken()
        }
    }

    // MARK: Values

    /// The next value as a string; `nil`, the value skipped, when it is not a readable string.
    @inlinable
    public mutating func string() throws(JSONScanError) -> String? {
        guard peek() == JSONByte.quote else {
            try skipValue()
            return nil
        }
        return try scanString()
    }

    /// The next value as a string that is new in every frame, such as a delta's text: as
    /// `string()` reads it, without looking for it among the recent strings (which it would
    /// only push out).
    @inlinable
    public mutating func freshString() throws(JSONScanError) -> String? {
        guard peek() == JSONByte.quote else {
            try skipValue()
            return nil
        }
        let (content, isPlain) = try scanStringExtent()
        return isPlain ? String(decoding: content, as: UTF8.self) : JSONString.unescaped(content)
    }

    /// The next value as an `Int`; `nil`, the value skipped, when it is not a number that is an
    /// integer and fits (`2`, `2.0` and `2e0` do; `2.5`, `02` and `1e19` do not).
    @inlinable
    public mutating func integer() throws(JSONScanError) -> Int? {
        guard let first = peek(), first == JSONByte.minus || JSONByte.isDigit(first) else {
            try skipValue()
            return nil
        }
        // The usual count or index, a few digits and then a comma or a bracket, is read as it
        // is scanned; a sign, a fraction, an exponent, a leading zero or more than 18 digits
        // (which could overflow) take the general path from the start.
        var end = position
        var value = 0
        while end < bytes.count, end - position < 18 {
            let digit = bytes[end] &- 0x30
            guard digit < 10 else { break }
            value = value &* 10 &+ Int(digit)
            end += 1
        }
        if end > position, end < bytes.count, !JSONByte.isNumberByte(bytes[end]),
            first != 0x30 || end == position + 1
        {
            position = end
            return value
        }
        return JSONNumber.integer(try scanNumberToken())
    }

    /// The next value as a `JSONValue`; `nil` when it is `null` or cannot be one (a string that
    /// cannot be read, a number out of range), the value being consumed either way.
    public mutating func json() throws(JSONScanError) -> JSONValue? {
        guard let value = try jsonElement(), value != .null else { return nil }
        return value
    }

    /// The next value as an element of an array of `JSONValue`s: like `json()`, except that
    /// `null` is `.null`.
    public mutating func jsonElement() throws(JSONScanError) -> JSONValue? {
        switch peek() {
        case JSONByte.openBrace:
            try open()
            var object = JSONObjectBuilder()
            while let key = try nextKey() { try object.add(key, reading: &self) }
            return object.finish()
        case JSONByte.openBracket:
            try open()
            var items: [JSONValue] = []
            var representable = true
            while try nextElement() {
                if let item = try jsonElement() { items.append(item) } else { representable = false }
            }
            return representable ? .array(items) : nil
        case JSONByte.quote:
            return try scanString().map(JSONValue.string)
        case JSONByte.letterT, JSONByte.letterF, JSONByte.letterN:
            let literal = try scanLiteral()
            return literal == JSONByte.letterN ? .null : .bool(literal == JSONByte.letterT)
        default:
            let token = try scanNumberToken()
            if let integer = JSONNumber.integer(token) { return .integer(integer) }
            return JSONNumber.double(token).map(JSONValue.number)
        }
    }

    /// The elements of the array the next value is, each read by `element`. `nil`, the value
    /// skipped, when it is not an array; `nil` also when an element reads as `nil`, as an array
    /// fails to decode when one of its elements does.
    ///
    /// With recent strings, the array is read into the storage of the array of these elements
    /// that the last frame read, once that frame is gone, and kept for the next frame: a
    /// stream whose every frame reads such an array allocates one per stream, not per frame.
    @inlinable
    public mutating func array<Element>(
        _ element: (inout JSONScanner) throws(JSONScanError) -> Element?
    ) throws(JSONScanError) -> [Element]? {
        guard try beginArray() else { return nil }
        var items: [Element] = spareArray()
        var readable = true
        while try nextElement() {
            if let item = try element(&self) {
                if readable { items.append(item) }
            } else {
                readable = false
            }
        }
        // An array that cannot be read still hands its storage on.
        if !readable { items.removeAll(keepingCapacity: true) }
        recentStrings?.pointee.keepSpare(items)
        return readable ? items : nil
    }

    /// An empty array with the storage of the array of these elements that the last frame
    /// read, when that frame is gone (the usual case: frames are read one after the other), so
    /// that a frame that reads an array of structs each time (Gemini's content parts) allocates
    /// none; a new array otherwise.
    @inlinable
    mutating func spareArray<Element>() -> [Element] {
        guard let spare = recentStrings?.pointee.spareArray(of: Element.self) else { return [] }
        var items = spare.items
        spare.items = []
        // Unique now, unless the last frame is still held: then this copies, as it must.
        items.removeAll(keepingCapacity: true)
        return items
    }

    /// The elements of the array the next value is, as `array(_:)` reads them, the first kept
    /// inline: an array of one element is read without allocating.
    @inlinable
    public mutating func compactArray<Element>(
        _ element: (inout JSONScanner) throws(JSONScanError) -> Element?
    ) throws(JSONScanError) -> CompactArray<Element>? {
        guard try beginArray() else { return nil }
        var items: CompactArray<Element>? = CompactArray()
        while try nextElement() {
            if let item = try element(&self) {
                items?.append(item)
            } else {
                items = nil
            }
        }
        return items
    }

    // MARK: Bytes

    /// The next byte after whitespace, not consumed; `nil` at the end.
    @inlinable @inline(__always)
    mutating func peek() -> UInt8? {
        if position < bytes.count, !JSONByte.isWhitespace(bytes[position]) { return bytes[position] }
        return peekAfterWhitespace()
    }

    @usableFromInline
    mutating func peekAfterWhitespace() -> UInt8? {
        while position < bytes.count {
            let byte = bytes[position]
            guard JSONByte.isWhitespace(byte) else { return byte }
            position += 1
        }
        return nil
    }

    @usableFromInline
    func error(_ reason: String) -> JSONScanError {
        JSONScanError(reason: reason, offset: position)
    }

    /// Consumes `{` or `[`.
    @inlinable @inline(__always)
    mutating func open() throws(JSONScanError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw tooDeep() }
        position += 1
        atContainerStart = true
    }

    @usableFromInline
    func tooDeep() -> JSONScanError {
        error("nested deeper than \(Self.maximumDepth) levels")
    }

    /// Moves past the comma before the innermost open container's next item and returns
    /// `true`, the scanner at the item's first byte; or past its closing bracket and returns
    /// `false`.
    @inlinable @inline(__always)
    mutating func moveToNextItem(closing: UInt8) throws(JSONScanError) -> Bool {
        // Compact JSON, the usual case, decided inline: the closing bracket, or the item (after
        // its comma unless it is the first) starting right there, not with a comma or a bracket.
        let start = atContainerStart ? position : position + 1
        if start < bytes.count {
            let first = bytes[position]
            let item = bytes[start]
            if first == closing {
                atContainerStart = false
                position += 1
                depth -= 1
                return false
            }
            if atContainerStart || first == JSONByte.comma, item > JSONByte.space, item != JSONByte.comma,
                item != closing
            {
                atContainerStart = false
                position = start
                return true
            }
        }
        return try moveToNextItemSlowly(closing: closing)
    }

    /// `moveToNextItem` where whitespace, a trailing comma or an error may be.
    @usableFromInline
    mutating func moveToNextItemSlowly(closing: UInt8) throws(JSONScanError) -> Bool {
        let isFirst = atContainerStart
        atContainerStart = false
        guard let byte = peek() else { throw error("unexpected end of the document") }
        if byte == closing {
            position += 1
            depth -= 1
            return false
        }
        if isFirst {
            guard byte != JSONByte.comma else { throw error("unexpected ','") }
            return true
        }
        guard byte == JSONByte.comma else {
            throw error(closing == JSONByte.closeBrace ? "expected ',' or '}'" : "expected ',' or ']'")
        }
        position += 1
        guard let next = peek() else { throw error("unexpected end of the document") }
        if next == closing {
            // A trailing comma, which `JSONDecoder` allows.
            position += 1
            depth -= 1
            return false
        }
        guard next != JSONByte.comma else { throw error("unexpected ','") }
        return true
    }

    /// Consumes `true`, `false` or `null` and returns its first letter.
    @usableFromInline
    mutating func scanLiteral() throws(JSONScanError) -> UInt8 {
        // Told by its first four bytes as one word.
        guard position + 4 <= bytes.count else { throw error("invalid literal") }
        let first = bytes[position]
        switch bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self) {
        case JSONByte.nullWord, JSONByte.trueWord:
            position += 4
        case JSONByte.falsWord where position + 5 <= bytes.count && bytes[position + 4] == UInt8(ascii: "e"):
            position += 5
        default:
            throw error("invalid literal")
        }
        return first
    }

    /// Consumes a number: a `-` or digit, then any digits, signs, points and exponent marks
    /// (which only a read checks, as `JSONDecoder` checks them).
    @usableFromInline
    mutating func scanNumberToken() throws(JSONScanError) -> UnsafeRawBufferPointer {
        let start = position
        guard let first = peek(), first == JSONByte.minus || JSONByte.isDigit(first) else {
            throw error(position < bytes.count ? "unexpected character" : "unexpected end of the document")
        }
        position += 1
        // Eight digits at a time, as long runs (timestamps, counts) go.
        while position + 8 <= bytes.count,
            JSONByte.areDigits(bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        {
            position += 8
        }
        while position < bytes.count, JSONByte.isNumberByte(bytes[position]) { position += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }

    /// Consumes a string and returns the bytes between its quotes, and whether they are plain
    /// text (no escape, no control character). The end is found as `JSONDecoder` finds it: a
    /// backslash takes the next byte with it, and `\u` four more, which must not be quotes.
    @inlinable @inline(__always)
    mutating func scanStringExtent() throws(JSONScanError) -> (content: UnsafeRawBufferPointer, isPlain: Bool) {
        // A plain string of up to fifteen bytes, most keys and many values, found inline in at
        // most two words: the first special byte is its closing quote.
        let start = position + 1
        if start + 16 <= bytes.count {
            let base = bytes.baseAddress!
            var offset = start
            var special = JSONByte.specialBytes(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            if special == 0 {
                offset += 8
                special = JSONByte.specialBytes(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            guard special != 0 else {
                // Sixteen plain bytes: a long string, read on from there.
                return try scanLongStringExtent(plainUntil: start + 16)
            }
            let end = offset + special.trailingZeroBitCount >> 3
            if base.load(fromByteOffset: end, as: UInt8.self) == JSONByte.quote {
                position = end + 1
                return (UnsafeRawBufferPointer(start: base + start, count: end - start), true)
            }
            return try scanLongStringExtent(plainUntil: end)
        }
        return try scanLongStringExtent(plainUntil: start)
    }

    /// `scanStringExtent` for any string, whose bytes up to `plainUntil` are known to be plain
    /// (neither a quote, a backslash nor a control character).
    @usableFromInline
    mutating func scanLongStringExtent(plainUntil: Int) throws(JSONScanError) -> (
        content: UnsafeRawBufferPointer, isPlain: Bool
    ) {
        let base = bytes.baseAddress!
        let count = bytes.count
        let start = position + 1
        var index = plainUntil
        var isPlain = true
        while true {
            // Eight bytes at a time, straight to the first quote, backslash or control character.
            if index + 8 <= count {
                let special = JSONByte.specialBytes(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                guard special != 0 else {
                    index += 8
                    continue
                }
                index += special.trailingZeroBitCount >> 3
            } else if index >= count {
                break
            }
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte == JSONByte.quote {
                position = index + 1
                return (UnsafeRawBufferPointer(start: base + start, count: index - start), isPlain)
            }
            if byte == JSONByte.backslash {
                isPlain = false
                guard index + 1 < count else { break }
                index += 2
                if base.load(fromByteOffset: index - 1, as: UInt8.self) == JSONByte.letterU {
                    // Four more bytes, none of them a quote; only a read checks they are hex.
                    guard index + 4 <= count else { break }
                    for offset in 0..<4 {
                        let next = base.load(fromByteOffset: index + offset, as: UInt8.self)
                        if next == JSONByte.quote {
                            position = index + offset
                            throw error("a \\u escape cut short by a quote")
                        }
                        if next >= 0x80, mayBeIllFormed {
                            // Repairing ill-formed bytes here would change how many there are.
                            position = index + offset
                            throw error("a \\u escape followed by bytes not yet checked as UTF-8")
                        }
                    }
                    index += 4
                }
            } else {
                if byte < 0x20 { isPlain = false }
                index += 1
            }
        }
        position = count
        throw error("unterminated string")
    }

    /// Consumes a string; its text, or `nil` when it cannot be read.
    @inlinable
    mutating func scanString() throws(JSONScanError) -> String? {
        let (content, isPlain) = try scanStringExtent()
        return isPlain ? plainString(content) : JSONString.unescaped(content)
    }

    /// The text of `content`, part of `bytes`, without escapes: a recent string when there is
    /// one with these bytes.
    @inlinable
    mutating func plainString(_ content: UnsafeRawBufferPointer) -> String {
        guard let recentStrings else { return String(decoding: content, as: UTF8.self) }
        return recentStrings.pointee.string(content, in: bytes)
    }

}

/// A member's key as the scanner found it, to compare with the names a frame reads. It views
/// the scanned bytes: use it before reading further.
public struct JSONKey {
    /// The bytes between the key's quotes.
    @usableFromInline let raw: UnsafeRawBufferPointer
    /// Whether `raw` has escapes (or control characters), so that its text must be decoded;
    /// rare, so that path may be slow.
    @usableFromInline let hasEscapes: Bool

    @usableFromInline
    init(_ raw: UnsafeRawBufferPointer, hasEscapes: Bool) {
        self.raw = raw
        self.hasEscapes = hasEscapes
    }

    /// The key's text; `nil` when it cannot be read (an invalid escape or a lone surrogate),
    /// which makes the whole object unreadable as a struct, as it does for `JSONDecoder`.
    public var string: String? {
        hasEscapes ? JSONString.unescaped(raw) : String(decoding: raw, as: UTF8.self)
    }

    /// Whether the key can be read at all.
    public var isReadable: Bool { !hasEscapes || JSONString.unescaped(raw) != nil }

    @usableFromInline
    func matchesEscaped(_ name: StaticString) -> Bool {
        guard let text = string else { return false }
        return text.utf8.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    /// Whether the key is `name`.
    @inlinable @inline(__always)
    public static func == (key: JSONKey, name: StaticString) -> Bool {
        guard !key.hasEscapes else { return key.matchesEscaped(name) }
        return key.raw.count == name.utf8CodeUnitCount
            && (key.raw.isEmpty || memoryEquals(key.raw.baseAddress!, name.utf8Start, key.raw.count))
    }
}

/// Why a frame is not a JSON document.
public struct JSONScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public var reason: String
    /// The byte offset where it was found.
    public var offset: Int

    /// Creates an error.
    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) at byte \(offset)" }
}

/// Whether `count` bytes at `left` and `right` are equal: inline word comparisons, because
/// the names compared (keys, literals) are short and a call to `memcmp` costs more than they do.
@inlinable @inline(__always)
func memoryEquals(_ left: UnsafeRawPointer, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let right = UnsafeRawPointer(right)
    if count >= 8 {
        // Whole words, the last one overlapping the one before when `count` is not a multiple.
        var offset = 0
        while offset < count - 8 {
            guard word(left, offset) == word(right, offset) else { return false }
            offset += 8
        }
        return word(left, count - 8) == word(right, count - 8)
    }
    if count >= 4 {
        return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
            && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    for offset in 0..<count
    where left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) {
        return false
    }
    return true
}

@inlinable @inline(__always)
func word(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
}

/// The bytes JSON's syntax is made of.
@usableFromInline
enum JSONByte {
    @inlinable static var space: UInt8 { 0x20 }
    @inlinable static var quote: UInt8 { 0x22 }
    @inlinable static var comma: UInt8 { 0x2C }
    @inlinable static var minus: UInt8 { 0x2D }
    @inlinable static var colon: UInt8 { 0x3A }
    @inlinable static var openBracket: UInt8 { 0x5B }
    @inlinable static var backslash: UInt8 { 0x5C }
    @inlinable static var closeBracket: UInt8 { 0x5D }
    @inlinable static var letterF: UInt8 { 0x66 }
    @inlinable static var letterN: UInt8 { 0x6E }
    @inlinable static var letterT: UInt8 { 0x74 }
    @inlinable static var letterU: UInt8 { 0x75 }
    @inlinable static var openBrace: UInt8 { 0x7B }
    @inlinable static var closeBrace: UInt8 { 0x7D }

    @inlinable
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inlinable
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// The high bit of each of eight bytes (little-endian) that is a quote, a backslash or a
    /// control character. Bits above the first may be set wrongly (a borrow carries into the
    /// next byte), never the first, so its position is exact.
    @inlinable @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(quote))
        let backslashes = word ^ (ones &* UInt64(backslash))
        let belowSpace = (word &- ones &* 0x20) & ~word
        let isQuote = (quotes &- ones) & ~quotes
        let isBackslash = (backslashes &- ones) & ~backslashes
        return (belowSpace | isQuote | isBackslash) & highs
    }

    /// Whether all eight bytes of `word` are digits: each is 0x3X, and stays so when 6 is
    /// added (which no byte then carries out of).
    @inlinable @inline(__always)
    static func areDigits(_ word: UInt64) -> Bool {
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let threes: UInt64 = 0x3030_3030_3030_3030
        return word & highNibbles == threes && (word &+ 0x0606_0606_0606_0606) & highNibbles == threes
    }

    /// `null`, `true` and the first four bytes of `false`, each as a word in memory order.
    @inlinable static var nullWord: UInt32 { UInt32(littleEndian: 0x6C6C_756E) }
    @inlinable static var trueWord: UInt32 { UInt32(littleEndian: 0x6575_7274) }
    @inlinable static var falsWord: UInt32 { UInt32(littleEndian: 0x736C_6166) }

    /// Digits, `+`, `-`, `.`, `e` and `E`.
    @inlinable
    static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == 0x2B || byte == minus || byte == 0x2E || byte == 0x65 || byte == 0x45
    }
}
