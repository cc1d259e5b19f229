import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The default transport, over AsyncHTTPClient: pooled keep-alive connections, connect and read
/// timeouts, and (when asked) the proxy from the usual environment variables.
public final class AsyncHTTPClientTransport: HTTPTransport, Sendable {
    /// How connections are made.
    public struct Configuration: Sendable {
        /// How long connecting may take.
        public var connectTimeout: Duration
        /// How long the server may stay silent while a response is read (a stream's keep-alive
        /// comments count as activity).
        public var readTimeout: Duration
        /// Whether to use the proxy named by `HTTPS_PROXY` / `HTTP_PROXY` (and their lower-case
        /// spellings).
        public var useEnvironmentProxy: Bool
        /// The environment the proxy is read from.
        public var environment: [String: String]

        /// Creates a configuration.
        public init(
            connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(120),
            useEnvironmentProxy: Bool = false, environment: [String: String] = ProcessEnvironment.current
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.useEnvironmentProxy = useEnvironmentProxy
            self.environment = environment
        }
    }

    /// A transport shared by every client that is not given one; it lives as long as the process.
    public static let shared = AsyncHTTPClientTransport()

    private let client: HTTPClient

    /// Creates a transport with its own connection pool. Call `shutdown()` when done with it.
    public init(configuration: Configuration = Configuration()) {
        var settings = HTTPClient.Configuration()
        settings.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Int64(configuration.connectTimeout.nanoseconds)),
            read: .nanoseconds(Int64(configuration.readTimeout.nanoseconds)))
        // A refused connection is an answer: fail now rather than retry until the connect timeout.
        settings.connectionPool.retryConnectionEstablishment = false
        if configuration.useEnvironmentProxy, let proxy = Self.proxy(from: configuration.environment) {
            settings.proxy = proxy
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// Closes the pooled connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func execute(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let deadline = request.timeout.map { TimeAmount.nanoseconds(Int64($0.nanoseconds)) } ?? .hours(1)
        let response = try await client.execute(outgoing, timeout: deadline)
        let headers = response.headers.map { ProviderDescriptor.Header(name: $0.name, value: $0.value) }
        return TransportResponse(
            status: Int(response.status.code), headers: headers, body: Self.chunks(of: response.body))
    }

    /// The body as chunks of bytes, read on the task that iterates them: no relay task, so no
    /// hop between threads per chunk, and cancelling that task cancels the read (AsyncHTTPClient
    /// then closes the connection). Dropping the stream unread closes it too.
    private static func chunks(of body: HTTPClientResponse.Body) -> AsyncThrowingStream<[UInt8], any Error> {
        let reader = BodyReader(body.makeAsyncIterator())
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    /// The body's iterator. `@unchecked Sendable` because only one task reads it at a time:
    /// an `AsyncThrowingStream` calls its `unfolding` closure once at a time.
    private final class BodyReader: @unchecked Sendable {
        private var iterator: HTTPClientResponse.Body.AsyncIterator

        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
            self.iterator = iterator
        }

        func next() async throws -> [UInt8]? {
            try await iterator.next().map { Array($0.readableBytesView) }
        }
    }

    /// `HTTPS_PROXY` (or `HTTP_PROXY`) as `http://host:port`.
    static func proxy(from environment: [String: String]) -> HTTPClient.Configuration.Proxy? {
        let value =
            environment["HTTPS_PROXY"] ?? environment["https_proxy"] ?? environment["HTTP_PROXY"]
            ?? environment["http_proxy"]
        guard var text = value, !text.isEmpty else { return nil }
        if let scheme = text.firstRange(of: "://") { text = String(text[scheme.upperBound...]) }
        if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        let parts = text.split(separator: ":")
        guard let host = parts.first, !host.isEmpty else { return nil }
        let port = parts.count > 1 ? Int(parts[1]) ?? 80 : 80
        return .server(host: String(host), port: port)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}
