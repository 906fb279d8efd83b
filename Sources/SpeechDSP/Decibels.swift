import Foundation

/// Level conversions used across the analyses; a floor avoids -infinity for digital silence.
public enum Decibels {
    public static let floorDecibels: Double = -200

    /// 20 log10(amplitude), floored at `floorDecibels`.
    public static func fromAmplitude(_ amplitude: Double) -> Double {
        amplitude > 0 ? max(floorDecibels, 20 * log10(amplitude)) : floorDecibels
    }

    /// 10 log10(power), floored at `floorDecibels`.
    public static func fromPower(_ power: Double) -> Double {
        power > 0 ? max(floorDecibels, 10 * log10(power)) : floorDecibels
    }
}
