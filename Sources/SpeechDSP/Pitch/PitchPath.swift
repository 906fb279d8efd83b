import Foundation

/// The second phase of Boersma (1993) / Praat: the globally best path through the per-frame candidates
/// (dynamic programming, Viterbi), trading candidate strength against octave jumps and voicing changes.
///
/// Allocates its trellis in `init` and grows it only for longer signals; `viterbi` allocates nothing once
/// the trellis is large enough.
public final class PitchPath {
    /// Chosen F0 per frame, Hz; 0 = unvoiced. Valid for `frameCount` frames after `viterbi`.
    public private(set) var f0Hz: [Float] = []
    /// Strength of the chosen candidate per frame (the unvoiced strength when unvoiced).
    public private(set) var chosenStrengths: [Float] = []
    public private(set) var frameCount = 0

    private var score: [Float] = []          // capacity + 1 per frame (index capacity = unvoiced)
    private var previousScore: [Float] = []
    private var backPointer: [Int32] = []
    private var previousLog: [Float] = []   // log2 of the previous frame's candidate frequencies
    private var currentLog: [Float] = []

    public init() {}

    private func reserve(frames: Int, width: Int) {
        if backPointer.count < frames * width {
            backPointer = [Int32](repeating: 0, count: frames * width)
        }
        if f0Hz.count < frames {
            f0Hz = [Float](repeating: 0, count: frames)
            chosenStrengths = [Float](repeating: 0, count: frames)
        }
        if score.count < width {
            score = [Float](repeating: 0, count: width)
            previousScore = [Float](repeating: 0, count: width)
            previousLog = [Float](repeating: 0, count: width)
            currentLog = [Float](repeating: 0, count: width)
        }
    }

