import Testing

@testable import AIProtocol

@Suite("Tool schemas derived from Codable types")
struct ToolSchemaTests {
    struct Weather: Codable, Equatable {
        var city: String
        var days: Int
        var unit: String?
        var hourly: Bool?
        var coordinates: [Double]
        var location: Location?

        struct Location: Codable, Equatable {
            var latitude: Double
            var longitude: Double
        }
    }

    @Test func schemaFollowsTheType() throws {
        let tool = try Tool(name: "get_weather", description: "Forecast", arguments: Weather.self)
        #expect(
            tool.parameters.description
                == #"{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"},"unit":{"type":"string"},"hourly":{"type":"boolean"},"coordinates":{"type":"array","items":{"type":"number"}},"location":{"type":"object","properties":{"latitude":{"type":"number"},"longitude":{"type":"number"}},"required":["latitude","longitude"],"additionalProperties":false}},"required":["city","days","coordinates"],"additionalProperties":false}"#
        )
    }

    @Test func argumentsDecodeIntoTheType() throws {
        let call = ToolCall(
            id: "call_1", name: "get_weather", arguments: #"{"city":"Paris","days":2,"coordinates":[48.8,2.3]}"#)
        let weather = try call.decodeArguments(as: Weather.self)
        #expect(weather == Weather(city: "Paris", days: 2, unit: nil, hourly: nil, coordinates: [48.8, 2.3]))
    }
}

@Suite("Request building")
struct RequestBuilderTests {
    private func builder(_ environment: [String: String], key: String? = nil, baseURL: String? = nil) -> RequestBuilder
    {
        let descriptor = ProviderDescriptor(
            id: "acme", displayName: "Acme", baseURL: "${ACME_URL:-http://localhost:8000}/v1",
            auth: AuthScheme(
                placement: .header(name: "Authorization", prefix: "Bearer"),
                keyVariables: ["ACME_TOKEN", "ACME_API_KEY"]),
            extraHeaders: [.init(name: "X-Org", value: "${ACME_ORG}")], endpoints: Endpoints(), capabilities: [],
            payloadFormat: .openai)
        return RequestBuilder(
            descriptor: descriptor,
            configuration: ClientConfiguration(apiKey: key, baseURL: baseURL, environment: environment))
    }

