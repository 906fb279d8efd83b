import Logging
import ServiceLifecycle
import SpeechQueue

/// Periodic queue upkeep as a `Service`: re-queues jobs whose lease lapsed even when no worker is
/// claiming, and prunes finished jobs past their retention age.
public struct QueueMaintenance: Service {
    public struct Configuration: Sendable {
        public var interval: Duration = .seconds(5)
        /// Finished jobs (and their results) older than this are deleted; nil keeps them for ever.
        public var retention: Duration? = .seconds(180 * 24 * 3600)
        public init() {}
    }

    private let queue: any JobQueue
    private let configuration: Configuration
    private let logger: Logger

    public init(queue: any JobQueue, configuration: Configuration = .init(),
                logger: Logger = Logger(label: "speakwell.queue.maintenance")) {
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        var pruneDue = ContinuousClock.now
        while !Task.isCancelled {
            do {
                let expired = try await queue.expireLapsedLeases()
                if expired > 0 { logger.notice("re-queued jobs whose lease lapsed", metadata: ["jobs": "\(expired)"]) }
                if let retention = configuration.retention, ContinuousClock.now >= pruneDue {
                    let pruned = try await queue.prune(finishedOlderThan: retention)
                    if pruned > 0 { logger.info("pruned finished jobs", metadata: ["jobs": "\(pruned)"]) }
                    pruneDue = ContinuousClock.now + .seconds(3600)
                }
            } catch {
                logger.error("queue maintenance failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.interval) }
            } catch {
                return
            }
        }
    }
}
