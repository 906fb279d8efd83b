import Foundation

/// The frame phone classifier of Models/pronunciation/phones-vN.json: a multilayer perceptron (ReLU hidden
/// layers, softmax output) over a frame and its +-`contextFrames` neighbours, fitted by
/// bench/pronunciation/fit-phone-model.py on the fit split of the espeak-ng evaluation set (provenance in
/// Models/pronunciation/PROVENANCE.md). Labels are espeak-ng's IPA phoneme names (`SpeechSynthesizer.phonemes`).
public struct PhoneModel: Codable, Sendable {
    public struct Layer: Codable, Sendable {
        public var inputs: Int
        public var outputs: Int
        /// `relu` for hidden layers, `softmax` for the last.
        public var activation: String
        /// Row-major inputs x outputs.
        public var weights: [Float]
        public var bias: [Float]

        enum CodingKeys: String, CodingKey {
            case inputs, outputs, activation, weights = "weights_row_major_input_by_output", bias
        }

        public init(inputs: Int, outputs: Int, activation: String, weights: [Float], bias: [Float]) {
            self.inputs = inputs; self.outputs = outputs; self.activation = activation
            self.weights = weights; self.bias = bias
        }
    }

    public var version: String
    public var contextFrames: Int
    /// Stacked input dimension: (2 `contextFrames` + 1) x per-frame dimension.
    public var inputDimension: Int
    public var layers: [Layer]
    public var classLabels: [String]
    /// The frames the classifier reads: the output of this projection file (same folder), or CMVN frames when `nil`.
    public var inputProjectionFile: String?
    /// Log class priors of the training frames: dividing posteriors by them gives the scaled likelihoods that
    /// `UtteranceForcedAlignment` aligns with. `nil` in files that do not carry them (posteriors are used).
    public var logPriors: [Float]?

    enum CodingKeys: String, CodingKey {
        case version, contextFrames = "context_frames", inputDimension = "input_dimension", layers
        case classLabels = "class_labels", inputProjectionFile = "input_projection_file", logPriors = "log_priors"
    }

    public init(version: String, contextFrames: Int, inputDimension: Int, layers: [Layer], classLabels: [String],
                inputProjectionFile: String? = nil) {
        self.version = version; self.contextFrames = contextFrames; self.inputDimension = inputDimension
        self.layers = layers; self.classLabels = classLabels; self.inputProjectionFile = inputProjectionFile
    }

    /// Per-frame input dimension (before stacking).
    public var frameDimension: Int { inputDimension / (2 * contextFrames + 1) }

    /// Index of each label in the output, for mapping phoneme names to classes.
    public var classIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: classLabels.enumerated().map { ($0.element, $0.offset) })
    }

    public static func load(path: String) throws(PronunciationError) -> PhoneModel {
        do {
            let model = try JSONDecoder().decode(PhoneModel.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            var inputs = model.inputDimension
            guard model.contextFrames >= 0, model.inputDimension % (2 * model.contextFrames + 1) == 0, !model.layers.isEmpty else {
                throw PronunciationError.calibrationInvalid(path: path, reason: "phone model: context and input sizes do not match")
            }
            for layer in model.layers {
                guard layer.inputs == inputs, layer.weights.count == layer.inputs * layer.outputs, layer.bias.count == layer.outputs else {
                    throw PronunciationError.calibrationInvalid(path: path, reason: "phone model: layer sizes do not match")
                }
                inputs = layer.outputs
            }
            guard model.logPriors == nil || model.logPriors!.count == model.classLabels.count else {
                throw PronunciationError.calibrationInvalid(path: path, reason: "phone model: \(model.logPriors!.count) log priors for \(model.classLabels.count) labels")
            }
            guard inputs == model.classLabels.count else {
                throw PronunciationError.calibrationInvalid(path: path, reason: "phone model: \(inputs) outputs for \(model.classLabels.count) labels")
            }
            return model
        } catch let error as PronunciationError {
            throw error
        } catch {
            throw .calibrationInvalid(path: path, reason: "\(error)")
        }
    }
}
