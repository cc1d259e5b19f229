// swift-tools-version: 6.1
import PackageDescription

// A package of your own with a provider the bundled spec does not have: a self-hosted,
// OpenAI-compatible gateway. Its manifest lives in the target; the build plugin compiles it.
let package = Package(
    name: "CustomProvider",
    platforms: [.macOS(.v14)],
    dependencies: [
        // In your package: .package(url: "https://github.com/…/ai-protocol-swift", from: "…").
        .package(name: "ai-protocol-swift", path: "../.."),
        // Only for the test's loopback server.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "AcmeGateway",
            dependencies: [.product(name: "AIProtocol", package: "ai-protocol-swift")],
            plugins: [.plugin(name: "ProtocolCompilerPlugin", package: "ai-protocol-swift")]
        ),
        .testTarget(
            name: "AcmeGatewayTests",
            dependencies: [
                "AcmeGateway",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
