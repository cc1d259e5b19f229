// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ai-protocol-swift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "protocolc", targets: ["protocolc"]),
        .library(name: "LocatedYAML", targets: ["LocatedYAML"]),
        .library(name: "JSONSchemaValidation", targets: ["JSONSchemaValidation"]),
        .library(name: "ProtocolCompiler", targets: ["ProtocolCompiler"]),
        .library(name: "AIProtocol", targets: ["AIProtocol"]),
        .library(name: "AIProviders", targets: ["AIProviders"]),
        .executable(name: "ai-chat", targets: ["ai-chat"]),
        .executable(name: "ai-protocol-bench", targets: ["ai-protocol-bench"]),
        .plugin(name: "ProtocolCompilerPlugin", targets: ["ProtocolCompilerPlugin"]),
        .plugin(name: "GenerateProviders", targets: ["GenerateProviders"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // `swift package generate-documentation`: the DocC catalogs, built by the test command.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Debian's libyaml-dev; not Yams, which bundles its own copy of the same C symbols.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "LocatedYAML", dependencies: ["CLibYAML"]),
        .target(name: "JSONSchemaValidation", dependencies: ["LocatedYAML"]),
        .target(name: "ProtocolCompiler", dependencies: ["LocatedYAML", "JSONSchemaValidation"]),
        .executableTarget(
            name: "protocolc",
            dependencies: [
                "ProtocolCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A target's own provider manifests compiled at build time (see "Using the plugin").
        .plugin(name: "ProtocolCompilerPlugin", capability: .buildTool(), dependencies: ["protocolc"]),
        // `swift package generate-providers`: the same, into committed sources.
        .plugin(
            name: "GenerateProviders",
            capability: .command(
                intent: .custom(
                    verb: "generate-providers",
                    description: "Compile provider manifests into committed Swift (Generated/ or a target's Generated/)"
                ),
                permissions: [
                    .writeToPackageDirectory(reason: "It writes the generated provider sources into the package.")
                ]
            ),
            dependencies: ["protocolc"]
        ),
        // The vocabulary, generated from spec/vocabulary by `protocolc generate`.
        .target(name: "AIProtocolVocabulary", path: "Generated/AIProtocolVocabulary"),
        // The runtime that generated providers call.
        .target(
            name: "AIProtocol",
            dependencies: [
                "AIProtocolVocabulary",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // Every provider of spec/, compiled by `protocolc generate`.
        .target(name: "AIProviders", dependencies: ["AIProtocol"], path: "Generated/AIProviders"),
        .executableTarget(
            name: "ai-chat",
            dependencies: [
                "AIProviders", "LocatedYAML", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/ai-chat"
        ),
        .executableTarget(
            name: "ai-protocol-bench",
            dependencies: [
                "AIProviders", "ProtocolCompiler", "CLibYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/Bench"
        ),
        .executableTarget(
            name: "validation-benchmark",
            dependencies: ["LocatedYAML", "JSONSchemaValidation"],
            path: "Benchmarks/ValidationBenchmark"
        ),
        // What tests need from outside the repository, and the `.requires(_:)` trait that skips
        // without it (or fails under CI=true).
        .target(name: "TestPrerequisites", path: "Tests/TestPrerequisites"),
        .testTarget(name: "AIProtocolTests", dependencies: ["AIProtocol"]),
        .testTarget(name: "AIProvidersTests", dependencies: ["AIProviders"], exclude: ["Recordings"]),
        .testTarget(
            name: "ClientTests",
            dependencies: [
                "AIProviders",
                "ai-chat",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Recordings"]
        ),
        .testTarget(
            name: "MockServerTests", dependencies: ["AIProviders", "TestPrerequisites"], exclude: ["Fixtures"]),
        .testTarget(name: "LocatedYAMLTests", dependencies: ["LocatedYAML"]),
        .testTarget(name: "JSONSchemaValidationTests", dependencies: ["JSONSchemaValidation", "TestPrerequisites"]),
        .testTarget(
            name: "ProtocolCompilerTests", dependencies: ["ProtocolCompiler", "TestPrerequisites"],
            exclude: ["Manifests", "References"]),
        .testTarget(name: "ProtocolcTests", dependencies: ["protocolc", "ProtocolCompiler"], exclude: ["Fixtures"]),
        // The upstream compliance suite: its cases run through a driver executable that the
        // tests compile from the case manifests' generated providers and this library.
        .target(name: "ComplianceOperations", dependencies: ["AIProtocol"], path: "Tests/ComplianceOperations"),
        .testTarget(
            name: "ComplianceTests",
            dependencies: ["ComplianceOperations", "ProtocolCompiler", "LocatedYAML", "TestPrerequisites"],
            exclude: ["Waivers.yaml"]
        ),
        // The plugins, run by `swift build` on copies of Examples/CustomProvider.
        .testTarget(name: "PluginTests"),
    ]
)
