import Metrics

/// The pool's swift-metrics instruments (exported by whatever backend the process bootstrapped,
/// Prometheus in `speakwell serve` and `speakwell worker`).
struct WorkerMetrics: Sendable {
    /// Wall time of one analysis on its thread (decode + analyses + JSON).
    let jobDuration = Metrics.Timer(label: "speakwell_job_duration_seconds", preferredDisplayUnit: .seconds)
    /// Seconds of audio per second of analysis (x realtime) of each successful job.
    let realtimeFactor = Recorder(label: "speakwell_analysis_realtime_factor")
    let busyWorkers = Gauge(label: "speakwell_workers_busy")
    let succeeded = Counter(label: "speakwell_jobs_finished_total", dimensions: [("outcome", "succeeded")])
    let rejected = Counter(label: "speakwell_jobs_finished_total", dimensions: [("outcome", "rejected")])
    let retried = Counter(label: "speakwell_jobs_finished_total", dimensions: [("outcome", "failed_transiently")])
    let handedBack = Counter(label: "speakwell_jobs_handed_back_total")
}
