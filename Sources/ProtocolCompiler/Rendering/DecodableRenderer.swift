import Foundation

/// Renders a `FieldTree` as lenient `Decodable` structs: every property optional, a member of
/// the wrong type decodes as `nil`, unknown members are ignored, and a struct decodes from any
/// JSON value (a non-object gives all properties `nil`), so a frame never fails to decode
/// because of a field the manifest does not need. Typed leaves are `String` or `Int`; other
/// values read whole are `JSONValue`s.
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
        let types = TypeNaming.typeNames(keys, reserved: [typeName])
        writer.block("nonisolated public struct \(typeName): Decodable, Sendable") { writer in
            for key in keys {
                writer.line("public var \(properties[key]!): \(swiftType(members[key]!, name: types[key]!))?")
            }
            writer.line()
            if keys.isEmpty {
                writer.line("public init(from decoder: any Decoder) throws {}")
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
            }
            for key in keys {
                renderNested(members[key]!, name: types[key]!, into: &writer)
            }
        }
    }

    /// The nested types a member needs.
    static func renderNested(_ node: FieldTree.Node, name: String, into writer: inout SwiftWriter) {
        switch node {
        case .leaf:
            return
        case .object:
            writer.line()
            render(node, typeName: name, into: &writer)
        case .array(let element):
            renderNested(element, name: elementName(name), into: &writer)
        }
    }

    /// The Swift type of a member (without the optional). Array elements that are leaves stay
    /// `JSONValue`s, so that one element of another type does not lose the whole array.
    static func swiftType(_ node: FieldTree.Node, name: String) -> String {
        switch node {
        case .leaf(.string?): "String"
        case .leaf(.integer?): "Int"
        case .leaf: RuntimeNames.jsonValue
        case .object: name
        case .array(.leaf): "[\(RuntimeNames.jsonValue)]"
        case .array(let element): "[\(swiftType(element, name: elementName(name)))]"
        }
    }

    private static func elementName(_ name: String) -> String { name + "Item" }
}
