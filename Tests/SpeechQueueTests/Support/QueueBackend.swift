import Foundation
import SpeechQueue
import SpeechQueuePostgres
import SpeechQueueSQLite
import SpeechTestSupport
import Synchronization
import Testing

/// The backends the conformance suite runs against. PostgreSQL needs `SPEAKWELL_TEST_POSTGRES_URL`
/// (scripts/with-postgres sets it); under CI=true a missing URL fails the test instead of skipping it.
enum QueueBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SPEAKWELL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isCI: Bool {
        ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
    }

    /// A fresh, empty queue on this backend with a manual clock; closed (and its schema dropped) afterwards.
    /// Returns without running `body` when PostgreSQL is not configured on a developer machine.
    func withQueue(
        _ adjust: (inout QueueConfiguration) -> Void = { _ in },
        _ body: (any JobQueue, ManualQueueClock) async throws -> Void
    ) async throws {
        let clock = ManualQueueClock()
        var configuration = QueueConfiguration()
        configuration.clock = clock
        configuration.retry.jitterFraction = 0.25
        adjust(&configuration)
        let queue: any JobQueue
        switch self {
        case .sqlite:
            let path = TestScratch.url("speakwell-queue").path + ".sqlite"
            queue = try SQLiteJobQueue(path: path, configuration: configuration)
        case .postgres:
            guard let url = Self.postgresURL else {
                if Self.isCI {
                    throw QueueError.invalidRequest(
                        "SPEAKWELL_TEST_POSTGRES_URL is not set but CI=true: run the suite through scripts/with-postgres")
                }
                PostgresSkipNotice.printOnce()
                return
            }
            var options = PostgresJobQueue.Options()
            options.schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            options.maximumConnections = 6
            queue = try await PostgresJobQueue.connect(url: url, configuration: configuration, options: options)
        }
        do {
            try await body(queue, clock)
        } catch {
            await queue.close()
            throw error
        }
        await queue.close()
    }
}

/// Says once per test run why the PostgreSQL half of the suite did nothing.
enum PostgresSkipNotice {
    private static let printed = Mutex(false)
    static func printOnce() {
        let first = printed.withLock { value in
            defer { value = true }
            return !value
        }
        if first {
            print("note: SPEAKWELL_TEST_POSTGRES_URL is unset, PostgreSQL conformance tests skipped; run them with scripts/with-postgres swift test")
        }
    }
}
