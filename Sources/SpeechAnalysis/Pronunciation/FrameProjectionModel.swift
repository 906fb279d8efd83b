import Foundation
import SpeechDSP

/// The learned frame projection of Models/pronunciation/projection-vN.json (fitted by
/// bench/pronunciation/fit-projection.py; provenance in Models/pronunciation/PROVENANCE.md).
public struct FrameProjectionModel: Codable, Sendable {
    public var version: String
    public var contextFrames: Int
    public var inputDimension: Int
    public var outputDimension: Int
    public var mean: [Float]
    public var matrix: [Float]
    /// Phone classes in the projected space (identity covariance): the posteriorgram model.
    public var classLabels: [String]?
    public var classMeans: [Float]?
    public var logPriors: [Float]?

    enum CodingKeys: String, CodingKey {
        case version, contextFrames = "context_frames", inputDimension = "input_dimension"
        case outputDimension = "output_dimension", mean, matrix = "matrix_row_major_input_by_output"
        case classLabels = "class_labels", classMeans = "class_means_row_major", logPriors = "log_priors"
    }

    /// The phone posteriorgram over `classLabels`, `nil` when the file has no class means.
    public func posteriorgram(temperature: Float, floor: Float) -> GaussianPosteriorgram? {
        guard let classMeans, let logPriors, classMeans.count == logPriors.count * outputDimension else { return nil }
        return GaussianPosteriorgram(classMeans: classMeans, logPriors: logPriors, dimension: outputDimension,
                                     temperature: temperature, floor: floor)
    }

    public var projection: ContextProjection {
        let perFrame = inputDimension / (2 * contextFrames + 1)
        return ContextProjection(inputDimension: perFrame, contextFrames: contextFrames, outputDimension: outputDimension,
                                 mean: mean, matrix: matrix)
    }

    public static func load(path: String) throws(PronunciationError) -> FrameProjectionModel {
        do {
            let model = try JSONDecoder().decode(FrameProjectionModel.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            guard model.inputDimension % (2 * model.contextFrames + 1) == 0,
                  model.mean.count == model.inputDimension,
                  model.matrix.count == model.inputDimension * model.outputDimension else {
                throw PronunciationError.calibrationInvalid(path: path, reason: "projection sizes do not match")
            }
            return model
        } catch let error as PronunciationError {
            throw error
        } catch {
            throw .calibrationInvalid(path: path, reason: "\(error)")
        }
    }
}
