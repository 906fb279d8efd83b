// swift-tools-version:6.1
import PackageDescription

// Layering (each target depends only on those above it in this list):
// CSndFile, CFFTW, CSoxr -> SpeechDSP -> SpeechAudio -> SpeechAnalysis
//   -> SpeechQueue (+ backends) -> SpeechWorker -> SpeechServer -> speakwell
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Speakwell",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "speakwell", targets: ["speakwell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CSndFile", path: "Sources/CSndFile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CSoxr", path: "Sources/CSoxr", pkgConfig: "soxr",
                       providers: [.apt(["libsoxr-dev"])]),

        .target(name: "SpeechDSP", dependencies: ["CFFTW"], swiftSettings: strict),
        .target(name: "SpeechAudio", dependencies: ["SpeechDSP", "CSndFile", "CSoxr"], swiftSettings: strict),
        .target(name: "SpeechAnalysis", dependencies: ["SpeechDSP", "SpeechAudio"], swiftSettings: strict),
        .executableTarget(
            name: "speakwell",
            dependencies: [
                "SpeechAnalysis", "SpeechAudio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // Benchmark driver of bench/pronunciation (never run by `swift test`).
        .executableTarget(name: "speakwell-bench-pronunciation", dependencies: ["SpeechAnalysis", "SpeechAudio"],
                          swiftSettings: strict),

        .target(name: "SpeechTestSupport", dependencies: ["SpeechAudio"], path: "Tests/SpeechTestSupport",
                swiftSettings: strict),
        .testTarget(name: "SpeechDSPTests", dependencies: ["SpeechDSP", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechAudioTests", dependencies: ["SpeechAudio", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechAnalysisTests", dependencies: ["SpeechAnalysis", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["SpeechTestSupport"], swiftSettings: strict),
    ]
)
