import Foundation

extension PronunciationCalibration {
    /// Model v29: the readings the phone classifier explains far worse than the voices it was fitted on (people's
    /// voices, which it has never heard) are decided by another model that also listens with PocketSphinx's
    /// human-trained acoustic model (v21's decisions); every other reading is scored by this model alone and costs no
    /// PocketSphinx pass.
    ///
    /// Which readings: `s`, the median over the reading's words of their forced-alignment goodness (frame mean, nats,
    /// untempered; the statistic of `PronunciationScorer.temperingTemperature`), below `alignedGoodnessBelow`. A few
    /// wrong words do not move a median; a voice the classifier does not know moves every word. On the fit sets
    /// (bench/pronunciation/prereg-v29.md) `s < -1.8` held for 1.3-1.4 % of the generated voices' readings and 76-99 %
    /// of Festival's and Flite's, which are made from recordings of people.
    ///
    /// The routed model decides only: the evidence is measured with this model's settings (features, phone model,
    /// word forms, omission ratio), so the two must share features, projection and phone model (`load` checks).
    public struct HumanModelRoute: Codable, Sendable, Equatable {
        /// A reading whose `s` (nats per frame) is below this takes the route; -1.8 in v29.
        public var alignedGoodnessBelow: Double
        /// File name, next to this model, of the model that decides the routed readings.
        public var modelFile: String
        /// The loaded model (not part of the JSON; filled by `load`). An array only because a struct cannot hold an
        /// optional of its own type.
        var loaded: [PronunciationCalibration] = []

        /// The model that decides the routed readings, once loaded.
        public var model: PronunciationCalibration? { loaded.first }

        public init(alignedGoodnessBelow: Double, modelFile: String, model: PronunciationCalibration? = nil) {
            self.alignedGoodnessBelow = alignedGoodnessBelow
            self.modelFile = modelFile
            loaded = model.map { [$0] } ?? []
        }

        enum CodingKeys: String, CodingKey {
            case alignedGoodnessBelow = "aligned_goodness_below", modelFile = "model_file"
        }
    }

    /// The value of `PronunciationSection.modelRoute` for a reading scored by this model alone, and for one routed.
    public static let classifierRoute = "phone_classifier", humanModelRouteName = "human_model"

    /// Loads the routed model `route` names (next to `path`) and checks that it can decide on evidence measured with
    /// this model's settings.
    func loadingRoute(_ route: HumanModelRoute, nextTo path: String) throws(PronunciationError) -> HumanModelRoute {
        let folder = (path as NSString).deletingLastPathComponent
        let routedPath = (folder as NSString).appendingPathComponent(route.modelFile)
        guard FileManager.default.fileExists(atPath: routedPath) else {
            throw .calibrationInvalid(path: path, reason: "human_model_route names \(route.modelFile), which is not next to it at \(routedPath)")
        }
        let routed = try Self.load(path: routedPath)
        if routed.humanModelRoute != nil {
            throw .calibrationInvalid(path: path, reason: "its human_model_route model \(route.modelFile) has a route of its own; a route must end at a model without one")
        }
        if routed.features != features || routed.projectionFile != projectionFile || routed.phoneModelFile != phoneModelFile {
            throw .calibrationInvalid(path: path, reason: "its human_model_route model \(route.modelFile) reads other evidence (features, "
                                      + "projection_file or phone_model_file differ); the routed model decides on this model's evidence, so they must match")
        }
        if route.alignedGoodnessBelow >= 0 {
            throw .calibrationInvalid(path: path, reason: "human_model_route.aligned_goodness_below is \(route.alignedGoodnessBelow); goodness is "
                                      + "at most 0 nats per frame, so the bound must be negative (v29: -1.8)")
        }
        var loaded = route
        loaded.loaded = [routed]
        return loaded
    }
}
