/*
 * rng_lanes.c — a Philox block for many ids at once, in vector lanes.
 *
 * A draw is a Philox4x32-10 block of (seed, stream, id, week, block) (rng.c).
 * Where many ids need the same block of their streams at once (a group of
 * shoppers' ties and shopping draws, a group of buyers' memory and
 * ownership draws), their ten rounds can run side by side: the rounds
 * are 32 x 32 -> 64-bit multiplies and exclusive ors, which x86's AVX2
 * does for four ids at a time and AVX-512 for eight. Compilers do not find
 * this themselves (GCC 12 at -O3 leaves the portable loop below scalar),
 * so the vector paths are written with intrinsics and the widest the
 * machine has is chosen at run time; SSE2's two ids a vector, tried, were
 * no faster than the portable loop. Every path is integer arithmetic
 * only: the words are the same on every machine and path, and the same as
 * rng_stream_init and rng_u32 give (tests/test_rng.c holds each path to
 * that).
 */
#include "rng.h"

#include <Random123/philox.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RNG_LANES_X86 1
#endif

/* Philox4x32's multipliers and key increments, as Random123 names them */
#define M0 PHILOX_M4x32_0
#define M1 PHILOX_M4x32_1
#define W0 PHILOX_W32_0
#define W1 PHILOX_W32_1
#define GROUP 32 /* ids a pass */
/* Vectors of four ids whose rounds run side by side in the AVX2 path: two
 * hide a round's multiply latency, and four, or the whole group's eight,
 * took no less time (eight spilled the 16 vector registers to the stack)
 * and more instructions. */
#define AVX2_VECTORS 2
_Static_assert(GROUP % (4 * AVX2_VECTORS) == 0, "a group is whole passes of vectors");

/* Each path draws one block of the streams of ids[0..count-1], count at
 * most GROUP, and writes id k's block to out + k * stride (in words).
 * `ids` holds GROUP ids whatever `count` (rng_blocks_by repeats a short
 * group's last id), so that a vector path may load whole vectors past
 * `count`. */
typedef void group_fn(const uint32_t *ids, int count, uint32_t week, uint32_t word3,
                      uint32_t k0, uint32_t k1, uint32_t *out, size_t stride);

/* Random123's philox4x32round and philox4x32bumpkey, lane by lane: word w
 * of lane l in c[w][l]. */
static void group_portable(const uint32_t *ids, int count, uint32_t week,
                           uint32_t word3, uint32_t k0, uint32_t k1, uint32_t *out,
                           size_t stride) {
    uint32_t c[4][GROUP];
    for (int l = 0; l < count; l++)
        c[0][l] = ids[l], c[1][l] = 0, c[2][l] = week, c[3][l] = word3;
    for (int round = 0; round < 10; round++, k0 += W0, k1 += W1)
        for (int l = 0; l < count; l++) {
            uint64_t p0 = (uint64_t)c[0][l] * M0, p1 = (uint64_t)c[2][l] * M1;
            uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1][l] ^ k0;
            uint32_t n2 = (uint32_t)(p0 >> 32) ^ c[3][l] ^ k1;
            c[0][l] = n0, c[1][l] = (uint32_t)p1, c[2][l] = n2, c[3][l] = (uint32_t)p0;
        }
    for (int l = 0; l < count; l++)
        for (int w = 0; w < 4; w++) out[(size_t)l * stride + w] = c[w][l];
}

#ifdef RNG_LANES_X86
/* The same rounds with a 32-bit word in each 64-bit lane of a vector, so
 * that one _mm256_mul_epu32 gives four whole products: AVX2_VECTORS
 * vectors of four ids at a time, whose rounds overlap. A multiply reads
 * only the low half of each lane, so the high halves are left to hold
 * whatever the products and exclusive ors put there, and only the low
 * ones are kept at the end (a blend), not masked each round. Words 1 to 3
 * of the counters are the same for every id, so they start as
 * broadcasts; at the end each vector's four words are turned into four
 * ids' rows of four by two shifts, two blends and two unpacks, not word
 * by word. Lanes past `count` are computed, not kept; only the passes
 * with an id of the group's are run. */
