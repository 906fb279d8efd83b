import SpeechDSP

/// Speech activity, silent and filled pauses, leading/trailing silence and syllable nuclei of one
/// recording (docs/fluency.md). Two phases as in Praat: per-frame features (`SpeechFrameAnalyzer`), then
/// whole-signal decisions (`SpeechActivityDetector`, `FilledPauseDetector`, `SyllableNucleusDetector`).
///
/// Holds the FFT plan and buffers: make one per worker and reuse it; not thread-safe.
public final class SpeechTimingAnalyzer {
    public let parameters: SpeechTimingParameters
    public let sampleRateHz: Double
    private let frameAnalyzer: SpeechFrameAnalyzer

    public init(sampleRateHz: Double, parameters: SpeechTimingParameters = .init()) {
        self.parameters = parameters
        self.sampleRateHz = sampleRateHz
        frameAnalyzer = SpeechFrameAnalyzer(sampleRateHz: sampleRateHz, parameters: parameters.frames)
    }

    /// Analyses `samples` (mono, `sampleRateHz`). `voicing`, the pitch tracker's per-frame voicing
    /// probability and F0, drives periodicity, flat-pitch and voiced-peak decisions; without it the
    /// analyser's own normalised-autocorrelation periodicity is used. Silence gives no speech: the whole
    /// file is leading silence, with no pauses and no syllables.
    public func analyze(samples: [Float], voicing track: VoicingTrack? = nil) -> SpeechTiming {
        let frames = samples.withUnsafeBufferPointer {
            frameAnalyzer.analyze(samples: $0, periodicity: track == nil)
        }
        let hop = frames.hopSeconds
        // Frame times as frame / rate (e.g. 94 / 100 = 0.94), not frame * hop (0.9400000000000001).
        let framesPerSecond = 1 / hop
        func time(_ frame: Int) -> Double { Double(frame) / framesPerSecond }
        let duration = Double(samples.count) / sampleRateHz
        let (voicing, f0) = track?.aligned(toFrames: frames.count, hopSeconds: hop) ?? (frames.periodicity, frames.f0Hz)

        let activity = SpeechActivityDetector(parameters: parameters)
            .detect(frames: frames, voicing: voicing)
        let edge = parameters.edgeCorrectionSeconds
        func start(_ frame: Int) -> Double { min(duration, max(0, time(frame) + edge)) }
        func end(_ frame: Int) -> Double { min(duration, max(0, time(frame) - edge)) }
        // Silences shorter than a pause are stop closures and fluent gaps: they stay inside speech.
        let speechSegments = Self.bridge(activity.segments) { start($1.lowerBound) - end($0.upperBound) < parameters.minimumPauseSeconds }
        guard !speechSegments.isEmpty else {
            return SpeechTiming(durationSeconds: duration, leadingSilenceSeconds: duration, trailingSilenceSeconds: 0,
                                speech: [], pauses: [], syllableTimesSeconds: [])
        }
        let filled = FilledPauseDetector(parameters: parameters)
            .detect(segments: speechSegments, voicing: voicing, f0Hz: f0, frames: frames)
        let nuclei = SyllableNucleusDetector(parameters: parameters)
            .detect(sonority: frames.sonorityDecibels, noiseFloor: SpeechActivityDetector.noiseFloor(
                        frames.sonorityDecibels, halfWidth: Int(parameters.noiseFloorHalfWindowSeconds / hop)),
                    voicing: voicing, speech: speechSegments, excluded: filled, hopSeconds: hop)

        let speech = speechSegments.map { SpeechTiming.Interval(startSeconds: start($0.lowerBound), endSeconds: max(start($0.lowerBound), end($0.upperBound))) }

        var pauses: [SpeechSection.Pause] = []
        for i in 1..<max(1, speech.count) {
            pauses.append(.init(startSeconds: speech[i - 1].endSeconds, endSeconds: speech[i].startSeconds, kind: .silent))
        }
        for run in filled {
            pauses.append(.init(startSeconds: time(run.lowerBound), endSeconds: time(run.upperBound), kind: .filled))
        }
        pauses.sort { $0.startSeconds < $1.startSeconds }
        return SpeechTiming(durationSeconds: duration,
                            leadingSilenceSeconds: speech.first!.startSeconds,
                            trailingSilenceSeconds: max(0, duration - speech.last!.endSeconds),
                            speech: speech, pauses: pauses,
                            syllableTimesSeconds: nuclei.map { time($0) })
    }

    /// Joins consecutive segments for which `tooClose(previous, next)` holds.
    static func bridge(_ segments: [ClosedRange<Int>],
                       tooClose: (ClosedRange<Int>, ClosedRange<Int>) -> Bool) -> [ClosedRange<Int>] {
        var joined: [ClosedRange<Int>] = []
        for segment in segments {
            if let last = joined.last, tooClose(last, segment) {
                joined[joined.count - 1] = last.lowerBound...segment.upperBound
            } else {
                joined.append(segment)
            }
        }
        return joined
    }
}
