import Foundation

/// Whole-signal F0 tracker: low-pass and decimate, per-frame normalised-autocorrelation candidates
/// (`AutocorrelationPitch`, Boersma 1993), Viterbi path (`PitchPath`), then optionally a second path over the
/// same candidates with the range narrowed to the speaker (De Looze & Hirst 2008).
///
/// Make one per worker thread and reuse it: FFT plans, windows and frame buffers are made in `init`, and the
/// per-frame loop allocates nothing (the candidate table and trellis grow only for a longer signal than before).
public final class PitchTracker {
    public let parameters: PitchParameters
    /// Rate of the samples given to `track`, Hz.
    public let sampleRateHz: Double

    private let decimator: Decimator
    private let frameAnalysis: AutocorrelationPitch
    private let table: PitchCandidateTable
    private let path = PitchPath()
    private var decimated: [Float] = []
    private var frame: [Float]
    /// Voiced-frame counts per tenth of a semitone above the floor, for the speaker-range quantiles.
    private var histogram: [Int32]
    /// Frame counts per dB of local peak below the recording's peak, for the background rule.
    private var levelHistogram = [Int32](repeating: 0, count: 121)
    /// Loud frames' level above the noise floor in the last signal, dB (infinite for digital silence).
    private var backgroundSpreadDecibels = Double.infinity
    /// Mean normalised autocorrelation peak of the frames near the noise floor (babble: high; hiss: low).
    private var backgroundPeriodicity = 0.0

    /// - Parameters:
    ///   - sampleRateHz: input rate, 8000...192000 Hz (Speakwell analyses at 16 kHz).
    ///   - parameters: see `PitchParameters`; the defaults are those of docs/pitch.md.
    public init(sampleRateHz: Double, parameters: PitchParameters = PitchParameters()) {
        precondition(sampleRateHz >= 2 * parameters.ceilingHz, "sample rate \(sampleRateHz) Hz is below twice the ceiling")
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        let factor = max(1, min(64, Int(sampleRateHz / max(parameters.analysisRateHz, 4 * parameters.ceilingHz))))
        decimator = Decimator(factor: factor)
        frameAnalysis = AutocorrelationPitch(sampleRateHz: sampleRateHz / Double(factor), parameters: parameters)
        frame = [Float](repeating: 0, count: frameAnalysis.windowLength)
        histogram = [Int32](repeating: 0, count: Int(log2(parameters.ceilingHz / parameters.floorHz) * 120) + 2)
        table = PitchCandidateTable(frameCount: 0, capacity: max(1, parameters.maxCandidates - 1))
    }

    /// Number of frames for `sampleCount` input samples: frames at `0, hop, 2 hop, ...` up to the last sample.
    public func frameCount(sampleCount: Int) -> Int {
        guard sampleCount > 0 else { return 0 }
        let duration = Double(sampleCount) / sampleRateHz
        return Int((duration / parameters.hopSeconds + 1e-9).rounded(.down)) + 1
    }

    /// F0 and voicing probability of every frame of `samples`. An empty or silent signal gives all frames unvoiced.
    public func track(_ samples: [Float]) -> PitchTrack {
        samples.withUnsafeBufferPointer { track($0) }
    }

    public func track(_ samples: UnsafeBufferPointer<Float>) -> PitchTrack {
        let frames = frameCount(sampleCount: samples.count)
        analyseFrames(samples, frameCount: frames)
        let fullRange = Float(parameters.floorHz)...Float(parameters.ceilingHz)
        runPath(range: fullRange)
        if parameters.narrowsToSpeaker, let speakerRange = speakerRange(within: fullRange) {
            runPath(range: speakerRange)
        }
        return makeTrack(range: fullRange)
    }

    /// Phase 1: candidates for every frame (no allocation once `decimated` and `table` are large enough).
    func analyseFrames(_ samples: UnsafeBufferPointer<Float>, frameCount frames: Int) {
        let needed = decimator.outputCount(inputCount: samples.count)
        if decimated.count < needed { decimated = [Float](repeating: 0, count: needed) }
        table.reset(frameCount: frames)
        guard frames > 0 else { return }
        let rate = sampleRateHz / Double(decimator.factor)
        let windowLength = frameAnalysis.windowLength
        let hopSeconds = parameters.hopSeconds
        decimated.withUnsafeMutableBufferPointer { buffer in
            let count = decimator.process(samples, into: buffer)
            let signal = UnsafeBufferPointer(rebasing: buffer[0..<count])
            var mean: Float = 0
            for sample in signal { mean += sample }
            mean /= Float(max(count, 1))
            var globalPeak: Float = 0
            for sample in signal { globalPeak = max(globalPeak, abs(sample - mean)) }
            frame.withUnsafeMutableBufferPointer { frameBuffer in
                for index in 0..<frames {
                    let centre = Int((Double(index) * hopSeconds * rate).rounded())
                    let start = centre - windowLength / 2
                    for i in 0..<windowLength {
                        let source = start + i
                        frameBuffer[i] = source >= 0 && source < count ? signal[source] : 0
                    }
                    frameAnalysis.candidates(frame: UnsafeBufferPointer(frameBuffer), globalPeak: globalPeak,
                                             into: table, frameIndex: index)
                }
            }
            applyBackgroundRule(globalPeak: globalPeak)
        }
    }

