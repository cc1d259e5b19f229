import AIProtocol
import Foundation

/// The runtime's default transport, plus the mock's control headers (`X-Mock-Tool-Calls`,
/// `X-Mock-Error`, `X-Mock-Status`, `X-Mock-Content`) on every request: the runtime has no
/// per-request headers, and a transport is what a user would wrap to add them.
///
/// It also records the requests, so that tests can check which route the generated endpoint
/// paths reached.
struct MockControlTransport: HTTPTransport {
    var headers: [ProviderDescriptor.Header] = []
    /// Adds `"stream": true` to the JSON body of streamed requests. The mock streams only when
    /// the body says so, which Gemini's body (streaming is chosen by the endpoint) never does.
    var markStreamedBodies = false
    let log = RequestLog()
    var base: any HTTPTransport = AsyncHTTPClientTransport.shared

    init(_ headers: [String: String] = [:], markStreamedBodies: Bool = false) {
        self.headers = headers.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) }
        self.markStreamedBodies = markStreamedBodies
    }

    func execute(_ request: TransportRequest) async throws -> TransportResponse {
        var request = request
        request.headers += headers
        if markStreamedBodies, request.url.contains(":streamGenerateContent"), let body = request.body,
            case .object(var members) = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        {
            members.append(.init("stream", .bool(true)))
            request.body = [UInt8](try JSONEncoder().encode(JSONValue.object(members)))
        }
        await log.append(request)
        return try await base.execute(request)
    }
}

/// The requests a transport sent.
actor RequestLog {
    private(set) var requests: [TransportRequest] = []

    func append(_ request: TransportRequest) {
        requests.append(request)
    }

    /// The URLs, in order.
    var urls: [String] { requests.map(\.url) }
}
