import SpeechDSP

/// A learner's frame log posteriors over the phone classes (`PhoneClassifier`) with each frame's largest one,
/// found once per utterance: goodness of pronunciation measures every frame against it, once per word for
/// `GoodnessOfPronunciation` and again for `UtteranceForcedAlignment`.
public struct PhonePosteriors: Sendable {
    public let logPosteriors: FeatureMatrix
    public let frameMaxima: [Float]

    public init(_ logPosteriors: FeatureMatrix) {
        self.logPosteriors = logPosteriors
        let c = logPosteriors.dimension
        frameMaxima = logPosteriors.values.withUnsafeBufferPointer { lp in
            (0..<logPosteriors.frameCount).map { i in
                var top = -Float.infinity
                for j in 0..<c { top = max(top, lp[i * c + j]) }
                return top
            }
        }
    }
}
