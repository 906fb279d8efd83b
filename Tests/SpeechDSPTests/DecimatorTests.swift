import Foundation
import SpeechDSP
import SpeechTestSupport
import Testing

@Suite("Decimator")
struct DecimatorTests {
    func rms(_ x: ArraySlice<Float>) -> Float { (x.reduce(0) { $0 + $1 * $1 } / Float(x.count)).squareRoot() }

    func sine(_ hz: Double, count: Int, rate: Double = 16_000) -> [Float] {
        (0..<count).map { Float(sin(2 * Double.pi * hz * Double($0) / rate)) }
    }

    @Test func passesSpeechBandAndRejectsAboveTheNewNyquist() {
        let decimator = Decimator(factor: 4)
        var output = [Float](repeating: 0, count: 4000)
        for (hz, low, high) in [(300.0, Float(0.68), Float(0.73)), (1200, 0.68, 0.73), (3000, 0, 0.01)] {
            let input = sine(hz, count: 16_000)
            let count = input.withUnsafeBufferPointer { i in
                output.withUnsafeMutableBufferPointer { decimator.process(i, into: $0) }
            }
            #expect(count == 4000)
            let level = rms(output[200..<3800])
            #expect(level >= low && level <= high, "\(hz) Hz: RMS \(level) after decimation")
        }
    }
}
