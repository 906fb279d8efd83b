import SpeechDSP

/// Turns samples into `UtteranceFeatures`: MFCC through the FFT seam, speech frames from the frame levels,
/// then (normalised kind) deltas, delta-deltas and CMVN over the speech frames.
/// Owns an `MFCCAnalyzer` (FFT plan and buffers): one per worker, not thread-safe.
public final class PronunciationFeatureExtractor {
    public let parameters: PronunciationParameters
    private let mfcc: MFCCAnalyzer
    private let projection: ContextProjection?
    private let posteriorgram: GaussianPosteriorgram?

    /// - Parameter model: required for `.projectedMFCC` and `.phonePosteriorgram` (the learned model), ignored otherwise.
    public init(sampleRateHz: Double, parameters: PronunciationParameters = .init(), model: FrameProjectionModel? = nil) {
        let learned = parameters.features == .projectedMFCC || parameters.features == .phonePosteriorgram
        precondition(!learned || model != nil, "\(parameters.features) features need the projection model in Models/pronunciation")
        self.parameters = parameters
        self.projection = learned ? model?.projection : nil
        self.posteriorgram = parameters.features == .phonePosteriorgram
            ? model?.posteriorgram(temperature: parameters.posteriorTemperature, floor: parameters.posteriorFloor) : nil
        precondition(parameters.features != .phonePosteriorgram || posteriorgram != nil, "the projection model has no phone classes")
        mfcc = MFCCAnalyzer(sampleRateHz: sampleRateHz, parameters: parameters.mfcc)
    }

    /// Features of `samples` (at the extractor's rate); `nil` when no frame stands out as speech.
    /// - Parameter keepNormalized: also return the CMVN MFCC + delta rows (`normalizedFeatures`) for the phone model.
    public func features(of samples: [Float], keepNormalized: Bool = false) -> UtteranceFeatures? {
        let output = mfcc.analyze(samples)
        let hop = parameters.mfcc.hopSeconds
        let kept = AlignmentSpeechFrames.kept(levelsDecibels: output.levelDecibels,
                                     thresholdFraction: parameters.speechThresholdFraction,
                                     minimumAboveFloorDecibels: parameters.speechMinimumAboveFloorDecibels,
                                     minPauseFrames: Int((parameters.minPauseSeconds / hop).rounded()),
                                     marginFrames: parameters.speechMarginFrames)
        guard kept.count >= 2 else { return nil }
        let matrix: FeatureMatrix
        var normalized: FeatureMatrix?
        switch parameters.features {
        case .plainMFCC:
            matrix = output.cepstra.selecting(frames: kept)
        case .normalizedMFCC, .projectedMFCC, .phonePosteriorgram:
            // Deltas over the kept rows, so a removed pause does not leave a jump in the slopes.
            let cepstra = output.cepstra.selecting(frames: kept)
            let deltas = DeltaFeatures.deltas(of: cepstra, halfWidth: parameters.deltaHalfWidthFrames)
            let accelerations = DeltaFeatures.deltas(of: deltas, halfWidth: parameters.deltaHalfWidthFrames)
            var all = cepstra.appendingColumns(of: deltas).appendingColumns(of: accelerations)
            MeanVarianceNormalization.normalize(&all)
            if keepNormalized { normalized = all }
            let projected = projection?.apply(all) ?? all
            matrix = posteriorgram?.apply(projected) ?? projected
        }
        var utterance = UtteranceFeatures(features: matrix, keptFrames: kept, hopSeconds: hop,
                                          totalFrames: output.cepstra.frameCount,
                                          durationSeconds: Double(samples.count) / mfcc.sampleRateHz)
        utterance.normalizedFeatures = normalized
        return utterance
    }
}
