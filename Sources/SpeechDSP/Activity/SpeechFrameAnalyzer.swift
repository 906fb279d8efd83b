import Foundation

/// Per-frame features for speech activity, pauses and syllable nuclei, from one short-time spectrum per hop.
///
/// Each 10 ms frame gets, from one Hann-windowed FFT (through `RealFFT`):
/// - `levelDecibels`: power in 100–4000 Hz, the speech band, so that rumble and hiss below/above it do not
///   lift the activity level (the band-limited energy of classic energy VADs, e.g. ITU-T G.729 Annex B);
/// - `sonorityDecibels`: power in 300–2500 Hz, where vowels (F1/F2) carry their energy and fricatives and
///   nasals little — the envelope whose peaks are syllable nuclei (a band-limited variant of the intensity
///   contour of De Jong & Wempe 2009, as in Wang & Narayanan 2007);
/// - `bandPower`: `bandCount` mel-spaced band powers 100–4000 Hz (linear, re full scale): per-band SNRs for
///   the likelihood-ratio speech test (Sohn, Kim & Sung 1999) and spectral stability for filled pauses;
/// - optionally `periodicity` and `f0Hz`: the highest local maximum of the normalised autocorrelation
///   (Boersma 1993: divided by the window's own autocorrelation) for lags of 70–400 Hz, computed from the
///   same spectrum limited to 50–2000 Hz. A cheap voicing cue for when no pitch track is supplied.
///
/// Allocates every buffer in `init`; `analyze(samples:)` allocates only its result arrays.
public final class SpeechFrameAnalyzer {
    public struct Parameters: Sendable {
        /// Frame step, seconds (0.005–0.02). 0.010 matches the pitch track's hop.
        public var hopSeconds = 0.010
        /// Analysis window, seconds (0.025–0.05): long enough for two periods at `periodicityFloorHz`.
        public var windowSeconds = 0.040
        /// Lowest / highest F0 of the periodicity search, Hz (50–150 / 300–600).
        public var periodicityFloorHz = 70.0
        public var periodicityCeilingHz = 400.0
        /// Number of mel-spaced bands of `bandDecibels` (8–40).
        public var bandCount = 24
        public init() {}
    }

    public let parameters: Parameters
    public let sampleRateHz: Double
    public let hopSamples: Int
    public let windowSamples: Int

    private let fft: RealFFT
    private let window: [Float]
    /// 1 / (window autocorrelation at each lag, normalised to 1 at lag 0).
    private let inverseWindowAutocorrelation: [Float]
    /// Penalty per lag favouring short periods: 0.03 * log2(lag / minimumLag) (Boersma 1993's octave cost).
    private let octaveCost: [Float]
    private let power: UnsafeMutableBufferPointer<Float>
    private let levelBins: Range<Int>, sonorityBins: Range<Int>, periodicityBins: Range<Int>
    private let bandEdges: [Int]
    private let minimumLag: Int, maximumLag: Int
    /// Power of a full-scale sine through this window and band sum, so levels read as dB re full scale.
    private let fullScaleReference: Float

    public init(sampleRateHz: Double, parameters: Parameters = .init()) {
        precondition(sampleRateHz >= 8000, "sample rate \(sampleRateHz) Hz: speech analysis needs >= 8000 Hz")
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        hopSamples = max(1, Int((parameters.hopSeconds * sampleRateHz).rounded()))
        windowSamples = max(64, Int((parameters.windowSeconds * sampleRateHz).rounded()))
        let maximumLag = min(windowSamples / 2, Int(sampleRateHz / parameters.periodicityFloorHz))
        // Window plus the longest lag: the inverse FFT of the power spectrum is then a linear, not circular,
        // autocorrelation up to that lag. A power of two is FFTW's fastest size.
        var size = 64
        while size < windowSamples + maximumLag + 2 { size *= 2 }
        let fft = RealFFT(size: size)
        self.fft = fft
        window = Window.hann(length: windowSamples)
        power = .allocate(capacity: fft.binCount)
        power.initialize(repeating: 0)

        let binHz = sampleRateHz / Double(fft.size), binCount = fft.binCount
        func bin(_ hz: Double) -> Int { min(binCount - 1, max(0, Int((hz / binHz).rounded()))) }
        levelBins = bin(100)..<bin(4000) + 1
        sonorityBins = bin(300)..<bin(2500) + 1
        periodicityBins = bin(50)..<bin(2000) + 1
        let count = max(1, parameters.bandCount)
        func mel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
        func hz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        let (low, high) = (mel(100), mel(4000))
        bandEdges = (0...count).map { bin(hz(low + (high - low) * Double($0) / Double(count))) }
        minimumLag = max(2, Int(sampleRateHz / parameters.periodicityCeilingHz))
        self.maximumLag = maximumLag

        // Window autocorrelation, normalised to 1 at lag 0 (Boersma 1993, eq. 9).
        let window = self.window, windowSamples = self.windowSamples
        var windowAC = [Float](repeating: 0, count: maximumLag + 2)
        for lag in 0..<windowAC.count {
            var sum: Float = 0
            for i in 0..<(windowSamples - lag) { sum += window[i] * window[i + lag] }
            windowAC[lag] = sum
        }
        let zero = windowAC[0]
        inverseWindowAutocorrelation = windowAC.map { zero / max($0, 1e-6 * zero) }
        let shortest = Float(minimumLag)
        octaveCost = (0..<windowAC.count).map { $0 == 0 ? 0 : 0.03 * log2f(max(1, Float($0) / shortest)) }
        // Parseval: a full-scale sine (mean square 1/2) through the window has one-sided spectral power
        // N_fft/2 * 1/2 * sum(w^2); dividing by it makes that sine read 0 dB.
        var energy: Float = 0
        for w in window { energy += w * w }
        fullScaleReference = 0.25 * energy * Float(fft.size)
    }

