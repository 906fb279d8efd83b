import SpeechDSP
import Testing

/// The path search on hand-made candidate tables, where the right answer is known exactly.
@Suite("PitchPath")
struct PitchPathTests {
    /// Frames `0..<10` voiced at 100 Hz; then `gapFrames` voiceless frames; then 18 frames offering both the
    /// speaker's 100 Hz (0.80) and a slightly stronger 190 Hz (0.82), as another talker heard through the gap.
    func table(gapFrames: Int) -> PitchCandidateTable {
        let frames = 10 + gapFrames + 18
        let table = PitchCandidateTable(frameCount: frames, capacity: 2)
        for frame in 0..<frames {
            table.unvoicedStrengths[frame] = 0.45
            if frame < 10 {
                table.counts[frame] = 1
                (table.frequenciesHz[frame * 2], table.strengths[frame * 2]) = (100, 0.9)
            } else if frame < 10 + gapFrames {
                table.counts[frame] = 0
                table.unvoicedStrengths[frame] = 1
            } else {
                table.counts[frame] = 2
                (table.frequenciesHz[frame * 2], table.strengths[frame * 2]) = (100, 0.80)
                (table.frequenciesHz[frame * 2 + 1], table.strengths[frame * 2 + 1]) = (190, 0.82)
            }
        }
        return table
    }

    func pitchAfterGap(gapFrames: Int, bridgeSeconds: Double) -> Float {
        let path = PitchPath()
        path.viterbi(table(gapFrames: gapFrames), rangeHz: 50...600, hopSeconds: 0.01,
                     octaveJumpCost: 0.7, voicedUnvoicedCost: 0.14, bridgeSeconds: bridgeSeconds)
        return path.f0Hz[path.frameCount - 1]
    }

    @Test func withoutABridgeThePathResumesAtTheStrongestPitch() {
        // Praat's behaviour: after an unvoiced frame any F0 starts free of the octave-jump cost.
        #expect(pitchAfterGap(gapFrames: 3, bridgeSeconds: 0) == 190)
    }

    @Test func aBridgeKeepsTheSpeakersPitchAcrossAVoicelessConsonant() {
        // 30 ms gap, 0.25 s bridge: the jump 100 -> 190 Hz costs about 0.6, more than 190 Hz's 0.36 advantage.
        #expect(pitchAfterGap(gapFrames: 3, bridgeSeconds: 0.25) == 100)
    }

    @Test func aBridgeDoesNotReachAcrossAPause() {
        // 0.3 s gap, longer than the bridge: the memory has faded, the stronger candidate wins again.
        #expect(pitchAfterGap(gapFrames: 30, bridgeSeconds: 0.25) == 190)
    }

    /// Frames 40-51 of the bench's `male70-03` as the speaker pass sees them (strengths of the 52, 120 and 89 Hz
    /// candidates; energy ratio after / before each frame's centre), after 10 steady frames at 52 Hz: 52 Hz pulses
    /// fade while a ringing first formant's 3 cycles (120 Hz) keep their strength, then silence.
    func fadingVoice() -> PitchCandidateTable {
        let tail: [(low: Float, high: Float, middle: Float, ratio: Float)] = [
            (0.873, 0.469, 0.354, 1.170), (0.792, 0.485, 0.242, 0.854), (0.938, 0.526, 0.424, 0.797),
            (0.889, 0.682, 0.617, 0.880), (0.865, 0.782, 0.773, 0.715), (0.838, 0.843, 0.830, 0.577),
            (0.705, 0.853, 0.796, 0.379), (0.556, 0.852, 0.721, 0.210), (0.371, 0.827, 0.621, 0.091),
            (0, 0.678, 0.444, 0.259), (0, 0, 0, 1.419), (0, 0, 0, 0.732)]
        let table = PitchCandidateTable(frameCount: 10 + tail.count, capacity: 3)
        for frame in 0..<table.frameCount {
            table.unvoicedStrengths[frame] = 0.45
            let (low, high, middle, ratio) = frame < 10 ? (Float(0.9), Float(0.45), Float(0.3), Float(1)) : tail[frame - 10]
            table.energyRatios[frame] = ratio
            var count = 0
            for (frequency, strength) in [(Float(52), low), (120, high), (89, middle)] where strength > 0 {
                (table.frequenciesHz[frame * 3 + count], table.strengths[frame * 3 + count]) = (frequency, strength)
                count += 1
            }
            table.counts[frame] = Int32(count)
        }
        return table
    }

    func highestF0OfFadingVoice(voicedUnvoicedCost: Double, transitionEnergyWeight: Double) -> Float {
        let path = PitchPath()
        path.viterbi(fadingVoice(), rangeHz: 50...150, hopSeconds: 0.01, octaveJumpCost: 0.7,
                     voicedUnvoicedCost: voicedUnvoicedCost, transitionEnergyWeight: transitionEnergyWeight)
        return path.f0Hz[0..<path.frameCount].max() ?? 0
    }

    @Test func aFlatVoicingCostLetsAFadingVoiceRestartHigher() {
        // Praat's path: an unvoiced frame (2 x 0.14 plus the lost strength) is cheaper than the 1.2-octave jump,
        // and the 120 Hz run after it outscores the fading 52 Hz. Raising the flat cost alone does not help.
        #expect(highestF0OfFadingVoice(voicedUnvoicedCost: 0.14, transitionEnergyWeight: 0) == 120)
        #expect(highestF0OfFadingVoice(voicedUnvoicedCost: 0.2, transitionEnergyWeight: 0) == 120)
    }

    @Test func energyModulatedVoicingCostsEndAFadingVoiceInsteadOfRestartingIt() {
        // RAPT (Talkin 1995): an onset while the energy falls to 0.38 of its level costs 0.2 / 0.38; the offset
        // at 0.09 costs 0.2 x 0.09. The path keeps 52 Hz to the end of the pulses and then goes unvoiced.
        #expect(highestF0OfFadingVoice(voicedUnvoicedCost: 0.2, transitionEnergyWeight: 1) == 52)
    }
}
