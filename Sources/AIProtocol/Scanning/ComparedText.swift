/// A string member that a manifest's rules only compare with fixed ASCII texts, such as the
/// `type` that picks an Anthropic frame's rule: read as which of those texts it is, without
/// making a `String`.
///
/// `protocolc` generates one enum per such member, with a case per text and `other` for any
/// other text. Both the compiled scanner and `Decodable` read it; a value that is not a string
/// (or one that cannot be read) is absent, as for a `String` member.
public protocol ComparedText: Decodable, Hashable, Sendable {
    /// The case for a text, given as its well-formed UTF-8 (escapes resolved).
    init(utf8 text: UnsafeRawBufferPointer)
}

extension ComparedText {
    /// Decodes a string and reads which text it is.
    public init(from decoder: any Decoder) throws {
        var text = try decoder.singleValueContainer().decode(String.self)
        self = text.withUTF8 { Self(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Whether `text` has exactly the bytes of `literal`, for the generated `init(utf8:)`.
    @inlinable @inline(__always)
    public static func text(_ text: UnsafeRawBufferPointer, is literal: StaticString) -> Bool {
        text.count == literal.utf8CodeUnitCount
            && (text.isEmpty || memoryEquals(text.baseAddress!, literal.utf8Start, text.count))
    }
}

extension JSONScanner {
    /// The next value as one of the texts `Text` names; `nil`, the value skipped, when it is not
    /// a readable string. No `String` is made unless the string has escapes.
    ///
    /// Bytes scanned unchecked (`init(unchecked:)`) that are ill-formed read as `other`, as
    /// their repair would: no ASCII text has U+FFFD in it.
    @inlinable
    public mutating func text<Text: ComparedText>(_ type: Text.Type) throws(JSONScanError) -> Text? {
        guard peek() == JSONByte.quote else {
            try skipValue()
            return nil
        }
        let (content, isPlain) = try scanStringExtent()
        if isPlain { return Text(utf8: content) }
        guard var text = JSONString.unescaped(content) else { return nil }
        return text.withUTF8 { Text(utf8: UnsafeRawBufferPointer($0)) }
    }
}
