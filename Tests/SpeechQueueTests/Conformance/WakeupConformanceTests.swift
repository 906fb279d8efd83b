import Foundation
import SpeechQueue
import SpeechQueuePostgres
import Testing

/// Idle workers wake on new work promptly, without relying on polling.
@Suite struct WakeupConformanceTests {
    @Test(arguments: QueueBackend.allCases)
    func idleWorkerWakesOnEnqueueLongBeforeThePollInterval(_ backend: QueueBackend) async throws {
        try await backend.withQueue({ $0.pollInterval = .seconds(30) }) { queue, _ in
            try await Task.sleep(for: .milliseconds(300))
            await queue.waitForWork(timeout: .milliseconds(10))  // consume a wake-up left from start-up
            let worker = Task {
                let started = ContinuousClock.now
                await queue.waitForWork(timeout: .seconds(30))
                return ContinuousClock.now - started
            }
            try await Task.sleep(for: .milliseconds(100))
            _ = try await queue.enqueue(.named("wake"))
            let waited = await worker.value
            #expect(waited < .seconds(5), "waited \(waited)")
            #expect(try await queue.claim(limit: 1).count == 1)
        }
    }

    /// LISTEN/NOTIFY across processes: a worker on one node hears an enqueue made by another.
    @Test func postgresWorkerOnAnotherNodeWakesOnNotify() async throws {
        guard let url = QueueBackend.postgresURL else {
            if QueueBackend.isCI { Issue.record("SPEAKWELL_TEST_POSTGRES_URL unset under CI=true") }
            return
        }
        var configuration = QueueConfiguration()
        configuration.pollInterval = .seconds(30)
        var options = PostgresJobQueue.Options()
        options.schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        options.maximumConnections = 2
        let apiNode = try await PostgresJobQueue.connect(url: url, configuration: configuration, options: options)
        let workerNode = try await PostgresJobQueue.connect(url: url, configuration: configuration, options: options)
        try await Task.sleep(for: .milliseconds(500))
        await workerNode.waitForWork(timeout: .milliseconds(10))
        let worker = Task {
            let started = ContinuousClock.now
            await workerNode.waitForWork(timeout: .seconds(30))
            return ContinuousClock.now - started
        }
        try await Task.sleep(for: .milliseconds(100))
        _ = try await apiNode.enqueue(.named("remote"))
        let waited = await worker.value
        #expect(waited < .seconds(5), "waited \(waited)")
        #expect(try await workerNode.claim(limit: 1).count == 1)
        await apiNode.close()
        await workerNode.close()
    }
}
