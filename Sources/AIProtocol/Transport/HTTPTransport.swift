/// How the runtime talks HTTP: one request out, a status, headers and a body that arrives in
/// chunks. `AsyncHTTPClientTransport` is the default; tests and proxies may bring their own.
public protocol HTTPTransport: Sendable {
    /// Sends a request and returns as soon as the response head arrives; the body is read from
    /// the response's `body` stream. Cancelling the reading task closes the connection.
    func execute(_ request: TransportRequest) async throws -> TransportResponse
}

/// A request to send.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header fields, in order.
    public var headers: [ProviderDescriptor.Header]
    /// The body, if any.
    public var body: [UInt8]?
    /// How long the whole exchange may take.
    public var timeout: Duration?

    /// Creates a request.
    public init(
        method: String, url: String, headers: [ProviderDescriptor.Header] = [], body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A response whose head has arrived.
public struct TransportResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields, in order.
    public var headers: [ProviderDescriptor.Header]
    /// The body, chunk by chunk as the network delivers it.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a response.
    public init(status: Int, headers: [ProviderDescriptor.Header], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The whole body, at most `limit` bytes. Throws `CancellationError` when the task is
    /// cancelled before the body ends.
    public func collectBody(upTo limit: Int = 32 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            bytes += chunk
            if bytes.count > limit {
                throw TransportError.bodyTooLarge(limit: limit)
            }
        }
        // A cancelled task's stream ends early without an error: the body would be cut short.
        try Task.checkCancellation()
        return bytes
    }
}

/// Failures of the transport itself.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    /// The response body was larger than the caller accepts.
    case bodyTooLarge(limit: Int)
    /// The URL could not be used.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .bodyTooLarge(let limit): "the response body is larger than \(limit) bytes"
        case .invalidURL(let reason): "invalid URL: \(reason)"
        }
    }
}
