/// Turns a provider's descriptor and a client's configuration into HTTP requests: the URL with
/// placeholders filled, the credential where the manifest puts it, the extra headers.
struct RequestBuilder: Sendable {
    let descriptor: ProviderDescriptor
    let configuration: ClientConfiguration

    /// The API key (see `AuthScheme.credential(explicit:environment:)`); `nil` for providers
    /// that take none.
    func apiKey() throws(AIError) -> String? {
        do {
            return try descriptor.auth.credential(
                explicit: configuration.apiKey, environment: configuration.environment)?
                .value
        } catch {
            var error = error
            error.providerID = descriptor.id
            throw error
        }
    }

    /// The request for an endpoint, with `{model}` filled in; an endpoint path that is an
    /// absolute URL is used as it is.
    func request(_ endpoint: Endpoint, model: String, body: [UInt8]?, accept: String) throws(AIError)
        -> TransportRequest
    {
        let key = try apiKey()
        var base = try expand(configuration.baseURL ?? descriptor.baseURL)
        while base.hasSuffix("/") { base.removeLast() }
        let path = endpoint.path.replacingAll("{model}", with: percentEncoded(model))
        // A manifest may give an operation an absolute URL of its own (a model list on another host).
        var url = path.contains("://") ? path : base + path
        var headers: [ProviderDescriptor.Header] = [
            .init(name: "Accept", value: accept), .init(name: "User-Agent", value: "ai-protocol-swift"),
        ]
        if body != nil { headers.append(.init(name: "Content-Type", value: "application/json")) }
        switch descriptor.auth.placement {
        case .header(let name, let prefix):
            if let key { headers.append(.init(name: name, value: prefix.map { "\($0) \(key)" } ?? key)) }
        case .query(let name):
            if let key {
                url += (url.contains("?") ? "&" : "?") + percentEncoded(name) + "=" + percentEncoded(key)
            }
        case .none:
            break
        }
        for header in descriptor.extraHeaders {
            // A header whose variable is unset is optional (such as an app's attribution): left out.
            guard let value = try? expand(header.value) else { continue }
            headers.append(.init(name: header.name, value: value))
        }
        for header in configuration.extraHeaders {
            headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
            headers.append(header)
        }
        return TransportRequest(
            method: endpoint.method, url: url, headers: headers, body: body, timeout: descriptor.timeout)
    }

    /// Fills `${NAME}` and `${NAME:-default}` placeholders from the environment.
    func expand(_ template: String) throws(AIError) -> String {
        var result = ""
        var rest = Substring(template)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let inside = rest[start.upperBound..<end]
            let name: Substring
            var fallback: Substring?
            if let separator = inside.firstRange(of: ":-") {
                name = inside[..<separator.lowerBound]
                fallback = inside[separator.upperBound...]
            } else {
                name = inside
            }
            if let value = configuration.environment[String(name)], !value.isEmpty {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                throw AIError(
                    .invalidConfiguration("set the environment variable \(name), or give the client a base URL"),
                    errorClass: .invalidRequest, providerID: descriptor.id)
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    private func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
