import Metrics
import Prometheus
import SpeechQueue

/// The process's Prometheus registry. swift-metrics is bootstrapped with it once per process, so the
/// request metrics (Hummingbird's `MetricsMiddleware`: `hb_requests`, `hb_request_duration`) and the
/// worker pool's (`speakwell_job_duration_seconds`, `speakwell_analysis_realtime_factor`) land here;
/// queue gauges are read from the queue at scrape time so they are never stale.
public enum ServerMetrics {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapOnce: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        factory.valueHistogramBuckets["speakwell_analysis_realtime_factor"] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500]
        MetricsSystem.bootstrap(factory)
    }()

    /// Idempotent: the first call per process bootstraps swift-metrics.
    public static func bootstrap() { _ = bootstrapOnce }

    /// Sets the queue gauges from a fresh `stats()` and returns the exposition text.
    static func scrape(queue: any JobQueue) async -> [UInt8] {
        if let stats = try? await queue.stats() {
            for (state, count) in stats.counts {
                registry.makeGauge(name: "speakwell_queue_jobs", labels: [("state", state.rawValue)],
                                   help: "Jobs in the queue by state").set(to: Double(count))
            }
            registry.makeGauge(name: "speakwell_queue_oldest_queued_age_seconds",
                               help: "How long the longest-waiting due job has waited")
                .set(to: stats.oldestQueuedAge?.seconds ?? 0)
        }
        return registry.emitToBuffer()
    }
}
