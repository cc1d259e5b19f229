#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns an HTTP error response into an `AIError`: the provider's message, type and code read by
/// the manifest's error paths; the class from the provider's code, type and message (by the
/// manifest, then by the spec's vocabulary), else from the status (likewise); the request id,
/// and how long to wait.
enum ErrorMapping {
    static func error<Provider: ProviderAdapter>(
        _ provider: Provider.Type, status: Int, headers: TransportResponse, body: [UInt8], secret: String?
    ) -> AIError {
        var details =
            (try? JSONDecoder().decode(Provider.ErrorBody.self, from: Data(body)))
            .map(Provider.errorDetails) ?? ProviderErrorDetails()
        if details.message == nil, !body.isEmpty {
            // Not the JSON the manifest describes: the start of the body says more than nothing.
            details.message = String(decoding: body.prefix(500), as: UTF8.self)
        }
        // The most specific evidence first, the manifest's before the spec's: the provider's
        // code, type and message as the manifest classifies them, then as the spec does
        // (`insufficient_quota` is quota, not a rate limit, whatever the status), then the status.
        let errorClass =
            Provider.classify(status: nil, details: details)
            ?? [details.code, details.type].lazy.compactMap { $0 }.compactMap(ErrorClass.defaultClass(forProviderCode:))
            .first
            ?? Provider.classify(status: status, details: ProviderErrorDetails())
            ?? ErrorClass.defaultClass(forHTTPStatus: status) ?? (status >= 500 ? .serverError : .unknown)
        let names = Provider.descriptor.rateLimitHeaders
        let requestID = names.requestID(in: headers)
        return AIError(
            .provider, errorClass: errorClass, providerID: Provider.descriptor.id, httpStatus: status,
            providerMessage: details.message.map { Redaction.redact($0, secret: secret) },
            providerType: details.type, providerCode: details.code, requestID: requestID,
            retryAfter: retryAfter(headers, name: names.retryAfter)
                ?? Provider.retryAfter(inErrorBody: String(decoding: body.prefix(64 << 10), as: UTF8.self)))
    }

    /// `Retry-After` in seconds or as an HTTP date, or `retry-after-ms`.
    static func retryAfter(_ response: TransportResponse, name: String?, now: Date = Date()) -> Duration? {
        if let milliseconds = response.header("retry-after-ms").flatMap(Double.init), milliseconds >= 0 {
            return .milliseconds(Int64(milliseconds))
        }
        guard let value = response.header(name ?? "retry-after") ?? response.header("retry-after") else { return nil }
        let trimmed = String(value.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        if let seconds = Double(trimmed), seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return .milliseconds(Int64(max(0, seconds) * 1000))
    }
}

/// The IMF-fixdate form of HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`), as `Retry-After` uses.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 }), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension RateLimitHeaders {
    /// The provider's id of the request a response answers: the manifest's header, else the
    /// usual `x-request-id` or `request-id`.
    func requestID(in response: TransportResponse) -> String? {
        [requestID, "x-request-id", "request-id"].lazy.compactMap { $0 }.compactMap(response.header).first
    }
}

/// Keeps the API key out of every string the runtime produces.
enum Redaction {
    static func redact(_ text: String, secret: String?) -> String {
        guard let secret, secret.count >= 4 else { return text }
        return text.replacingAll(secret, with: "[redacted]")
    }
}
