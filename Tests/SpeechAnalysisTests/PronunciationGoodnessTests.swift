import Foundation
import SpeechAnalysis
import SpeechAudio
import SpeechDSP
import SpeechSynthesis
import SpeechTestSupport
import Testing

/// The phone model path of pronunciation model v2: espeak-ng phonemes of the words, the frame classifier and
/// goodness of pronunciation, then the scorer with Models/pronunciation/v2.json.
@Suite struct PronunciationGoodnessTests {
    /// Log posteriors of `rows` frames over `classes` classes: each frame gives `top` to its listed class and
    /// shares the rest equally.
    static func posteriors(_ winners: [Int], classes: Int, top: Double = 0.8) -> FeatureMatrix {
        var m = FeatureMatrix(frameCount: winners.count, dimension: classes, hopSeconds: 0.01)
        for (t, winner) in winners.enumerated() {
            for c in 0..<classes { m[t, c] = Float(log(c == winner ? top : (1 - top) / Double(classes - 1))) }
        }
        return m
    }

    @Test func goodnessIsZeroWhenEveryFrameFavoursTheExpectedPhone() throws {
        let lp = Self.posteriors([0, 0, 0, 1, 1, 1], classes: 3)
        let result = try #require(GoodnessOfPronunciation().evaluate(logPosteriors: .init(lp), rows: 0..<6, phones: [0, 1]))
        #expect(abs(result.frameMean) < 1e-9 && abs(result.phoneMinimum) < 1e-9)
        #expect(abs(result.logPosteriorMean - log(0.8)) < 1e-5)
    }

    @Test func substitutedPhoneGivesTheLogRatioOfItsPosteriorToTheBest() throws {
        // the learner said class 2 where class 1 was expected: gop = log 0.1 - log 0.8 on those frames
        let lp = Self.posteriors([0, 0, 0, 2, 2, 2], classes: 3)
        let result = try #require(GoodnessOfPronunciation().evaluate(logPosteriors: .init(lp), rows: 0..<6, phones: [0, 1]))
        #expect(abs(result.phoneMinimum - (log(0.1) - log(0.8))) < 1e-5)
        #expect(abs(result.frameMean - 0.5 * (log(0.1) - log(0.8))) < 1e-5)
    }

    @Test func deletedFinalPhoneTakesOneFrameOfItsNeighbour() throws {
        // final consonant deletion: every frame is class 0, the expected final class 1 must take at least one frame
        let lp = Self.posteriors([0, 0, 0, 0, 0, 0], classes: 3)
        let result = try #require(GoodnessOfPronunciation().evaluate(logPosteriors: .init(lp), rows: 0..<6, phones: [0, 1]))
        #expect(abs(result.phoneMinimum - (log(0.1) - log(0.8))) < 1e-5)
        #expect(abs(result.frameMean - (log(0.1) - log(0.8)) / 6) < 1e-5)
    }

    @Test func rowsOutsideTheSpanAreNotRead() throws {
        let lp = Self.posteriors([2, 2, 0, 0, 1, 1, 2, 2], classes: 3)
        let result = try #require(GoodnessOfPronunciation().evaluate(logPosteriors: .init(lp), rows: 2..<6, phones: [0, 1]))
        #expect(abs(result.frameMean) < 1e-9)
    }

    @Test func tooFewFramesAreStretchedSoEveryPhoneGetsOneAndEmptyInputGivesNil() throws {
        let lp = Self.posteriors([0, 1], classes: 3)
        let gop = GoodnessOfPronunciation()
        #expect(gop.evaluate(logPosteriors: .init(lp), rows: 0..<2, phones: [0, 2, 1]) != nil)
        #expect(gop.evaluate(logPosteriors: .init(lp), rows: 0..<1, phones: [0, 1, 2]) != nil)
        #expect(gop.evaluate(logPosteriors: .init(lp), rows: 0..<2, phones: []) == nil)
        #expect(gop.evaluate(logPosteriors: .init(lp), rows: 1..<1, phones: [0]) == nil)
    }

