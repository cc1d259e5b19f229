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
    /// With a discriminator, its scanner skips the rest of a frame that no rule reads.
    static func renderRoot(
        _ node: FieldTree.Node, typeName: String, discriminator: FrameDiscriminator? = nil,
        into writer: inout SwiftWriter
    ) {
        switch node {
        case .object: render(node, typeName: typeName, discriminator: discriminator, into: &writer)
        case .leaf, .whole: writer.line("public typealias \(typeName) = \(RuntimeNames.jsonValue)")
        case .array: writer.line("public typealias \(typeName) = \(swiftType(node, name: typeName + "Element"))")
        }
        if case .array(let element) = node { renderNested(element, name: typeName + "ElementItem", into: &writer) }
    }

    static func render(
        _ node: FieldTree.Node, typeName: String, discriminator: FrameDiscriminator? = nil,
        into writer: inout SwiftWriter
    ) {
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
                renderScanner(
                    keys: keys, members: members, properties: properties, types: types, discriminator: discriminator,
                    into: &writer)
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
        discriminator: FrameDiscriminator?, into writer: inout SwiftWriter
    ) {
        let seen = FirstOccurrence(count: keys.count)
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
            writer.line(seen.declaration)
            writer.line("var readable = true")
            writer.block("while let key = try scanner.nextKey()") { writer in
                for (index, key) in keys.enumerated() {
                    let opening = index == 0 ? "if" : "} else if"
                    writer.line("\(opening) key == \(SwiftSource.literal(key)), \(seen.isFirst(index)) {")
                    writer.indented { writer in
                        if let mark = seen.mark(index) { writer.line(mark) }
                        writer.line("self.\(properties[key]!) = \(scan(members[key]!, name: types[key]!))")
                        if let discriminator, discriminator.key == key, case .leaf(.texts(let texts)?) = members[key]! {
                            renderSkip(
                                property: properties[key]!, texts: texts, needed: discriminator.needed, into: &writer)
                        }
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

    /// The struct of a value the rules read whole and whose members `keys` they also read (see
    /// `FieldTree.Node.whole`): those members as `JSONValue`s, and the rest of the value apart,
    /// put back together only for a rule that reads it whole. Reading Gemini's text parts this
    /// way allocates neither a member list nor a `JSONValue` object per frame.
    private static func renderWhole(keys: [String], typeName: String, into writer: inout SwiftWriter) {
        precondition(!keys.isEmpty, "a value read whole without members read is a JSONValue")
        let properties = TypeNaming.propertyNames(keys)
        let remainder = TypeNaming.remainderProperty
        let json = RuntimeNames.jsonValue
        writer.documentation(
            "A value the rules read whole as well as by member: the members they read, and the rest apart.")
        writer.block("nonisolated public struct \(typeName): Decodable, Sendable") { writer in
            for key in keys { writer.line("public var \(properties[key]!): \(json)?") }
            writer.documentation(
                "The rest of the value: its other members (and those above that are `null`), or the whole value when it is not an object."
            )
            writer.line("public var \(remainder): \(json) = .object([])")
            writer.line()
            writer.block("public init(from decoder: any Decoder) throws") { writer in
                writer.line("self.init(splitting: try \(json)(from: decoder))")
            }
            writer.line()
            writer.documentation("The value, split into the members above and the rest.")
            writer.block("public init(splitting value: \(json))") { writer in
                writer.line("\(remainder) = value")
                for key in keys {
                    writer.line("\(properties[key]!) = \(remainder).removeMember(named: \(SwiftSource.literal(key)))")
                }
            }
            writer.line()
            writer.documentation(
                "Reads the next value; `nil` when it cannot be a `JSONValue`, or is `null` and not an array's element.")
            writer.block(
                "public init?(scanning scanner: inout \(RuntimeNames.jsonScanner), asElement: Bool) throws(\(RuntimeNames.jsonScanError))"
            ) { writer in
                writer.line(
                    "guard try \(TypeNaming.scanMembersMethod)(&scanner, asElement: asElement) else { return nil }")
            }
            writer.line()
            writer.documentation("Reads the value into `self`, in place; `false` when it cannot be a `JSONValue`.")
            writer.line("@inline(never)")
            writer.block(
                "private mutating func \(TypeNaming.scanMembersMethod)(_ scanner: inout \(RuntimeNames.jsonScanner), asElement: Bool) throws(\(RuntimeNames.jsonScanError)) -> Bool"
            ) { writer in
                writer.line("var value = try \(RuntimeNames.splitValueScan)(&scanner, asElement: asElement)")
                let seen = FirstOccurrence(count: keys.count)
                writer.line(seen.declaration)
                writer.block("while value.isObject, let key = try scanner.nextKey()") { writer in
                    for (index, key) in keys.enumerated() {
                        writer.line(
                            "\(index == 0 ? "if" : "} else if") key == \(SwiftSource.literal(key)), \(seen.isFirst(index)) {"
                        )
                        writer.indented { writer in
                            if let mark = seen.mark(index) { writer.line(mark) }
                            writer.line(
                                "self.\(properties[key]!) = try value.member(\(SwiftSource.literal(key)), &scanner)")
                        }
                    }
                    let anyKept = keys.map { "key == \(SwiftSource.literal($0))" }.joined(separator: " || ")
                    writer.line("} else if \(anyKept) {")
                    writer.indented { writer in
                        writer.line("// Given again: the first occurrence counts.")
                        writer.line("try scanner.skipValue()")
                    }
                    writer.line("} else {")
                    writer.indented { writer in writer.line("try value.other(key, &scanner)") }
                    writer.line("}")
                }
                writer.line("guard let \(remainder) = value.finish() else { return false }")
                writer.line("self.\(remainder) = \(remainder)")
                writer.line("return true")
            }
            writer.line()
            writer.documentation("The whole value, as it was read.")
            writer.block("public var jsonValue: \(json)") { writer in
                let members = keys.map { "(\(SwiftSource.literal($0)), \(properties[$0]!))" }.joined(separator: ", ")
                writer.line("\(remainder).addingMembers([\(members)])")
            }
        }
    }

    /// How a generated scanner tells the first occurrence of each of `count` keys: bits of a
    /// word when they fit, a set otherwise.
    private struct FirstOccurrence {
        let count: Int
        private var usesBits: Bool { count <= 64 }

        var declaration: String { usesBits ? "var seen: UInt64 = 0" : "var seen = Set<Int>()" }

        /// The condition that the key at `index` is seen for the first time (marking it, with a set).
        func isFirst(_ index: Int) -> String {
            usesBits ? "seen & \(1 << index) == 0" : "seen.insert(\(index)).inserted"
        }

        /// The statement that marks the key at `index` seen, with bits.
        func mark(_ index: Int) -> String? {
            usesBits ? "seen |= \(1 << index)" : nil
        }
    }

    /// Skips the rest of a frame whose discriminator (just read into `property`) holds none of the
    /// texts some rule needs (see `FrameDiscriminator`), leaving the members loop.
    private static func renderSkip(property: String, texts: [String], needed: [String], into writer: inout SwiftWriter)
    {
        let cases = TypeNaming.textCaseNames(texts)
        // Every text a rule compares is a case; were one not, no frame could be skipped safely.
        guard needed.allSatisfy({ cases[$0] != nil }) else { return }
        let unneeded = needed.map { "self.\(property) != .\(cases[$0]!)" }
        writer.block(unneeded.isEmpty ? "do" : "if " + unneeded.joined(separator: ", ")) { writer in
            writer.line("// No rule reads a frame with another: the rest of it is checked, not read.")
            writer.line("try scanner.skipRemainingMembers()")
            writer.line("break")
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
        case .whole: "try \(name)(scanning: &scanner, asElement: false)"
        case .array(let element):
            "try scanner.\(arrayMethod(of: element)) { scanner throws(\(RuntimeNames.jsonScanError)) in \(scanElement(element, name: elementName(name))) }"
        }
    }

    /// The scanner's method for an array of these elements, to match `swiftType`.
    private static func arrayMethod(of element: FieldTree.Node) -> String {
        switch element {
        case .object: "compactArray"
        case .leaf, .array, .whole: "array"
        }
    }

    /// The expression that reads an array element: `nil` fails the whole array, as one element
    /// that does not decode fails a decoded array.
    private static func scanElement(_ node: FieldTree.Node, name: String) -> String {
        switch node {
        case .leaf: "try scanner.jsonElement()"
        case .object: "try \(name)(scanning: &scanner)"
        case .whole: "try \(name)(scanning: &scanner, asElement: true)"
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
        case .whole(let keys):
            writer.line()
            renderWhole(keys: keys.sorted(), typeName: name, into: &writer)
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
        case .object, .whole: name
        case .array(.leaf): "[\(RuntimeNames.jsonValue)]"
        case .array(.object): "\(RuntimeNames.compactArray)<\(elementName(name))>"
        case .array(let element): "[\(swiftType(element, name: elementName(name)))]"
        }
    }

    private static func elementName(_ name: String) -> String { name + "Item" }
}
