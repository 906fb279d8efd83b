import Foundation
import SpeechDSP
import Testing

@Suite struct SpeechFrameAnalyzerTests {
    static let rate = 16_000.0

    static func harmonicComplex(f0Hz: Double, seconds: Double, amplitude: Double = 0.3) -> [Float] {
        (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            return Float(amplitude * (1...10).reduce(0.0) { $0 + sin(2 * .pi * f0Hz * Double($1) * t) / Double($1) })
        }
    }

    @Test func fullScaleSineReadsZeroDecibels() {
        let sine = (0..<16_000).map { Float(sin(2 * Double.pi * 1000 * Double($0) / Self.rate)) }
        let frames = sine.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: Self.rate).analyze(samples: $0) }
        #expect(frames.count == 100)
        for t in 10..<90 {
            #expect(abs(frames.levelDecibels[t]) < 0.5, "frame \(t): \(frames.levelDecibels[t]) dB")
            #expect(abs(frames.sonorityDecibels[t]) < 0.5)
        }
    }

    @Test func harmonicToneIsPeriodicAtItsFundamental() {
        let tone = Self.harmonicComplex(f0Hz: 150, seconds: 1)
        let frames = tone.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: Self.rate).analyze(samples: $0) }
        for t in 10..<90 {
            #expect(frames.periodicity[t] > 0.9, "frame \(t): \(frames.periodicity[t])")
            #expect(abs(frames.f0Hz[t] - 150) < 4, "frame \(t): \(frames.f0Hz[t]) Hz")
        }
    }

    @Test func whiteNoiseIsNotPeriodic() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<16_000).map { _ in Float.random(in: -0.3...0.3, using: &generator) }
        let frames = noise.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: Self.rate).analyze(samples: $0) }
        let median = frames.periodicity.sorted()[frames.count / 2]
        #expect(median < 0.4, "median periodicity of white noise \(median)")
    }

    @Test func digitalSilenceHasFloorLevelAndNoPeriodicity() {
        let silence = [Float](repeating: 0, count: 8000)
        let frames = silence.withUnsafeBufferPointer { SpeechFrameAnalyzer(sampleRateHz: Self.rate).analyze(samples: $0) }
        #expect(frames.levelDecibels.allSatisfy { $0 == Float(Decibels.floorDecibels) })
        #expect(frames.periodicity.allSatisfy { $0 == 0 })
        #expect(frames.bandPower.allSatisfy { $0 == 0 })
    }

    @Test func withoutPeriodicityOnlyLevelsAreComputed() {
        let tone = Self.harmonicComplex(f0Hz: 200, seconds: 0.5)
        let analyzer = SpeechFrameAnalyzer(sampleRateHz: Self.rate)
        let full = tone.withUnsafeBufferPointer { analyzer.analyze(samples: $0) }
        let cheap = tone.withUnsafeBufferPointer { analyzer.analyze(samples: $0, periodicity: false) }
        #expect(cheap.periodicity.isEmpty && cheap.f0Hz.isEmpty)
        #expect(cheap.levelDecibels == full.levelDecibels)
        #expect(cheap.bandPower == full.bandPower)
    }

    @Test func slidingMinimumEqualsBruteForce() {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<500).map { _ in Float.random(in: -50...0, using: &generator) }
        for half in [0, 1, 7, 40, 600] {
            let fast = SlidingMinimum.centred(values, halfWidth: half)
            let slow = values.indices.map { values[max(0, $0 - half)...min(values.count - 1, $0 + half)].min()! }
            #expect(fast == slow, "half-width \(half)")
        }
    }

    @Test func percentileInterpolatesBetweenRanks() {
        #expect(Percentile.of([4, 1, 3, 2], fraction: 0.5) == 2.5)
        #expect(Percentile.of([4, 1, 3, 2], fraction: 1) == 4)
        #expect(Percentile.of([], fraction: 0.5) == nil)
    }
}
