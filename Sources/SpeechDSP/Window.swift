import Foundation

/// Analysis windows, computed once and reused.
public enum Window {
    /// Hann window of `length` samples (symmetric form used by Praat and librosa's `hann` with sym=True).
    public static func hann(length: Int) -> [Float] {
        guard length > 1 else { return [Float](repeating: 1, count: max(length, 0)) }
        return (0..<length).map { i in
            Float(0.5 - 0.5 * cos(2.0 * Double.pi * Double(i) / Double(length - 1)))
        }
    }

    /// Gaussian window as in Praat's pitch and intensity analysis: `exp(-12 * (t - 0.5)^2)` over the frame.
    public static func gaussian(length: Int) -> [Float] {
        guard length > 1 else { return [Float](repeating: 1, count: max(length, 0)) }
        let edge = exp(-12.0 * 0.25)
        return (0..<length).map { i in
            let t = (Double(i) + 0.5) / Double(length) - 0.5
            return Float((exp(-12.0 * t * t) - edge) / (1 - edge))
        }
    }
}
