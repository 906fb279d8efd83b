import Foundation
import SpeechDSP
import SpeechTestSupport
import Testing

@Suite("PitchTracker")
struct PitchTrackerTests {
    let rate = 16_000.0

    @Test func steadyToneAtEachRegisterIsTrackedWithinHalfASemitone() {
        let tracker = PitchTracker(sampleRateHz: rate)
        for f0 in [70.0, 120.0, 220.0, 330.0, 450.0] {
            let track = tracker.track(ToneSynthesis.harmonicTone(seconds: 1) { _ in f0 })
            // Frames whose window lies inside the tone (60 ms window).
            let inner = Array(track.f0Hz[5..<(track.frameCount - 5)])
            #expect(inner.allSatisfy { $0 > 0 }, "\(f0) Hz: unvoiced frames inside a steady tone")
            let worst = inner.map { abs(12 * log2(Double($0) / f0)) }.max() ?? .infinity
            #expect(worst < 0.5, "\(f0) Hz: worst frame \(worst) st off")
        }
    }

    @Test func glideFromSeventyToFourHundredFiftyHertzHasNoGrossErrorsWithoutSpeakerNarrowing() {
        // 2.7 octaves is wider than any speaking voice, so the speaker-range pass (made for speech) is off here.
        let seconds = 2.0
        let truth: (Double) -> Double = { t in 70 * pow(450.0 / 70.0, t / seconds) }
        var parameters = PitchParameters()
        parameters.narrowsToSpeaker = false
        let track = PitchTracker(sampleRateHz: rate, parameters: parameters).track(ToneSynthesis.harmonicTone(seconds: seconds, f0Hz: truth))
        var gross = 0
        for index in 5..<(track.frameCount - 5) {
            let expected = truth(track.timeSeconds(ofFrame: index))
            if abs(Double(track.f0Hz[index]) / expected - 1) > 0.2 { gross += 1 }
        }
        #expect(gross == 0, "\(gross) frames more than 20 % off the glide")
    }

    @Test func speakerNarrowingKeepsAnOctaveOfIntonation() {
        // A lively speaker: 100 -> 200 -> 100 Hz over 2 s must survive the second, narrowed pass.
        let truth: (Double) -> Double = { t in 100 * pow(2, sin(Double.pi * t / 2)) }
        let track = PitchTracker(sampleRateHz: rate).track(ToneSynthesis.harmonicTone(seconds: 2, f0Hz: truth))
        let gross = (5..<(track.frameCount - 5)).filter { index in
            abs(Double(track.f0Hz[index]) / truth(track.timeSeconds(ofFrame: index)) - 1) > 0.2
        }
        #expect(gross.isEmpty, "gross errors at frames \(gross)")
    }

    @Test func quietVoicingBetweenDigitalSilencesIsNotTakenForTheBackground() {
        // A clean reading: loud 100 Hz vowels, each ending in a tail 26 dB down (an "um"'s nasal), with pauses of
        // digital silence between them. The silence is the recording's floor; were it left out of the floor
        // estimate, the quiet tails would become the "background" and be called unvoiced (fluency bench: every
        // missed filled pause in clean recordings was such an "um").
        func voice(seconds: Double, amplitude: Double) -> [Float] {
            (0..<Int(seconds * rate)).map { i in
                let t = Double(i) / rate
                return Float(amplitude * (1...8).reduce(0.0) { $0 + sin(2 * .pi * 100 * Double($1) * t) / Double($1) })
            }
        }
        func silence(_ seconds: Double) -> [Float] { [Float](repeating: 0, count: Int(seconds * rate)) }
        var samples = silence(0.3)
        var tails: [ClosedRange<Double>] = []
        for _ in 0..<2 {
            samples += voice(seconds: 0.6, amplitude: 0.5)
            let start = Double(samples.count) / rate
            samples += voice(seconds: 0.3, amplitude: 0.5 * 0.05)
            tails.append((start + 0.05)...(start + 0.25))
            samples += silence(0.5)
        }
        let track = samples.withUnsafeBufferPointer { PitchTracker(sampleRateHz: rate).track($0) }
        for tail in tails {
            let frames = Int((tail.lowerBound / track.hopSeconds).rounded())...Int((tail.upperBound / track.hopSeconds).rounded())
            let voiced = frames.filter { abs(track.f0Hz[$0] - 100) < 5 }.count
            #expect(voiced == frames.count, "tail \(tail): \(voiced) of \(frames.count) frames voiced at 100 Hz")
        }
    }

    @Test func silenceAndEmptyInputAreUnvoiced() {
        let tracker = PitchTracker(sampleRateHz: rate)
        let silent = tracker.track([Float](repeating: 0, count: 8000))
        #expect(silent.frameCount == 51)
        #expect(silent.f0Hz.allSatisfy { $0 == 0 })
        #expect(silent.voicingProbability.allSatisfy { $0 < 0.5 })
        #expect(tracker.track([Float]()).frameCount == 0)
    }

    @Test func whiteNoiseIsNearlyAllUnvoiced() {
        let track = PitchTracker(sampleRateHz: rate).track(ToneSynthesis.whiteNoise(count: 32_000, rms: 0.1))
        let voiced = track.f0Hz.filter { $0 > 0 }.count
        #expect(Double(voiced) / Double(track.frameCount) < 0.05, "\(voiced) of \(track.frameCount) noise frames voiced")
    }