__attribute__((target("avx2"))) static void group_avx2(const uint32_t *ids, int count,
                                                        uint32_t week, uint32_t word3,
                                                        uint32_t k0, uint32_t k1,
                                                        uint32_t *out, size_t stride) {
    const __m256i m0 = _mm256_set1_epi64x(M0), m1 = _mm256_set1_epi64x(M1);
    for (int first = 0; first < count; first += 4 * AVX2_VECTORS) {
        __m256i x[4][AVX2_VECTORS];
        for (int v = 0; v < AVX2_VECTORS; v++) {
            x[0][v] = _mm256_cvtepu32_epi64(
                _mm_loadu_si128((const __m128i *)(ids + first + 4 * v)));
            x[1][v] = _mm256_setzero_si256();
            x[2][v] = _mm256_set1_epi64x(week);
            x[3][v] = _mm256_set1_epi64x(word3);
        }
        uint32_t key0 = k0, key1 = k1;
        for (int round = 0; round < 10; round++, key0 += W0, key1 += W1) {
            __m256i bump0 = _mm256_set1_epi64x(key0), bump1 = _mm256_set1_epi64x(key1);
            for (int v = 0; v < AVX2_VECTORS; v++) {
                __m256i p0 = _mm256_mul_epu32(x[0][v], m0), p1 = _mm256_mul_epu32(x[2][v], m1);
                __m256i high1 = _mm256_srli_epi64(p1, 32), high0 = _mm256_srli_epi64(p0, 32);
                x[0][v] = _mm256_xor_si256(_mm256_xor_si256(high1, x[1][v]), bump0);
                x[2][v] = _mm256_xor_si256(_mm256_xor_si256(high0, x[3][v]), bump1);
                x[1][v] = p1, x[3][v] = p0; /* the low words; the high ones ride along */
            }
        }
        for (int v = 0; v < AVX2_VECTORS; v++) {
            int id = first + 4 * v;
            /* words 0-1 and 2-3 of ids id..id+3, a 64-bit lane each */
            __m256i front = _mm256_blend_epi32(x[0][v], _mm256_slli_epi64(x[1][v], 32), 0xAA);
            __m256i back = _mm256_blend_epi32(x[2][v], _mm256_slli_epi64(x[3][v], 32), 0xAA);
            __m256i even = _mm256_unpacklo_epi64(front, back); /* ids id, id+2 */
            __m256i odd = _mm256_unpackhi_epi64(front, back);  /* ids id+1, id+3 */
            __m128i row[4] = {_mm256_castsi256_si128(even), _mm256_castsi256_si128(odd),
                              _mm256_extracti128_si256(even, 1),
                              _mm256_extracti128_si256(odd, 1)};
            for (int l = 0; l < 4 && id + l < count; l++)
                _mm_storeu_si128((__m128i *)(out + (size_t)(id + l) * stride), row[l]);
        }
    }
}

/* The AVX2 path's rounds eight ids a vector, with AVX-512's three-way
 * exclusive or (a ternary logic op) for the two of each word; two vectors
 * at a time, as there, which left AVX-512's 32 vector registers room. */
__attribute__((target("avx512f"))) static void group_avx512(const uint32_t *ids, int count,
                                                             uint32_t week, uint32_t word3,
                                                             uint32_t k0, uint32_t k1,
                                                             uint32_t *out, size_t stride) {
    enum { V = 2, XOR3 = 0x96 };
    const __m512i m0 = _mm512_set1_epi64(M0), m1 = _mm512_set1_epi64(M1);
    for (int first = 0; first < count; first += 8 * V) {
        __m512i x[4][V];
        for (int v = 0; v < V; v++) {
            x[0][v] = _mm512_cvtepu32_epi64(
                _mm256_loadu_si256((const __m256i *)(ids + first + 8 * v)));
            x[1][v] = _mm512_setzero_si512();
            x[2][v] = _mm512_set1_epi64(week);
            x[3][v] = _mm512_set1_epi64(word3);
        }
        uint32_t key0 = k0, key1 = k1;
        for (int round = 0; round < 10; round++, key0 += W0, key1 += W1) {
            __m512i bump0 = _mm512_set1_epi64(key0), bump1 = _mm512_set1_epi64(key1);
            for (int v = 0; v < V; v++) {
                __m512i p0 = _mm512_mul_epu32(x[0][v], m0), p1 = _mm512_mul_epu32(x[2][v], m1);
                __m512i high1 = _mm512_srli_epi64(p1, 32), high0 = _mm512_srli_epi64(p0, 32);
                x[0][v] = _mm512_ternarylogic_epi64(high1, x[1][v], bump0, XOR3);
                x[2][v] = _mm512_ternarylogic_epi64(high0, x[3][v], bump1, XOR3);
                x[1][v] = p1, x[3][v] = p0;
            }
        }
        for (int v = 0; v < V; v++) {
            int id = first + 8 * v;
            __m512i front = _mm512_mask_blend_epi32(0xAAAA, x[0][v],
                                                    _mm512_slli_epi64(x[1][v], 32));
            __m512i back = _mm512_mask_blend_epi32(0xAAAA, x[2][v],
                                                   _mm512_slli_epi64(x[3][v], 32));
            __m512i even = _mm512_unpacklo_epi64(front, back); /* ids id, id+2, id+4, id+6 */
            __m512i odd = _mm512_unpackhi_epi64(front, back);  /* ids id+1, id+3, ... */
            __m128i row[8] = {
                _mm512_extracti32x4_epi32(even, 0), _mm512_extracti32x4_epi32(odd, 0),
                _mm512_extracti32x4_epi32(even, 1), _mm512_extracti32x4_epi32(odd, 1),
                _mm512_extracti32x4_epi32(even, 2), _mm512_extracti32x4_epi32(odd, 2),
                _mm512_extracti32x4_epi32(even, 3), _mm512_extracti32x4_epi32(odd, 3)};
            for (int l = 0; l < 8 && id + l < count; l++)
                _mm_storeu_si128((__m128i *)(out + (size_t)(id + l) * stride), row[l]);
        }
    }
}
#endif

