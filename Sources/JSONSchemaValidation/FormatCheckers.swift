import Foundation

/// Checks of `format` values, used when formats are assertions.
enum FormatCheckers {
    /// Whether `value` is valid for `format`; `nil` for formats without a check (they pass).
    static func check(_ format: String, _ value: String) -> Bool? {
        switch format {
        case "date-time": return isDateTime(value)
        case "date": return isDate(Substring(value))
        case "time": return isTime(Substring(value))
        case "duration": return isDuration(value)
        case "email": return isEmail(value, international: false)
        case "idn-email": return isEmail(value, international: true)
        case "hostname": return isHostname(value)
        case "ipv4": return isIPv4(Substring(value))
        case "ipv6": return isIPv6(Substring(value))
        case "uri": return URIChecker.isValid(value, requireScheme: true, international: false)
        case "uri-reference":
            return URIChecker.isValid(value, requireScheme: false, international: false)
        case "iri": return URIChecker.isValid(value, requireScheme: true, international: true)
        case "iri-reference":
            return URIChecker.isValid(value, requireScheme: false, international: true)
        case "uuid": return isUUID(value)
        case "regex":
            return (try? NSRegularExpression(pattern: CompiledPattern.translate(value))) != nil
        case "json-pointer": return isJSONPointer(Substring(value))
        case "relative-json-pointer": return isRelativeJSONPointer(value)
        case "uri-template": return isURITemplate(value)
        default: return nil
        }
    }

    // MARK: - Dates and times (RFC 3339)

    private static func digits(_ text: Substring, _ count: Int) -> Int? {
        guard text.utf8.count == count, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return nil
        }
        return Int(text)
    }

    /// Splits at fixed byte offsets; the text must be ASCII there.
    private static func ascii(_ text: Substring) -> [UInt8] { Array(text.utf8) }

    static func isDate(_ text: Substring) -> Bool {
        let bytes = ascii(text)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(text.prefix(4), 4),
            let month = digits(text.dropFirst(5).prefix(2), 2),
            let day = digits(text.dropFirst(8), 2),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    static func isTime(_ text: Substring) -> Bool {
        let bytes = ascii(text)
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
            let hour = digits(text.prefix(2), 2),
            let minute = digits(text.dropFirst(3).prefix(2), 2),
            let second = digits(text.dropFirst(6).prefix(2), 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var rest = text.dropFirst(8)
        if rest.first == "." {
            rest = rest.dropFirst()
            let fraction = rest.prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        var offsetMinutes = 0
        if rest == "Z" || rest == "z" {
            offsetMinutes = 0
        } else {
            let offset = ascii(rest)
            guard offset.count == 6, offset[0] == UInt8(ascii: "+") || offset[0] == UInt8(ascii: "-"),
                offset[3] == UInt8(ascii: ":"),
                let offsetHour = digits(rest.dropFirst().prefix(2), 2),
                let offsetMinute = digits(rest.dropFirst(4), 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (offset[0] == UInt8(ascii: "+") ? 1 : -1)
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ text: String) -> Bool {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
        return isDate(text[..<separator]) && isTime(text[text.index(after: separator)...])
    }

    /// ISO 8601 durations as RFC 3339 appendix A allows them: `P` then date units (`Y`, `M`,
    /// `D`, a run without gaps) and/or `T` with time units (`H`, `M`, `S`, a run without gaps),
    /// or weeks alone.
    static func isDuration(_ text: String) -> Bool {
        guard text.hasPrefix("P") else { return false }
        let rest = text.dropFirst()
        if rest.hasSuffix("W") {
            return units(rest, order: ["W"]) == true
        }
        let parts = rest.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let datePart = parts[0]
        if parts.count == 2 {
            guard units(parts[1], order: ["H", "M", "S"]) == true else { return false }
            return datePart.isEmpty || units(datePart, order: ["Y", "M", "D"]) == true
        }
        return units(datePart, order: ["Y", "M", "D"]) == true
    }

    /// Whether `text` is a non-empty sequence of `<digits><unit>` whose units form a contiguous
    /// run of `order`.
    private static func units(_ text: Substring, order: [Character]) -> Bool? {
        var text = text
        var previous: Int?
        while !text.isEmpty {
            let number = text.prefix { $0.isASCII && $0.isNumber }
            guard !number.isEmpty else { return false }
            text = text.dropFirst(number.count)
            guard let unit = text.first, let position = order.firstIndex(of: unit) else { return false }
            if let previous, position != previous + 1 { return false }
            previous = position
            text = text.dropFirst()
        }
        return previous != nil
    }

    // MARK: - Internet names and addresses

    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
            if label.dropFirst(2).hasPrefix("--") {
                // Only A-labels (`xn--`) may have hyphens in the third and fourth positions.
                guard label.lowercased().hasPrefix("xn--"), let decoded = Punycode.decode(label.dropFirst(4)),
                    UnicodeLabel.isValid(decoded)
                else {
                    return false
                }
            }
        }
        return true
    }

    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, local.utf8.count <= 64 else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
                return false
            }
            let specials = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
            for byte in local.utf8
            where !(isAlphanumeric(byte) || specials.contains(byte) || (international && byte >= 0x80)) {
                return false
            }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.lowercased().hasPrefix("ipv6:") { return isIPv6(literal.dropFirst(5)) }
            return isIPv4(literal)
        }
        if international {
            return !domain.contains("..") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
        }
        return isHostname(String(domain))
    }

    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                part.utf8.count == 1 || part.first != "0", let value = Int(part), value <= 255
            else { return false }
        }
        return true
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard !text.isEmpty,
            text.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
        else { return false }
        if text.hasPrefix(":") && !text.hasPrefix("::") { return false }
        if text.hasSuffix(":") && !text.hasSuffix("::") { return false }
        var groups = text.components(separatedBy: ":").map { Substring($0) }
        var budget = 8
        if let last = groups.last, last.contains(".") {
            guard isIPv4(last) else { return false }
            groups.removeLast()
            groups.append("0")
            groups.append("0")
            // An IPv4 tail must follow a colon.
            guard text.count > last.count, text.dropLast(last.count).hasSuffix(":") else { return false }
        }
        let compressions = text.components(separatedBy: "::").count - 1
        guard compressions <= 1 else { return false }
        if compressions == 1 {
            // Empty groups only at the `::`.
            if groups.first == "" { groups.removeFirst() }
            if groups.last == "" { groups.removeLast() }
            let empty = groups.filter { $0.isEmpty }.count
            guard empty <= 1 else { return false }
            groups.removeAll { $0.isEmpty }
            budget = 7
        }
        guard compressions == 1 ? groups.count <= budget : groups.count == 8 else { return false }
        return groups.allSatisfy { (1...4).contains($0.utf8.count) && $0.utf8.allSatisfy(isHex) }
    }

    // MARK: - Identifiers and pointers

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    static func isJSONPointer(_ text: Substring) -> Bool {
        if text.isEmpty { return true }
        guard text.first == "/" else { return false }
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "~") {
            guard index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
            else { return false }
        }
        return true
    }

    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let number = text.prefix { $0.isASCII && $0.isNumber }
        guard !number.isEmpty, number == "0" || number.first != "0" else { return false }
        let rest = text.dropFirst(number.count)
        if rest == "#" { return true }
        return isJSONPointer(rest)
    }

    static func isURITemplate(_ text: String) -> Bool {
        var open = false
        for character in text {
            switch character {
            case "{":
                if open { return false }
                open = true
            case "}":
                if !open { return false }
                open = false
            default:
                continue
            }
        }
        return !open
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}

