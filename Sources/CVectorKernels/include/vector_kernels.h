#ifndef SPEAKWELL_VECTOR_KERNELS_H
#define SPEAKWELL_VECTOR_KERNELS_H

#include <stddef.h>

/// 1 when this CPU can run `vk_dense_block4_avx2` (x86-64 with AVX2, asked of cpuid), else 0.
int vk_dense_block4_avx2_available(void);

/// Four frames through one dense layer, eight outputs per 256-bit register:
/// out[f * padded + o] = bias[o] + sum over k < inputs of x[f * stride + k] * packed[((o / 8) * inputs + k) * 8 + o % 8]
/// for f < 4 and o < padded (a multiple of 8). Multiplies and adds are separate instructions in the order of k,
/// so the result is bit-identical to the portable Swift kernel (no fused multiply-add).
/// Only call it when `vk_dense_block4_avx2_available()` returned 1.
void vk_dense_block4_avx2(const float *x, ptrdiff_t stride, ptrdiff_t inputs, const float *packed,
                          const float *bias, float *out, ptrdiff_t padded);

#endif
