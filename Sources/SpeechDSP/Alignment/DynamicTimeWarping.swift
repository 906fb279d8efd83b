import Foundation

/// Dynamic time warping of a query onto a template inside a Sakoe-Chiba band
/// (Sakoe & Chiba 1978, "Dynamic programming algorithm optimization for spoken word recognition").
///
/// The band follows the straight line from (0, 0) to (n-1, m-1), so a constant rate difference costs nothing
/// and only local rate changes move the path off the band's centre. Its half-width is
/// `max(bandMinimumFrames, bandFraction * max(n, m))` frames: the cost is O(n * band), linear in length
/// while the minimum dominates (up to about 10 s of speech at the defaults).
///
/// Step patterns (symmetric weights, the accumulated cost is normalised by n + m):
/// - `.symmetricPenalized`: Sakoe & Chiba's P = 0 pattern (steps (1,1) weight 2, (1,0) and (0,1) weight 1) plus
///   a fixed penalty per non-diagonal step: a soft slope constraint that still lets a whole omitted or inserted
///   word collapse onto one frame of the other sequence.
/// - `.symmetricP1`: Sakoe & Chiba's P = 1 pattern, a hard local slope constraint between 1/2 and 2.
///
/// `openEnds`: the query (learner) may start after its first frame and end before its last; every skipped
/// query frame costs `openEndCostPerFrame` (so silence or extra speech at the edges is not forced onto the
/// template's first or last frame).
///
/// Buffers grow to the largest problem seen and are reused: one instance per worker, not thread-safe.
public final class DynamicTimeWarping {
    public enum StepPattern: Sendable, Equatable {
        case symmetricPenalized(penalty: Float)
        case symmetricP1
    }

    /// Local distance between a query and a template frame.
    public enum FrameDistance: Sendable, Equatable {
        /// Euclidean distance (cepstra, projected features).
        case euclidean
        /// `-log(p . q)` between probability vectors (posteriorgrams; Hazen et al. 2009).
        case negativeLogInnerProduct
    }

    public struct Parameters: Sendable, Equatable {
        public var frameDistance = FrameDistance.euclidean
        /// Minimum band half-width in frames (100 frames = 1 s at a 10 ms hop), 10 ... 1000.
        public var bandMinimumFrames = 100
        /// Band half-width as a fraction of the longer sequence, 0 ... 1 (1 = no band).
        public var bandFraction = 0.1
        public var stepPattern = StepPattern.symmetricPenalized(penalty: 0.5)
        public var openEnds = false
        /// Cost of each query frame left out at either end when `openEnds` is on.
        public var openEndCostPerFrame: Float = 4
        public init() {}
    }

    public var parameters: Parameters
    private var cost: [Float] = []
    private var local: [Float] = []
    private var step: [UInt8] = []
    private var bases: [Int] = []
    /// The template dimension-major (`dim x m`), so a row's Euclidean distances run over contiguous frames.
    private var transposed: [Float] = []

    public init(parameters: Parameters = .init()) {
        self.parameters = parameters
    }

