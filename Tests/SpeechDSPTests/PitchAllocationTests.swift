import CAllocationCounter
import SpeechDSP
import SpeechTestSupport
import Testing

/// STYLE "one algorithm, one small type": everything is allocated in init; the per-frame call allocates nothing.
@Suite("Pitch allocation")
struct PitchAllocationTests {
    @Test func counterSeesAnAllocation() {
        // Positive control: without it, a broken interposer would make the zero below meaningless.
        speakwell_allocation_count_begin()
        let array = [Float](repeating: 1, count: Int.random(in: 100...200))
        let count = speakwell_allocation_count_end()
        #expect(array.count >= 100)
        #expect(count >= 1)
    }

    @Test func perFrameCandidateCallAllocatesNothing() {
        let analysis = AutocorrelationPitch(sampleRateHz: 4000)
        let signal = ToneSynthesis.harmonicTone(seconds: 1, sampleRateHz: 4000, harmonics: 5) { t in 100 + 100 * t }
        let frames = (signal.count - analysis.windowLength) / 40
        let table = PitchCandidateTable(frameCount: frames, capacity: 14)
        var allocations = 0
        signal.withUnsafeBufferPointer { samples in
            // One warm-up call: the Swift runtime instantiates generic metadata lazily on first use.
            analysis.candidates(frame: UnsafeBufferPointer(rebasing: samples[0..<analysis.windowLength]),
                                globalPeak: 0.5, into: table, frameIndex: 0)
            for index in 0..<frames {
                let frame = UnsafeBufferPointer(rebasing: samples[(index * 40)..<(index * 40 + analysis.windowLength)])
                speakwell_allocation_count_begin()
                analysis.candidates(frame: frame, globalPeak: 0.5, into: table, frameIndex: index)
                allocations += speakwell_allocation_count_end()
            }
        }
        #expect(allocations == 0, "\(allocations) allocations in \(frames) frames")
        #expect(table.counts[frames / 2] > 0, "the frames had candidates, so the work was done")
    }

    @Test func repeatedTrackingAllocatesOnlyItsOutput() {
        let tracker = PitchTracker(sampleRateHz: 16_000)
        let signal = ToneSynthesis.harmonicTone(seconds: 2) { _ in 180 }
        _ = tracker.track(signal)          // first call sizes the buffers
        speakwell_allocation_count_begin()
        let track = tracker.track(signal)
        let allocations = speakwell_allocation_count_end()
        // The two output arrays (plus at most a few runtime bookkeeping blocks), whatever the frame count.
        #expect(allocations <= 6, "\(allocations) allocations for \(track.frameCount) frames")
    }
}