/// RFC 3986 (and RFC 3987 for IRIs) syntax checks.
enum URIChecker {
    private static let unreserved = Set("-._~".utf8)
    private static let subDelimiters = Set("!$&'()*+,;=".utf8)

    static func isValid(_ text: String, requireScheme: Bool, international: Bool) -> Bool {
        let bytes = Array(text.utf8)
        // Percent escapes must be complete.
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, FormatCheckers.isHex(bytes[index + 1]),
                    FormatCheckers.isHex(bytes[index + 2])
                else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        let reference = URIReference(text)
        if requireScheme && reference.scheme == nil { return false }
        if reference.scheme == nil {
            // A relative reference's first segment cannot hold a colon.
            let firstSegment = reference.path.prefix { $0 != "/" }
            if reference.authority == nil && firstSegment.contains(":") { return false }
        }
        if let authority = reference.authority, !isAuthority(authority, international: international) {
            return false
        }
        guard isPath(reference.path, international: international) else { return false }
        if let query = reference.query, !isQueryOrFragment(query, international: international) {
            return false
        }
        if let fragment = reference.fragment, !isQueryOrFragment(fragment, international: international) {
            return false
        }
        return true
    }

    private static func isPChar(_ byte: UInt8, international: Bool) -> Bool {
        FormatCheckers.isAlphanumeric(byte) || unreserved.contains(byte) || subDelimiters.contains(byte)
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "%")
            || (international && byte >= 0x80)
    }

    private static func isPath(_ path: String, international: Bool) -> Bool {
        path.utf8.allSatisfy { isPChar($0, international: international) || $0 == UInt8(ascii: "/") }
    }

    private static func isQueryOrFragment(_ text: String, international: Bool) -> Bool {
        text.utf8.allSatisfy {
            isPChar($0, international: international) || $0 == UInt8(ascii: "/")
                || $0 == UInt8(ascii: "?")
        }
    }

    private static func isAuthority(_ authority: String, international: Bool) -> Bool {
        var hostPort = Substring(authority)
        if let at = hostPort.lastIndex(of: "@") {
            let userInfo = hostPort[..<at]
            guard
                userInfo.utf8.allSatisfy({
                    isPChar($0, international: international) && $0 != UInt8(ascii: "@")
                })
            else { return false }
            hostPort = hostPort[hostPort.index(after: at)...]
        }
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return false }
            let literal = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            guard literal.first == "v" || literal.first == "V" || FormatCheckers.isIPv6(literal) else {
                return false
            }
            return after.isEmpty
                || (after.first == ":" && after.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
        }
        var host = hostPort
        if let colon = hostPort.lastIndex(of: ":") {
            let port = hostPort[hostPort.index(after: colon)...]
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = hostPort[..<colon]
        }
        return host.utf8.allSatisfy {
            FormatCheckers.isAlphanumeric($0) || unreserved.contains($0) || subDelimiters.contains($0)
                || $0 == UInt8(ascii: "%") || (international && $0 >= 0x80)
        }
    }
}