    @Test func voicingProbabilityAgreesWithTheVoicingDecision() {
        var signal = [Float](repeating: 0, count: 8000)
        signal += ToneSynthesis.harmonicTone(seconds: 1) { _ in 150 }
        signal += [Float](repeating: 0, count: 8000)
        let track = PitchTracker(sampleRateHz: rate).track(signal)
        for (f0, probability) in zip(track.f0Hz, track.voicingProbability) {
            #expect((f0 > 0) == (probability >= 0.5))
        }
        #expect(track.f0Hz[100] > 0 && track.f0Hz[10] == 0)
    }

    @Test func speakerTrackingBeatsOctaveErrorsOnALowVoice() {
        // A 75 Hz voice whose odd harmonics are weak invites a jump to 150 Hz; the path must stay low.
        let track = PitchTracker(sampleRateHz: rate).track(ToneSynthesis.harmonicTone(seconds: 1.5, harmonics: 12) { _ in 75 })
        let inner = track.f0Hz[5..<(track.frameCount - 5)]
        #expect(inner.allSatisfy { abs(Double($0) / 75 - 1) < 0.05 })
    }

    @Test func aHighVoiceIsReanalysedWithAShorterWindowThatFindsAFortyMillisecondGap() {
        // 300 Hz, 40 ms of quiet noise (a voiceless consonant), 300 Hz again. A 60 ms window (3 periods of the
        // 50 Hz floor) overlaps a tone almost everywhere in the gap; the speaker pass re-analyses with 3 periods of
        // ~141 Hz (21 ms) and finds it.
        let tone = ToneSynthesis.harmonicTone(seconds: 0.6) { _ in 300 }
        let signal = tone + ToneSynthesis.whiteNoise(count: 640, rms: 0.05) + tone
        var once = PitchParameters()
        once.reanalysesForSpeaker = false
        func unvoicedInTheGap(_ parameters: PitchParameters) -> Int {
            let track = PitchTracker(sampleRateHz: rate, parameters: parameters).track(signal)
            return (58...64).filter { track.f0Hz[$0] == 0 }.count
        }
        let floorWindow = unvoicedInTheGap(once), speakerWindow = unvoicedInTheGap(PitchParameters())
        #expect(speakerWindow >= 2 && speakerWindow > floorWindow,
                "unvoiced frames in the gap: \(speakerWindow) with the speaker's window, \(floorWindow) with 60 ms")
    }

    /// 0.4 s of 52 Hz glottal pulses, then 5 pulses each 0.8 times the one before, through a narrow first
    /// formant at 360 Hz (50 Hz bandwidth: it rings for most of a period) and a second at 1100 Hz: the shape of
    /// the male 70 Hz bench failure (docs/pitch.md, "Bench"). As the pulses fade, the ringing formant's 4 cycles
    /// (90 Hz) outscore the period.
    func decayingLowVoice() -> [Float] {
        let f0 = 52.0, lead = 0.1, steady = 0.4, tail = 0.15, fadingPulses = 5
        let count = Int(rate * (lead + steady + Double(fadingPulses) / f0 + tail))
        var pulses = [Double](repeating: 0, count: count)
        var time = lead * rate, amplitude = 1.0, faded = 0
        while true {
            if time >= (lead + steady) * rate {
                if faded == fadingPulses { break }
                amplitude *= 0.8
                faded += 1
            }
            pulses[Int(time.rounded())] = amplitude
            time += rate / f0
        }
        func resonator(_ frequency: Double, _ bandwidth: Double) -> [Double] {
            let r = exp(-Double.pi * bandwidth / rate), c = 2 * r * cos(2 * Double.pi * frequency / rate)
            var output = [Double](repeating: 0, count: count)
            for i in 0..<count {
                output[i] = pulses[i] + c * (i > 0 ? output[i - 1] : 0) - r * r * (i > 1 ? output[i - 2] : 0)
            }
            return output
        }
        let first = resonator(360, 50), second = resonator(1100, 80)
        let signal = zip(first, second).map { $0 + 0.3 * $1 }
        let peak = signal.map(abs).max() ?? 1
        return signal.map { Float(0.5 * $0 / peak) }
    }

    @Test func aDecayingLowVoiceDoesNotRestartAtTheRingingFormant() {
        // RAPT's energy-modulated voicing costs (Talkin 1995): a restart while the energy falls is dear, so the
        // fading pulses end the voicing instead of an unvoiced frame followed by a 90 Hz run. Praat's flat cost
        // (weight 0, 0.14) takes that detour.
        let signal = decayingLowVoice()
        var praat = PitchParameters()
        praat.voicingTransitionEnergyWeight = 0
        praat.voicedUnvoicedCost = 0.14
        func raisedFrames(_ parameters: PitchParameters) -> [Int] {
            let track = PitchTracker(sampleRateHz: rate, parameters: parameters).track(signal)
            return track.f0Hz.indices.filter { track.f0Hz[$0] > 70 }
        }
        let withFlatCost = raisedFrames(praat), withEnergy = raisedFrames(PitchParameters())
        #expect(!withFlatCost.isEmpty, "control: the flat cost no longer takes the 90 Hz detour")
        #expect(withEnergy.isEmpty, "frames above 70 Hz: \(withEnergy)")
    }
}
