// Top-four selection of a gaussian mixture's codebook (PocketSphinx's `-topn 4`). Scanning the values one by
// one costs a branch per value that mispredicts often, since a codebook's densities come in no useful order.
// The AVX2 variant first bounds the fourth best from below cheaply and then inserts only the few values that
// reach the bound, in index order, so both variants keep exactly the same four (ties go to the earlier index).
#include "vector_kernels.h"
#include <math.h>

typedef struct { float v0, v1, v2, v3; int32_t i0, i1, i2, i3; } top4;

// Strict >: of equal values the earlier stays, and NaN never enters.
static inline void top4_insert(top4 *t, float v, int32_t d) {
    if (!(v > t->v3)) return;
    if (v > t->v1) {
        t->v3 = t->v2; t->i3 = t->i2; t->v2 = t->v1; t->i2 = t->i1;
        if (v > t->v0) { t->v1 = t->v0; t->i1 = t->i0; t->v0 = v; t->i0 = d; } else { t->v1 = v; t->i1 = d; }
    } else if (v > t->v2) {
        t->v3 = t->v2; t->i3 = t->i2; t->v2 = v; t->i2 = d;
    } else {
        t->v3 = v; t->i3 = d;
    }
}

void vk_top4(const float *values, ptrdiff_t count, ptrdiff_t groups, float *top, int32_t *indices) {
    for (ptrdiff_t g = 0; g < groups; g++) {
        const float *v = values + g * count;
        top4 t = { -INFINITY, -INFINITY, -INFINITY, -INFINITY, 0, 0, 0, 0 };
        for (ptrdiff_t i = 0; i < count; i++) top4_insert(&t, v[i], (int32_t)i);
        float *best = top + 4 * g;
        int32_t *where = indices + 4 * g;
        best[0] = t.v0; best[1] = t.v1; best[2] = t.v2; best[3] = t.v3;
        where[0] = t.i0; where[1] = t.i1; where[2] = t.i2; where[3] = t.i3;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// Lane l's maximum is the largest of values l, l + 8, l + 16...: eight maxima of disjoint sets. The maxima of
// lanes l and l + 4 paired give four distinct values, so the smallest of those four is at most the fourth best:
// no value below it can be among the four. That leaves about eight of 128 (uniformly ordered values) to insert.
// NaN never enters (max_ps returns its second operand when either is NaN, and the insertion's > is false).
// Branches on the data mispredict often here, so the candidates are found with one bit mask per 64 values and
// inserted without branches into one 128-bit register of values and one of indices, best first.
__attribute__((target("avx2")))
void vk_top4_avx2(const float *values, ptrdiff_t count, ptrdiff_t groups, float *top, int32_t *indices) {
    const ptrdiff_t blocks = count / 8;
    for (ptrdiff_t g = 0; g < groups; g++) {
        const float *v = values + g * count;
        __m256 ma = _mm256_set1_ps(-INFINITY), mb = ma;
        ptrdiff_t b = 0;
        for (; b + 2 <= blocks; b += 2) {
            ma = _mm256_max_ps(_mm256_loadu_ps(v + 8 * b), ma);
            mb = _mm256_max_ps(_mm256_loadu_ps(v + 8 * b + 8), mb);
        }
        if (b < blocks) ma = _mm256_max_ps(_mm256_loadu_ps(v + 8 * b), ma);
        const __m256 m = _mm256_max_ps(ma, mb);
        __m128 pairs = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        pairs = _mm_min_ps(pairs, _mm_shuffle_ps(pairs, pairs, _MM_SHUFFLE(1, 0, 3, 2)));
        pairs = _mm_min_ps(pairs, _mm_shuffle_ps(pairs, pairs, _MM_SHUFFLE(2, 3, 0, 1)));
        // -infinity when fewer than eight lanes hold a value: then every value is a candidate.
        const __m256 bound = blocks > 0 ? _mm256_broadcastss_ps(pairs) : _mm256_set1_ps(-INFINITY);
        __m128 best = _mm_set1_ps(-INFINITY);
        __m128i where = _mm_setzero_si128();
        for (ptrdiff_t chunk = 0; chunk < count; chunk += 64) {
            uint64_t mask = 0;
            const ptrdiff_t end = chunk + 64 < 8 * blocks ? chunk + 64 : 8 * blocks;
            for (ptrdiff_t i = chunk; i < end; i += 8) {
                const int bits = _mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(v + i), bound, _CMP_GE_OQ));
                mask |= (uint64_t)(unsigned)bits << (i - chunk);
            }
            for (ptrdiff_t i = end; i < count && i < chunk + 64; i++) mask |= (uint64_t)1 << (i - chunk);
            while (mask) {
                const ptrdiff_t i = chunk + __builtin_ctzll(mask);
                mask &= mask - 1;
                // Lane j takes the new value where it beats best[j]; lanes below that position shift down one.
                const __m128 value = _mm_broadcast_ss(v + i);
                const __m128 beats = _mm_cmpgt_ps(value, best);
                const __m128 shifted = _mm_castsi128_ps(_mm_slli_si128(_mm_castps_si128(beats), 4));
                best = _mm_blendv_ps(_mm_blendv_ps(best, value, beats), _mm_castsi128_ps(_mm_slli_si128(_mm_castps_si128(best), 4)), shifted);
                where = _mm_castps_si128(_mm_blendv_ps(_mm_blendv_ps(_mm_castsi128_ps(where), _mm_castsi128_ps(_mm_set1_epi32((int32_t)i)), beats),
                                                       _mm_castsi128_ps(_mm_slli_si128(where, 4)), shifted));
            }
        }
        _mm_storeu_ps(top + 4 * g, best);
        _mm_storeu_si128((__m128i *)(indices + 4 * g), where);
    }
}

#else

void vk_top4_avx2(const float *values, ptrdiff_t count, ptrdiff_t groups, float *top, int32_t *indices) {
    vk_top4(values, count, groups, top, indices);
}

#endif
