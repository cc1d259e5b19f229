#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Client where Provider: EmbeddingsAdapter {
    /// The embedding vectors of `inputs`, one per text, in order.
    public func embed(
        model: Provider.Model, inputs: [String], dimensions: Int? = nil
    ) async throws(AIError) -> EmbeddingsResponse {
        let request = EmbeddingsRequest(model: model.id, inputs: inputs, dimensions: dimensions)
        guard let endpoint = Provider.descriptor.endpoints.embeddings else {
            throw AIError(
                .unsupportedFeature("embeddings"), errorClass: .invalidRequest, providerID: Provider.descriptor.id)
        }
        let bytes = try await exchange(
            endpoint, model: model.id, body: try encode(try Provider.embeddingsBody(for: request)),
            operation: "embeddings")
        do {
            return Provider.embeddingsResponse(
                from: try JSONDecoder().decode(Provider.EmbeddingsResponseBody.self, from: Data(bytes)))
        } catch {
            throw AIError(
                .invalidResponse("the body is not JSON: \(String(decoding: bytes.prefix(200), as: UTF8.self))"),
                errorClass: .unknown, providerID: Provider.descriptor.id)
        }
    }
}

extension Client {
    /// The ids of the models the provider lists (its `list_models` service).
    public func listModels() async throws(AIError) -> [String] {
        guard let endpoint = Provider.descriptor.endpoints.listModels else {
            throw AIError(
                .unsupportedFeature("listing models"), errorClass: .invalidRequest, providerID: Provider.descriptor.id)
        }
        let bytes = try await exchange(endpoint, model: "", body: nil, operation: "list_models")
        guard let list = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            throw AIError(
                .invalidResponse("the model list is not JSON"), errorClass: .unknown, providerID: Provider.descriptor.id
            )
        }
        let entries =
            list.elements ?? Provider.descriptor.endpoints.modelListKey.flatMap { list.member($0)?.elements }
            ?? list.member("data")?.elements ?? list.member("models")?.elements ?? []
        return entries.compactMap { entry in
            guard let id = (entry.member("id") ?? entry.member("name") ?? entry.member("model"))?.stringValue else {
                return entry.stringValue
            }
            // Gemini names models "models/<id>".
            return id.hasPrefix("models/") ? String(id.dropFirst("models/".count)) : id
        }
    }

    /// Sends one request with retries and returns the whole body of the success.
    func exchange(_ endpoint: Endpoint, model: String, body: [UInt8]?, operation: String) async throws(AIError)
        -> [UInt8]
    {
        let telemetry = telemetry(model: model, operation: operation)
        do throws(AIError) {
            let builder = RequestBuilder(descriptor: Provider.descriptor, configuration: configuration)
            let secret = try builder.apiKey()
            let request = try builder.request(endpoint, model: model, body: body, accept: "application/json")
            let response = try await retryLoop(secret: secret, telemetry: telemetry).send(request, tokens: 0).response
            let bytes: [UInt8]
            do {
                bytes = try await response.collectBody()
            } catch {
                throw RetryLoop<Provider>.transportError(error, secret: secret)
            }
            telemetry.ended(usage: nil, failure: nil)
            return bytes
        } catch {
            telemetry.ended(usage: nil, failure: error)
            throw error
        }
    }
}
