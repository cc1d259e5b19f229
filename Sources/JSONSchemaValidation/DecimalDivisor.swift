/// `multipleOf` by exact decimal arithmetic, so that 0.0075 is a multiple of 0.0001 although
/// their binary floating-point quotient is not an integer.
///
/// Both numbers are taken as the shortest decimal that round-trips their double value,
/// `mantissa × 10^exponent`, and divisibility is decided on the integers.
struct DecimalDivisor: Sendable {
    /// The divisor as written.
    let value: Double
    private let mantissa: UInt64
    private let exponent: Int

    /// Creates a divisor; `nil` unless it is finite and greater than 0.
    init?(_ value: Double) {
        guard value.isFinite, value > 0, let decimal = DecimalDivisor.decimal(value) else { return nil }
        self.value = value
        (mantissa, exponent) = decimal
    }

    /// Whether `number` is an integer multiple of the divisor.
    func divides(_ number: NumericValue) -> Bool {
        let decimal: (UInt64, Int)?
        switch number {
        case .int(let value): decimal = DecimalDivisor.normalize(UInt64(value.magnitude), 0)
        case .double(let value):
            guard value.isFinite else { return false }
            decimal = DecimalDivisor.decimal(value)
        }
        guard let (a, ea) = decimal else { return false }
        if a == 0 { return true }
        let b = mantissa
        if ea >= exponent {
            // a·10^(ea−e) mod b, computed step by step.
            var remainder = a % b
            var steps = ea - exponent
            while steps > 0 && remainder != 0 {
                let (product, overflow) = remainder.multipliedReportingOverflow(by: 10)
                if overflow {
                    let full = remainder.multipliedFullWidth(by: 10)
                    remainder = b.dividingFullWidth((full.high, full.low)).remainder
                } else {
                    remainder = product % b
                }
                steps -= 1
            }
            return remainder == 0
        }
        // a must be divisible by b·10^(e−ea).
        var divisor = b
        for _ in 0..<(exponent - ea) {
            let (product, overflow) = divisor.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            divisor = product
        }
        return a % divisor == 0
    }

    /// The shortest round-tripping decimal of a finite double, as (mantissa, exponent), with
    /// trailing zeros moved into the exponent; `nil` if it does not fit.
    private static func decimal(_ value: Double) -> (UInt64, Int)? {
        let text = String(value.magnitude)  // such as "0.0075", "1e-08", "1.2391239123e+10"
        var digits: UInt64 = 0
        var exponent = 0
        var seenPoint = false
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "." {
                seenPoint = true
            } else if scalar == "e" || scalar == "E" {
                guard let power = Int(String(scalars[scalars.index(after: index)...])) else { return nil }
                exponent += power
                break
            } else if ("0"..."9").contains(scalar) {
                let digit = UInt64(scalar.value - 48)
                let (times, overflow1) = digits.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                digits = sum
                if seenPoint { exponent -= 1 }
            } else {
                return nil
            }
            index = scalars.index(after: index)
        }
        return normalize(digits, exponent)
    }

    private static func normalize(_ mantissa: UInt64, _ exponent: Int) -> (UInt64, Int) {
        var mantissa = mantissa
        var exponent = exponent
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return (mantissa, exponent)
    }
}
