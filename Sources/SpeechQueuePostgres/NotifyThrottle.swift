import Foundation
import Logging
import PostgresNIO

/// Sends `NOTIFY` after enqueues, at most once per `interval` per process, and always once after the
/// last enqueue of a burst (trailing edge), so an idle worker elsewhere hears of every burst within
/// `interval` while busy writers do not serialise on NOTIFY's commit-time lock.
final class NotifyThrottle: @unchecked Sendable {
    private let client: PostgresClient
    private let channel: String
    private let interval: Duration
    private let logger: Logger
    private let lock = NSLock()
    private var lastSent: ContinuousClock.Instant?
    private var trailingScheduled = false

    init(client: PostgresClient, channel: String, interval: Duration, logger: Logger) {
        self.client = client
        self.channel = channel
        self.interval = interval
        self.logger = logger
    }

    func jobsAdded() {
        let now = ContinuousClock.now
        let delay: Duration? = lock.withLock {
            if trailingScheduled { return nil }
            if let lastSent, now - lastSent < interval {
                trailingScheduled = true
                return interval - (now - lastSent)
            }
            lastSent = now
            return .zero
        }
        guard let delay else { return }
        Task {
            if delay > .zero {
                try? await Task.sleep(for: delay)
                lock.withLock {
                    trailingScheduled = false
                    lastSent = ContinuousClock.now
                }
            }
            do {
                try await client.query(PostgresQuery(unsafeSQL: "NOTIFY \(channel)"), logger: logger)
            } catch {
                logger.debug("NOTIFY failed; idle workers fall back to polling", metadata: ["error": "\(error)"])
            }
        }
    }
}
