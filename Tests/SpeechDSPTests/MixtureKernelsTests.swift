import Foundation
import SpeechDSP
import Testing

/// Top-four selection and the four-term log-sum-exp: both variants against plain reference implementations.
@Suite struct MixtureKernelsTests {
    /// A deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// The four largest above -infinity, best first, an earlier index before an equal later one; (-inf, 0) after.
    static func reference(_ values: ArraySlice<Float>) -> [(Float, Int32)] {
        let start = values.startIndex
        let order = values.indices.filter { values[$0] > -.infinity }.sorted {
            values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1
        }
        let top = order.prefix(4).map { (values[$0], Int32($0 - start)) }
        return top + Array(repeating: (-Float.infinity, 0), count: 4 - top.count)
    }

    /// Ties (a few distinct values), -infinity, very negative values and NaN, in runs shorter than one AVX2 block,
    /// of whole blocks, and with a tail; and runs whose best values all sit in one lane (the bound is weakest).
    @Test(arguments: [1, 3, 8, 13, 64, 70, 128, 130, 200])
    func bothVariantsKeepTheReferenceFour(count: Int) {
        var random = Generator(state: UInt64(count))
        let groups = 60
        var values = [Float](repeating: 0, count: count * groups)
        for g in 0..<groups {
            for i in 0..<count {
                let kind = g % 6
                values[g * count + i] = switch random.below(kind == 0 ? 4 : 20) {
                case 0: -.infinity
                case 1 where kind == 1: .nan
                case 2 where kind == 2: -1e30
                default:
                    switch kind {
                    case 3: Float(random.below(3))                                   // mostly ties
                    case 4: i % 8 == 5 ? Float(100 + i) : Float(random.below(50))    // the best all in lane 5
                    default: Float(random.below(1 << 20)) / 1024 - 500
                    }
                }
            }
        }
        values[0 ..< min(count, 3)].withUnsafeMutableBufferPointer { $0.update(repeating: -.infinity) }
        for portable in [false, true] {
            var top = [Float](repeating: .nan, count: 4 * groups), indices = [Int32](repeating: -1, count: 4 * groups)
            values.withUnsafeBufferPointer { source in
                top.withUnsafeMutableBufferPointer { top in
                    indices.withUnsafeMutableBufferPointer {
                        MixtureKernels.selectTopFour(source.baseAddress!, count: count, groups: groups, top: top.baseAddress!,
                                                     indices: $0.baseAddress!, portable: portable)
                    }
                }
            }
            for g in 0..<groups {
                let expected = Self.reference(values[g * count ..< (g + 1) * count])
                for j in 0..<4 {
                    #expect(top[4 * g + j] == expected[j].0 && indices[4 * g + j] == expected[j].1,
                            "portable \(portable) group \(g) place \(j): \(top[4 * g + j])@\(indices[4 * g + j]) vs \(expected[j])")
                }
            }
        }
    }

    /// Columns of equal terms, terms far apart (one dominates), all within a few nats; a tail past whole blocks.
    @Test func logSumExpMatchesDoublePrecision() {
        var random = Generator(state: 7)
        let count = 1003
        var terms = [Float](repeating: 0, count: 4 * count)
        for i in 0..<count {
            let base = Float(random.below(400_000)) / 1000 - 300, spread = [0, 0.01, 3, 40, 1000][i % 5] as Float
            for j in 0..<4 { terms[j * count + i] = base - spread * Float(random.below(1000)) / 1000 }
        }
        for portable in [false, true] {
            var out = [Float](repeating: .nan, count: count)
            terms.withUnsafeBufferPointer { terms in
                out.withUnsafeMutableBufferPointer {
                    MixtureKernels.logSumExpOfFour(terms.baseAddress!, count: count, into: $0.baseAddress!, portable: portable)
                }
            }
            for i in 0..<count {
                let column = (0..<4).map { Double(terms[$0 * count + i]) }, best = column.max()!
                let expected = best + log(column.reduce(0) { $0 + exp($1 - best) })
                // Two float roundings of the result (about 3e-5 at 300) and a few ulp of the logarithm.
                #expect(abs(Double(out[i]) - expected) <= 4e-5, "portable \(portable) column \(i): \(out[i]) vs \(expected)")
            }
        }
    }
}
