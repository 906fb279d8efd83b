import Foundation
@testable import SpeechAnalysis
import SpeechAudio
import SpeechTestSupport
import Testing

/// Models v29 and v30: a reading whose median aligned goodness `s` is below the route's bound (a voice the phone
/// classifier does not know, such as a person's) gets PocketSphinx's evidence and is decided by the routed model;
/// every other reading is scored exactly as the parent scores it, with no PocketSphinx pass.
@Suite struct HumanModelRouteTests {
    static let routedModel = "v30.json"

    /// The routed model's `compare` of a fixture learner, with the route's bound replaced by `bound` when given.
    static func comparison(_ fixture: String, _ model: PronunciationCalibration, bound: Double? = nil) throws -> PronunciationComparison {
        var parameters = model.parameters()
        if let bound { parameters.humanModelRouteBelow = bound }
        let scorer = PronunciationScorer(parameters: parameters, calibration: model)
        let references = try scorer.prepare(HumanGoodnessTermTests.references())
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path(fixture))
        return try scorer.compare(learner: audio.samples, learnerF0: nil, references: references)
    }

    @Test func theRouteLoadsItsModelAndSetsTheScorersBound() throws {
        let model = try HumanGoodnessTermTests.model(Self.routedModel)
        let route = try #require(model.humanModelRoute)
        let routed = try #require(route.model)
        #expect(route.alignedGoodnessBelow == -1.8 && model.parameters().humanModelRouteBelow == -1.8)
        #expect(!model.readsHumanModelGoodness && !model.parameters().measuresHumanModelGoodness,
                "the parent alone asks for no PocketSphinx pass")
        #expect(routed.readsHumanModelGoodness && routed.word.reads(PronunciationScorer.humanGoodnessTerm))
        let v26 = try HumanGoodnessTermTests.model("v26.json")
        #expect(model.word == v26.word && model.omission == v26.omission && model.omittedAbove == v26.omittedAbove
                && model.mispronouncedBelow == v26.mispronouncedBelow, "outside the route the parent is v26")
    }

    /// The fixture learners are espeak-ng voices, which the classifier knows: `s` is measured and above the bound,
    /// nothing is measured by PocketSphinx, and every word is decided as v26 decides it.
    @Test func aReadingTheClassifierKnowsIsScoredAsTheParentScoresIt() throws {
        let model = try HumanGoodnessTermTests.model(Self.routedModel), v26 = try HumanGoodnessTermTests.model("v26.json")
        let comparison = try Self.comparison("learner-errors.wav", model)
        let s = try #require(comparison.alignedGoodnessMedian)
        #expect(s > -1.8 && !comparison.routedToHumanModel, "s = \(s)")
        #expect(comparison.units.allSatisfy { $0.humanGoodness == nil })
        let section = PronunciationScorer.section(from: comparison, calibration: model)
        let parent = PronunciationScorer.section(from: comparison, calibration: v26)
        #expect(section.words == parent.words && section.overall == parent.overall)
        #expect(section.modelRoute == PronunciationCalibration.classifierRoute && parent.modelRoute == nil)
        #expect(section.modelVersion == model.version)
    }

    /// With the bound above any `s` every reading is routed: PocketSphinx measures its words and the routed model
    /// decides them, under the parent's version.
    @Test func aReadingBelowTheBoundIsMeasuredByTheHumanModelAndDecidedByTheRoutedModel() throws {
        let model = try HumanGoodnessTermTests.model(Self.routedModel)
        let routed = try #require(model.humanModelRoute?.model)
        let comparison = try Self.comparison("learner-errors.wav", model, bound: 1)
        #expect(comparison.routedToHumanModel)
        let measured = comparison.units.filter { $0.humanGoodness != nil }.count
        #expect(measured == comparison.units.count, "PocketSphinx measured \(measured) of \(comparison.units.count) words")
        let section = PronunciationScorer.section(from: comparison, calibration: model)
        let direct = PronunciationScorer.section(from: comparison, calibration: routed)
        #expect(section.words == direct.words && section.overall == direct.overall)
        #expect(section.modelVersion == model.version && direct.modelVersion == routed.version)
        #expect(section.modelRoute == PronunciationCalibration.humanModelRouteName)
        let json = String(decoding: try JSONEncoder().encode(section), as: UTF8.self)
        #expect(json.contains("\"model_route\":\"human_model\""), "\(json)")
        let truth = try PronunciationFixtures.truth("learner-errors.wav").words.filter { $0.status != "inserted" }
        let omitted = try #require(truth.firstIndex { $0.status == "omitted" })
        #expect(section.words.filter { $0.status != .inserted }[omitted].status == .omitted, "the left-out word is still found")
    }

    /// What is wrong with a route, and what the refusal must say.
    enum RouteDefect: String, CaseIterable, Sendable {
        case otherPhoneModel = "reads other evidence", positiveBound = "must be negative", missingFile = "not next to it"
    }

    @Test(arguments: RouteDefect.allCases)
    func aRouteThatCannotDecideOnTheParentsEvidenceIsRefused(defect: RouteDefect) throws {
        let message = defect.rawValue
        let folder = TestScratch.url("speakwell-route-\(defect)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["projection-v1.json", "phones-v1.json", "phones-v2.json"] {
            try FileManager.default.copyItem(at: PronunciationGoodnessTests.repository.appendingPathComponent(file),
                                             to: folder.appendingPathComponent(file))
        }
        func json(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: PronunciationGoodnessTests.repository.appendingPathComponent(name))
            return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        var parent = try json(Self.routedModel), people = try json("v30-people.json")
        parent["human_model_route"] = ["aligned_goodness_below": -1.8, "model_file": "people.json"]
        switch defect {
        case .otherPhoneModel: people["phone_model_file"] = "phones-v1.json"
        case .positiveBound: parent["human_model_route"] = ["aligned_goodness_below": 0.5, "model_file": "people.json"]
        case .missingFile: parent["human_model_route"] = ["aligned_goodness_below": -1.8, "model_file": "missing.json"]
        }
        try JSONSerialization.data(withJSONObject: people).write(to: folder.appendingPathComponent("people.json"))
        let path = folder.appendingPathComponent("parent.json")
        try JSONSerialization.data(withJSONObject: parent).write(to: path)
        #expect {
            _ = try PronunciationCalibration.load(path: path.path)
        } throws: { error in
            (error as? PronunciationError)?.codeString == "calibration_invalid" && "\(error)".contains(message)
        }
    }
}
