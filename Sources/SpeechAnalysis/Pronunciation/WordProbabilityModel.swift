import Foundation

/// A per-word probability in a calibration file: a logistic (`{"intercept", "weights"}`: the word decision of v1-v16
/// and v19, the omission decision of v1-v9) or gradient-boosted trees (`{"features", "baseline", "trees"}`: the
/// omission decision from v10, the word decision of v17, v18 and the opt-in v20 and v21).
public enum WordProbabilityModel: Codable, Sendable, Equatable {
    case logistic(PronunciationCalibration.Logistic)
    case trees(GradientBoostedTrees)

    public func probability(_ features: [String: Double]) -> Double {
        switch self {
        case .logistic(let model): model.probability(features)
        case .trees(let model): model.probability(features)
        }
    }

    /// Whether the model reads the term `name`.
    public func reads(_ name: String) -> Bool {
        switch self {
        case .logistic(let model): model.weights[name] != nil
        case .trees(let model): model.features.contains(name)
        }
    }

    private enum Keys: String, CodingKey { case trees }

    public init(from decoder: Decoder) throws {
        if try decoder.container(keyedBy: Keys.self).contains(.trees) {
            self = .trees(try GradientBoostedTrees(from: decoder))
        } else {
            self = .logistic(try PronunciationCalibration.Logistic(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .logistic(let model): try model.encode(to: encoder)
        case .trees(let model): try model.encode(to: encoder)
        }
    }
}
