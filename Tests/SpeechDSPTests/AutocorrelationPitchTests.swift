import Foundation
import SpeechDSP
import SpeechTestSupport
import Testing

@Suite("AutocorrelationPitch")
struct AutocorrelationPitchTests {
    /// Candidates of every full frame of `signal` (4 kHz, hop 10 ms).
    func table(_ signal: [Float], parameters: PitchParameters) -> (PitchCandidateTable, AutocorrelationPitch) {
        let analysis = AutocorrelationPitch(sampleRateHz: 4000, parameters: parameters)
        let frames = (signal.count - analysis.windowLength) / 40
        let table = PitchCandidateTable(frameCount: frames, capacity: 14)
        signal.withUnsafeBufferPointer { samples in
            for index in 0..<frames {
                let frame = UnsafeBufferPointer(rebasing: samples[(index * 40)..<(index * 40 + analysis.windowLength)])
                analysis.candidates(frame: frame, globalPeak: 0.5, into: table, frameIndex: index)
            }
        }
        return (table, analysis)
    }

    @Test func refinedPeaksOfAHighVoiceAtFourKilohertzAreNearUnityAndOnTheFundamental() {
        // 13 samples per period at 4 kHz: the parabola through three samples misjudges the peak by a few per
        // cent, as much as the octave cost; the sinc-interpolated maximum (Praat's second pass) does not.
        for f0 in [310.0, 330.0, 370.0, 430.0] {
            let signal = ToneSynthesis.harmonicTone(seconds: 0.5, sampleRateHz: 4000, harmonics: 5) { _ in f0 }
            let (table, _) = table(signal, parameters: PitchParameters())
            for frame in 0..<table.frameCount {
                #expect(table.bestCorrelations[frame] > 0.99, "\(f0) Hz frame \(frame): peak \(table.bestCorrelations[frame])")
                var strongest = frame * table.capacity
                for k in strongest..<(strongest + Int(table.counts[frame])) where table.strengths[k] > table.strengths[strongest] {
                    strongest = k
                }
                let cents = 1200 * log2(Double(table.frequenciesHz[strongest]) / f0)
                #expect(abs(cents) < 5, "\(f0) Hz frame \(frame): strongest candidate \(table.frequenciesHz[strongest]) Hz")
            }
        }
    }

    @Test func aHigherWindowFloorGivesAShorterWindowAndKeepsTheOctaveCostReference() {
        let low = AutocorrelationPitch(sampleRateHz: 4000)
        let high = AutocorrelationPitch(sampleRateHz: 4000, windowFloorHz: 141)
        #expect(low.windowLength == 240 && high.windowLength == 85)
        #expect(high.maximumLag < low.maximumLag && high.minimumLag == low.minimumLag)
        // The same steady tone scores the same strength through both, so their candidates compare.
        let signal = ToneSynthesis.harmonicTone(seconds: 0.5, sampleRateHz: 4000, harmonics: 5) { _ in 300 }
        var parameters = PitchParameters()
        let (wide, _) = table(signal, parameters: parameters)
        parameters.floorHz = 50
        let narrowAnalysis = AutocorrelationPitch(sampleRateHz: 4000, parameters: parameters, windowFloorHz: 141)
        let narrow = PitchCandidateTable(frameCount: 1, capacity: 14)
        signal.withUnsafeBufferPointer { samples in
            narrowAnalysis.candidates(frame: UnsafeBufferPointer(rebasing: samples[400..<(400 + narrowAnalysis.windowLength)]),
                                      globalPeak: 0.5, into: narrow, frameIndex: 0)
        }
        let best = { (table: PitchCandidateTable, frame: Int) in
            table.strengths[(frame * table.capacity)..<(frame * table.capacity + Int(table.counts[frame]))].max() ?? 0
        }
        #expect(abs(best(wide, 5) - best(narrow, 0)) < 0.01)
    }
}
