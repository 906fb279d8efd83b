import CVectorKernels

/// The two steps of a gaussian mixture after its densities (`DenseBlockKernel`): the best four gaussians of a
/// codebook, and the log of the sum of their weighted densities. C kernels (Sources/CVectorKernels), with AVX2
/// variants chosen at run time as for `DenseBlockKernel`.
public enum MixtureKernels {
    /// Whether the AVX2 variants run on this CPU (decided once, from cpuid).
    public static let usesAVX2 = DenseBlockKernel.usesAVX2

    /// For each of `groups` consecutive runs of `count` values: the four largest, best first, into
    /// `top[4 g ..< 4 g + 4]` and their positions in the run into `indices`. Only values above -infinity are kept
    /// (never NaN) and an equal value does not displace an earlier one, so both variants give the same bits;
    /// places left over hold -infinity and index 0.
    /// - Parameter portable: `true` forces the scalar kernel (tests compare the two).
    @inline(__always)
    public static func selectTopFour(_ values: UnsafePointer<Float>, count: Int, groups: Int, top: UnsafeMutablePointer<Float>,
                                     indices: UnsafeMutablePointer<Int32>, portable: Bool = false) {
        if usesAVX2 && !portable {
            vk_top4_avx2(values, count, groups, top, indices)
        } else {
            vk_top4(values, count, groups, top, indices)
        }
    }

    /// `out[i] = m + log(sum_j exp(terms[j * count + i] - m))` over `j < 4`, `m` the largest of the four terms.
    /// The AVX2 variant uses polynomial exp and log and differs from the portable one (glibc) by a few ulp.
    /// - Parameter portable: `true` forces the scalar kernel.
    @inline(__always)
    public static func logSumExpOfFour(_ terms: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>,
                                       portable: Bool = false) {
        if usesAVX2 && !portable {
            vk_log_sum_exp4_avx2(terms, count, out)
        } else {
            vk_log_sum_exp4(terms, count, out)
        }
    }
}
