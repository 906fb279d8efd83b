import Foundation

/// Counts of a running batch and what follows from them (rate, ETA).
public struct BatchProgress: Sendable {
    public var total: Int
    public var done: Int
    public var failed: Int
    /// Items already finished by an earlier run of the same batch (resumed, not redone).
    public var resumed: Int
    /// Seconds of audio analysed in this run.
    public var audioSeconds: Double
    public var startedAt: ContinuousClock.Instant

    public init(total: Int, resumed: Int) {
        self.total = total
        self.done = resumed
        self.failed = 0
        self.resumed = resumed
        self.audioSeconds = 0
        self.startedAt = .now
    }

    public var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - startedAt
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Audio hours analysed per wall-clock hour in this run (= x realtime).
    public var realtimeFactor: Double { elapsedSeconds > 0 ? audioSeconds / elapsedSeconds : 0 }

    /// Seconds until the end at this run's item rate; nil before the first item.
    public var etaSeconds: Double? {
        let doneHere = done - resumed
        guard doneHere > 0, elapsedSeconds > 0 else { return nil }
        return Double(total - done) * elapsedSeconds / Double(doneHere)
    }

    /// `[#######.....] 120/2000 (3 failed) 412x realtime, ETA 4m12s`
    public func line(barWidth: Int? = 30) -> String {
        var parts: [String] = []
        if let barWidth, total > 0 {
            let filled = Int((Double(done) / Double(total) * Double(barWidth)).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]")
        }
        parts.append("\(done)/\(total)")
        if failed > 0 { parts.append("(\(failed) failed)") }
        parts.append(String(format: "%.0fx realtime", realtimeFactor))
        if let eta = etaSeconds { parts.append("ETA \(Self.duration(eta))") }
        return parts.joined(separator: " ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return "\(whole / 3600)h\(String(format: "%02d", whole % 3600 / 60))m" }
        if whole >= 60 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole)s"
    }
}
