import AcmeGateway
import Testing

/// The provider compiled from this package's own manifest, called against a loopback gateway.
@Suite("The Acme gateway, compiled by the build plugin")
struct AcmeGatewayTests {
    @Test func aReplyAndAStreamedReply() async throws {
        let gateway = try await LoopbackGateway.start()
        do {
            let client = Acme.client(baseURL: gateway.baseURL, apiKey: "test-key")

            let reply = try await client.chat(model: .acmeChatLarge, messages: [.user("Hello?")])
            #expect(reply.text == "Hello from Acme.")
            #expect(reply.finishReason == .endTurn)
            #expect(reply.usage?.totalTokens == 13)

            var text = ""
            for try await event in client.stream(model: .acmeChatLarge, messages: [.user("Hello?")]) {
                if case .textDelta(let delta, _) = event { text += delta }
            }
            #expect(text == "Hello from Acme.")

            let requests = await gateway.requests
            #expect(requests.count == 2)
            for request in requests {
                #expect(request.path == "/v1/chat/completions")
                #expect(request.headers["authorization"] == ["Bearer test-key"])
                #expect(request.headers["x-acme-team"] == ["platform"])
                #expect(request.body.contains(#""model":"acme-chat-large""#))
            }
        } catch {
            try await gateway.stop()
            throw error
        }
        try await gateway.stop()
    }

    @Test func theRegistryHasTheModelsAndTheBundledProvider() {
        #expect(Acme.Model.acmeChatLarge.id == "acme-chat-large")
        #expect(Acme.Model.acmeChatLarge.info?.contextWindow == 131072)
        #expect(Acme.Model.acmeChatSmall.info?.contextWindow == 32768)
        #expect(AcmeProviders.provider(id: "acme") == Acme.self)
        // ai-protocol.json compiles the bundled Ollama provider into this target too.
        #expect(AcmeProviders.provider(id: "ollama") == Ollama.self)
    }
}