static group_fn *group_of(rng_lanes_kind kind) {
    switch (kind) {
#ifdef RNG_LANES_X86
    case RNG_LANES_AVX2: return group_avx2;
    case RNG_LANES_AVX512: return group_avx512;
#endif
    default: return group_portable;
    }
}

int rng_lanes_available(rng_lanes_kind kind) {
    switch (kind) {
    case RNG_LANES_PORTABLE: return 1;
#ifdef RNG_LANES_X86
    case RNG_LANES_AVX2: return __builtin_cpu_supports("avx2");
    case RNG_LANES_AVX512: return __builtin_cpu_supports("avx512f");
#endif
    default: return 0;
    }
}

/* Blocks first..first+blocks-1 of each id's stream by `kind`, laid out as
 * rng_blocks_each says. */
void rng_blocks_by(rng_lanes_kind kind, uint64_t seed, rng_stream_id stream,
                   uint32_t first, int blocks, const uint32_t *ids, int count,
                   uint32_t week, uint32_t *out, size_t stride) {
    group_fn *group = group_of(kind);
    for (int lane = 0; lane < count; lane += GROUP) {
        int in_group = count - lane < GROUP ? count - lane : GROUP;
        const uint32_t *group_ids = ids + lane;
        uint32_t padded[GROUP];
        if (in_group < GROUP) { /* the last id again, computed and not kept */
            for (int l = 0; l < GROUP; l++) padded[l] = group_ids[l < in_group ? l : in_group - 1];
            group_ids = padded;
        }
        for (int b = 0; b < blocks; b++) {
            uint32_t word3 = (uint32_t)stream << RNG_BLOCK_BITS | (first + (uint32_t)b);
            group(group_ids, in_group, week, word3, (uint32_t)seed, (uint32_t)(seed >> 32),
                  out + (size_t)lane * stride + 4 * b, stride);
        }
    }
}

/* The widest path the machine has (a load and a test each call). */
static rng_lanes_kind widest(void) {
    rng_lanes_kind best = RNG_LANES_PORTABLE;
    for (int k = RNG_LANES_PORTABLE; k < RNG_LANES_KINDS; k++)
        if (rng_lanes_available((rng_lanes_kind)k)) best = (rng_lanes_kind)k;
    return best;
}

/* rng_blocks' rows are passed on as one run of words (row k at word
 * 4 k): a pointer to the whole array, not to its first row, as
 * rng_blocks_by writes past that row. */
void rng_blocks(uint64_t seed, rng_stream_id stream, uint32_t block,
                const uint32_t *ids, int count, uint32_t week, uint32_t (*out)[4]) {
    rng_blocks_by(widest(), seed, stream, block, 1, ids, count, week, (uint32_t *)out, 4);
}

void rng_blocks_each(uint64_t seed, rng_stream_id stream, uint32_t first,
                     int blocks, const uint32_t *ids, int count, uint32_t week,
                     uint32_t *out, size_t stride) {
    rng_blocks_by(widest(), seed, stream, first, blocks, ids, count, week, out, stride);
}
