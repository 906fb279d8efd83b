import Foundation
import SpeechDSP
import Testing

@Suite struct MFCCAnalyzerTests {
    func tone(hz: Double, seconds: Double, amplitude: Float = 0.5, rate: Double = 16000) -> [Float] {
        (0..<Int(seconds * rate)).map { amplitude * Float(sin(2 * Double.pi * hz * Double($0) / rate)) }
    }

    @Test func frameCountFollowsHopAndFrameLength() {
        let analyzer = MFCCAnalyzer(sampleRateHz: 16000)
        // 1 s: frames start every 160 samples while 400 fit: 1 + (16000 - 400) / 160 = 98.
        #expect(analyzer.frameCount(sampleCount: 16000) == 98)
        #expect(analyzer.analyze(tone(hz: 440, seconds: 1)).cepstra.frameCount == 98)
        #expect(analyzer.frameCount(sampleCount: 100) == 1)
        #expect(analyzer.frameCount(sampleCount: 0) == 0)
    }

    @Test func digitalSilenceGivesFiniteCepstraAndFloorLevel() {
        let output = MFCCAnalyzer(sampleRateHz: 16000).analyze([Float](repeating: 0, count: 8000))
        #expect(output.cepstra.values.allSatisfy { $0.isFinite })
        #expect(output.levelDecibels.allSatisfy { $0 == -100 })
    }

    @Test func levelOfFullScaleSineIsMinusThreeDecibels() {
        let output = MFCCAnalyzer(sampleRateHz: 16000).analyze(tone(hz: 1000, seconds: 0.5, amplitude: 1))
        for level in output.levelDecibels { #expect(abs(level - (-3.01)) < 0.2) }
    }

    @Test func differentTonesGiveDifferentCepstraAndSameToneTheSame() {
        let analyzer = MFCCAnalyzer(sampleRateHz: 16000)
        let low = analyzer.analyze(tone(hz: 300, seconds: 0.3)).cepstra
        let lowAgain = analyzer.analyze(tone(hz: 300, seconds: 0.3)).cepstra
        let high = analyzer.analyze(tone(hz: 3000, seconds: 0.3)).cepstra
        func distance(_ a: FeatureMatrix, _ b: FeatureMatrix, frame: Int) -> Float {
            (1..<a.dimension).map { (a[frame, $0] - b[frame, $0]) * (a[frame, $0] - b[frame, $0]) }.reduce(0, +).squareRoot()
        }
        #expect(distance(low, lowAgain, frame: 10) < 1e-4)
        #expect(distance(low, high, frame: 10) > 5)
    }
}

@Suite struct MelFilterbankTests {
    @Test func energyAtOneKilohertzLandsInTheBandCentredNearIt() {
        let bank = MelFilterbank(sampleRateHz: 16000, fftSize: 512, bandCount: 26, lowHz: 60, highHz: 7600)
        var power = [Float](repeating: 0, count: 257)
        power[32] = 1  // bin 32 = 1000 Hz
        var energies = [Float](repeating: 0, count: 26)
        power.withUnsafeBufferPointer { p in energies.withUnsafeMutableBufferPointer { bank.apply(power: p, into: $0) } }
        let nonZero = energies.indices.filter { energies[$0] > 0 }
        #expect(nonZero.count <= 2 && !nonZero.isEmpty)
        // HTK mel of 1000 Hz = 1000 mel; band centres are equally spaced from mel(60) to mel(7600).
        let mel = { (hz: Double) in 2595 * log10(1 + hz / 700) }
        let spacing = (mel(7600) - mel(60)) / 27
        let expectedBand = Int(((mel(1000) - mel(60)) / spacing).rounded()) - 1
        #expect(nonZero.contains(expectedBand))
    }

    /// Energy-weighted band position of one power bin.
    static func centroid(bin: Int, warp: Double) -> Double {
        let bank = MelFilterbank(sampleRateHz: 16000, fftSize: 512, bandCount: 26, lowHz: 60, highHz: 7600, frequencyWarp: warp)
        var power = [Float](repeating: 0, count: 257)
        power[bin] = 1
        var energies = [Float](repeating: 0, count: 26)
        power.withUnsafeBufferPointer { p in energies.withUnsafeMutableBufferPointer { bank.apply(power: p, into: $0) } }
        let total = energies.reduce(0, +)
        return energies.indices.map { Double($0) * Double(energies[$0]) }.reduce(0, +) / Double(total)
    }

    @Test func vocalTractLengthPerturbationMovesTheFiltersAndKeepsTheTopEdge() {
        // filters moved up by 10 % (alpha 1.1) hear a 1 kHz tone in a lower band, down by 10 % in a higher one
        let plain = Self.centroid(bin: 32, warp: 1), up = Self.centroid(bin: 32, warp: 1.1), down = Self.centroid(bin: 32, warp: 0.9)
        #expect(up < plain - 0.5 && down > plain + 0.5, "\(down) \(plain) \(up)")
        // near the top edge (7.5 kHz) the warp returns to the identity: the band moves by much less
        let topShift = abs(Self.centroid(bin: 240, warp: 1.1) - Self.centroid(bin: 240, warp: 1))
        #expect(topShift < abs(up - plain) / 2, "\(topShift)")
    }
}

@Suite struct DeltaAndNormalizationTests {
    @Test func deltaOfLinearRampIsItsSlopeAwayFromEdges() {
        let ramp = FeatureMatrix(frameCount: 20, dimension: 1, hopSeconds: 0.01, values: (0..<20).map { Float($0) * 0.5 })
        let deltas = DeltaFeatures.deltas(of: ramp, halfWidth: 2)
        for t in 2..<18 { #expect(abs(deltas[t, 0] - 0.5) < 1e-5) }
    }

    @Test func normalizationGivesZeroMeanUnitVarianceOverStatisticsFrames() {
        var matrix = FeatureMatrix(frameCount: 100, dimension: 2, hopSeconds: 0.01,
                                   values: (0..<200).map { Float(($0 * 37) % 11) + ($0 % 2 == 0 ? 50 : -3) })
        MeanVarianceNormalization.normalize(&matrix)
        for k in 0..<2 {
            let column = (0..<100).map { Double(matrix[$0, k]) }
            let mean = column.reduce(0, +) / 100
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 100
            #expect(abs(mean) < 1e-4)
            #expect(abs(variance - 1) < 1e-3)
        }
    }
}
