import Foundation

/// Exponential backoff with jitter between retries of a failed job.
///
/// Delay after the n-th failed attempt: `initialDelay * multiplier^(n-1)`, capped at `maximumDelay`, then
/// scaled by a random factor in `[1 - jitterFraction, 1 + jitterFraction)` so that jobs failing together
/// (a database blip) do not all come back in the same instant.
public struct RetryPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var multiplier: Double
    public var maximumDelay: Duration
    /// 0 ... 1; 0 disables jitter.
    public var jitterFraction: Double

    public init(initialDelay: Duration = .seconds(2), multiplier: Double = 2, maximumDelay: Duration = .seconds(600),
                jitterFraction: Double = 0.25) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.jitterFraction = min(max(jitterFraction, 0), 1)
    }

    /// The delay before the next run after `failedAttempts` failures (>= 1); `jitterUnit` is uniform in [0, 1).
    public func delay(afterFailedAttempts failedAttempts: Int, jitterUnit: Double) -> Duration {
        let exponent = Double(max(failedAttempts, 1) - 1)
        let base = min(initialDelay.seconds * Foundation.pow(multiplier, exponent), maximumDelay.seconds)
        let factor = 1 - jitterFraction + 2 * jitterFraction * min(max(jitterUnit, 0), 1)
        return .microseconds(Int64((base * factor * 1_000_000).rounded()))
    }
}
