/// A tag of the loose markup that models write tool calls in: `<tool_call>`, `</invoke>`,
/// `<parameter name="command" string="true">`. Not XML: attributes may be quoted either way,
/// and DeepSeek's `<｜｜DSML｜｜invoke>` names count by their last part (`invoke`).
struct MarkupTag {
    var name: String
    var attributes: [String: String]
    var isClosing: Bool
    /// `<br/>`.
    var isSelfClosing: Bool
    /// From `<` to `>`, both included.
    var range: Range<String.Index>

    /// The first tag at or after `start`; text that only looks like the start of a tag (`a < b`)
    /// is passed over.
    static func first(in text: String, from start: String.Index) -> MarkupTag? {
        var search = start
        while let open = text[search...].firstIndex(of: "<") {
            if let tag = parse(text, at: open) { return tag }
            search = text.index(after: open)
        }
        return nil
    }

    /// The first closing tag named `name` at or after `start`.
    static func closing(_ name: String, in text: String, from start: String.Index) -> MarkupTag? {
        var search = start
        while let tag = first(in: text, from: search) {
            if tag.isClosing, tag.name == name { return tag }
            search = tag.range.upperBound
        }
        return nil
    }

    private static func parse(_ text: String, at open: String.Index) -> MarkupTag? {
        var index = text.index(after: open)
        let isClosing = index < text.endIndex && text[index] == "/"
        if isClosing { index = text.index(after: index) }
        let nameStart = index
        while index < text.endIndex, !text[index].isWhitespace, !"/>=\"'<".contains(text[index]) {
            index = text.index(after: index)
        }
        guard nameStart < index else { return nil }
        let name = normalized(text[nameStart..<index])
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return nil }
        var attributes: [String: String] = [:]
        while true {
            while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
            guard index < text.endIndex else { return nil }
            if text[index] == ">" {
                return MarkupTag(
                    name: name, attributes: attributes, isClosing: isClosing, isSelfClosing: false,
                    range: open..<text.index(after: index))
            }
            if text[index] == "/", text.index(after: index) < text.endIndex, text[text.index(after: index)] == ">" {
                return MarkupTag(
                    name: name, attributes: attributes, isClosing: isClosing, isSelfClosing: true,
                    range: open..<text.index(index, offsetBy: 2))
            }
            guard !isClosing, let (key, value, end) = attribute(text, at: index) else { return nil }
            attributes[key] = value
            index = end
        }
    }

    /// `key="value"`, `key='value'` or `key=value`.
    private static func attribute(_ text: String, at start: String.Index) -> (String, String, String.Index)? {
        var index = start
        while index < text.endIndex, !text[index].isWhitespace, !"=/>".contains(text[index]) {
            index = text.index(after: index)
        }
        guard start < index, index < text.endIndex, text[index] == "=" else { return nil }
        let key = String(text[start..<index])
        index = text.index(after: index)
        guard index < text.endIndex else { return nil }
        let quote = text[index]
        if quote == "\"" || quote == "'" {
            let valueStart = text.index(after: index)
            guard let close = text[valueStart...].firstIndex(of: quote) else { return nil }
            return (key, String(text[valueStart..<close]), text.index(after: close))
        }
        let valueStart = index
        while index < text.endIndex, !text[index].isWhitespace, text[index] != ">" { index = text.index(after: index) }
        return (key, String(text[valueStart..<index]), index)
    }

    /// DeepSeek writes its tags with a `｜｜DSML｜｜` prefix; the name is what follows it.
    private static func normalized(_ name: Substring) -> String {
        guard let bar = name.lastIndex(of: "｜"), name.contains("DSML") else { return String(name) }
        return String(name[name.index(after: bar)...])
    }
}
