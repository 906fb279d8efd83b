/// Goodness of pronunciation summed over a word's phones, frame by frame in phone order (Witt & Young 2000, in
/// the posterior form of Hu, Qian, Soong & Wang 2015): per phone the mean of log p(own phone) - max_c log p(c)
/// over its frames. The one summary behind `GoodnessOfPronunciation` (phones aligned within the word's DTW span)
/// and `UtteranceForcedAlignment` (phones aligned across the utterance). Sums in Double.
struct PhoneGoodnessSum {
    private var frameSum = 0.0, frameCount = 0, phoneMinimum = 0.0, phoneLogPosteriorSum = 0.0
    private var phoneSum = 0.0, phoneLogPosterior = 0.0, phoneFrames = 0

    /// One frame of the current phone: the frame's log posterior of that phone and its largest log posterior.
    mutating func add(own: Float, frameMaximum: Float) {
        phoneSum += Double(own) - Double(frameMaximum)
        phoneLogPosterior += Double(own)
        phoneFrames += 1
    }

    /// Closes the current phone; a phone that got no frame adds nothing.
    mutating func endPhone() {
        guard phoneFrames > 0 else { return }
        frameSum += phoneSum
        frameCount += phoneFrames
        phoneMinimum = min(phoneMinimum, phoneSum / Double(phoneFrames))
        phoneLogPosteriorSum += phoneLogPosterior / Double(phoneFrames)
        phoneSum = 0; phoneLogPosterior = 0; phoneFrames = 0
    }

    /// Frames of the closed phones.
    var frames: Int { frameCount }

    /// - Parameter phoneCount: the word's expected phones (the mean log posterior is taken over them).
    func result(phoneCount: Int) -> GoodnessOfPronunciation.Result {
        .init(frameMean: frameCount > 0 ? frameSum / Double(frameCount) : 0, phoneMinimum: phoneMinimum,
              logPosteriorMean: phoneCount > 0 ? phoneLogPosteriorSum / Double(phoneCount) : 0)
    }
}