    deinit { power.deallocate() }

    /// Number of frames for `sampleCount` samples: frame `i` is centred at `i * hopSeconds`.
    public func frameCount(sampleCount: Int) -> Int {
        sampleCount <= 0 ? 0 : (sampleCount - 1) / hopSamples + 1
    }

    /// Features of every frame of `samples` (mono, at `sampleRateHz`). Digital silence gives levels of
    /// `Decibels.floorDecibels` and periodicity 0. With `periodicity: false` the autocorrelation is
    /// skipped (use when a pitch track supplies voicing) and `periodicity`/`f0Hz` are empty.
    public func analyze(samples: UnsafeBufferPointer<Float>, periodicity computePeriodicity: Bool = true) -> SpeechFrames {
        let count = frameCount(sampleCount: samples.count)
        let bands = bandEdges.count - 1
        var level = [Float](repeating: 0, count: count)
        var sonority = [Float](repeating: 0, count: count)
        var bandPower = [Float](repeating: 0, count: count * bands)
        var periodicity = [Float](repeating: 0, count: computePeriodicity ? count : 0)
        var f0 = [Float](repeating: 0, count: computePeriodicity ? count : 0)
        let input = fft.input
        let half = windowSamples / 2
        let floorDB = Float(Decibels.floorDecibels)
        let reference = fullScaleReference
        func decibels(_ value: Float) -> Float {
            value > 0 ? max(floorDB, 10 * log10f(value / reference)) : floorDB
        }

        let scale = 1 / reference
        for i in windowSamples..<fft.size { input[i] = 0 }
        window.withUnsafeBufferPointer { window in
            for frame in 0..<count {
                let start = frame * hopSamples - half
                var frameEnergy: Float = 0
                if start >= 0 && start + windowSamples <= samples.count {
                    let x = samples.baseAddress! + start
                    for i in 0..<windowSamples { input[i] = x[i] * window[i] }
                    frameEnergy = VectorKernels.dot(input.baseAddress!, input.baseAddress!, count: windowSamples)
                } else {
                    for i in 0..<windowSamples {
                        let index = start + i
                        let value = index >= 0 && index < samples.count ? samples[index] * window[i] : 0
                        input[i] = value
                        frameEnergy += value * value
                    }
                }
                if frameEnergy == 0 {
                    level[frame] = floorDB; sonority[frame] = floorDB
                    continue
                }
                fft.forward()
                fft.powerSpectrum(into: power)
                level[frame] = decibels(sum(levelBins))
                sonority[frame] = decibels(sum(sonorityBins))
                for b in 0..<bands {
                    bandPower[frame * bands + b] = sum(bandEdges[b]..<max(bandEdges[b] + 1, bandEdges[b + 1])) * scale
                }
                if computePeriodicity {
                    (periodicity[frame], f0[frame]) = autocorrelationPeak()
                    // The inverse transform wrote into `input`: clear the zero padding for the next frame.
                    for i in windowSamples..<fft.size { input[i] = 0 }
                }
            }
        }
        return SpeechFrames(hopSeconds: Double(hopSamples) / sampleRateHz, levelDecibels: level,
                            sonorityDecibels: sonority, bandCount: bands, bandPower: bandPower,
                            periodicity: periodicity, f0Hz: f0)
    }

    private func sum(_ bins: Range<Int>) -> Float {
        VectorKernels.sum(power.baseAddress! + bins.lowerBound, count: bins.count)
    }

    /// Normalised autocorrelation peak of the current `power` spectrum, band-limited to 50–2000 Hz
    /// so that hiss does not flatten it and rumble does not dominate it.
    private func autocorrelationPeak() -> (Float, Float) {
        let spectrum = fft.spectrum
        for bin in 0..<fft.binCount {
            spectrum[2 * bin] = periodicityBins.contains(bin) ? power[bin] : 0
            spectrum[2 * bin + 1] = 0
        }
        fft.inverse()
        let ac = fft.input
        let zero = ac[0]
        guard zero > 0 else { return (0, 0) }
        let inverseZero = 1 / zero
        let correction = inverseWindowAutocorrelation
        var best: Float = 0, bestScore = -Float.infinity, bestLag = 0
        var previous = ac[minimumLag - 1] * inverseZero * correction[minimumLag - 1]
        var current = ac[minimumLag] * inverseZero * correction[minimumLag]
        for lag in minimumLag...maximumLag {
            let next = ac[lag + 1] * inverseZero * correction[lag + 1]
            // Only local maxima: a low-pass noise's autocorrelation falls monotonically from lag 0.
            // Boersma's octave cost (here 0.03 per octave) keeps multiples of the period from winning ties.
            if current > previous && current >= next {
                let score = current - octaveCost[lag]
                if score > bestScore { bestScore = score; best = current; bestLag = lag }
            }
            previous = current
            current = next
        }
        guard bestLag > 0 else { return (0, 0) }
        return (min(1, best), Float(sampleRateHz) / Float(bestLag))
    }
}
