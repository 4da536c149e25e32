/*
 * rng_lanes.c — a Philox block for many ids at once, in vector lanes.
 *
 * A draw is a Philox4x32-10 block of (seed, stream, id, week, block) (rng.c).
 * Where many ids need the same block of their streams at once (a group of
 * shoppers' ties and shopping draws, a group of buyers' memory and
 * ownership draws), their ten rounds can run side by side: the rounds
 * are 32 x 32 -> 64-bit multiplies and exclusive ors, which x86's AVX2
 * does for four ids at a time. Compilers do not find this themselves (GCC
 * 12 at -O3 leaves the portable loop below scalar), so the vector path is
 * written with intrinsics and chosen at run time on machines that have
 * AVX2; SSE2's two ids a vector, tried, were no faster than the portable
 * loop. Every path is integer arithmetic only: the words are the same on
 * every machine and path, and the same as rng_stream_init and rng_u32 give
 * (tests/test_rng.c holds each path to that).
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
#define GROUP 32 /* ids a pass: several vectors whose rounds overlap */

/* The counters of ids[first..first+GROUP-1], word w of lane l in c[w][l];
 * lanes past `count` repeat the last id (computed, not kept). */
static void counters(const uint32_t *ids, int first, int count, uint32_t week,
                     uint32_t word3, uint32_t c[4][GROUP]) {
    for (int l = 0; l < GROUP; l++) {
        c[0][l] = ids[first + l < count ? first + l : count - 1];
        c[1][l] = 0, c[2][l] = week, c[3][l] = word3;
    }
}

/* Lane l's block to out + (first + l) * stride, in words. */
static void put(const uint32_t c[4][GROUP], int first, int count,
                uint32_t *out, size_t stride) {
    for (int l = 0; l < GROUP && first + l < count; l++)
        for (int w = 0; w < 4; w++) out[(size_t)(first + l) * stride + w] = c[w][l];
}

/* Random123's philox4x32round and philox4x32bumpkey, lane by lane. */
static void rounds_portable(uint32_t c[4][GROUP], uint32_t k0, uint32_t k1) {
    for (int round = 0; round < 10; round++, k0 += W0, k1 += W1)
        for (int l = 0; l < GROUP; l++) {
            uint64_t p0 = (uint64_t)c[0][l] * M0, p1 = (uint64_t)c[2][l] * M1;
            uint32_t n0 = (uint32_t)(p1 >> 32) ^ c[1][l] ^ k0;
            uint32_t n2 = (uint32_t)(p0 >> 32) ^ c[3][l] ^ k1;
            c[0][l] = n0, c[1][l] = (uint32_t)p1, c[2][l] = n2, c[3][l] = (uint32_t)p0;
        }
}

#ifdef RNG_LANES_X86
/* The same rounds with a 32-bit word in each 64-bit lane of a vector, so
 * that one _mm256_mul_epu32 gives four whole products: eight vectors of
 * four, whose rounds overlap. */
__attribute__((target("avx2"))) static void rounds_avx2(uint32_t c[4][GROUP],
                                                         uint32_t k0, uint32_t k1) {
    enum { V = GROUP / 4 };
    __m256i x[4][V];
    for (int w = 0; w < 4; w++)
        for (int v = 0; v < V; v++)
            x[w][v] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)&c[w][4 * v]));
    const __m256i low = _mm256_set1_epi64x(0xFFFFFFFF);
    const __m256i m0 = _mm256_set1_epi64x(M0), m1 = _mm256_set1_epi64x(M1);
    for (int round = 0; round < 10; round++, k0 += W0, k1 += W1) {
        __m256i key0 = _mm256_set1_epi64x(k0), key1 = _mm256_set1_epi64x(k1);
        for (int v = 0; v < V; v++) {
            __m256i p0 = _mm256_mul_epu32(x[0][v], m0), p1 = _mm256_mul_epu32(x[2][v], m1);
            x[0][v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x[1][v]), key0);
            x[2][v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x[3][v]), key1);
            x[1][v] = _mm256_and_si256(p1, low), x[3][v] = _mm256_and_si256(p0, low);
        }
    }
    for (int w = 0; w < 4; w++)
        for (int v = 0; v < V; v++) {
            uint64_t lanes[4];
            _mm256_storeu_si256((__m256i *)lanes, x[w][v]);
            for (int l = 0; l < 4; l++) c[w][4 * v + l] = (uint32_t)lanes[l];
        }
}
#endif

typedef void rounds_fn(uint32_t c[4][GROUP], uint32_t k0, uint32_t k1);

static rounds_fn *rounds_of(rng_lanes_kind kind) {
    switch (kind) {
#ifdef RNG_LANES_X86
    case RNG_LANES_AVX2: return rounds_avx2;
#endif
    default: return rounds_portable;
    }
}

int rng_lanes_available(rng_lanes_kind kind) {
    switch (kind) {
    case RNG_LANES_PORTABLE: return 1;
#ifdef RNG_LANES_X86
    case RNG_LANES_AVX2: return __builtin_cpu_supports("avx2");
#endif
    default: return 0;
    }
}

/* Blocks first..first+blocks-1 of each id's stream by `kind`, laid out as
 * rng_blocks_each says. */
static void draw(rng_lanes_kind kind, uint64_t seed, rng_stream_id stream,
                 uint32_t first, int blocks, const uint32_t *ids, int count,
                 uint32_t week, uint32_t *out, size_t stride) {
    rounds_fn *rounds = rounds_of(kind);
    for (int b = 0; b < blocks; b++) {
        uint32_t word3 = (uint32_t)stream << RNG_BLOCK_BITS | (first + (uint32_t)b);
        for (int lane = 0; lane < count; lane += GROUP) {
            uint32_t c[4][GROUP];
            counters(ids, lane, count, week, word3, c);
            rounds(c, (uint32_t)seed, (uint32_t)(seed >> 32));
            put(c, lane, count, out + 4 * b, stride);
        }
    }
}

/* rng_blocks' rows are passed on as one run of words (row k at word
 * 4 k): a pointer to the whole array, not to its first row, as draw()
 * writes past that row. */
void rng_blocks_by(rng_lanes_kind kind, uint64_t seed, rng_stream_id stream,
                   uint32_t block, const uint32_t *ids, int count, uint32_t week,
                   uint32_t (*out)[4]) {
    draw(kind, seed, stream, block, 1, ids, count, week, (uint32_t *)out, 4);
}

/* The widest path the machine has (a load and a test each call). */
static rng_lanes_kind widest(void) {
    rng_lanes_kind best = RNG_LANES_PORTABLE;
    for (int k = RNG_LANES_PORTABLE; k < RNG_LANES_KINDS; k++)
        if (rng_lanes_available((rng_lanes_kind)k)) best = (rng_lanes_kind)k;
    return best;
}

void rng_blocks(uint64_t seed, rng_stream_id stream, uint32_t block,
                const uint32_t *ids, int count, uint32_t week, uint32_t (*out)[4]) {
    draw(widest(), seed, stream, block, 1, ids, count, week, (uint32_t *)out, 4);
}

void rng_blocks_each(uint64_t seed, rng_stream_id stream, uint32_t first,
                     int blocks, const uint32_t *ids, int count, uint32_t week,
                     uint32_t *out, size_t stride) {
    draw(widest(), seed, stream, first, blocks, ids, count, week, out, stride);
}
