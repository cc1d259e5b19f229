import Foundation
import NIOHTTP1

/// One request exactly as the scripted server received it, for tests to assert what the client sent.
struct RecordedRequest: Sendable {
    /// The request method, e.g. `"POST"`.
    var method: String
    /// The request target as sent, including any query string, e.g. `"/v1/chat?stream=true"`.
    var path: String
    /// The request headers; lookups are case-insensitive (`headers["content-type"]`).
    var headers: HTTPHeaders
    /// The complete request body (empty when the request had none).
    var body: [UInt8]
    /// Which connection carried the request, numbered from 0 in accept order, so a test can tell
    /// whether the client reused a pooled connection.
    var connection: Int

    /// The path without its query string, e.g. `"/v1/chat"`.
    var pathWithoutQuery: String {
        path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
    }

    /// The first value of the header `name` (case-insensitive), or `nil` if absent.
    func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// The body decoded as UTF-8 (invalid sequences repaired).
    var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body parsed with `JSONSerialization` (objects become `[String: Any]`, arrays `[Any]`).
    func jsonBody() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    /// The body parsed as a JSON object; throws if it is not one.
    func jsonObject() throws -> [String: Any] {
        guard let object = try jsonBody() as? [String: Any] else {
            throw RecordedRequestError.notAJSONObject(bodyText)
        }
        return object
    }

    /// The body decoded into `type` with a default `JSONDecoder`.
    func decodeJSON<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: Data(body))
    }
}

/// Thrown by ``RecordedRequest/jsonObject()``.
enum RecordedRequestError: Error, Equatable {
    case notAJSONObject(String)
}
