// The AVX2 variant of SpeechDSP's DenseBlockKernel, chosen at run time (the portable build targets baseline
// x86-64, whose 128-bit registers halve the throughput of this loop). Swift cannot compile one function for
// another CPU level; C can, with a target attribute.
#include "vector_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int vk_dense_block4_avx2_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

__attribute__((target("avx2")))
void vk_dense_block4_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded) {
    const float *x0 = x, *x1 = x + stride, *x2 = x + 2 * stride, *x3 = x + 3 * stride;
    ptrdiff_t tile = 0;
    // Two 8-output tiles at once: eight independent accumulators hide the add latency.
    for (; tile + 16 <= padded; tile += 16) {
        const float *wa = packed + tile * inputs, *wb = packed + (tile + 8) * inputs;
        __m256 ba = _mm256_loadu_ps(bias + tile), bb = _mm256_loadu_ps(bias + tile + 8);
        __m256 a0 = ba, a1 = ba, a2 = ba, a3 = ba, b0 = bb, b1 = bb, b2 = bb, b3 = bb;
        for (ptrdiff_t k = 0; k < inputs; k++) {
            __m256 w = _mm256_loadu_ps(wa + 8 * k), v = _mm256_loadu_ps(wb + 8 * k);
            __m256 s0 = _mm256_broadcast_ss(x0 + k), s1 = _mm256_broadcast_ss(x1 + k);
            __m256 s2 = _mm256_broadcast_ss(x2 + k), s3 = _mm256_broadcast_ss(x3 + k);
            a0 = _mm256_add_ps(a0, _mm256_mul_ps(s0, w)); b0 = _mm256_add_ps(b0, _mm256_mul_ps(s0, v));
            a1 = _mm256_add_ps(a1, _mm256_mul_ps(s1, w)); b1 = _mm256_add_ps(b1, _mm256_mul_ps(s1, v));
            a2 = _mm256_add_ps(a2, _mm256_mul_ps(s2, w)); b2 = _mm256_add_ps(b2, _mm256_mul_ps(s2, v));
            a3 = _mm256_add_ps(a3, _mm256_mul_ps(s3, w)); b3 = _mm256_add_ps(b3, _mm256_mul_ps(s3, v));
        }
        _mm256_storeu_ps(out + tile, a0); _mm256_storeu_ps(out + tile + 8, b0);
        _mm256_storeu_ps(out + padded + tile, a1); _mm256_storeu_ps(out + padded + tile + 8, b1);
        _mm256_storeu_ps(out + 2 * padded + tile, a2); _mm256_storeu_ps(out + 2 * padded + tile + 8, b2);
        _mm256_storeu_ps(out + 3 * padded + tile, a3); _mm256_storeu_ps(out + 3 * padded + tile + 8, b3);
    }
    for (; tile < padded; tile += 8) {
        const float *wa = packed + tile * inputs;
        __m256 ba = _mm256_loadu_ps(bias + tile);
        __m256 a0 = ba, a1 = ba, a2 = ba, a3 = ba;
        for (ptrdiff_t k = 0; k < inputs; k++) {
            __m256 w = _mm256_loadu_ps(wa + 8 * k);
            a0 = _mm256_add_ps(a0, _mm256_mul_ps(_mm256_broadcast_ss(x0 + k), w));
            a1 = _mm256_add_ps(a1, _mm256_mul_ps(_mm256_broadcast_ss(x1 + k), w));
            a2 = _mm256_add_ps(a2, _mm256_mul_ps(_mm256_broadcast_ss(x2 + k), w));
            a3 = _mm256_add_ps(a3, _mm256_mul_ps(_mm256_broadcast_ss(x3 + k), w));
        }
        _mm256_storeu_ps(out + tile, a0);
        _mm256_storeu_ps(out + padded + tile, a1);
        _mm256_storeu_ps(out + 2 * padded + tile, a2);
        _mm256_storeu_ps(out + 3 * padded + tile, a3);
    }
}

// Eight frames per pass for layers whose weights do not stay in L2 between passes (the Sphinx gaussians' three
// layers, 1.7 MB): each weight comes from L3 once per eight frames. Eight accumulators of one tile keep the
// multiplies and adds at full rate; the sums are those of vk_dense_block4_avx2, in the same order.
__attribute__((target("avx2")))
void vk_dense_block8_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded) {
    for (ptrdiff_t tile = 0; tile < padded; tile += 8) {
        const float *w = packed + tile * inputs;
        const __m256 b = _mm256_loadu_ps(bias + tile);
        __m256 a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
        for (ptrdiff_t k = 0; k < inputs; k++) {
            const __m256 v = _mm256_loadu_ps(w + 8 * k);
            a0 = _mm256_add_ps(a0, _mm256_mul_ps(_mm256_broadcast_ss(x + k), v));
            a1 = _mm256_add_ps(a1, _mm256_mul_ps(_mm256_broadcast_ss(x + stride + k), v));
            a2 = _mm256_add_ps(a2, _mm256_mul_ps(_mm256_broadcast_ss(x + 2 * stride + k), v));
            a3 = _mm256_add_ps(a3, _mm256_mul_ps(_mm256_broadcast_ss(x + 3 * stride + k), v));
            a4 = _mm256_add_ps(a4, _mm256_mul_ps(_mm256_broadcast_ss(x + 4 * stride + k), v));
            a5 = _mm256_add_ps(a5, _mm256_mul_ps(_mm256_broadcast_ss(x + 5 * stride + k), v));
            a6 = _mm256_add_ps(a6, _mm256_mul_ps(_mm256_broadcast_ss(x + 6 * stride + k), v));
            a7 = _mm256_add_ps(a7, _mm256_mul_ps(_mm256_broadcast_ss(x + 7 * stride + k), v));
        }
        _mm256_storeu_ps(out + tile, a0);
        _mm256_storeu_ps(out + padded + tile, a1);
        _mm256_storeu_ps(out + 2 * padded + tile, a2);
        _mm256_storeu_ps(out + 3 * padded + tile, a3);
        _mm256_storeu_ps(out + 4 * padded + tile, a4);
        _mm256_storeu_ps(out + 5 * padded + tile, a5);
        _mm256_storeu_ps(out + 6 * padded + tile, a6);
        _mm256_storeu_ps(out + 7 * padded + tile, a7);
    }
}

#else

int vk_dense_block4_avx2_available(void) { return 0; }

void vk_dense_block4_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded) {
    (void)x; (void)stride; (void)inputs; (void)packed; (void)bias; (void)out; (void)padded;
}

void vk_dense_block8_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded) {
    (void)x; (void)stride; (void)inputs; (void)packed; (void)bias; (void)out; (void)padded;
}

#endif