    /// Aligns `query` (n frames) to `template` (m frames) of the same dimension under Euclidean frame distance.
    /// Returns `nil` when either sequence is empty.
    public func align(query: FeatureMatrix, template: FeatureMatrix) -> AlignmentPath? {
        precondition(query.dimension == template.dimension, "dimensions differ: \(query.dimension) vs \(template.dimension)")
        let n = query.frameCount, m = template.frameCount, dim = query.dimension
        guard n > 0, m > 0 else { return nil }
        let half = min(max(n, m), max(parameters.bandMinimumFrames, Int(parameters.bandFraction * Double(max(n, m)))))
        let width = 2 * half + 1
        let cells = n * width
        if cost.count < cells {
            cost = [Float](repeating: 0, count: cells)
            local = [Float](repeating: 0, count: cells)
            step = [UInt8](repeating: 0, count: cells)
        }
        let slope = n > 1 ? Double(m - 1) / Double(n - 1) : 0
        if bases.count < n { bases = [Int](repeating: 0, count: n) }
        for i in 0..<n { bases[i] = Int((Double(i) * slope).rounded()) - half }
        let bases = self.bases
        @inline(__always) func base(_ i: Int) -> Int { bases[i] }
        let infinity = Float.infinity
        let pattern = parameters.stepPattern
        let openEnds = parameters.openEnds, skipCost = parameters.openEndCostPerFrame
        let posterior = parameters.frameDistance == .negativeLogInnerProduct
        if !posterior {
            if transposed.count < m * dim { transposed = [Float](repeating: 0, count: m * dim) }
            template.values.withUnsafeBufferPointer { t in
                transposed.withUnsafeMutableBufferPointer { out in
                    for j in 0..<m { for k in 0..<dim { out[k * m + j] = t[j * dim + k] } }
                }
            }
        }

        var endCost = infinity
        var endRow = n - 1
        query.values.withUnsafeBufferPointer { q in
            transposed.withUnsafeBufferPointer { T in
                template.values.withUnsafeBufferPointer { t in
                    cost.withUnsafeMutableBufferPointer { D in
                        local.withUnsafeMutableBufferPointer { L in
                            step.withUnsafeMutableBufferPointer { S in
                                // Value of D / L at (i, j), infinity outside the band or the matrix.
                                @inline(__always) func at(_ buffer: UnsafeMutableBufferPointer<Float>, _ i: Int, _ j: Int) -> Float {
                                    guard i >= 0, j >= 0, j < m else { return infinity }
                                    let offset = j - base(i)
                                    guard offset >= 0, offset < width else { return infinity }
                                    return buffer[i * width + offset]
                                }
                                for i in 0..<n {
                                    let b = bases[i]
                                    let previousBase = i > 0 ? bases[i - 1] : 0
                                    let qRow = q.baseAddress! + i * dim
                                    let previousRow = D.baseAddress! + max(0, i - 1) * width
                                    // Offsets of this row inside the matrix; cells outside stay at infinity.
                                    let first = max(0, -b), last = min(width - 1, m - 1 - b)
                                    for offset in 0..<min(first, width) {
                                        D[i * width + offset] = infinity
                                        L[i * width + offset] = infinity
                                    }
                                    for offset in max(0, last + 1)..<width {
                                        D[i * width + offset] = infinity
                                        L[i * width + offset] = infinity
                                    }
                                    guard first <= last else { continue }
                                    // Local distances first: the cells are independent, so this loop pipelines, and
                                    // the recurrence below waits on nothing but the previous cell.
                                    if posterior {
                                        for offset in first...last {
                                            let tRow = t.baseAddress! + (b + offset) * dim
                                            L[i * width + offset] = Self.negativeLogInnerProduct(qRow, tRow, dim)
                                        }
                                    } else {
                                        Self.euclideanRow(query: qRow, dimension: dim, templateByDimension: T.baseAddress!,
                                                          templateCount: m, frames: (b + first)...(b + last),
                                                          into: L.baseAddress! + i * width + first)
                                    }
                                    // Row i - 1 holds cell (i - 1, j) at offset j - previousBase.
                                    let shift = b - previousBase
                                    @inline(__always) func previous(_ offset: Int) -> Float {
                                        offset >= 0 && offset < width ? previousRow[offset] : infinity
                                    }
                                    // The cell to the left stays in a register (it is infinity left of `first`).
                                    var leftCost = infinity
                                    for offset in first...last {
                                        let index = i * width + offset
                                        let j = b + offset
                                        let d = L[index]
                                        var best = infinity
                                        var code: UInt8 = 0
                                        if i == 0 && j == 0 {
                                            best = 2 * d
                                        } else if j == 0 && openEnds {
                                            best = Float(i) * skipCost + 2 * d
                                        }
                                        switch pattern {
                                        case .symmetricPenalized(let penalty):
                                            // Selects rather than branches: which step wins is data-dependent.
                                            if i > 0 {
                                                let diagonal = previous(offset + shift - 1) + 2 * d
                                                let takeDiagonal = diagonal < best
                                                best = takeDiagonal ? diagonal : best
                                                code = takeDiagonal ? 1 : code
                                                let up = previous(offset + shift) + d + penalty
                                                let takeUp = up < best
                                                best = takeUp ? up : best
                                                code = takeUp ? 2 : code
                                            }
                                            if offset > 0 {
                                                let left = leftCost + d + penalty
                                                let takeLeft = left < best
                                                best = takeLeft ? left : best
                                                code = takeLeft ? 3 : code
                                            }
                                        case .symmetricP1:
                                            let diagonal = at(D, i - 1, j - 1) + 2 * d
                                            if diagonal < best { best = diagonal; code = 1 }
                                            let templateFaster = at(D, i - 1, j - 2) + 2 * at(L, i, j - 1) + d
                                            if templateFaster < best { best = templateFaster; code = 4 }
                                            let queryFaster = at(D, i - 2, j - 1) + 2 * at(L, i - 1, j) + d
                                            if queryFaster < best { best = queryFaster; code = 5 }
                                        }
                                        D[index] = best
                                        S[index] = code
                                        leftCost = best
                                    }
                                    if openEnds || i == n - 1 {
                                        let value = at(D, i, m - 1)
                                        let total = value + (openEnds ? Float(n - 1 - i) * skipCost : 0)
                                        if total < endCost { endCost = total; endRow = i }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard endCost.isFinite else { return nil }
        return backtrack(endRow: endRow, n: n, m: m, width: width, base: base, normalizedCost: Double(endCost) / Double(n + m))
    }

    /// Euclidean distances of one query frame to the template `frames`, written to `out` in order. Eight frames
    /// at a time down the dimensions: no horizontal sums, and one vector square root per eight cells.
    @inline(__always)
    static func euclideanRow(query: UnsafePointer<Float>, dimension: Int, templateByDimension: UnsafePointer<Float>,
                             templateCount m: Int, frames: ClosedRange<Int>, into out: UnsafeMutablePointer<Float>) {
        let raw = UnsafeRawPointer(templateByDimension)
        let rawOut = UnsafeMutableRawPointer(out)
        var j = frames.lowerBound
        var written = 0
        while j + 8 <= frames.upperBound + 1 {
            var acc = SIMD8<Float>(repeating: 0)
            for k in 0..<dimension {
                let frames = raw.loadUnaligned(fromByteOffset: 4 * (k * m + j), as: SIMD8<Float>.self)
                let diff = SIMD8<Float>(repeating: query[k]) - frames
                acc += diff * diff
            }
            rawOut.storeBytes(of: acc.squareRoot(), toByteOffset: 4 * written, as: SIMD8<Float>.self)
            j += 8
            written += 8
        }
        while j <= frames.upperBound {
            var sum: Float = 0
            for k in 0..<dimension {
                let diff = query[k] - templateByDimension[k * m + j]
                sum += diff * diff
            }
            out[written] = sum.squareRoot()
            j += 1
            written += 1
        }
    }

    @inline(__always)
    static func negativeLogInnerProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        var k = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        while k + 8 <= count {
            acc += rawA.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        var sum = acc.sum()
        while k < count { sum += a[k] * b[k]; k += 1 }
        return -log(max(sum, 1e-30))
    }

    private func backtrack(endRow: Int, n: Int, m: Int, width: Int, base: (Int) -> Int,
                           normalizedCost: Double) -> AlignmentPath {
        var queryFrames = [Int32](), templateFrames = [Int32](), distances = [Float]()
        queryFrames.reserveCapacity(n + m)
        templateFrames.reserveCapacity(n + m)
        distances.reserveCapacity(n + m)
        var i = endRow, j = m - 1
        func emit(_ i: Int, _ j: Int) {
            queryFrames.append(Int32(i))
            templateFrames.append(Int32(j))
            distances.append(local[i * width + (j - base(i))])
        }
        while true {
            emit(i, j)
            switch step[i * width + (j - base(i))] {
            case 1: i -= 1; j -= 1
            case 2: i -= 1
            case 3: j -= 1
            case 4: emit(i, j - 1); i -= 1; j -= 2
            case 5: emit(i - 1, j); i -= 2; j -= 1
            default:
                queryFrames.reverse(); templateFrames.reverse(); distances.reverse()
                return AlignmentPath(queryFrames: queryFrames, templateFrames: templateFrames,
                                     localDistances: distances, normalizedCost: normalizedCost)
            }
        }
    }
}
