/// Sees or changes each HTTP request before it is sent, and sees each response when it
/// arrives: for headers of your own (a tenant, a trace header your backend wants), for auditing,
/// for a test's checks. Interceptors run in order for every attempt, retries included, after
/// the runtime built the request (so its headers already hold the key: an interceptor that
/// logs them must leave that header out).
///
/// ```swift
/// struct Tenant: RequestInterceptor {
///     func prepare(_ request: inout TransportRequest) async throws {
///         request.headers.append(.init(name: "X-Tenant", value: "blue"))
///     }
/// }
/// let client = Client<OpenAI>().with { $0.interceptors = [Tenant()] }
/// ```
public protocol RequestInterceptor: Sendable {
    /// Changes the request before it is sent. An error thrown here ends the call with
    /// `AIError` (`.invalidConfiguration`) naming it; the request is not sent.
    func prepare(_ request: inout TransportRequest) async throws

    /// Sees the response (its status and headers; the body is not read yet) to `request`.
    func received(_ response: TransportResponse, for request: TransportRequest) async
}

extension RequestInterceptor {
    /// Leaves the request as it is.
    public func prepare(_ request: inout TransportRequest) async throws {}

    /// Does nothing.
    public func received(_ response: TransportResponse, for request: TransportRequest) async {}
}