    @Test func keysComeFromTheExplicitValueThenTheVariablesInOrder() throws {
        #expect(try builder(["ACME_API_KEY": "b", "ACME_TOKEN": "a"]).apiKey() == "a")
        #expect(try builder(["ACME_API_KEY": "b"]).apiKey() == "b")
        #expect(try builder(["ACME_API_KEY": "b"], key: "explicit").apiKey() == "explicit")
        let error = #expect(throws: AIError.self) { try builder([:]).apiKey() }
        #expect(
            error?.description
                == "E1002 authentication: no API key: pass one explicitly or set ACME_TOKEN or ACME_API_KEY")
    }

    @Test func placeholdersAndDefaults() throws {
        let request = try builder(["ACME_TOKEN": "t", "ACME_ORG": "o"]).request(
            Endpoint(path: "/models/{model}:go"), model: "a/b c", body: nil, accept: "application/json")
        #expect(request.url == "http://localhost:8000/v1/models/a%2Fb%20c:go")
        #expect(request.headers.contains(.init(name: "Authorization", value: "Bearer t")))
        #expect(request.headers.contains(.init(name: "X-Org", value: "o")))
        let overridden = try builder(["ACME_TOKEN": "t", "ACME_ORG": "o", "ACME_URL": "https://acme.test"]).request(
            Endpoint(path: "/chat"), model: "m", body: [], accept: "text/event-stream")
        #expect(overridden.url == "https://acme.test/v1/chat")
        // A header whose variable is unset is left out; a base URL's is an error.
        let withoutOrg = try builder(["ACME_TOKEN": "t"]).request(
            Endpoint(path: "/chat"), model: "m", body: nil, accept: "x")
        #expect(!withoutOrg.headers.contains { $0.name == "X-Org" })
    }

    @Test func queryParameterAuthAndNoAuth() throws {
        let query = ProviderDescriptor(
            id: "q", displayName: "Q", baseURL: "https://q.test/v1",
            auth: AuthScheme(placement: .query(name: "key"), keyVariables: ["Q_KEY"]), endpoints: Endpoints(),
            capabilities: [], payloadFormat: .openai)
        let request = try RequestBuilder(
            descriptor: query, configuration: ClientConfiguration(environment: ["Q_KEY": "a b&c"])
        ).request(Endpoint(path: "/m?alt=sse"), model: "m", body: nil, accept: "x")
        #expect(request.url == "https://q.test/v1/m?alt=sse&key=a%20b%26c")
        #expect(!request.headers.contains { $0.name == "Authorization" })
        let open = ProviderDescriptor(
            id: "o", displayName: "O", baseURL: "http://localhost:8000",
            auth: AuthScheme(placement: .none, keyVariables: []),
            endpoints: Endpoints(), capabilities: [], payloadFormat: .openai)
        #expect(
            try RequestBuilder(descriptor: open, configuration: ClientConfiguration(environment: [:])).apiKey() == nil)
    }

    @Test func proxyFromTheEnvironment() {
        let proxy = AsyncHTTPClientTransport.proxy(from: ["HTTPS_PROXY": "http://user:pw@proxy.internal:3128/"])
        #expect(proxy == .server(host: "proxy.internal", port: 3128))
        #expect(
            AsyncHTTPClientTransport.proxy(from: ["http_proxy": "proxy:8080"]) == .server(host: "proxy", port: 8080))
        #expect(AsyncHTTPClientTransport.proxy(from: [:]) == nil)
    }

    @Test func httpDatesAndSeconds() {
        let date = HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(date?.timeIntervalSince1970 == 784_111_777)
        #expect(HTTPDate.parse("yesterday") == nil)
    }
}

@Suite("Retry delays")
struct RetryDelayTests {
    private func loop(_ jitter: RetryPolicy.Jitter, backoff: RetryPolicy.Backoff = .exponential) -> RetryPolicy {
        RetryPolicy(minDelay: .milliseconds(500), maxDelay: .seconds(4), jitter: jitter, backoff: backoff)
    }

    @Test func linearAndFixedBackoff() {
        #expect(loop(.none, backoff: .linear).delay(beforeRetry: 1) == .milliseconds(500))
        #expect(loop(.none, backoff: .linear).delay(beforeRetry: 3) == .milliseconds(1500))
        #expect(loop(.none, backoff: .linear).delay(beforeRetry: 20) == .seconds(4))
        #expect(loop(.none, backoff: .fixed).delay(beforeRetry: 1) == .milliseconds(500))
        #expect(loop(.none, backoff: .fixed).delay(beforeRetry: 7) == .milliseconds(500))
    }

    @Test func backoffDoublesUpToTheMaximum() {
        #expect(loop(.none).delay(beforeRetry: 1) == .milliseconds(500))
        #expect(loop(.none).delay(beforeRetry: 2) == .seconds(1))
        #expect(loop(.none).delay(beforeRetry: 4) == .seconds(4))
        #expect(loop(.none).delay(beforeRetry: 9) == .seconds(4))
    }

    @Test func jitterStaysWithinItsBounds() {
        for attempt in 1...5 {
            let full = loop(.full).delay(beforeRetry: attempt)
            let equal = loop(.equal).delay(beforeRetry: attempt)
            let cap = loop(.none).delay(beforeRetry: attempt)
            // Never below the minimum delay: full jitter spreads from it to the backoff's value,
            // equal jitter from the middle of that range.
            #expect(full >= .milliseconds(500) && full <= cap)
            #expect(equal >= .milliseconds(500) + (cap - .milliseconds(500)) / 2 && equal <= cap)
        }
    }

    @Test func retryAfterWinsButIsCapped() {
        #expect(loop(.full).delay(beforeRetry: 1, retryAfter: .seconds(2)) == .seconds(2))
        #expect(loop(.full).delay(beforeRetry: 1, retryAfter: .seconds(60)) == .seconds(4))
    }
}
