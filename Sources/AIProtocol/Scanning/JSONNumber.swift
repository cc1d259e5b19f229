/// JSON numbers read as `JSONDecoder` reads them into `Int` and `Double`.
@usableFromInline
enum JSONNumber {
    /// The parts of a number in JSON's grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`);
    /// `nil` when the token does not follow it.
    struct Parts {
        var isNegative: Bool
        /// The integer and fraction digits, in order.
        var digits: ArraySlice<UInt8>
        var fractionDigitCount: Int
        var exponent: Int
        var isPlainInteger: Bool
    }

    static func parts(_ token: UnsafeRawBufferPointer) -> Parts? {
        var index = 0
        let count = token.count
        let isNegative = count > 0 && token[0] == JSONByte.minus
        if isNegative { index += 1 }
        var digits: [UInt8] = []
        let integerStart = index
        while index < count, JSONByte.isDigit(token[index]) {
            digits.append(token[index])
            index += 1
        }
        let integerCount = index - integerStart
        guard integerCount > 0, integerCount == 1 || token[integerStart] != 0x30 else { return nil }
        var fractionDigitCount = 0
        var isPlainInteger = true
        if index < count, token[index] == 0x2E {
            isPlainInteger = false
            index += 1
            while index < count, JSONByte.isDigit(token[index]) {
                digits.append(token[index])
                fractionDigitCount += 1
                index += 1
            }
            guard fractionDigitCount > 0 else { return nil }
        }
        var exponent = 0
        if index < count, token[index] == 0x65 || token[index] == 0x45 {
            isPlainInteger = false
            index += 1
            var negativeExponent = false
            if index < count, token[index] == 0x2B || token[index] == JSONByte.minus {
                negativeExponent = token[index] == JSONByte.minus
                index += 1
            }
            let exponentStart = index
            while index < count, JSONByte.isDigit(token[index]) {
                // Capped: beyond any Double's range, the exact value no longer matters.
                exponent = min(exponent * 10 + Int(token[index] - 0x30), 100_000)
                index += 1
            }
            guard index > exponentStart else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        guard index == count else { return nil }
        return Parts(
            isNegative: isNegative, digits: digits[...], fractionDigitCount: fractionDigitCount, exponent: exponent,
            isPlainInteger: isPlainInteger)
    }

    /// The token as an `Int`: a plain integer that fits, or a number whose value is an integer
    /// that fits (`2.0`, `2e0`). Above 2^53 that value is computed from the decimal digits, as
    /// `JSONDecoder` does, truncating what a negative exponent divides away.
    @usableFromInline
    static func integer(_ token: UnsafeRawBufferPointer) -> Int? {
        if let plain = plainInteger(token) { return plain }
        guard let parts = parts(token), !parts.isPlainInteger else { return nil }
        guard let double = Double(String(decoding: token, as: UTF8.self)), let value = Int(exactly: double) else {
            return nil
        }
        if double.magnitude < 9_007_199_254_740_992 { return value }
        // The decimal value, exactly: its digits without trailing zeros (which only scale it),
        // then scaled by the exponent.
        var digits = parts.digits
        var trailingZeros = 0
        while digits.last == 0x30 {
            digits.removeLast()
            trailingZeros += 1
        }
        var magnitude: UInt64 = 0
        for digit in digits {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = next
        }
        let scale = parts.exponent - parts.fractionDigitCount + trailingZeros
        if scale < 0 {
            for _ in 0..<min(-scale, 40) { magnitude /= 10 }
        } else {
            for _ in 0..<scale {
                let (next, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = next
            }
        }
        guard let signed = Int(exactly: magnitude) else { return nil }
        return parts.isNegative ? -signed : signed
    }

    /// The token as an `Int` when it is a plain integer (`-?(0|[1-9][0-9]*)`) that fits, read
    /// without building anything: the common case.
    private static func plainInteger(_ token: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        let count = token.count
        let isNegative = count > 0 && token[0] == JSONByte.minus
        if isNegative { index = 1 }
        guard index < count, count - index == 1 || token[index] != 0x30 else { return nil }
        var value = 0
        while index < count {
            let digit = token[index] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                isNegative
                ? shifted.subtractingReportingOverflow(Int(digit)) : shifted.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The token as a `Double`: `nil` when it is not a JSON number, is too large, or is too
    /// small to be told from zero while not zero.
    @usableFromInline
    static func double(_ token: UnsafeRawBufferPointer) -> Double? {
        guard let parts = parts(token), let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite
        else { return nil }
        if value == 0, parts.digits.contains(where: { $0 != 0x30 }) { return nil }
        return value
    }
}
