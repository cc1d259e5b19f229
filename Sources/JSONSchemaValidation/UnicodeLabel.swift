/// The rules of IDNA2008 that a decoded A-label (a U-label) must follow beyond being valid
/// Punycode: RFC 5891 §4.2.3 (hyphens, leading combining marks) and RFC 5892's exceptions and
/// contextual rules (Appendix A).
///
/// Scripts are recognised by their Unicode blocks, since Swift exposes no Script property.
/// The CONTEXTJ rule of ZERO WIDTH NON-JOINER also allows it after certain joining types, which
/// need the Joining_Type property Swift does not expose either: it is accepted without a virama.
enum UnicodeLabel {
    static func isValid(_ label: [Unicode.Scalar]) -> Bool {
        // RFC 5891 §4.2.3.1: no "--" in the third and fourth positions.
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        // §4.2.3.2: no leading combining mark.
        if let first = label.first, isCombiningMark(first) { return false }
        for (position, scalar) in label.enumerated() {
            let before = position > 0 ? label[position - 1] : nil
            let after = position + 1 < label.count ? label[position + 1] : nil
            switch scalar.value {
            // RFC 5892 §2.6: exceptions that are DISALLOWED.
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return false
            // A.1 ZERO WIDTH NON-JOINER (see above) and A.2 ZERO WIDTH JOINER: after a virama.
            case 0x200D:
                guard let before, before.properties.canonicalCombiningClass == .virama else { return false }
            // A.3 MIDDLE DOT: between two 'l's.
            case 0x00B7:
                guard before == "l", after == "l" else { return false }
            // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek.
            case 0x0375:
                guard let after, isGreek(after) else { return false }
            // A.5, A.6 HEBREW PUNCTUATION GERESH and GERSHAYIM: preceded by Hebrew.
            case 0x05F3, 0x05F4:
                guard let before, isHebrew(before) else { return false }
            // A.7 KATAKANA MIDDLE DOT: the label has Hiragana, Katakana or Han.
            case 0x30FB:
                guard label.contains(where: { $0.value != 0x30FB && isHiraganaKatakanaOrHan($0) }) else {
                    return false
                }
            // A.8, A.9: Arabic-Indic digits and Extended Arabic-Indic digits do not mix.
            case 0x0660...0x0669:
                if label.contains(where: { (0x06F0...0x06F9).contains($0.value) }) { return false }
            default:
                break
            }
        }
        return true
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0370...0x03E1, 0x03F0...0x03FF, 0x1F00...0x1FFF, 0x10140...0x1018F: true
        default: false
        }
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0591...0x05F4, 0xFB1D...0xFB4F: true
        default: false
        }
    }

    private static func isHiraganaKatakanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3041...0x309F, 0x1B001...0x1B11F: true  // Hiragana
        case 0x30A0...0x30FF, 0x31F0...0x31FF, 0x32D0...0x32FE, 0x3300...0x3357, 0xFF66...0xFF9D, 0x1B000: true  // Katakana
        case 0x2E80...0x2FDF, 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xF900...0xFAFF, 0x20000...0x3134F:
            true  // Han
        default: false
        }
    }
}
