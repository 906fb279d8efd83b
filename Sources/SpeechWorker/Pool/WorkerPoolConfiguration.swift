import Foundation
import SpeechAnalysis
import SpeechAudio

/// Every worker-pool default in one place.
public struct WorkerPoolConfiguration: Sendable {
    /// Analysis threads (1 ... 256); default: the machine's active cores.
    public var workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    /// After SIGTERM, how long in-flight jobs may run on before their leases are handed back (seconds of `Duration`).
    public var shutdownGracePeriod: Duration = .seconds(20)
    /// Limits applied when a worker decodes a recording (the API applies the same ones at upload).
    public var decodeLimits: DecodeLimits = DecodeLimits()
    public var analysis: AnalysisConfiguration = AnalysisConfiguration()
    /// Decoded reference recordings each worker keeps (models are shared by many submissions).
    public var referenceCacheEntries: Int = 16
    /// Stack of each analysis thread, bytes.
    public var threadStackBytes: Int = 8 << 20

    public init() {}

    /// `workerCount` clamped to 1 ... 256.
    public var effectiveWorkerCount: Int { min(max(workerCount, 1), 256) }
}
