// log(e^a + e^b + e^c + e^d) per column, the mixture sum of four gaussians. glibc's expf and logf are scalar
// calls; the AVX2 variant runs eight columns through Cephes' single-precision polynomials (about 1 ulp; without
// fused multiply-adds, so every AVX2 CPU gives the same bits). Both add the exponentials in the same order.
#include "vector_kernels.h"
#include <math.h>

void vk_log_sum_exp4(const float *terms, ptrdiff_t count, float *out) {
    for (ptrdiff_t i = 0; i < count; i++) {
        float best = -INFINITY;
        for (int j = 0; j < 4; j++) best = terms[j * count + i] >= best ? terms[j * count + i] : best;   // as Swift.max
        float sum = 0;
        for (int j = 0; j < 4; j++) sum += expf(terms[j * count + i] - best);
        out[i] = best + logf(sum);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2"), always_inline)) static inline

// e^x for x <= 0 (the terms minus their maximum): exactly 1 at 0; below -87.3 (a normal e^x's limit) it gives
// about 1e-38 instead of 0, nothing next to the maximum's 1.
AVX2 __m256 exp_nonpositive(__m256 x) {
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.3f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    x = _mm256_sub_ps(x, _mm256_mul_ps(n, _mm256_set1_ps(0.693359375f)));
    x = _mm256_sub_ps(x, _mm256_mul_ps(n, _mm256_set1_ps(-2.12194440e-4f)));
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_add_ps(_mm256_mul_ps(y, x), _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_add_ps(_mm256_mul_ps(y, x), _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_add_ps(_mm256_mul_ps(y, x), _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_add_ps(_mm256_mul_ps(y, x), _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, x), _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(y, _mm256_mul_ps(x, x)), x), _mm256_set1_ps(1.0f));
    const __m256i scale = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(scale));
}

// log x for finite x >= 1 (a sum whose largest term is 1): exactly 0 at 1.
AVX2 __m256 log_at_least_one(__m256 x) {
    const __m256i bits = _mm256_castps_si256(x);
    __m256 e = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(126)));
    __m256 m = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007fffff)),
                                                   _mm256_set1_epi32(0x3f000000)));   // in [0.5, 1)
    // Mantissas below sqrt(1/2) are doubled so the polynomial sees m - 1 in [-0.29, 0.41].
    const __m256 low = _mm256_cmp_ps(m, _mm256_set1_ps(0.707106781186547524f), _CMP_LT_OQ);
    e = _mm256_sub_ps(e, _mm256_and_ps(low, _mm256_set1_ps(1.0f)));
    m = _mm256_sub_ps(_mm256_add_ps(m, _mm256_and_ps(low, m)), _mm256_set1_ps(1.0f));
    const __m256 z = _mm256_mul_ps(m, m);
    __m256 y = _mm256_set1_ps(7.0376836292e-2f);
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(-1.1514610310e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(1.1676998740e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(-1.2420140846e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(1.4249322787e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(-1.6668057665e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(2.0000714765e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(-2.4999993993e-1f));
    y = _mm256_add_ps(_mm256_mul_ps(y, m), _mm256_set1_ps(3.3333331174e-1f));
    y = _mm256_mul_ps(_mm256_mul_ps(y, m), z);
    y = _mm256_add_ps(y, _mm256_mul_ps(e, _mm256_set1_ps(-2.12194440e-4f)));
    y = _mm256_sub_ps(y, _mm256_mul_ps(z, _mm256_set1_ps(0.5f)));
    return _mm256_add_ps(_mm256_add_ps(m, y), _mm256_mul_ps(e, _mm256_set1_ps(0.693359375f)));
}

AVX2 __m256 log_sum_exp8(__m256 a, __m256 b, __m256 c, __m256 d) {
    const __m256 best = _mm256_max_ps(d, _mm256_max_ps(c, _mm256_max_ps(b, _mm256_max_ps(a, _mm256_set1_ps(-INFINITY)))));
    __m256 sum = exp_nonpositive(_mm256_sub_ps(a, best));
    sum = _mm256_add_ps(sum, exp_nonpositive(_mm256_sub_ps(b, best)));
    sum = _mm256_add_ps(sum, exp_nonpositive(_mm256_sub_ps(c, best)));
    sum = _mm256_add_ps(sum, exp_nonpositive(_mm256_sub_ps(d, best)));
    return _mm256_add_ps(best, log_at_least_one(sum));
}

__attribute__((target("avx2")))
void vk_log_sum_exp4_avx2(const float *terms, ptrdiff_t count, float *out) {
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        _mm256_storeu_ps(out + i, log_sum_exp8(_mm256_loadu_ps(terms + i), _mm256_loadu_ps(terms + count + i),
                                               _mm256_loadu_ps(terms + 2 * count + i), _mm256_loadu_ps(terms + 3 * count + i)));
    }
    if (i < count) {   // the same arithmetic for the last columns, padded with zeros
        float tail[4][8] = {{0}}, result[8];
        for (int j = 0; j < 4; j++) for (ptrdiff_t k = i; k < count; k++) tail[j][k - i] = terms[j * count + k];
        _mm256_storeu_ps(result, log_sum_exp8(_mm256_loadu_ps(tail[0]), _mm256_loadu_ps(tail[1]),
                                              _mm256_loadu_ps(tail[2]), _mm256_loadu_ps(tail[3])));
        for (ptrdiff_t k = i; k < count; k++) out[k] = result[k - i];
    }
}

#else

void vk_log_sum_exp4_avx2(const float *terms, ptrdiff_t count, float *out) { vk_log_sum_exp4(terms, count, out); }

#endif
