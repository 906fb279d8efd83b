import Foundation
import SpeechDSP

extension PitchSummary {
    /// Fewest voiced frames for a summary (0.1 s at the default hop); fewer give all-nil values.
    public static let minimumVoicedFrames = 10

    /// Speaker-relative statistics of the voiced frames, in semitones re the median F0
    /// (`12 * log2(f0 / median)`), as in intonation research (e.g. 't Hart, Collier & Cohen 1990 for
    /// declination in semitones per second):
    /// - `medianHz`: median voiced F0;
    /// - `rangeSemitones`: 95th minus 5th percentile (linear interpolation between order statistics);
    /// - `sdSemitones`: sample standard deviation;
    /// - `slopeSemitonesPerSecond`: least-squares slope against frame time (negative = declination).
    public init(track: PitchTrack) {
        var times: [Double] = []
        var hertz: [Double] = []
        for (index, f0) in track.f0Hz.enumerated() where f0 > 0 {
            times.append(track.timeSeconds(ofFrame: index))
            hertz.append(Double(f0))
        }
        guard hertz.count >= Self.minimumVoicedFrames else {
            self.init(medianHz: nil, rangeSemitones: nil, sdSemitones: nil, slopeSemitonesPerSecond: nil)
            return
        }
        let sorted = hertz.sorted()
        let median = Self.quantile(sorted, 0.5)
        let semitones = hertz.map { 12 * log2($0 / median) }
        let sortedSemitones = semitones.sorted()
        let range = Self.quantile(sortedSemitones, 0.95) - Self.quantile(sortedSemitones, 0.05)
        let mean = semitones.reduce(0, +) / Double(semitones.count)
        let variance = semitones.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(semitones.count - 1)
        let meanTime = times.reduce(0, +) / Double(times.count)
        var covariance = 0.0, timeVariance = 0.0
        for (t, s) in zip(times, semitones) {
            covariance += (t - meanTime) * (s - mean)
            timeVariance += (t - meanTime) * (t - meanTime)
        }
        self.init(medianHz: median, rangeSemitones: range, sdSemitones: variance.squareRoot(),
                  slopeSemitonesPerSecond: timeVariance > 0 ? covariance / timeVariance : nil)
    }

    /// Quantile `q` (0...1) of ascending `sorted` values, interpolating linearly between order statistics.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
