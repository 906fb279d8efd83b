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
}
