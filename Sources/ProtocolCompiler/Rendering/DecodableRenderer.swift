import Foundation

/// Renders a `FieldTree` as lenient `Decodable` structs: every property optional, a member of
/// the wrong type decodes as `nil`, unknown members are ignored, and a struct decodes from any
/// JSON value (a non-object gives all properties `nil`), so a frame never fails to decode
/// because of a field the manifest does not need. Typed leaves are `String`, `Int`, or an enum of
/// the texts a string is compared with (`ComparedText`); other values read whole are
/// `JSONValue`s.
///
/// Each struct also gets a compiled scanner, `init(scanning:)`: one pass over the JSON that
/// reads the members the manifest needs and skips the rest unbuilt, with the same result as
/// the `Decodable` path (which stays, as the reference and for callers that ask for it).
enum DecodableRenderer {
    /// A root type: a struct, or, when the manifest reads the whole document (`$`), `JSONValue`.
    static func renderRoot(_ node: FieldTree.Node, typeName: String, into writer: inout SwiftWriter) {
        switch node {
        case .object: render(node, typeName: typeName, into: &writer)
        case .leaf: writer.line("public typealias \(typeName) = \(RuntimeNames.jsonValue)")
        case .array: writer.line("public typealias \(typeName) = \(swiftType(node, name: typeName + "Element"))")
        }
        if case .array(let element) = node { renderNested(element, name: typeName + "ElementItem", into: &writer) }
    }

    static func render(_ node: FieldTree.Node, typeName: String, into writer: inout SwiftWriter) {
        guard case .object(let members) = node else { return }
        let keys = members.keys.sorted()
        let properties = TypeNaming.propertyNames(keys)
        let types = TypeNaming.typeNames(members, reserved: [typeName])
        writer.block("nonisolated public struct \(typeName): Decodable, \(RuntimeNames.jsonScannable), Sendable") {
            writer in
            for key in keys {
                writer.line("public var \(properties[key]!): \(swiftType(members[key]!, name: types[key]!))?")
            }
            writer.line()
            if keys.isEmpty {
                writer.line("public init(from decoder: any Decoder) throws {}")
                writer.line()
                writer.block(scanningInitializer) { writer in writer.line("try scanner.skipValue()") }
            } else {
                writer.block("enum CodingKeys: String, CodingKey") { writer in
                    for key in keys {
                        writer.line("case \(properties[key]!) = \(SwiftSource.literal(key))")
                    }
                }
                writer.line()
                writer.block("public init(from decoder: any Decoder) throws") { writer in
                    writer.line("let container = try? decoder.container(keyedBy: CodingKeys.self)")
                    for key in keys {
                        let property = properties[key]!
                        let type = swiftType(members[key]!, name: types[key]!)
                        writer.line(
                            "self.\(property) = \(RuntimeNames.Calls.lenientValue("container", type, "." + property))")
                    }
                }
                writer.line()
                renderScanner(keys: keys, members: members, properties: properties, types: types, into: &writer)
            }
            for key in keys {
                renderNested(members[key]!, name: types[key]!, into: &writer)
            }
        }
    }

    private static let scanningInitializer =
        "public init(scanning scanner: inout \(RuntimeNames.jsonScanner)) throws(\(RuntimeNames.jsonScanError))"

    /// `init(scanning:)`: each member the manifest reads, by its key, read as its type; other
    /// members skipped. As with `JSONDecoder`, the first of a key given twice counts, and a key
    /// that cannot be read makes the whole object unreadable (all properties `nil`).
    ///
    /// The members are read into `self` by a mutating method: an initialiser that assigned them
    /// itself would copy the whole value out when it returns (retaining every member) and then
    /// destroy the original, per frame.
    private static func renderScanner(
        keys: [String], members: [String: FieldTree.Node], properties: [String: String], types: [String: String],
        into writer: inout SwiftWriter
    ) {
        let usesBits = keys.count <= 64
        writer.block(scanningInitializer) { writer in
            writer.line("self.init()")
            writer.line("try \(TypeNaming.scanMembersMethod)(&scanner)")
        }
        writer.line()
        writer.documentation("A value with every member absent.")
        writer.line("init() {}")
        writer.line()
        writer.documentation("Reads the members into `self`, in place.")
        // Never inlined into the scanner of the struct around it: the two would make a function
        // too large for the optimiser to inline the scanner's steps (`nextKey`) into it.
        writer.line("@inline(never)")
        writer.block(
            "private mutating func \(TypeNaming.scanMembersMethod)(_ scanner: inout \(RuntimeNames.jsonScanner)) throws(\(RuntimeNames.jsonScanError))"
        ) { writer in
            writer.line("guard try scanner.beginObject() else { return }")
            writer.line(usesBits ? "var seen: UInt64 = 0" : "var seen = Set<Int>()")
            writer.line("var readable = true")
            writer.block("while let key = try scanner.nextKey()") { writer in
                for (index, key) in keys.enumerated() {
                    let first = usesBits ? "seen & \(1 << index) == 0" : "seen.insert(\(index)).inserted"
                    let opening = index == 0 ? "if" : "} else if"
                    writer.line("\(opening) key == \(SwiftSource.literal(key)), \(first) {")
                    writer.indented { writer in
                        if usesBits { writer.line("seen |= \(1 << index)") }
                        writer.line("self.\(properties[key]!) = \(scan(members[key]!, name: types[key]!))")
                    }
                }
                writer.line("} else {")
                writer.indented { writer in
                    writer.line("if !key.isReadable { readable = false }")
                    writer.line("try scanner.skipValue()")
                }
                writer.line("}")
            }
            writer.block("if !readable") { writer in
                for key in keys { writer.line("self.\(properties[key]!) = nil") }
            }
        }
    }

