/// Viterbi paths through the model's context-independent phone HMMs (three left-to-right states, one senone
/// each; transition probabilities left out, a fixed penalty for entering a phone instead) over a recording's
/// senone scores (`SphinxSenoneScorer`). Two searches, as in goodness of pronunciation (Witt & Young 2000):
/// `forced` through a given phone sequence, and `free`, an unconstrained phone loop (the best any phones do).
public struct SphinxPhoneAlignment: Sendable {
    public struct Segment: Sendable, Equatable {
        public var phone: Int
        /// Index of the segment's unit in the forced sequence (the phone again in the free loop).
        public var unit: Int
        public var startFrame: Int
        /// Exclusive.
        public var endFrame: Int
        /// Sum of the path's senone scores over the segment (nats).
        public var score: Float
    }

    public var segments: [Segment]
    /// The path's senone score at each frame (nats).
    public var frameScores: [Float]
    public var score: Float { segments.reduce(0) { $0 + $1.score } }

    /// Penalty (nats) for entering a phone; keeps the free loop from splitting one phone into many.
    public static let defaultPhonePenalty: Float = 10

    /// One phone of a forced sequence; an optional one (a pause between words) may be skipped.
    public struct Unit: Sendable, Equatable {
        public var phone: Int
        public var optional: Bool
        public init(phone: Int, optional: Bool = false) {
            self.phone = phone
            self.optional = optional
        }
    }

    /// The forced path keeps one byte per frame and state to trace itself back; beyond this many (64 MB, e.g. a
    /// two-minute recording of a 700-word prompt) `forced` declines rather than take the memory.
    public static let maximumTrellisCells = 64_000_000

    /// The best path through `units` in order (optional ones may be skipped); nil when there are too few frames
    /// for the required units' states (3 each), or more frames x states than `maximumTrellisCells`.
    public static func forced(_ units: [Unit], scores: [Float], frames: Int, model: SphinxAcousticModel) -> SphinxPhoneAlignment? {
        let states = units.flatMap { model.phoneSenones[$0.phone] }
        let count = states.count, senones = model.ciSenoneCount
        guard count > 0, frames > 0, frames >= 3 * units.filter({ !$0.optional }).count,
              frames * count <= maximumTrellisCells else { return nil }
        // The state a path may enter unit u's first state from: the last state of the nearest unit before u,
        // or of one further back across optional units (at most 80 back, so the trace fits a byte).
        // Unit u's sources are `sources[sourceStart[u] ..< sourceStart[u + 1]]`, nearest first.
        var sources: [Int] = [], sourceStart: [Int] = [0]
        for u in units.indices {
            var v = u - 1
            while v >= 0 && u - v <= 80 {
                sources.append(3 * v + 2)
                if !units[v].optional { break }
                v -= 1
            }
            sourceStart.append(sources.count)
        }
        let entries = units.indices.prefix { $0 == 0 || units[$0 - 1].optional }.map { 3 * $0 }
        let exits = Set(units.indices.reversed().prefix { $0 == units.count - 1 || units[$0 + 1].optional }.map { 3 * $0 + 2 })
        var previous = [Float](repeating: -.infinity, count: count), current = previous
        var back = [UInt8](repeating: 0, count: frames * count)   // i minus the state of the frame before
        for i in entries { previous[i] = scores[states[i]] }
        for t in 1..<frames {
            // Raw pointers: through the arrays, uniqueness and bounds checks cost about 40 % of this trellis (perf).
            let row = t * senones, trace = t * count
            previous.withUnsafeBufferPointer { previous in
                current.withUnsafeMutableBufferPointer { current in
                    back.withUnsafeMutableBufferPointer { back in
                        for i in 0..<count {
                            var best = previous[i], source = i
                            if i % 3 != 0 {
                                if previous[i - 1] > best { best = previous[i - 1]; source = i - 1 }
                            } else {
                                for c in sources[sourceStart[i / 3]..<sourceStart[i / 3 + 1]] where previous[c] > best {
                                    best = previous[c]; source = c
                                }
                            }
                            back[trace + i] = UInt8(i - source)
                            current[i] = best + scores[row + states[i]]
                        }
                    }
                }
            }
            swap(&previous, &current)
        }
        guard var i = exits.max(by: { previous[$0] < previous[$1] }), previous[i] > -.infinity else { return nil }
        var path = [Int](repeating: 0, count: frames)
        for t in stride(from: frames - 1, through: 0, by: -1) {
            path[t] = i
            if t > 0 { i -= Int(back[t * count + i]) }
        }
        return segmented(path: path, states: states, scores: scores, senones: senones) { units[$0 / 3].phone }
    }

    /// Segments (one per visit of a phone) of a state path; `phone` names the phone of a state index.
    private static func segmented(path: [Int], states: [Int], scores: [Float], senones: Int,
                                  phone: (Int) -> Int) -> SphinxPhoneAlignment {
        var segments: [Segment] = []
        var frameScores = [Float](repeating: 0, count: path.count)
        for (t, i) in path.enumerated() {
            frameScores[t] = scores[t * senones + states[i]]
            let entering = t == 0 || path[t - 1] / 3 != i / 3 || (i % 3 == 0 && path[t - 1] % 3 == 2)
            if entering { segments.append(Segment(phone: phone(i), unit: i / 3, startFrame: t, endFrame: t + 1, score: 0)) }
            segments[segments.count - 1].endFrame = t + 1
            segments[segments.count - 1].score += frameScores[t]
        }
        return SphinxPhoneAlignment(segments: segments, frameScores: frameScores)
    }

    /// The best path through any sequence of the model's phones.
    public static func free(scores: [Float], frames: Int, model: SphinxAcousticModel,
                            phonePenalty: Float = defaultPhonePenalty) -> SphinxPhoneAlignment {
        let phones = model.phones.count, senones = model.ciSenoneCount, count = phones * 3
        guard frames > 0 else { return SphinxPhoneAlignment(segments: [], frameScores: []) }
        let states = (0..<phones).flatMap { model.phoneSenones[$0] }
        var previous = [Float](repeating: -.infinity, count: count), current = previous
        // 0 stay, 1 from the state before, 2 entered from the best phone end of the frame before.
        var from = [UInt8](repeating: 0, count: frames * count)
        var bestEnd = [Int](repeating: 0, count: frames)
        for p in 0..<phones { previous[3 * p] = scores[states[3 * p]] - phonePenalty; from[3 * p] = 2 }
        for t in 1..<frames {
            var endPhone = 0
            for p in 1..<phones where previous[3 * p + 2] > previous[3 * endPhone + 2] { endPhone = p }
            bestEnd[t - 1] = endPhone
            let enter = previous[3 * endPhone + 2] - phonePenalty
            for i in 0..<count {
                let stay = previous[i]
                let move = i % 3 == 0 ? enter : previous[i - 1]
                from[t * count + i] = move > stay ? (i % 3 == 0 ? 2 : 1) : 0
                current[i] = max(stay, move) + scores[t * senones + states[i]]
            }
            swap(&previous, &current)
        }
        var i = 0
        for p in 1..<phones where previous[3 * p + 2] > previous[3 * (i / 3) + 2] { i = 3 * p }
        i += 2
        var path = [Int](repeating: 0, count: frames)
        for t in stride(from: frames - 1, through: 0, by: -1) {
            path[t] = i
            guard t > 0 else { break }
            switch from[t * count + i] {
            case 2: i = 3 * bestEnd[t - 1] + 2
            case 1: i -= 1
            default: break
            }
        }
        return segmented(path: path, states: states, scores: scores, senones: senones) { $0 / 3 }
    }
}
