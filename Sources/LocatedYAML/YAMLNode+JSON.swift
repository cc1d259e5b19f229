extension YAMLNode {
    /// The node as JSON text, scalars by their resolved values, mappings with their keys' text
    /// in source order: for reading YAML with a `Decodable` type through `JSONDecoder`. A float
    /// that JSON cannot write (infinity, NaN) is `null`.
    public var jsonText: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: output += "null"
            case .bool(let value): output += value ? "true" : "false"
            case .integer(let value): output += String(value)
            case .float(let value): output += value.isFinite ? "\(value)" : "null"
            case .string(let value): Self.writeString(value, to: &output)
            }
        case .sequence(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .mapping(let entries):
            output += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(entry.key.keyText ?? entry.key.jsonText, to: &output)
                output += ":"
                entry.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