    /// The expression that reads a member of this shape (lenient: `nil` when absent, `null` or
    /// of another type; a struct from a non-object has all properties `nil`).
    private static func scan(_ node: FieldTree.Node, name: String) -> String {
        switch node {
        case .leaf(.string?): "try scanner.string()"
        case .leaf(.deltaString?): "try scanner.freshString()"
        case .leaf(.texts?): "try scanner.text(\(name).self)"
        case .leaf(.integer?): "try scanner.integer()"
        case .leaf: "try scanner.json()"
        case .object: "try scanner.null() ? nil : try \(name)(scanning: &scanner)"
        case .array(let element):
            "try scanner.\(arrayMethod(of: element)) { scanner throws(\(RuntimeNames.jsonScanError)) in \(scanElement(element, name: elementName(name))) }"
        }
    }

    /// The scanner's method for an array of these elements, to match `swiftType`.
    private static func arrayMethod(of element: FieldTree.Node) -> String {
        if case .object = element { "compactArray" } else { "array" }
    }

    /// The expression that reads an array element: `nil` fails the whole array, as one element
    /// that does not decode fails a decoded array.
    private static func scanElement(_ node: FieldTree.Node, name: String) -> String {
        switch node {
        case .leaf: "try scanner.jsonElement()"
        case .object: "try \(name)(scanning: &scanner)"
        case .array(let element):
            "try scanner.\(arrayMethod(of: element)) { scanner throws(\(RuntimeNames.jsonScanError)) in \(scanElement(element, name: elementName(name))) }"
        }
    }

    /// The nested types a member needs.
    static func renderNested(_ node: FieldTree.Node, name: String, into writer: inout SwiftWriter) {
        switch node {
        case .leaf(.texts(let texts)?):
            writer.line()
            renderTexts(texts, typeName: name, into: &writer)
        case .leaf:
            return
        case .object:
            writer.line()
            render(node, typeName: name, into: &writer)
        case .array(let element):
            renderNested(element, name: elementName(name), into: &writer)
        }
    }

    /// The enum of a string the rules only compare with `texts`: a case for each, and `other`.
    /// Reading it compares the string's bytes with the texts of its length, without making a
    /// `String`.
    private static func renderTexts(_ texts: [String], typeName: String, into writer: inout SwiftWriter) {
        let cases = TypeNaming.textCaseNames(texts)
        writer.documentation("The texts the manifest's rules compare this member with.")
        writer.block("nonisolated public enum \(typeName): \(RuntimeNames.comparedText)") { writer in
            for text in texts { writer.line("case \(cases[text]!)") }
            writer.documentation("Any other text.")
            writer.line("case other")
            writer.line()
            writer.block("public init(utf8 text: UnsafeRawBufferPointer)") { writer in
                writer.line("switch text.count {")
                for text in texts.sorted(by: { ($0.utf8.count, $0) < ($1.utf8.count, $1) }) {
                    writer.line(
                        "case \(text.utf8.count) where Self.text(text, is: \(SwiftSource.literal(text))): self = .\(cases[text]!)"
                    )
                }
                writer.line("default: self = .other")
                writer.line("}")
            }
        }
    }

    /// The Swift type of a member (without the optional). Array elements that are leaves stay
    /// `JSONValue`s, so that one element of another type does not lose the whole array. An
    /// array of structs is a `CompactArray`, so that the usual single candidate (or content
    /// block) is read without allocating.
    static func swiftType(_ node: FieldTree.Node, name: String) -> String {
        switch node {
        case .leaf(.string?), .leaf(.deltaString?): "String"
        case .leaf(.texts?): name
        case .leaf(.integer?): "Int"
        case .leaf: RuntimeNames.jsonValue
        case .object: name
        case .array(.leaf): "[\(RuntimeNames.jsonValue)]"
        case .array(.object): "\(RuntimeNames.compactArray)<\(elementName(name))>"
        case .array(let element): "[\(swiftType(element, name: elementName(name)))]"
        }
    }

    private static func elementName(_ name: String) -> String { name + "Item" }
}