    /// A small random model whose layer widths are not multiples of the 32-wide tiles (tiles and tails both run).
    static func randomModel(frameDimension: Int, context: Int, hidden: [Int], classes: Int) -> PhoneModel {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Double(state >> 11) / Double(1 << 53)) - 0.5
        }
        var inputs = frameDimension * (2 * context + 1)
        var layers = [PhoneModel.Layer]()
        for (l, outputs) in (hidden + [classes]).enumerated() {
            layers.append(.init(inputs: inputs, outputs: outputs, activation: l == hidden.count ? "softmax" : "relu",
                                weights: (0..<(inputs * outputs)).map { _ in next() }, bias: (0..<outputs).map { _ in next() }))
            inputs = outputs
        }
        return PhoneModel(version: "test", contextFrames: context, inputDimension: frameDimension * (2 * context + 1),
                          layers: layers, classLabels: (0..<classes).map { "p\($0)" }, inputProjectionFile: nil)
    }

    /// Frame counts below, at and between the classifier's four-frame blocks (a short last block repeats its last frame).
    @Test(arguments: [1, 3, 4, 9])
    func classifierMatchesPlainLoopsWithinOneTenThousandth(frames n: Int) throws {
        let model = Self.randomModel(frameDimension: 7, context: 2, hidden: [45, 33], classes: 37)
        var input = FeatureMatrix(frameCount: n, dimension: 7, hopSeconds: 0.01)
        for t in 0..<n { for k in 0..<7 { input[t, k] = Float(sin(Double(t * 7 + k))) } }
        let fast = PhoneClassifier(model: model).logPosteriors(of: input)
        #expect(fast.frameCount == n && fast.dimension == 37)
        for t in 0..<n {
            var h = (-2...2).flatMap { c in (0..<7).map { Double(input[min(n - 1, max(0, t + c)), $0]) } }
            for layer in model.layers {
                var z = (0..<layer.outputs).map { Double(layer.bias[$0]) }
                for i in 0..<layer.inputs { for o in 0..<layer.outputs { z[o] += h[i] * Double(layer.weights[i * layer.outputs + o]) } }
                if layer.activation == "relu" {
                    h = z.map { max(0, $0) }
                } else {
                    let top = z.max()!, norm = top + log(z.map { exp($0 - top) }.reduce(0, +))
                    h = z.map { $0 - norm }
                }
            }
            for c in 0..<37 { #expect(abs(Double(fast[t, c]) - h[c]) < 1e-4, "frame \(t) class \(c)") }
            let total = (0..<37).map { exp(Double(fast[t, $0])) }.reduce(0, +)
            #expect(abs(total - 1) < 1e-4)
        }
    }

    @Test func aFramesPosteriorsDoNotDependOnWhereItFallsInABlock() throws {
        let model = Self.randomModel(frameDimension: 5, context: 1, hidden: [19], classes: 11)
        var long = FeatureMatrix(frameCount: 10, dimension: 5, hopSeconds: 0.01)
        for i in long.values.indices { long.values[i] = Float(cos(Double(i) * 0.7)) }
        let shifted = FeatureMatrix(frameCount: 9, dimension: 5, hopSeconds: 0.01, values: Array(long.values.dropFirst(5)))
        let classifier = PhoneClassifier(model: model)
        let a = classifier.logPosteriors(of: long), b = classifier.logPosteriors(of: shifted)
        // frames 2...8 of `long` are frames 1...7 of `shifted`, with the same neighbours, in other block positions
        for t in 2...8 { for c in 0..<11 { #expect(a[t, c] == b[t - 1, c], "frame \(t) class \(c)") } }
        // and the same to the bit with the portable kernel, whatever this CPU runs
        #expect(PhoneClassifier(model: model, portableKernel: true).logPosteriors(of: long) == a)
    }

    static let repository = PronunciationFixtures.repositoryRoot.appendingPathComponent("Models/pronunciation")

    @Test func espeakPhonemesOfWordsAreTheShippedModelsLabelsOneGroupPerWord() throws {
        let words = ["the", "children", "played", "in", "the", "garden"]
        let phonemes = try SpeechSynthesizer.phonemes(of: words)
        #expect(phonemes.count == words.count)
        #expect(phonemes[0] == ["ð", "ə"])
        #expect(phonemes[3] == ["ɪ", "n"])   // espeak-ng says "in the" as one entry; split back per word
        #expect(phonemes[4] == ["ð", "ə"])
        #expect(phonemes[5] == ["ɡ", "ɑːɹ", "d", "ə", "n"])
        let model = try PhoneModel.load(path: Self.repository.appendingPathComponent("phones-v1.json").path)
        let known = Set(model.classLabels)
        #expect(phonemes.joined().allSatisfy(known.contains), "\(phonemes.joined().filter { !known.contains($0) })")
    }

    // MARK: the scorer with model v2

    static func reference(_ name: String) throws -> ReferenceRecording {
        let path = PronunciationFixtures.path(name)
        let audio = try AudioDecoder().decode(path: path)
        return ReferenceRecording(name: name, samples: audio.samples, sampleRateHz: audio.sampleRateHz,
                                  words: try ReferenceWordsSidecar.load(forReference: path, durationSeconds: audio.durationSeconds),
                                  f0: F0Track(hopSeconds: 0.01, zeroUnvoiced: try PronunciationFixtures.f0(name)))
    }

    static func score(_ learner: String, scorer: PronunciationScorer, references: ReferenceSet) throws -> PronunciationSection {
        let audio = try AudioDecoder().decode(path: PronunciationFixtures.path(learner))
        return try scorer.score(learner: audio.samples, learnerF0: F0Track(hopSeconds: 0.01, zeroUnvoiced: try PronunciationFixtures.f0(learner)),
                                references: references)
    }

    @Test func modelV2ScoresMispronouncedWordsLowerThanTheSameWordsReadCorrectly() throws {
        let calibration = try PronunciationCalibration.load(path: Self.repository.appendingPathComponent("v2.json").path)
        #expect(calibration.phoneModel != nil)
        let scorer = PronunciationScorer(calibration: calibration)
        let references = try scorer.prepare(["ref-m1.wav", "ref-f2.wav"].map { try Self.reference($0) })
        #expect(references.wordPhones?.count == references.references[0].units.count)
        let correct = try Self.score("learner-correct.wav", scorer: scorer, references: references)
        let errors = try Self.score("learner-errors.wav", scorer: scorer, references: references)
        #expect(correct.modelVersion == calibration.version)
        let truth = try PronunciationFixtures.truth("learner-errors.wav")
        for wrong in truth.words where wrong.status == "mispronounced" {
            let good = try #require(correct.words.first { $0.word == wrong.word })
            let bad = try #require(errors.words.first { $0.word == wrong.word })
            #expect(bad.score < good.score, "\(wrong.word): \(bad.score) vs \(good.score)")
        }
        #expect(errors.overall < correct.overall)
        #expect(correct.completeness == 100)
    }

    @Test func modelV2StaysLoadableWithItsPhoneModel() throws {
        let model = try PronunciationCalibration.load(path: Self.repository.appendingPathComponent("v2.json").path)
        #expect(model.version == "pronunciation-v2")
        #expect(model.phoneModelFile == "phones-v1.json" && model.phoneModel != nil)
    }
}
