import Foundation

/// Whole-signal F0 tracker: low-pass and decimate, per-frame normalised-autocorrelation candidates
/// (`AutocorrelationPitch`, Boersma 1993), Viterbi path (`PitchPath`), then optionally a second pass for the
/// speaker (Hirst 2011; De Looze & Hirst 2008): the candidates are analysed again with a window fitted to the
/// speaker's floor and the path searched again over the speaker's range.
///
/// Make one per worker thread and reuse it: FFT plans, windows and frame buffers are made in `init`, and the
/// per-frame loop allocates nothing (the candidate table and trellis grow only for a longer signal than before).
public final class PitchTracker {
    public let parameters: PitchParameters
    /// Rate of the samples given to `track`, Hz.
    public let sampleRateHz: Double

    /// One band of analysis: its decimator and one `AutocorrelationPitch` per window floor (`windowFloorsHz`).
    struct Band {
        let decimator: Decimator
        let analyses: [AutocorrelationPitch]
        /// Hann window of the energy ratios (`energyWindowSeconds` at this band's rate).
        let energyWindow: [Float]
        /// Distance of each energy window's centre from the frame centre, samples at this band's rate.
        let energyOffset: Int
    }
    /// RAPT's stationarity windows (Talkin 1995; ESPS get_f0 `STAT_WSIZE`, `STAT_AINT`): 30 ms each, their
    /// centres 20 ms apart, crossing at the frame centre.
    static let energyWindowSeconds = 0.030, energyOffsetSeconds = 0.010
    /// The decimated band (`analysisRateHz`) and, with `fullBandWithCompetingVoices`, the full input band
    /// for recordings with competing voices.
    private let bands: [Band]
    /// Window floors of the re-analysis for the speaker, Hz: `floorHz` x 2^(k/2), k = 0, 1, ...
    /// (`speakerWindowSteps` steps, each at most half the ceiling). Index 0 is the first pass's.
    let windowFloorsHz: [Double]
    private let table: PitchCandidateTable
    private let path = PitchPath()
    private var decimated: [Float] = []
    /// Decimation factor `decimated` holds the current signal at (0 = not yet), so a re-analysis in the same
    /// band skips the filter.
    private var decimatedFactor = 0
    /// Decimation factor `table.energyRatios` were measured at for the current signal (0 = not yet): they
    /// depend on the band only, so a re-analysis with another window keeps them.
    private var energyRatiosFactor = 0
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
        let steps = parameters.reanalysesForSpeaker ? max(0, parameters.speakerWindowSteps) : 0
        let floors = (0...steps).map { parameters.floorHz * exp2(Double($0) / 2) }
            .filter { $0 == parameters.floorHz || $0 <= parameters.ceilingHz / 2 }
        windowFloorsHz = floors
        func band(factor: Int) -> Band {
            let rate = sampleRateHz / Double(factor)
            return Band(decimator: Decimator(factor: factor), analyses: floors.map {
                AutocorrelationPitch(sampleRateHz: rate, parameters: parameters, windowFloorHz: $0)
            }, energyWindow: Window.hann(length: max(3, Int((Self.energyWindowSeconds * rate).rounded()))),
               energyOffset: Int((Self.energyOffsetSeconds * rate).rounded()))
        }
        bands = factor > 1 && parameters.fullBandWithCompetingVoices ? [band(factor: factor), band(factor: 1)]
                                                                       : [band(factor: factor)]
        frame = [Float](repeating: 0, count: bands.map { $0.analyses[0].windowLength }.max() ?? 0)
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
        decimatedFactor = 0
        energyRatiosFactor = 0
        analyseFrames(samples, frameCount: frames, band: bands[0], floorIndex: 0, measuresBackground: true)
        // Babble: the low band that keeps hiss out also keeps the other talkers' harmonics in; the full band
        // separates them better (bench: babble 20 dB VDE 12.5 -> 10.1 %). Decided from the first analysis.
        let band = bands.count > 1 && hasCompetingVoices ? bands[1] : bands[0]
        let reanalyses = parameters.narrowsToSpeaker && parameters.reanalysesForSpeaker
        var analysedBand = bands[0].decimator.factor, analysedFloor = 0
        // Without a re-analysis to come, the full band is analysed now; with one, the speaker's quantiles come
        // from the low band's path (robust enough for a range) and only the re-analysis runs at the full rate.
        if band.decimator.factor != analysedBand && !reanalyses {
            analyseFrames(samples, frameCount: frames, band: band, floorIndex: 0, measuresBackground: false)
            analysedBand = band.decimator.factor
        }
        let fullRange = Float(parameters.floorHz)...Float(parameters.ceilingHz)
        runPath(range: fullRange)
        if parameters.narrowsToSpeaker, let (speakerRange, lowestHz) = speakerRange(within: fullRange) {
            // Hirst (2011) runs the second pass as a new analysis with the speaker's floor, so a higher voice gets
            // a shorter window (3 of its own longest periods rather than 3 of 50 Hz): voicing onsets and offsets
            // then blur over less time. The window steps by half-octaves, at or below the speaker floor.
            var floorIndex = 0
            while floorIndex + 1 < windowFloorsHz.count && windowFloorsHz[floorIndex + 1] <= Double(lowestHz) * 1.0001 {
                floorIndex += 1
            }
            if floorIndex != analysedFloor || band.decimator.factor != analysedBand {
                analyseFrames(samples, frameCount: frames, band: band, floorIndex: floorIndex, measuresBackground: false)
                analysedBand = band.decimator.factor
                analysedFloor = floorIndex
            }
            runPath(range: speakerRange)
        } else if band.decimator.factor != analysedBand {
            analyseFrames(samples, frameCount: frames, band: band, floorIndex: 0, measuresBackground: false)
            runPath(range: fullRange)
        }
        return makeTrack(range: fullRange)
    }

    /// Phase 1: candidates for every frame (no allocation once `decimated` and `table` are large enough).
    func analyseFrames(_ samples: UnsafeBufferPointer<Float>, frameCount frames: Int,
                       band: Band, floorIndex: Int, measuresBackground: Bool) {
        let decimator = band.decimator, frameAnalysis = band.analyses[floorIndex]
        let needed = decimator.outputCount(inputCount: samples.count)
        if decimated.count < needed { decimated = [Float](repeating: 0, count: needed) }
        table.reset(frameCount: frames)
        guard frames > 0 else { return }
        let rate = sampleRateHz / Double(decimator.factor)
        let windowLength = frameAnalysis.windowLength
        let hopSeconds = parameters.hopSeconds
        decimated.withUnsafeMutableBufferPointer { buffer in
            let count = decimator.outputCount(inputCount: samples.count)
            if decimatedFactor != decimator.factor { decimator.process(samples, into: buffer) }
            decimatedFactor = decimator.factor
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
                    let window: UnsafeBufferPointer<Float>
                    if start >= 0 && start + windowLength <= count {
                        window = UnsafeBufferPointer(rebasing: signal[start..<(start + windowLength)])
                    } else {
                        // Near the ends: zero-padded copy.
                        for i in 0..<windowLength {
                            let source = start + i
                            frameBuffer[i] = source >= 0 && source < count ? signal[source] : 0
                        }
                        window = UnsafeBufferPointer(rebasing: frameBuffer[0..<windowLength])
                    }
                    frameAnalysis.candidates(frame: window, globalPeak: globalPeak,
                                             into: table, frameIndex: index)
                }
            }
            if parameters.voicingTransitionEnergyWeight != 0 && energyRatiosFactor != decimator.factor {
                measureEnergyRatios(signal, mean: mean, globalPeak: globalPeak, rate: rate, band: band)
                energyRatiosFactor = decimator.factor
            }
            applyBackgroundRule(globalPeak: globalPeak, measuresBackground: measuresBackground)
        }
    }

    /// `table.energyRatios`: RMS of a Hann window centred `energyOffset` after each frame's centre over that of
    /// one centred as far before it (Talkin 1995's `rms_ratio`); samples outside the signal count as zero.
    func measureEnergyRatios(_ signal: UnsafeBufferPointer<Float>, mean: Float, globalPeak: Float, rate: Double,
                             band: Band) {
        let count = signal.count
        let hopSeconds = parameters.hopSeconds
        let offset = band.energyOffset
        let floor = 1e-6 * globalPeak
        band.energyWindow.withUnsafeBufferPointer { window in
            let length = window.count
            var weightSum: Float = 0
            for weight in window { weightSum += weight }
            func rms(centredAt centre: Int) -> Float {
                let start = centre - length / 2
                let first = max(0, -start), end = min(length, count - start)
                guard first < end else { return 0 }
                var sum: Float = 0
                for i in first..<end {
                    let sample = signal[start + i] - mean
                    sum += window[i] * sample * sample
                }
                return (sum / weightSum).squareRoot()
            }
            for index in 0..<table.frameCount {
                let centre = Int((Double(index) * hopSeconds * rate).rounded())
                let before = rms(centredAt: centre - offset), after = rms(centredAt: centre + offset)
                table.energyRatios[index] = before > 0 ? (floor + after) / before : (after > 0 ? 2 : 1)
            }
        }
    }

    /// Competing voices in the last signal: a periodic background well within reach of the speech level.
    var hasCompetingVoices: Bool {
        backgroundSpreadDecibels < parameters.noisyBelowDecibels
            && backgroundPeriodicity > parameters.competingVoicePeriodicity
    }

    /// Raises the unvoiced strength of frames near the noise floor (see `PitchParameters.backgroundThreshold`).
    /// The floor is a low quantile of the frames' local peaks, read from a 1 dB histogram (no sorting).
    /// `measuresBackground` false keeps the competing-voice measurements of the first analysis (a later
    /// analysis of the same signal must not change the decision that chose its band).
    func applyBackgroundRule(globalPeak: Float, measuresBackground: Bool) {
        if measuresBackground { backgroundSpreadDecibels = .infinity }
        guard globalPeak > 0 else { return }
        let frames = table.frameCount
        for bin in 0..<levelHistogram.count { levelHistogram[bin] = 0 }
        var counted: Int32 = 0
        for index in 0..<frames {
            // A frame of digital silence is the quietest background there is: it counts, in the last bin. Left
            // out, a clean recording's floor became its quietest speech (a nasal, a fading vowel), periodic and
            // well within reach of the loud frames, and the recording was taken for one with competing voices.
            let peak = table.localPeaks[index]
            let decibels = peak > 0 ? -20 * log10(peak / globalPeak) : Float(levelHistogram.count)
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
        if measuresBackground {
            backgroundSpreadDecibels = Double(quietLevel(parameters.backgroundQuantile) - quietLevel(0.95))
        }
        let floorDecibels = max(quietLevel(parameters.backgroundQuantile), quietLevel(0.95) + 10)
        let floorPeak = globalPeak * pow(10, -Float(floorDecibels) / 20)
        // How periodic the background is: mean best correlation of the frames within 3 dB of the floor.
        var periodicitySum: Float = 0, periodicityCount: Float = 0
        for index in 0..<frames where table.localPeaks[index] > 0 && table.localPeaks[index] <= floorPeak * 1.41 {
            periodicitySum += table.bestCorrelations[index]
            periodicityCount += 1
        }
        if measuresBackground {
            backgroundPeriodicity = periodicityCount > 0 ? Double(periodicitySum / periodicityCount) : 0
        }
        // In hiss a quiet periodic frame is the speaker, since the noise is not periodic; in babble it may be
        // another talker, so there the level must say more: the frame has to stand further above the floor.
        let threshold = hasCompetingVoices ? parameters.noisyBackgroundThreshold : parameters.backgroundThreshold
        guard threshold > 0 else { return }
        let reference = Float(threshold) * floorPeak
        let voicing = Float(parameters.voicingThreshold)
        for index in 0..<frames {
            let rule = voicing + max(0, 2 - table.localPeaks[index] / reference)
            table.unvoicedStrengths[index] = max(table.unvoicedStrengths[index], rule)
        }
    }

    func runPath(range: ClosedRange<Float>) {
        path.viterbi(table, rangeHz: range, hopSeconds: parameters.hopSeconds,
                     octaveJumpCost: parameters.octaveJumpCost, voicedUnvoicedCost: parameters.voicedUnvoicedCost,
                     bridgeSeconds: hasCompetingVoices ? parameters.noisyBridgeSeconds : parameters.bridgeSeconds,
                     transitionEnergyWeight: parameters.voicingTransitionEnergyWeight)
    }

    /// De Looze & Hirst (2008): floor 0.72 x 35th percentile, ceiling 1.9 x 65th percentile of the first pass,
    /// kept inside the configured range. `nil` when too few frames are voiced to say (under 0.2 s).
    /// Quantiles come from a histogram in tenths of a semitone (preallocated), not from sorting.
    /// `lowestHz` is the quiet-background floor (`speakerFloorFactor` x q35) even with competing voices: the
    /// window must hold the speaker's own lowest periods whichever candidates the path may then use.
    func speakerRange(within full: ClosedRange<Float>) -> (range: ClosedRange<Float>, lowestHz: Float)? {
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
        let floorFactor = hasCompetingVoices ? parameters.noisySpeakerFloorFactor : parameters.speakerFloorFactor
        let low = max(full.lowerBound, Float(floorFactor) * quantile(0.35))
        let lowest = max(full.lowerBound, Float(parameters.speakerFloorFactor) * quantile(0.35))
        let high = min(full.upperBound, Float(parameters.speakerCeilingFactor) * quantile(0.65))
        return low < high ? (low...high, min(low, lowest)) : nil
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
