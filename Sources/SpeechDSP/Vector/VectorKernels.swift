/// Small SIMD kernels for the per-frame hot loops (FIR taps, filterbanks, DCT rows, projections).
///
/// Why not plain loops: a float reduction written as `sum += a[k] * b[k]` must keep its order under IEEE
/// rules, so the compiler cannot vectorise it; eight independent partial sums let it use full-width SIMD.
/// Results therefore differ from the sequential sum in the last bits only.
public enum VectorKernels {
    /// `sum(a[k] * b[k])` for `k` in `0..<count`.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        var acc0 = SIMD8<Float>(repeating: 0), acc1 = SIMD8<Float>(repeating: 0)
        var k = 0
        while k + 16 <= count {
            acc0 += rawA.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            acc1 += rawA.loadUnaligned(fromByteOffset: 4 * (k + 8), as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: 4 * (k + 8), as: SIMD8<Float>.self)
            k += 16
        }
        if k + 8 <= count {
            acc0 += rawA.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        var sum = (acc0 + acc1).sum()
        while k < count { sum += a[k] * b[k]; k += 1 }
        return sum
    }

    /// `sum(a[k])` for `k` in `0..<count`.
    @inlinable @inline(__always)
    public static func sum(_ a: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(a)
        var acc = SIMD8<Float>(repeating: 0)
        var k = 0
        while k + 8 <= count {
            acc += raw.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        var total = acc.sum()
        while k < count { total += a[k]; k += 1 }
        return total
    }

    /// Copies `count` samples and returns how many have a magnitude of at least `clipLevel` and the largest magnitude.
    @inlinable
    public static func copyMeasuringPeak(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int,
                                         clipLevel: Float) -> (clipped: Int, peak: Float) {
        let rawSource = UnsafeRawPointer(source), rawTarget = UnsafeMutableRawPointer(target)
        var peaks = SIMD8<Float>(repeating: 0)
        var clippedLanes = SIMD8<Int32>(repeating: 0)
        let level = SIMD8<Float>(repeating: clipLevel)
        var k = 0
        while k + 8 <= count {
            let value = rawSource.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            rawTarget.storeBytes(of: value, toByteOffset: 4 * k, as: SIMD8<Float>.self)
            let magnitude = value.replacing(with: -value, where: value .< 0)
            peaks.replace(with: magnitude, where: magnitude .> peaks)
            clippedLanes &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: magnitude .>= level)
            k += 8
        }
        var peak = peaks.max(), clipped = Int(clippedLanes.wrappedSum())
        while k < count {
            let magnitude = abs(source[k])
            target[k] = source[k]
            if magnitude >= clipLevel { clipped += 1 }
            peak = max(peak, magnitude)
            k += 1
        }
        return (clipped, peak)
    }
}