    /// Best path through `table`, considering only candidates in `rangeHz`.
    ///
    /// - Parameters:
    ///   - octaveJumpCost: cost per octave between consecutive voiced frames (Praat 0.35), scaled by `0.01 / hopSeconds`.
    ///   - voicedUnvoicedCost: cost of each voiced/unvoiced switch (Praat 0.14), scaled likewise.
    /// Silence (no voiced candidates anywhere) gives an all-zero path.
    ///   - bridgeSeconds: an unvoiced stretch shorter than this keeps the pitch memory of the voiced frame
    ///     before it (0 = Praat: a path may resume at any F0 for free after one unvoiced frame). See below.
    ///   - transitionEnergyWeight: 0...1, share of `voicedUnvoicedCost` modulated by `table.energyRatios`
    ///     (Talkin 1995; 0 = Praat's flat cost). See below.
    public func viterbi(_ table: PitchCandidateTable, rangeHz: ClosedRange<Float>, hopSeconds: Double,
                        octaveJumpCost: Double, voicedUnvoicedCost: Double, bridgeSeconds: Double = 0,
                        transitionEnergyWeight: Double = 0) {
        let frames = table.frameCount
        let capacity = table.capacity
        let width = capacity + 1
        let unvoiced = capacity
        reserve(frames: frames, width: width)
        frameCount = frames
        guard frames > 0 else { return }
        let timeCorrection = Float(0.01 / hopSeconds)
        let jumpCost = Float(octaveJumpCost) * timeCorrection
        let switchCost = Float(voicedUnvoicedCost) * timeCorrection
        let excluded = -Float.greatestFiniteMagnitude / 4

        // The trellis rows are moved into locals for the search and back at the end (no copy, no allocation):
        // element access to a class's array property pays a dynamic exclusivity check, a local's does not.
        var score: [Float] = [], previousScore: [Float] = [], currentLog: [Float] = [], previousLog: [Float] = []
        var backPointer: [Int32] = []
        swap(&score, &self.score); swap(&previousScore, &self.previousScore)
        swap(&currentLog, &self.currentLog); swap(&previousLog, &self.previousLog)
        swap(&backPointer, &self.backPointer)
        defer {
            swap(&score, &self.score); swap(&previousScore, &self.previousScore)
            swap(&currentLog, &self.currentLog); swap(&previousLog, &self.previousLog)
            swap(&backPointer, &self.backPointer)
        }
        let counts = table.counts, frequencies = table.frequenciesHz, strengths = table.strengths
        let unvoicedStrengths = table.unvoicedStrengths
        // Energy-modulated voicing transitions (RAPT, Talkin 1995): a voiced -> unvoiced change costs
        // c * (1 - w + w * r) and an unvoiced -> voiced change c * (1 - w + w / r), with r the frame's energy
        // ratio (after / before its centre), c = `voicedUnvoicedCost` and w = `transitionEnergyWeight`.
        // Voicing ends as energy falls and starts as it rises; a restart while it falls (or a stop while it
        // rises) is dear. w = 0: Praat's flat cost; w = 1: RAPT's form (trans_cost ~ 0, all of it modulated).
        let energyRatios = table.energyRatios
        let energyWeight = Float(transitionEnergyWeight)
        let steadyCost = switchCost * (1 - energyWeight), modulatedCost = switchCost * energyWeight
        /// Costs of voiced -> unvoiced and unvoiced -> voiced between `frame - 1` and `frame`.
        @inline(__always) func transitionCosts(_ frame: Int) -> (offset: Float, onset: Float) {
            guard energyWeight != 0 else { return (switchCost, switchCost) }
            let ratio = energyRatios[frame]
            return (steadyCost + modulatedCost * ratio, steadyCost + modulatedCost / ratio)
        }

        func isUsable(_ frame: Int, _ k: Int) -> Bool {
            k < Int(counts[frame]) && rangeHz.contains(frequencies[frame * capacity + k])
        }

        for k in 0..<capacity {
            previousScore[k] = isUsable(0, k) ? strengths[k] : excluded
        }
        previousScore[unvoiced] = unvoicedStrengths[0]
        for k in 0..<Int(counts[0]) { previousLog[k] = log2(frequencies[k]) }
        // Pitch memory of the unvoiced state (after Mauch & Dixon 2014, whose pYIN keeps one unvoiced state per
        // pitch, so the pitch-transition model holds across unvoiced frames): log2 F0 of the last voiced frame on
        // the unvoiced state's best path and the frames since. Resuming voicing pays the octave-jump cost from
        // that F0, fading linearly to nothing at `bridgeSeconds`: after a voiceless consonant the speaker goes
        // on near the same pitch, while another talker heard through the gap does not; after a pause, anything.
        // (One unvoiced state with a memory is an approximation of pYIN's copies; it costs nothing per frame.)
        let bridgeFrames = Float(bridgeSeconds / hopSeconds)
        var memoryLog: Float = 0
        var framesSinceVoiced = Float.infinity

        for frame in 1..<max(frames, 1) {
            let row = frame * capacity
            let previousCount = Int(counts[frame - 1])
            // Unvoiced candidate of this frame. The bridge weight is that of the gap as it stands at the
            // previous frame (where a path leaves the unvoiced state).
            let bridgeWeight = framesSinceVoiced < bridgeFrames ? 1 - framesSinceVoiced / bridgeFrames : 0
            let resumeJumpCost = jumpCost * bridgeWeight
            let previousMemory = memoryLog
            let (offsetCost, onsetCost) = transitionCosts(frame)
            do {
                var bestScore = previousScore[unvoiced]
                var bestIndex = unvoiced
                for j in 0..<previousCount where previousScore[j] > excluded {
                    let candidate = previousScore[j] - offsetCost
                    if candidate > bestScore { bestScore = candidate; bestIndex = j }
                }
                score[unvoiced] = bestScore + unvoicedStrengths[frame]
                backPointer[frame * width + unvoiced] = Int32(bestIndex)
                if bestIndex == unvoiced {
                    framesSinceVoiced += 1
                } else {
                    memoryLog = previousLog[bestIndex]
                    framesSinceVoiced = 1
                }
            }
            for k in 0..<capacity {
                guard isUsable(frame, k) else { score[k] = excluded; continue }
                let logFrequency = log2(frequencies[row + k])
                currentLog[k] = logFrequency
                var bestScore = previousScore[unvoiced] - onsetCost
                    - (resumeJumpCost > 0 ? resumeJumpCost * abs(logFrequency - previousMemory) : 0)
                var bestIndex = unvoiced
                for j in 0..<previousCount where previousScore[j] > excluded {
                    let jump = abs(logFrequency - previousLog[j])
                    let candidate = previousScore[j] - jumpCost * jump
                    if candidate > bestScore { bestScore = candidate; bestIndex = j }
                }
                score[k] = bestScore + strengths[row + k]
                backPointer[frame * width + k] = Int32(bestIndex)
            }
            swap(&score, &previousScore)
            swap(&currentLog, &previousLog)
        }

        var state = unvoiced
        for k in 0..<width where previousScore[k] > previousScore[state] { state = k }
        for frame in stride(from: frames - 1, through: 0, by: -1) {
            if state == unvoiced {
                f0Hz[frame] = 0
                chosenStrengths[frame] = table.unvoicedStrengths[frame]
            } else {
                f0Hz[frame] = table.frequenciesHz[frame * capacity + state]
                chosenStrengths[frame] = table.strengths[frame * capacity + state]
            }
            if frame > 0 { state = Int(backPointer[frame * width + state]) }
        }
    }
}
