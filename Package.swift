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
        .executable(name: "speakwell-queue-bench", targets: ["speakwell-queue-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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

        // The job queue: protocol, lifecycle state machine, recording store; one target per backend.
        .target(name: "SpeechQueue",
                dependencies: [.product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        .target(name: "SpeechQueueSQLite",
                dependencies: ["SpeechQueue", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),
        .target(name: "SpeechQueuePostgres",
                dependencies: [
                    "SpeechQueue",
                    .product(name: "PostgresNIO", package: "postgres-nio"),
                    .product(name: "Logging", package: "swift-log"),
                ],
                swiftSettings: strict),
        .executableTarget(name: "speakwell-queue-bench",
                          dependencies: ["SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres"],
                          path: "bench/queue/Sources", swiftSettings: strict),

        .target(name: "SpeechTestSupport", dependencies: ["SpeechAudio"], path: "Tests/SpeechTestSupport",
                swiftSettings: strict),
        .testTarget(name: "SpeechDSPTests", dependencies: ["SpeechDSP", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechAudioTests", dependencies: ["SpeechAudio", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechAnalysisTests", dependencies: ["SpeechAnalysis", "SpeechTestSupport"], swiftSettings: strict),
        .testTarget(name: "SpeechQueueTests",
                    dependencies: ["SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres"],
                    swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["SpeechTestSupport"], swiftSettings: strict),
    ]
)

// The analysis targets and the CLI are written on the lead's branch while the queue is built on
// its own: a checkout that lacks their folders still builds and tests everything else.
// Once all folders exist (after the merge) this drops nothing.
import Foundation
let analysisGroup = ["SpeechDSP": "Sources", "SpeechAudio": "Sources", "SpeechAnalysis": "Sources",
                     "speakwell": "Sources", "SpeechTestSupport": "Tests", "SpeechDSPTests": "Tests",
                     "SpeechAudioTests": "Tests", "SpeechAnalysisTests": "Tests", "CLITests": "Tests"]
if analysisGroup.contains(where: { name, root in
    !FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/\(root)/\(name)")
}) {
    package.targets.removeAll { analysisGroup[$0.name] != nil }
    package.products.removeAll { $0.name == "speakwell" }
}
