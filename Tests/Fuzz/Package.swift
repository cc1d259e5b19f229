// swift-tools-version: 6.0
// The libFuzzer target of the compiled frame scanners. A package of its own, because a fuzzer
// has no `main` (libFuzzer brings one) and builds only with the sanitizer flags:
//
//     Tests/Fuzz/fuzz.sh [seconds]
import PackageDescription

let package = Package(
    name: "FrameScannerFuzzing",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "ai-protocol-swift", path: "../..")],
    targets: [
        .executableTarget(
            name: "FrameScannerFuzzer",
            dependencies: [.product(name: "AIProviders", package: "ai-protocol-swift")]
        )
    ],
    swiftLanguageModes: [.v6]
)