    /// Raises the unvoiced strength of frames near the noise floor (see `PitchParameters.backgroundThreshold`).
    /// The floor is a low quantile of the frames' local peaks, read from a 1 dB histogram (no sorting).
    func applyBackgroundRule(globalPeak: Float) {
        backgroundSpreadDecibels = .infinity
        guard globalPeak > 0 else { return }
        let frames = table.frameCount
        for bin in 0..<levelHistogram.count { levelHistogram[bin] = 0 }
        var counted: Int32 = 0
        for index in 0..<frames where table.localPeaks[index] > 0 {
            let decibels = -20 * log10(table.localPeaks[index] / globalPeak)
            levelHistogram[min(levelHistogram.count - 1, max(0, Int(decibels)))] += 1
            counted += 1
        }
        guard counted > 0 else { return }
        /// Level (dB below the peak) under which `fraction` of the counted frames lie.
        func quietLevel(_ fraction: Double) -> Int {
            let target = Int32(Double(counted) * fraction)
            var cumulative: Int32 = 0
            for bin in stride(from: levelHistogram.count - 1, through: 0, by: -1) {
                cumulative += levelHistogram[bin]
                if cumulative > target { return bin }
            }
            return 0
        }
        // A recording without pauses (or a steady tone) has no noise floor to see: the floor is kept at least
        // `10 dB under the loud frames (95th percentile).
        backgroundSpreadDecibels = Double(quietLevel(parameters.backgroundQuantile) - quietLevel(0.95))
        let floorDecibels = max(quietLevel(parameters.backgroundQuantile), quietLevel(0.95) + 10)
        let floorPeak = globalPeak * pow(10, -Float(floorDecibels) / 20)
        // How periodic the background is: mean best correlation of the frames within 3 dB of the floor.
        var periodicitySum: Float = 0, periodicityCount: Float = 0
        for index in 0..<frames where table.localPeaks[index] > 0 && table.localPeaks[index] <= floorPeak * 1.41 {
            periodicitySum += table.bestCorrelations[index]
            periodicityCount += 1
        }
        backgroundPeriodicity = periodicityCount > 0 ? Double(periodicitySum / periodicityCount) : 0
        guard parameters.backgroundThreshold > 0 else { return }
        let reference = Float(parameters.backgroundThreshold) * floorPeak
        let voicing = Float(parameters.voicingThreshold)
        for index in 0..<frames {
            let rule = voicing + max(0, 2 - table.localPeaks[index] / reference)
            table.unvoicedStrengths[index] = max(table.unvoicedStrengths[index], rule)
        }
    }

    func runPath(range: ClosedRange<Float>) {
        path.viterbi(table, rangeHz: range, hopSeconds: parameters.hopSeconds,
                     octaveJumpCost: parameters.octaveJumpCost, voicedUnvoicedCost: parameters.voicedUnvoicedCost)
    }

    /// De Looze & Hirst (2008): floor 0.72 x 35th percentile, ceiling 1.9 x 65th percentile of the first pass,
    /// kept inside the configured range. `nil` when too few frames are voiced to say (under 0.2 s).
    /// Quantiles come from a histogram in tenths of a semitone (preallocated), not from sorting.
    func speakerRange(within full: ClosedRange<Float>) -> ClosedRange<Float>? {
        for bin in 0..<histogram.count { histogram[bin] = 0 }
        var voiced = 0
        let binsPerOctave: Float = 120
        for index in 0..<path.frameCount where path.f0Hz[index] > 0 {
            let bin = Int(log2(path.f0Hz[index] / full.lowerBound) * binsPerOctave)
            histogram[min(max(bin, 0), histogram.count - 1)] += 1
            voiced += 1
        }
        guard Double(voiced) * parameters.hopSeconds >= 0.2 else { return nil }
        func quantile(_ q: Double) -> Float {
            let target = Int32((q * Double(voiced - 1)).rounded(.down)) + 1
            var cumulative: Int32 = 0
            for bin in 0..<histogram.count {
                cumulative += histogram[bin]
                if cumulative >= target { return full.lowerBound * exp2((Float(bin) + 0.5) / binsPerOctave) }
            }
            return full.upperBound
        }
        // Competing voices (a periodic background well within reach of the speech level) call for the stricter floor.
        let competingVoices = backgroundSpreadDecibels < parameters.noisyBelowDecibels
            && backgroundPeriodicity > parameters.competingVoicePeriodicity
        let floorFactor = competingVoices ? parameters.noisySpeakerFloorFactor : parameters.speakerFloorFactor
        let low = max(full.lowerBound, Float(floorFactor) * quantile(0.35))
        let high = min(full.upperBound, Float(parameters.speakerCeilingFactor) * quantile(0.65))
        return low < high ? low...high : nil
    }

    /// Voicing probability: a logistic of how far the best in-range candidate beats the unvoiced one
    /// (0.5 at a tie, 0.1 units of strength ~ a factor e^1), clamped to agree with the path's decision.
    func makeTrack(range: ClosedRange<Float>) -> PitchTrack {
        let frames = path.frameCount
        var f0 = [Float](repeating: 0, count: frames)
        var probability = [Float](repeating: 0, count: frames)
        let capacity = table.capacity
        for index in 0..<frames {
            var best = -Float.greatestFiniteMagnitude
            for k in 0..<Int(table.counts[index]) where range.contains(table.frequenciesHz[index * capacity + k]) {
                best = max(best, table.strengths[index * capacity + k])
            }
            let margin = best - table.unvoicedStrengths[index]
            var p: Float = best > -Float.greatestFiniteMagnitude ? 1 / (1 + exp(-10 * margin)) : 0
            f0[index] = path.f0Hz[index]
            p = f0[index] > 0 ? max(p, 0.5) : min(p, 0.499)
            probability[index] = p
        }
        return PitchTrack(hopSeconds: parameters.hopSeconds, f0Hz: f0, voicingProbability: probability)
    }
}
