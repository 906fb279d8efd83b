import Foundation
import Logging
import ServiceLifecycle
import SpeechQueue

/// N analysis threads fed from the queue, as a swift-service-lifecycle `Service`.
///
/// The claim loop leases at most as many jobs as there are idle threads, in one batch; each job runs on
/// its own dedicated thread (never an event loop) while a heartbeat task renews every in-flight lease at a
/// third of the lease duration. Bad input (a `DecodeError`) fails the job permanently; storage trouble
/// fails it retryably. On graceful shutdown (SIGTERM) the pool stops claiming, lets running jobs finish
/// within `shutdownGracePeriod`, and hands the rest back to the queue without using an attempt.
public final class WorkerPool: Service, Sendable {
    public let configuration: WorkerPoolConfiguration
    private let queue: any JobQueue
    private let recordings: RecordingStore
    private let logger: Logger
    private let metrics = WorkerMetrics()

    public init(queue: any JobQueue, recordings: RecordingStore, configuration: WorkerPoolConfiguration = .init(),
                logger: Logger = Logger(label: "speakwell.worker")) {
        self.queue = queue
        self.recordings = recordings
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let count = configuration.effectiveWorkerCount
        let threads = (0..<count).map {
            AnalysisThread(name: "speakwell-analysis-\($0)", recordings: recordings, configuration: configuration)
        }
        defer { threads.forEach { $0.stop() } }
        let idle = IdleThreads(threads)
        let inFlight = InFlightJobs()
        let heartbeat = Task { await heartbeatLoop(inFlight) }
        defer { heartbeat.cancel() }
        logger.info("worker pool started", metadata: ["workers": "\(count)"])

        await withGracefulShutdownHandler {
            await claimLoop(idle: idle, inFlight: inFlight)
        } onGracefulShutdown: {
            Task { await idle.close() }
        }
        await idle.close()

        // Stop: running jobs get the grace period (none if the task was cancelled outright), then go back.
        let grace = Task.isCancelled ? Duration.zero : configuration.shutdownGracePeriod
        await inFlight.waitUntilEmpty(timeout: grace)
        let leftover = inFlight.takeAll()
        if !leftover.isEmpty {
            do {
                let outcome = try await queue.release(leftover)
                metrics.handedBack.increment(by: outcome.accepted.count)
                logger.notice("handed jobs back on shutdown", metadata: ["jobs": "\(outcome.accepted.count)"])
            } catch {
                logger.error("handing jobs back failed; their leases will expire", metadata: ["error": "\(error)"])
            }
        }
        logger.info("worker pool stopped")
    }

    private func claimLoop(idle: IdleThreads, inFlight: InFlightJobs) async {
        while !Task.isCancelled {
            guard let first = await idle.acquire() else { return }
            let available = [first] + (await idle.takeAvailable())
            let jobs: [ClaimedJob]
            do {
                jobs = try await queue.claim(limit: available.count)
            } catch {
                await idle.giveBack(available)
                logger.error("claiming jobs failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            if jobs.isEmpty {
                await idle.giveBack(available)
                await queue.waitForWork(timeout: queue.configuration.pollInterval)
                continue
            }
            await idle.giveBack(Array(available.dropFirst(jobs.count)))
            for (job, thread) in zip(jobs, available) {
                inFlight.add(job.lease)
                metrics.busyWorkers.record(inFlight.count)
                // Unstructured on purpose: shutdown must not wait for an analysis past its grace period.
                Task {
                    await self.process(job, on: thread, inFlight: inFlight)
                    await idle.giveBack([thread])
                    self.metrics.busyWorkers.record(inFlight.count)
                }
            }
        }
    }

    private func process(_ job: ClaimedJob, on thread: AnalysisThread, inFlight: InFlightJobs) async {
        let payload = job.payload
        let started = ContinuousClock.now
        let outcome = await thread.perform { runner in runner.run(payload: payload) }
        metrics.jobDuration.record(duration: ContinuousClock.now - started)
        guard let lease = inFlight.finish(job.jobID) else {
            logger.debug("job no longer ours; result dropped", metadata: ["job": "\(job.jobID)"])
            return
        }
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = "\(job.jobID)"
        jobLogger[metadataKey: "attempt"] = "\(job.attempt)"
        do {
            switch outcome {
            case .succeeded(let result, let audioSeconds, let analysisSeconds):
                try await queue.complete(lease, result: result)
                metrics.succeeded.increment()
                if analysisSeconds > 0 { metrics.realtimeFactor.record(audioSeconds / analysisSeconds) }
                jobLogger.debug("job succeeded", metadata: ["audio_s": "\(audioSeconds)", "analysis_s": "\(analysisSeconds)"])
            case .rejected(let code, let message):
                try await queue.fail(lease, error: JobErrorInfo(code: code, message: message), retryable: false)
                metrics.rejected.increment()
                jobLogger.info("job rejected: bad input", metadata: ["code": "\(code)"])
            case .failedTransiently(let code, let message):
                try await queue.fail(lease, error: JobErrorInfo(code: code, message: message), retryable: true)
                metrics.retried.increment()
                jobLogger.warning("job failed; will be retried", metadata: ["code": "\(code)", "message": "\(message)"])
            }
        } catch {
            // Lease lost or cancelled meanwhile (the queue keeps the other run's result), or the
            // database is away: the lease then expires and the job runs again.
            jobLogger.warning("finishing job refused", metadata: ["error": "\(error)"])
        }
    }

    private func heartbeatLoop(_ inFlight: InFlightJobs) async {
        let interval = queue.configuration.leaseDuration / 3
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let leases = inFlight.snapshot()
            if leases.isEmpty { continue }
            do {
                let outcome = try await queue.heartbeat(leases)
                inFlight.renewed(outcome.accepted)
                if !outcome.refused.isEmpty {
                    inFlight.lost(outcome.refused.keys)
                    logger.info("leases refused on heartbeat", metadata: ["jobs": "\(outcome.refused.count)"])
                }
            } catch {
                logger.error("heartbeat failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
