import CSphinxFrontEnd

/// The features PocketSphinx's en-us model was trained on: libsphinxbase's MFCC front end (13 cepstra per
/// 10 ms frame, window 25.6 ms), batch cepstral mean normalisation over the utterance, and the `1s_c_d_dd`
/// feature: cepstra, deltas c[t+2] - c[t-2], and double deltas (c[t+3] - c[t-1]) - (c[t+1] - c[t-3]), edges
/// repeating the first and last frame (sphinxbase feat.c). Frame t covers samples [160 t, 160 t + 410) at 16 kHz.
public final class SphinxFeatures {
    public static let cepstra = 13
    public static let dimension = 39
    public static let hopSamples = 160
    public static let windowSamples = 410
    private let frontEnd: OpaquePointer

    /// One per thread: libsphinxbase's front end keeps state within an utterance.
    public init() throws(AcousticModelError) {
        guard let made = speakwell_sphinx_front_end_create() else { throw .frontEndFailed("the configuration was refused") }
        frontEnd = made
    }

    deinit { speakwell_sphinx_front_end_free(frontEnd) }

    /// Features of 16 kHz mono samples (-1 ... 1): `frames x 39`, row-major. Empty for less than one window.
    public func features(of samples: [Float]) throws(AcousticModelError) -> (frames: Int, values: [Float]) {
        guard samples.count >= Self.windowSamples else { return (0, []) }
        let pcm = samples.map { Int16(clamping: Int(($0 * 32768).rounded())) }
        let capacity = speakwell_sphinx_frame_capacity(pcm.count)
        var cepstra = [Float](repeating: 0, count: Int(capacity) * Self.cepstra)
        let frames = Int(pcm.withUnsafeBufferPointer { input in
            cepstra.withUnsafeMutableBufferPointer { speakwell_sphinx_cepstra(frontEnd, input.baseAddress, input.count, $0.baseAddress, capacity) }
        })
        guard frames >= 0 else { throw .frontEndFailed("no frames for \(samples.count) samples") }
        guard frames > 0 else { return (0, []) }
        let n = Self.cepstra
        for c in 0..<n {
            var mean: Float = 0
            for t in 0..<frames { mean += cepstra[t * n + c] }
            mean /= Float(frames)
            for t in 0..<frames { cepstra[t * n + c] -= mean }
        }
        var values = [Float](repeating: 0, count: frames * Self.dimension)
        func row(_ t: Int) -> Int { min(max(t, 0), frames - 1) * n }
        for t in 0..<frames {
            let out = t * Self.dimension
            for c in 0..<n {
                values[out + c] = cepstra[row(t) + c]
                values[out + n + c] = cepstra[row(t + 2) + c] - cepstra[row(t - 2) + c]
                values[out + 2 * n + c] = (cepstra[row(t + 3) + c] - cepstra[row(t - 1) + c])
                    - (cepstra[row(t + 1) + c] - cepstra[row(t - 3) + c])
            }
        }
        return (frames, values)
    }
}
