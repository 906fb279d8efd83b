import Foundation
import SpeechDSP
import Testing

@Suite struct DynamicTimeWarpingTests {
    /// A 2-D trajectory that never repeats, sampled at `count` frames over the same "utterance".
    func trajectory(_ count: Int, warp: (Double) -> Double = { $0 }) -> FeatureMatrix {
        var values = [Float]()
        for t in 0..<count {
            let x = warp(Double(t) / Double(count - 1)) * 6
            values += [Float(sin(x) + x), Float(cos(2 * x))]
        }
        return FeatureMatrix(frameCount: count, dimension: 2, hopSeconds: 0.01, values: values)
    }

    @Test func identicalSequencesAlignOnTheDiagonalAtZeroCost() throws {
        let a = trajectory(80)
        let path = try #require(DynamicTimeWarping().align(query: a, template: a))
        #expect(path.count == 80)
        #expect(zip(path.queryFrames, path.templateFrames).allSatisfy { $0 == $1 })
        #expect(path.normalizedCost < 1e-6)
    }

    @Test func nearlyTwiceSlowerQueryMapsEachFrameToItsTemplateFrame() throws {
        let template = trajectory(60), query = trajectory(110)
        for pattern in [DynamicTimeWarping.StepPattern.symmetricPenalized(penalty: 0.5), .symmetricP1] {
            var parameters = DynamicTimeWarping.Parameters()
            parameters.stepPattern = pattern
            let path = try #require(DynamicTimeWarping(parameters: parameters).align(query: query, template: template))
            for k in 0..<path.count {
                let expected = Double(path.queryFrames[k]) * 59 / 109
                #expect(abs(Double(path.templateFrames[k]) - expected) <= 1.5)
            }
        }
    }

    @Test func pathIsMonotoneAndStaysInsideTheBand() throws {
        var parameters = DynamicTimeWarping.Parameters()
        parameters.bandMinimumFrames = 10
        parameters.bandFraction = 0
        let query = trajectory(150) { $0 * $0 }, template = trajectory(100)
        let path = try #require(DynamicTimeWarping(parameters: parameters).align(query: query, template: template))
        #expect(path.queryFrames.first == 0 && path.templateFrames.first == 0)
        #expect(path.queryFrames.last == 149 && path.templateFrames.last == 99)
        for k in 1..<path.count {
            #expect(path.queryFrames[k] >= path.queryFrames[k - 1] && path.templateFrames[k] >= path.templateFrames[k - 1])
            #expect(path.queryFrames[k] - path.queryFrames[k - 1] <= 1 && path.templateFrames[k] - path.templateFrames[k - 1] <= 1)
        }
        for k in 0..<path.count {
            let centre = (Double(path.queryFrames[k]) * 99 / 149).rounded()
            #expect(abs(Double(path.templateFrames[k]) - centre) <= 10)
        }
    }

    @Test func slopeConstraintP1NeverTakesTwoStraightStepsInARow() throws {
        var parameters = DynamicTimeWarping.Parameters()
        parameters.stepPattern = .symmetricP1
        let path = try #require(DynamicTimeWarping(parameters: parameters).align(query: trajectory(90) { pow($0, 1.4) }, template: trajectory(70)))
        for k in 2..<path.count {
            let horizontal1 = path.templateFrames[k] == path.templateFrames[k - 1]
            let horizontal2 = path.templateFrames[k - 1] == path.templateFrames[k - 2]
            let vertical1 = path.queryFrames[k] == path.queryFrames[k - 1]
            let vertical2 = path.queryFrames[k - 1] == path.queryFrames[k - 2]
            #expect(!(horizontal1 && horizontal2) && !(vertical1 && vertical2))
        }
    }

    @Test func openEndsSkipExtraQueryFramesAtBothEdges() throws {
        let template = trajectory(60)
        // Query = 20 frames of something far away, the template, 20 more far frames.
        var values = [Float](repeating: 40, count: 40)
        values += template.values
        values += [Float](repeating: -40, count: 40)
        let query = FeatureMatrix(frameCount: 100, dimension: 2, hopSeconds: 0.01, values: values)
        var parameters = DynamicTimeWarping.Parameters()
        parameters.openEnds = true
        parameters.openEndCostPerFrame = 2
        let path = try #require(DynamicTimeWarping(parameters: parameters).align(query: query, template: template))
        #expect(abs(Int(path.queryFrames.first!) - 20) <= 1)
        #expect(abs(Int(path.queryFrames.last!) - 79) <= 1)
    }

    @Test func emptySequenceGivesNoPath() {
        let empty = FeatureMatrix(frameCount: 0, dimension: 2, hopSeconds: 0.01)
        #expect(DynamicTimeWarping().align(query: empty, template: trajectory(10)) == nil)
    }
}
