import Foundation
import SpeechAnalysis
import SpeechDSP
import Testing

/// Error variants of a word's phones (`PronunciationVariants`) and their evidence in the utterance's forced
/// alignment (`UtteranceForcedAlignment.Word.variantLogRatio`).
@Suite struct PronunciationVariantsTests {
    static let labels = ["_", "θ", "ɪ", "ŋ", "k", "s", "t", "iː"]
    static let rules = PronunciationVariants(classLabels: labels)
    static func classes(_ ipa: [String]) -> [Int] { ipa.map { labels.firstIndex(of: $0)! } }

    @Test func thinksHasOneVariantPerRuleAndPlaceWithoutRepeats() {
        let thinks = Self.classes(["θ", "ɪ", "ŋ", "k", "s"])
        let variants = Self.rules.variants(of: thinks)
        let expected: [([String], PronunciationVariants.Rule)] = [
            (["θ", "ɪ", "ŋ", "k"], .finalConsonantDeletion),
            (["θ", "ɪ", "k", "s"], .clusterSimplification), (["θ", "ɪ", "ŋ", "s"], .clusterSimplification),
            (["t", "ɪ", "ŋ", "k", "s"], .consonantSubstitution), (["s", "ɪ", "ŋ", "k", "s"], .consonantSubstitution),
            (["θ", "iː", "ŋ", "k", "s"], .vowelSubstitution),
        ]
        #expect(variants.map(\.phones) == expected.map { Self.classes($0.0) })
        #expect(variants.map(\.rule) == expected.map(\.1))
    }

    @Test func aWordWithoutRulesHasNoVariantsAndUnknownTargetsAreLeftOut() {
        #expect(Self.rules.variants(of: Self.classes(["k"])).isEmpty)  // a lone consonant is never deleted
        // /ð/ has rules (-> d, z) but this model has neither class
        let withThe = PronunciationVariants(classLabels: ["_", "ð", "ə"])
        #expect(withThe.variants(of: [1, 2]).isEmpty)
    }

    /// Words ŋk, θɪ, ŋs; 8 classes, the frame's class at 0.8, the rest 0.2 / 7 each.
    static let words = [classes(["ŋ", "k"]), classes(["θ", "ɪ"]), classes(["ŋ", "s"])]
    static let frameRatio = log(0.8 / (0.2 / 7))

    static func align(_ frames: [String], minimumPhoneFrames: Int = 1) throws -> [UtteranceForcedAlignment.Word] {
        let lp = PronunciationGoodnessTests.posteriors(classes(frames), classes: labels.count, top: 0.8)
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: words,
                                                                   silenceClass: 0, wordVariants: words.map(rules.variants(of:)),
                                                                   variantMinimumPhoneFrames: minimumPhoneFrames))
        return try result.map { try #require($0) }
    }

    @Test func wordsSaidAsExpectedMakeEveryVariantWorse() throws {
        let words = try Self.align(["_", "ŋ", "ŋ", "k", "k", "θ", "θ", "ɪ", "ɪ", "ŋ", "ŋ", "s", "s", "_"])
        for word in words {
            // the best variant changes one phone: two of the word's frames lose frameRatio each
            let ratio = try #require(word.variantLogRatio)
            #expect(abs(ratio + Self.frameRatio) < 1e-4, "\(ratio)")
        }
    }

    @Test func thSaidAsTIsExplainedBetterByTheSubstitution() throws {
        let words = try Self.align(["_", "ŋ", "ŋ", "k", "k", "t", "t", "ɪ", "ɪ", "ŋ", "ŋ", "s", "s", "_"])
        let ratio = try #require(words[1].variantLogRatio)
        #expect(abs(ratio - Self.frameRatio) < 1e-4, "\(ratio)")
        #expect(words[1].bestVariant?.rule == .consonantSubstitution)
        #expect(words[1].bestVariant?.expected == "θ" && words[1].bestVariant?.said == "t")
        #expect(try #require(words[0].variantLogRatio) < 0 && (try #require(words[2].variantLogRatio)) < 0)
    }

    @Test func droppedFinalConsonantIsExplainedBetterByTheDeletion() throws {
        // the last word's /s/ is missing: the expected path must give it one frame of the pause or of /ŋ/
        let words = try Self.align(["_", "ŋ", "ŋ", "k", "k", "θ", "θ", "ɪ", "ɪ", "ŋ", "ŋ", "ŋ", "_", "_"])
        let ratio = try #require(words[2].variantLogRatio)
        #expect(abs(ratio - Self.frameRatio / 2) < 1e-4, "\(ratio)")
        #expect(words[2].bestVariant?.rule == .finalConsonantDeletion)
        #expect(words[2].bestVariant?.expected == "s" && words[2].bestVariant?.said == nil)
    }

    @Test func aMinimumPhoneDurationMakesTheExpectedPathPayForTheWholeDroppedConsonant() throws {
        // every phone said for 3 frames, the last word's /s/ not at all
        let frames = ["_"] + ["ŋ", "k", "θ", "ɪ", "ŋ"].flatMap { Array(repeating: $0, count: 3) } + ["_", "_", "_", "_"]
        let one = try #require(try Self.align(frames)[2].variantLogRatio)
        #expect(abs(one - Self.frameRatio / 2) < 1e-4, "\(one)")
        // with 3 frames per phone the expected /s/ costs 3 frames of the pause; the deletion variant loses none
        let three = try Self.align(frames, minimumPhoneFrames: 3)
        let ratio = try #require(three[2].variantLogRatio)
        #expect(abs(ratio - 3 * Self.frameRatio / 2) < 1e-4, "\(ratio)")
        #expect(three[2].bestVariant?.rule == .finalConsonantDeletion)
        // words said as expected: the best variant still loses (3 frames of one changed phone)
        #expect(try #require(three[0].variantLogRatio) < 0 && (try #require(three[1].variantLogRatio)) < 0)
    }

    @Test func withoutVariantsThereIsNoVariantEvidence() throws {
        let lp = PronunciationGoodnessTests.posteriors(Self.classes(["_", "ŋ", "k", "θ", "ɪ", "ŋ", "s", "_"]), classes: Self.labels.count, top: 0.8)
        let result = try #require(UtteranceForcedAlignment().align(logPosteriors: .init(lp), logPriors: nil, wordPhones: Self.words, silenceClass: 0))
        #expect(result.allSatisfy { $0?.variantLogRatio == nil && $0?.bestVariant == nil })
    }
}

