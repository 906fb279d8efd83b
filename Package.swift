// swift-tools-version:6.1
import PackageDescription

// Layering (each target depends only on those above it in this list):
// CSndFile, CFFTW, CSoxr, CVectorKernels -> SpeechDSP -> SpeechAudio -> SpeechAnalysis
//   -> SpeechQueue (+ backends) -> SpeechWorker -> SpeechServer -> speakwell
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// The per-frame DSP loops write arrays held by classes; in release their run-time exclusivity checks
// (swift_beginAccess per element access) cost about 3 % of a worker's time. The static checks stay on.
let dsp: [SwiftSetting] = strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Speakwell",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "speakwell", targets: ["speakwell"]),
        .executable(name: "speakwell-bench", targets: ["speakwell-bench"]),
        .executable(name: "speakwell-load", targets: ["speakwell-load"]),
        .executable(name: "speakwell-queue-bench", targets: ["speakwell-queue-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
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

        // libsphinxbase's MFCC front end (Debian libsphinxbase-dev) configured as PocketSphinx's en-us model expects; a C
        // target because a C macro builds its arguments. Linked by name, not through pkg-config, whose Libs add
        // libsphinxad (audio devices: PulseAudio, ALSA), which Speakwell never uses.
        .target(name: "CSphinxFrontEnd", path: "Sources/CSphinxFrontEnd", linkerSettings: [.linkedLibrary("sphinxbase")]),
        // Vector kernels that need a CPU level chosen at run time (AVX2), which Swift cannot express.
        .target(name: "CVectorKernels", path: "Sources/CVectorKernels"),
        .target(name: "SpeechDSP", dependencies: ["CFFTW", "CVectorKernels"], swiftSettings: dsp),
        .target(name: "SpeechAudio", dependencies: ["SpeechDSP", "CSndFile", "CSoxr"], swiftSettings: strict),
        // Text to speech (libespeak-ng) with word timings: synthetic references and text alignment.
        // Two GNU process calls (pipe2, closefrom in posix_spawn) that Swift's Glibc module does not show.
        .target(name: "CChildProcess", path: "Sources/CChildProcess"),
        .target(name: "SpeechSynthesis", dependencies: ["CEspeakNG", "CChildProcess", "SpeechAudio", "SpeechDSP"], swiftSettings: strict),
        // Renders each utterance in its own process (SpeechSynthesis/SynthesisProcess.swift says why); ships with speakwell.
        .executableTarget(name: "speakwell-espeak", dependencies: ["SpeechSynthesis"], swiftSettings: strict),
        // SpeechSynthesis feeds the reference aligner (word timings from the prompt text) and synthetic references.
        .target(name: "SpeechAnalysis", dependencies: ["SpeechDSP", "SpeechAudio", "SpeechSynthesis", "CSphinxFrontEnd"],
                swiftSettings: dsp),

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
        // The worker pool: analysis threads fed from the queue.
        .target(name: "SpeechWorker",
                dependencies: [
                    "SpeechAnalysis", "SpeechAudio", "SpeechDSP", "SpeechQueue",
                    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                    .product(name: "Logging", package: "swift-log"),
                    .product(name: "Metrics", package: "swift-metrics"),
                ],
                swiftSettings: strict),
        // Batch scoring: manifests, the resumable results ledger, submission and following through the queue.
        // `--server` mode talks to a running service's batch routes with AsyncHTTPClient.
        .target(name: "SpeechBatch",
                dependencies: [
                    "SpeechAnalysis", "SpeechAudio", "SpeechQueue", "SpeechWorker",
                    .product(name: "AsyncHTTPClient", package: "async-http-client"),
                    .product(name: "NIOCore", package: "swift-nio"),
                    .product(name: "NIOHTTP1", package: "swift-nio"),
                ],
                swiftSettings: strict),
        // The HTTP service: API, pages, auth, metrics; runs the worker pool in its ServiceGroup.
        .target(name: "SpeechServer",
                dependencies: [
                    "SpeechAnalysis", "SpeechAudio", "SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres", "SpeechWorker",
                    .product(name: "NIOCore", package: "swift-nio"),
                    .product(name: "NIOPosix", package: "swift-nio"),
                    .product(name: "NIOFoundationCompat", package: "swift-nio"),
                    .product(name: "Hummingbird", package: "hummingbird"),
                    .product(name: "HTTPTypes", package: "swift-http-types"),
                    .product(name: "Prometheus", package: "swift-prometheus"),
                    .product(name: "Metrics", package: "swift-metrics"),
                    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                    .product(name: "Logging", package: "swift-log"),
                    .product(name: "Crypto", package: "swift-crypto"),
                    .product(name: "GRDB", package: "GRDB.swift"),
                    .product(name: "PostgresNIO", package: "postgres-nio"),
                ],
                resources: [.copy("Resources/openapi.json")],
                swiftSettings: strict),

        .executableTarget(
            name: "speakwell",
            dependencies: [
                "SpeechAnalysis", "SpeechAudio", "SpeechBatch", "SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres",
                "SpeechSynthesis", "SpeechWorker", "SpeechServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Benchmark drivers (bench/*/run); never part of the test run.
        .executableTarget(name: "speakwell-bench", dependencies: ["SpeechAudio"], swiftSettings: strict),
        // bench/load's HTTP load generator (bench/load/run).
        .executableTarget(name: "speakwell-load",
                          dependencies: [
                              .product(name: "AsyncHTTPClient", package: "async-http-client"),
                              .product(name: "NIOCore", package: "swift-nio"),
                              .product(name: "NIOFoundationCompat", package: "swift-nio"),
                          ],
                          path: "bench/load/Sources", swiftSettings: strict),
        .executableTarget(name: "speakwell-bench-fluency", dependencies: ["SpeechAnalysis", "SpeechAudio"],
                          swiftSettings: strict),

        // Pitch benchmark driver (bench/pitch/run); never part of the product.
        .executableTarget(name: "speakwell-bench-pitch",
                          dependencies: ["SpeechDSP", "SpeechAudio", "CAllocationCounter"], swiftSettings: strict),
        // Counts heap allocations per thread by interposing malloc: tests and benchmarks only.
        .target(name: "CAllocationCounter", path: "Tests/CAllocationCounter"),

        // bench/queue's driver: no-op jobs through both backends.
        .executableTarget(name: "speakwell-queue-bench",
                          dependencies: ["SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres"],
                          path: "bench/queue/Sources", swiftSettings: strict),
        // Benchmark driver of bench/pronunciation (never run by `swift test`).
        .executableTarget(name: "speakwell-bench-pronunciation", dependencies: ["SpeechAnalysis", "SpeechAudio", "SpeechDSP", "SpeechSynthesis"],
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
        .testTarget(name: "SpeechQueueTests",
                    dependencies: ["SpeechQueue", "SpeechQueueSQLite", "SpeechQueuePostgres", "SpeechTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SpeechWorkerTests",
                    dependencies: ["SpeechWorker", "SpeechQueueSQLite", "SpeechTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SpeechServerTests",
                    dependencies: [
                        "SpeechServer", "SpeechTestSupport",
                        .product(name: "HummingbirdTesting", package: "hummingbird"),
                        .product(name: "HTTPTypes", package: "swift-http-types"),
                        .product(name: "WSClient", package: "swift-websocket"),
                    ],
                    swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["speakwell", "SpeechAnalysis", "SpeechQueue", "SpeechTestSupport"], swiftSettings: strict),
    ]
)
