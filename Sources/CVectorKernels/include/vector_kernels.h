#ifndef SPEAKWELL_VECTOR_KERNELS_H
#define SPEAKWELL_VECTOR_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU can run `vk_dense_block4_avx2` (x86-64 with AVX2, asked of cpuid), else 0.
int vk_dense_block4_avx2_available(void);

/// Four frames through one dense layer, eight outputs per 256-bit register:
/// out[f * padded + o] = bias[o] + sum over k < inputs of x[f * stride + k] * packed[((o / 8) * inputs + k) * 8 + o % 8]
/// for f < 4 and o < padded (a multiple of 8). Multiplies and adds are separate instructions in the order of k,
/// so the result is bit-identical to the portable Swift kernel (no fused multiply-add).
/// Only call it when `vk_dense_block4_avx2_available()` returned 1.
void vk_dense_block4_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded);

/// `vk_dense_block4_avx2` for eight frames (f < 8), each weight loaded once for all eight; the same bits as two
/// calls of it. Only call it when `vk_dense_block4_avx2_available()` returned 1.
void vk_dense_block8_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded);

/// Per group g < groups of count values (values[g * count + i]): the four largest, best first, into
/// top[4 g ..< 4 g + 4] and their i into indices[...]. Only values above -infinity count (never NaN); an equal value
/// does not displace an earlier one; unfilled places hold -infinity and index 0.
void vk_top4(const float *values, ptrdiff_t count, ptrdiff_t groups, float *top, int32_t *indices);

/// `vk_top4` for CPUs with AVX2 (`vk_dense_block4_avx2_available()`); the same result to the bit.
void vk_top4_avx2(const float *values, ptrdiff_t count, ptrdiff_t groups, float *top, int32_t *indices);

/// out[i] = m + log(sum over j < 4 of exp(terms[j * count + i] - m)) with m the largest of the four: glibc's expf and
/// logf, the terms added in order of j.
void vk_log_sum_exp4(const float *terms, ptrdiff_t count, float *out);

/// `vk_log_sum_exp4` for CPUs with AVX2, eight columns at a time with polynomial exp and log: within a few ulp of
/// it for finite terms.
void vk_log_sum_exp4_avx2(const float *terms, ptrdiff_t count, float *out);

#endif
