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
        .executable(name: "speakwell-bench", targets: ["speakwell-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CSndFile", path: "Sources/CSndFile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3f",
                       providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CEspeakNG", path: "Sources/CEspeakNG",
                       providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "CSoxr", path: "Sources/CSoxr", pkgConfig: "soxr",
                       providers: [.apt(["libsoxr-dev"])]),

        .target(name: "SpeechDSP", dependencies: ["CFFTW"], swiftSettings: strict),
        .target(name: "SpeechAudio", dependencies: ["SpeechDSP", "CSndFile", "CSoxr"], swiftSettings: strict),
        // Text to speech (libespeak-ng) with word timings: synthetic references and text alignment.
        .target(name: "SpeechSynthesis", dependencies: ["CEspeakNG", "SpeechAudio", "SpeechDSP"], swiftSettings: strict),
        // SpeechSynthesis feeds the reference aligner (word timings from the prompt text) and synthetic references.
        .target(name: "SpeechAnalysis", dependencies: ["SpeechDSP", "SpeechAudio", "SpeechSynthesis"], swiftSettings: strict),
        // Batch manifests, the resumable results ledger and its CSV views.
        .target(name: "SpeechBatch", dependencies: ["SpeechAnalysis"], swiftSettings: strict),
        .executableTarget(
            name: "speakwell",
            dependencies: [
                "SpeechAnalysis", "SpeechAudio", "SpeechBatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // Benchmark drivers (bench/*/run); never part of the test run.
        .executableTarget(name: "speakwell-bench", dependencies: ["SpeechAudio"], swiftSettings: strict),
        .executableTarget(name: "speakwell-bench-fluency", dependencies: ["SpeechAnalysis", "SpeechAudio"],
                          swiftSettings: strict),

        // Pitch benchmark driver (bench/pitch/run); never part of the product.
        .executableTarget(name: "speakwell-bench-pitch",
                          dependencies: ["SpeechDSP", "SpeechAudio", "CAllocationCounter"], swiftSettings: strict),
        // Counts heap allocations per thread by interposing malloc: tests and benchmarks only.
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),

        // Benchmark driver of bench/pronunciation (never run by `swift test`).
        .executableTarget(name: "speakwell-bench-pronunciation", dependencies: ["SpeechAnalysis", "SpeechAudio"],
                          swiftSettings: strict),

        // Benchmark driver of bench/align (never run by `swift test`).
        .executableTarget(name: "speakwell-bench-align", dependencies: ["SpeechAnalysis", "SpeechAudio"],
                          swiftSettings: strict),

        .target(name: "SpeechTestSupport", dependencies: ["SpeechAudio"], path: "Tests/SpeechTestSupport",
                swiftSettings: strict),
        .testTarget(name: "SpeechDSPTests", dependencies: ["SpeechDSP", "SpeechTestSupport", "CAllocationCounter"], swiftSettings: strict),
        .testTarget(name: "SpeechAudioTests", dependencies: ["SpeechAudio", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechAnalysisTests", dependencies: ["SpeechAnalysis", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechSynthesisTests", dependencies: ["SpeechSynthesis", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechBatchTests", dependencies: ["SpeechBatch", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["speakwell", "SpeechAnalysis", "SpeechTestSupport"], swiftSettings: strict),
    ]
)
