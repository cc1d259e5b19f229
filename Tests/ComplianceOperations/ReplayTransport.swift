import AIProtocol
import Synchronization

/// A transport that answers every request with one canned response and keeps the requests, so
/// that a case runs through a real client: request building, credentials, error mapping,
/// response decoding.
final class ReplayTransport: HTTPTransport {
    private let status: Int
    private let headers: [ProviderDescriptor.Header]
    private let body: [UInt8]
    private let sent = Mutex<[TransportRequest]>([])

    init(status: Int, headers: [ProviderDescriptor.Header] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The requests the client sent, in order.
    var requests: [TransportRequest] { sent.withLock { $0 } }

    func execute(_ request: TransportRequest) async throws -> TransportResponse {
        sent.withLock { $0.append(request) }
        let body = body
        return TransportResponse(
            status: status, headers: headers,
            body: AsyncThrowingStream { continuation in
                continuation.yield(body)
                continuation.finish()
            })
    }
}

extension ClientConfiguration {
    /// A configuration for one exchange with a replayed response: no retries, so that the first
    /// error is the one the case classifies.
    static func replaying(
        _ transport: ReplayTransport, apiKey: String? = "compliance-key", environment: [String: String]
    ) -> ClientConfiguration {
        var configuration = ClientConfiguration(apiKey: apiKey, transport: transport, environment: environment)
        configuration.maxRetries = 0
        return configuration
    }
}
