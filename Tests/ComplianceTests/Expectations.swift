import AIProtocol
import Foundation

/// The suite's expected-value conventions, applied to an operation's output. Each member of a
/// case's `expected` is checked against the output member of the same name:
///
/// - a plain value is equal (numbers by value; an object compares the members it names, so an
///   output may say more; an array compares element by element and must not be shorter; an
///   explicitly empty object or array must be empty);
/// - `{min, max}` bounds a number, or a count;
/// - `{assert: equals | contains | matches | length | type | any_of, value: …}` and a list of
///   them;
/// - dotted and indexed names (`arguments.query`, `content.0.type`, `events[0]`) read into the
///   output;
/// - `<name>_contains` means the output's `<name>` contains each value (a substring, an element,
///   the named members), `<name>_must_not_contain` the opposite; `must_not_contain` alone means
///   no string of the whole output contains any of the values.
enum Expectations {
    /// Every way `output` falls short of `expected`; empty when it meets it.
    static func mismatches(expected: JSONValue, output: JSONValue) -> [String] {
        var problems: [String] = []
        for member in expected.members ?? [] {
            check(member.key, member.value, in: output, problems: &problems)
        }
        return problems
    }

    private static func check(_ name: String, _ expected: JSONValue, in output: JSONValue, problems: inout [String]) {
        if name == "must_not_contain" {
            let text = JSONText(output)
            for forbidden in expected.elements ?? [expected] {
                if let forbidden = forbidden.stringValue, text.contains(forbidden) {
                    problems.append("the output contains \"\(forbidden)\"")
                }
            }
            return
        }
        if let actual = read(name, in: output) {
            compare(name, expected, actual, problems: &problems)
            return
        }
        if let (base, wanted) = containment(name), let actual = read(base, in: output) {
            for item in expected.elements ?? [expected] where contains(actual, item) != wanted {
                problems.append(
                    "\(base) \(wanted ? "lacks" : "contains") \(JSONText(item)) (it is \(JSONText(actual)))")
            }
            return
        }
        problems.append("\(name): the output has no such member (expected \(JSONText(expected)))")
    }

    /// `<base>_contains` (true) and `<base>_must_not_contain` (false).
    private static func containment(_ name: String) -> (base: String, wanted: Bool)? {
        for (suffix, wanted) in [("_must_not_contain", false), ("_contains", true)] where name.hasSuffix(suffix) {
            return (String(name.dropLast(suffix.count)), wanted)
        }
        return nil
    }

    /// An output member by a dotted or indexed name; a whole name that is a member wins.
    static func read(_ name: String, in value: JSONValue) -> JSONValue? {
        if let direct = value[name] { return direct }
        var current: JSONValue? = value
        for part in name.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "").split(
            separator: ".")
        {
            guard let here = current else { return nil }
            if let index = Int(part), case .array = here {
                current = here.elements.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            } else {
                current = here[String(part)]
            }
        }
        return current
    }

    private static func compare(_ name: String, _ expected: JSONValue, _ actual: JSONValue, problems: inout [String]) {
        if let assertion = expected["assert"]?.stringValue {
            assert(name, assertion, expected, actual, problems: &problems)
            return
        }
        if let items = expected.elements, !items.isEmpty, items.allSatisfy({ $0["assert"] != nil }) {
            for item in items { compare(name, item, actual, problems: &problems) }
            return
        }
        if let members = expected.members, !members.isEmpty, members.allSatisfy({ ["min", "max"].contains($0.key) }) {
            let number = actual.numberValue ?? actual.elements.map { Double($0.count) }
            guard let number else {
                problems.append("\(name): expected a number within bounds, got \(JSONText(actual))")
                return
            }
            if let low = expected["min"]?.numberValue, number < low { problems.append("\(name): \(number) < \(low)") }
            if let high = expected["max"]?.numberValue, number > high {
                problems.append("\(name): \(number) > \(high)")
            }
            return
        }
        if !matches(expected, actual) {
            problems.append("\(name): expected \(JSONText(expected)), got \(JSONText(actual))")
        }
    }

    /// `{assert: …, value: …}`; `length` may bound instead (`{assert: length, min: 1}`).
    private static func assert(
        _ name: String, _ assertion: String, _ expected: JSONValue, _ actual: JSONValue, problems: inout [String]
    ) {
        let value = expected["value"] ?? .null
        let holds: Bool
        switch assertion {
        case "equals": holds = matches(value, actual)
        case "contains": holds = contains(actual, value)
        case "matches":
            holds = (try? Regex(value.stringValue ?? "")).map { actual.stringValue?.contains($0) ?? false } ?? false
        case "length":
            let count = actual.elements?.count ?? actual.stringValue?.count
            if let exact = value.intValue {
                holds = count == exact
            } else {
                holds =
                    count.map { count in
                        count >= (expected["min"]?.intValue ?? 0) && count <= (expected["max"]?.intValue ?? Int.max)
                    } ?? false
            }
        case "type": holds = typeName(actual) == value.stringValue
        case "any_of": holds = (value.elements ?? []).contains { matches($0, actual) }
        default:
            problems.append("\(name): the assertion \"\(assertion)\" is not one the suite defines")
            return
        }
        if !holds { problems.append("\(name): \(assertion) \(JSONText(value)) fails for \(JSONText(actual))") }
    }

    /// Whether `actual` is what `expected` says, by the rules above.
    static func matches(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        switch (expected, actual) {
        case (.object(let members), .object(let actualMembers)):
            if members.isEmpty { return actualMembers.isEmpty }
            return members.allSatisfy { member in
                if let value = actual[member.key] { return matches(member.value, value) }
                guard let (base, wanted) = containment(member.key), let value = actual[base] else { return false }
                return (member.value.elements ?? [member.value]).allSatisfy { contains(value, $0) == wanted }
            }
        case (.array(let items), .array(let actualItems)):
            if items.isEmpty { return actualItems.isEmpty }
            return items.count <= actualItems.count && zip(items, actualItems).allSatisfy(matches)
        default:
            if let number = expected.numberValue, let other = actual.numberValue, !isBool(expected), !isBool(actual) {
                return number == other
            }
            return expected == actual
        }
    }

    private static func contains(_ actual: JSONValue, _ item: JSONValue) -> Bool {
        switch actual {
        case .string(let text): return item.stringValue.map(text.contains) ?? false
        case .array(let items): return items.contains { matches(item, $0) }
        case .object: return matches(item, actual)
        default: return false
        }
    }

    private static func isBool(_ value: JSONValue) -> Bool {
        if case .bool = value { return true }
        return false
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Compact JSON text, for messages and for `must_not_contain`.
func JSONText(_ value: JSONValue) -> String {
    String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
}