/// The diagnosis on real synthetic speech: the fixture learner says "thin" as "tin" and "ships" as "ship".
@Suite struct PronunciationLikelyErrorTests {
    @Test(arguments: ["v7.json", "v8.json", "v9.json", "v10.json", "v11.json", "v20.json", "v21.json", "v23.json", "v26.json", "v32.json"])
    func mispronouncedWordsNameTheirErrorAndOthersDoNot(file: String) throws {
        let calibration = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent(file).path)
        let scorer = PronunciationScorer(calibration: calibration)
        #expect(scorer.parameters.variantMinimumPhoneFrames == 3)
        let references = try scorer.prepare(["ref-m1.wav", "ref-f2.wav"].map { try PronunciationGoodnessTests.reference($0) })
        let section = try PronunciationGoodnessTests.score("learner-errors.wav", scorer: scorer, references: references)
        let thin = try #require(section.words.first { $0.word == "thin" })
        let ships = try #require(section.words.first { $0.word == "ships" })
        #expect(thin.status == .mispronounced && ships.status == .mispronounced)
        #expect(thin.likelyError == .init(rule: "consonant_substitution", expected: "θ", said: "t"))
        #expect(ships.likelyError == .init(rule: "final_consonant_deletion", expected: "s", said: nil))
        #expect(section.words.allSatisfy { $0.status == .mispronounced || $0.likelyError == nil })
        let json = String(decoding: try JSONEncoder().encode(thin), as: UTF8.self)
        #expect(json.contains(#""likely_error":{"#) && json.contains(#""said":"t""#))
        let dropped = String(decoding: try JSONEncoder().encode(ships), as: UTF8.self)
        #expect(dropped.contains(#""said":null"#))
        let okJSON = String(decoding: try JSONEncoder().encode(try #require(section.words.first { $0.status == .ok })), as: UTF8.self)
        #expect(!okJSON.contains("likely_error"))
    }

    @Test func modelsWithoutVariantEvidenceGiveNoDiagnosis() throws {
        let calibration = try PronunciationCalibration.load(path: PronunciationGoodnessTests.repository.appendingPathComponent("v4.json").path)
        let scorer = PronunciationScorer(calibration: calibration)
        let references = try scorer.prepare(["ref-m1.wav", "ref-f2.wav"].map { try PronunciationGoodnessTests.reference($0) })
        let section = try PronunciationGoodnessTests.score("learner-errors.wav", scorer: scorer, references: references)
        #expect(section.words.allSatisfy { $0.likelyError == nil })
    }
}
