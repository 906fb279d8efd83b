import Foundation
import SpeechTestSupport
import Testing
@testable import SpeechAnalysis

@Suite struct GradientBoostedTreesTests {
    /// baseline -1; tree 1: a <= 0.5 -> +2, else (b <= 1 -> -1, else +0.5); tree 2: a single leaf, +0.25.
    static let model = GradientBoostedTrees(
        features: ["a", "b"], baseline: -1,
        trees: [.init(feature: [0, -1, 1, -1, -1], threshold: [0.5, 0, 1, 0, 0], left: [1, 0, 3, 0, 0], right: [2, 0, 4, 0, 0],
                      value: [0, 2, 0, -1, 0.5]),
                .init(feature: [-1], threshold: [0], left: [0], right: [0], value: [0.25])])

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    @Test func eachTreeAddsTheLeafItsThresholdsLeadTo() {
        let m = Self.model
        #expect(m.defect == nil)
        #expect(abs(m.probability(["a": 0.5, "b": 9]) - Self.sigmoid(1.25)) < 1e-12, "x == threshold goes left")
        #expect(abs(m.probability(["a": 1, "b": 1]) - Self.sigmoid(-1.75)) < 1e-12)
        #expect(abs(m.probability(["a": 1, "b": 2]) - Self.sigmoid(-0.25)) < 1e-12)
        #expect(abs(m.probability(["a": 0.50001, "b": 2]) - Self.sigmoid(-0.25)) < 1e-12)
    }

    @Test func withoutMissingRoutesAnAbsentOrNaNTermCountsAsZeroAsInTheFit() {
        let m = Self.model
        #expect(m.probability([:]) == m.probability(["a": 0, "b": 0]))
        #expect(m.probability(["a": .nan, "b": 3]) == m.probability(["a": 0, "b": 3]))
        #expect(m.probability(["b": 3, "unused": 7]) == m.probability(["a": 0, "b": 3]))
    }

    @Test func withMissingRoutesANaNFollowsEachNodesLearnedSideWhileAnAbsentTermStaysZero() {
        var m = Self.model
        m.trees[0].missingLeft = [false, false, true, false, false]   // at the root NaN goes right, at node 2 left
        #expect(m.defect == nil)
        #expect(abs(m.probability(["a": .nan, "b": 3]) - Self.sigmoid(-0.25)) < 1e-12, "root sends NaN right, b > 1 -> +0.5")
        #expect(abs(m.probability(["a": 9, "b": .nan]) - Self.sigmoid(-1.75)) < 1e-12, "node 2 sends NaN left -> -1")
        #expect(abs(m.probability(["a": .nan, "b": .nan]) - Self.sigmoid(-1.75)) < 1e-12)
        #expect(m.probability(["b": 3]) == Self.model.probability(["a": 0, "b": 3]), "absent = 0, as the fit fills it")
        m.trees[0].missingLeft = [true, false, true, false, false]
        #expect(abs(m.probability(["a": .nan, "b": 3]) - Self.sigmoid(1.25)) < 1e-12)
        m.trees[0].missingLeft = [true]
        #expect(m.defect != nil, "one flag per node")
    }

    @Test func treesThatCouldLoopOrReadPastTheFeaturesAreDefects() {
        var backwards = Self.model
        backwards.trees[0].right[2] = 1
        backwards.trees[0].left[2] = 2
        #expect(backwards.defect?.contains("tree 0") == true)
        var unknownFeature = Self.model
        unknownFeature.trees[0].feature[2] = 2
        #expect(unknownFeature.defect?.contains("feature 2") == true)
        var ragged = Self.model
        ragged.trees[1].value = []
        #expect(ragged.defect != nil)
    }

    @Test func calibrationFilesDecodeEitherFormAndRoundTrip() throws {
        let v9 = try PronunciationReferenceEvidenceTests.model("v9.json")
        let v10 = try PronunciationReferenceEvidenceTests.model("v10.json")
        guard case .logistic = v9.omission else { Issue.record("v9's omission is a logistic"); return }
        guard case .trees(let trees) = v10.omission else { Issue.record("v10's omission is trees"); return }
        #expect(trees.trees.count == 200 && trees.defect == nil)
        // Every term the trees read is one the scorer fills for a word with all its evidence.
        var unit = PronunciationComparison.UnitEvidence(label: "cats", logMeanRatio: 0.1, logPeakRatio: 0.2, logRelativeDuration: -0.3,
                                                        learnerStartSeconds: 1, learnerEndSeconds: 1.3, referenceStartSeconds: 1,
                                                        referenceEndSeconds: 1.3, bestReference: 0)
        let goodness = GoodnessOfPronunciation.Result(frameMean: -1, phoneMinimum: -2, logPosteriorMean: -1.5)
        unit.goodness = goodness
        unit.aligned = .init(omissionLogRatio: -3, goodness: goodness, frameCount: 30, variantLogRatio: -1)
        let terms = PronunciationScorer.wordTerms(unit, calibration: v10)
        #expect(Set(trees.features).isSubset(of: Set(terms.keys)), "\(trees.features) vs \(terms.keys.sorted())")
        #expect(terms["aligned_frames"] == 30)
        let v11 = try PronunciationReferenceEvidenceTests.model("v11.json")
        guard case .trees(let trees11) = v11.omission else { Issue.record("v11's omission is trees"); return }
        #expect(trees11.features == trees.features + ["reference_duration"])
        #expect(abs(PronunciationScorer.wordTerms(unit, calibration: v11)["reference_duration"]! - 0.3) < 1e-12)
        for model in [v9.omission, v10.omission] {
            let again = try JSONDecoder().decode(WordProbabilityModel.self, from: JSONEncoder().encode(model))
            #expect(again == model)
        }
    }

    @Test func aModelFileWithABrokenTreeIsRejectedWithATypedError() throws {
        let folder = PronunciationGoodnessTests.repository
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("v10.json"))) as? [String: Any])
        var omission = try #require(json["omission"] as? [String: Any])
        var trees = try #require(omission["trees"] as? [[String: Any]])
        var left = try #require(trees[3]["left"] as? [Int])
        left[0] = 0
        trees[3]["left"] = left
        omission["trees"] = trees
        json["omission"] = omission
        let directory = TestScratch.url("gbt")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["projection-v1.json", "phones-v2.json"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let path = directory.appendingPathComponent("broken.json").path
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PronunciationCalibration.load(path: path)
            Issue.record("a tree whose root points at itself must not load")
        } catch {
            #expect(error.codeString == "calibration_invalid")
            #expect(error.detail.contains("tree 3"), "\(error.detail)")
        }
    }
}
