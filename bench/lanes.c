/*
 * lanes.c — a probe for issue 13: how fast the work of a WKH buyer-week in
 * mishi's model can go when done for many buyers at once in vector lanes,
 * with none of the engine's bookkeeping. It bounds what a dense kernel for
 * full-information markets could gain; it is not used by mishi, though its
 * 16-bit floats in lanes are mishi's own (src/base/float16_lanes.h, which
 * the engine's full-information week uses and the check mode tests).
 *
 *   bench_lanes N SELLERS WEEKS THREADS
 *   bench_lanes check    its draws and rounding against mishi's (a ctest)
 *
 * Per buyer-week, as mishi's model does it: Philox4x32-10 blocks keyed by
 * (seed, stream, buyer, week), one for the choice and one for rounding
 * each four preferences; the remembered preferences read from 16-bit
 * floats (float16.h's format), a logit over beta J with an exponential per
 * seller, the choice, learning (J decays by gamma 0.1, the chosen seller's
 * grows by pi 1), the preferences rounded stochastically back to 16 bits,
 * and the week's counts (units a seller, repeat purchases, choice
 * concentration). What it
 * leaves out is the engine's: purchase records, the calendar, experience,
 * which firm a memory slot holds, utilities beyond beta J.
 *
 * Buyers go 4 to a vector (GCC and Clang vector extensions, 256 bits) and
 * 8 vectors at once, so that the long dependent chains (Philox's ten
 * rounds, the exponential's series) of different vectors overlap. Its
 * Philox blocks, 16-bit values, rounding and exponential are mishi's to
 * the bit (the exponential is the engine's, src/base/exp_lanes.h; the
 * check mode compares the rest with Random123 and float16.h), though its
 * counts are for checking that it did the work, not for comparing with
 * mishi's rows, which its bookkeeping orders differently.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include <Random123/philox.h>

#include "../src/base/exp_lanes.h"     /* the engine's exponential in lanes */
#include "../src/base/float16_lanes.h" /* the engine's 16-bit floats in lanes */

#define VECTORS 8     /* vectors at once: 32 buyers a step */
#define SELLERS_MAX 16

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The low 32 bits of each lane times a 32-bit constant, in 64 bits. */
static lane_words times32(lane_words x, uint64_t constant) {
#if defined(__AVX2__)
    return (lane_words)_mm256_mul_epu32((__m256i)x, (__m256i)lane_words_of(constant));
#else
    return (x & 0xFFFFFFFFu) * lane_words_of(constant);
#endif
}

/* Philox4x32-10 of VECTORS x LANES counters, a 32-bit word to a lane. */
static void philox(lane_words c[VECTORS][4], uint32_t k0, uint32_t k1) {
    for (int round = 0; round < 10; round++) {
        for (int g = 0; g < VECTORS; g++) {
            lane_words p0 = times32(c[g][0], 0xD2511F53u), p1 = times32(c[g][2], 0xCD9E8D57u);
            lane_words n0 = (p1 >> 32) ^ c[g][1] ^ lane_words_of(k0);
            lane_words n2 = (p0 >> 32) ^ c[g][3] ^ lane_words_of(k1);
            c[g][0] = n0, c[g][1] = p1 & 0xFFFFFFFFu, c[g][2] = n2, c[g][3] = p0 & 0xFFFFFFFFu;
        }
        k0 += 0x9E3779B9u, k1 += 0xBB67AE85u;
    }
}

/* The Philox block of stream word `stream` (stream << 24 | block) for the
 * step's buyers in `week`, as rng.c lays out its counters. */
static void draw(lane_words out[VECTORS][4], long first, int week, uint32_t stream) {
    const uint64_t seed = 2000;
    for (int g = 0; g < VECTORS; g++) {
        lane_words id = lane_words_of((uint64_t)(first + g * LANES)) + (lane_words){0, 1, 2, 3};
        out[g][0] = id & 0xFFFFFFFFu, out[g][1] = id >> 32;
        out[g][2] = lane_words_of((uint64_t)week), out[g][3] = lane_words_of(stream);
    }
    philox(out, (uint32_t)seed, (uint32_t)(seed >> 32));
}

typedef struct {
    lane_mask units[SELLERS_MAX], repeats; /* counted down: a true mask is -1 */
    lane_reals concentration;
} counts;

/* One step: the 32 buyers from `first`, in week `week`. */
static void buyers_week(uint16_t *preference, uint8_t *last, long n, int sellers,
                        long first, int week, counts *c) {
    const double beta = 5.0, kept = 0.9;
    lane_words choice[VECTORS][4], rounding[VECTORS][4];
    draw(choice, first, week, 3u << 24);
    lane_reals J[SELLERS_MAX][VECTORS], weight[SELLERS_MAX][VECTORS];
    lane_reals top[VECTORS], total[VECTORS];
    for (int g = 0; g < VECTORS; g++) top[g] = lane_reals_of(-HUGE_VAL), total[g] = lane_reals_of(0.0);
    for (int s = 0; s < sellers; s++)
        for (int g = 0; g < VECTORS; g++) {
            const uint16_t *stored = preference + (size_t)s * (size_t)n + first + g * LANES;
            J[s][g] = float16_lane_values((lane_words){stored[0], stored[1], stored[2], stored[3]});
            weight[s][g] = beta * J[s][g];
            top[g] = lane_pick_reals((lane_mask)(weight[s][g] > top[g]), weight[s][g], top[g]);
        }
    for (int s = 0; s < sellers; s++)
        for (int g = 0; g < VECTORS; g++)
            total[g] += weight[s][g] = lane_exp(weight[s][g] - top[g]);
    lane_mask chosen[VECTORS];
    lane_reals concentration = lane_reals_of(0.0);
    for (int g = 0; g < VECTORS; g++) {
        lane_reals share = 1.0 / total[g];
        for (int s = 0; s < sellers; s++)
            concentration += (weight[s][g] * share) * (weight[s][g] * share);
        lane_words bits53 = (choice[g][0] >> 5) * 67108864u + (choice[g][1] >> 6); /* as rng_uniform */
        lane_reals u = __builtin_convertvector(bits53, lane_reals) * 0x1.0p-53 * total[g];
        lane_mask pick = (lane_mask)lane_words_of((uint64_t)(sellers - 1)), open = (lane_mask)lane_words_of(~0ull);
        for (int s = 0; s < sellers - 1; s++) {
            u -= weight[s][g];
            lane_mask now = (lane_mask)(u < 0.0) & open;
            pick = (lane_mask)lane_pick_words(now, lane_words_of((uint64_t)s), (lane_words)pick);
            open &= ~now;
        }
        chosen[g] = pick;
    }
    for (int s = 0; s < sellers; s++) {
        if (s % 4 == 0) draw(rounding, first, week, (5u << 24) + (uint32_t)(s / 4));
        for (int g = 0; g < VECTORS; g++) {
            lane_reals learned = J[s][g] * kept +
                             lane_pick_reals((lane_mask)(chosen[g] == s), lane_reals_of(1.0), lane_reals_of(0.0));
            lane_words code = float16_lane_round(learned, rounding[g][s % 4]);
            uint16_t *stored = preference + (size_t)s * (size_t)n + first + g * LANES;
            for (int l = 0; l < LANES; l++) stored[l] = (uint16_t)code[l];
        }
    }
    /* counted in registers: a byte store may alias *c, and would reload it */
    lane_mask repeats = (lane_mask)lane_words_of(0), units[SELLERS_MAX];
    for (int s = 0; s < sellers; s++) units[s] = (lane_mask)lane_words_of(0);
    for (int g = 0; g < VECTORS; g++) {
        uint8_t *before = last + first + g * LANES;
        lane_words was = {before[0], before[1], before[2], before[3]};
        repeats += (lane_mask)(was == (lane_words)chosen[g]);
        for (int l = 0; l < LANES; l++) before[l] = (uint8_t)chosen[g][l];
        for (int s = 0; s < sellers; s++) units[s] += (lane_mask)(chosen[g] == s);
    }
    c->repeats += repeats, c->concentration += concentration;
    for (int s = 0; s < sellers; s++) c->units[s] += units[s];
}

/* bench_lanes check: that the probe times the model's own draws and
 * rounding. Its Philox blocks against Random123's, its 16-bit values
 * against float16.h's for every code and its rounding for a million
 * values of every binade and beyond the largest and at the edges, all to
 * the bit (its exponential is the engine's own code, which
 * tests/test_exp_log.c holds). Prints the mismatches; non-zero exit if
 * any. */
static int check(void) {
    long philox_off = 0, value_off = 0, round_off = 0;
    lane_words block[VECTORS][4];
    draw(block, 4294967000L, 7, 5u << 24); /* ids across a 32-bit boundary */
    for (int g = 0; g < VECTORS; g++)
        for (int l = 0; l < LANES; l++) {
            uint64_t id = 4294967000ull + (uint64_t)(g * LANES + l);
            philox4x32_ctr_t counter = {{(uint32_t)id, (uint32_t)(id >> 32), 7, 5u << 24}};
            philox4x32_key_t key = {{2000, 0}};
            philox4x32_ctr_t r = philox4x32(counter, key);
            for (int k = 0; k < 4; k++) philox_off += r.v[k] != (uint32_t)block[g][k][l];
        }
    for (uint32_t code = 0; code < 65536; code++)
        value_off += float16_lane_values(lane_words_of(code))[0] != float16_value((uint16_t)code);
    uint64_t state = 1;
    for (int t = 0; t < 1000000; t++) { /* an LCG: magnitudes up to 2^22, past the largest */
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        double x = ((double)(state >> 11) * 0x1.0p-53 - 0.5) * ldexp(1.0, (int)((state >> 3) % 46) - 22);
        uint32_t random = (uint32_t)(state >> 17);
        round_off += float16_lane_round(lane_reals_of(x), lane_words_of(random))[0] != float16_round(x, random);
    }
    /* the edges: zeros, the smallest doubles, the largest float16 and
     * beyond, infinities and NaNs of either sign, with words at both ends */
    const double edges[] = {0.0, -0.0, 0x1.0p-1074, -0x1.0p-1022, 0x1.0p-21, -0x1.0p-20,
                            FLOAT16_MAX, -FLOAT16_MAX, 0x1.0p21, -1e300, HUGE_VAL,
                            -HUGE_VAL, NAN, -NAN};
    const uint32_t words[] = {0, 1, 0x80000000u, UINT32_MAX};
    for (size_t e = 0; e < sizeof edges / sizeof *edges; e++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            round_off += float16_lane_round(lane_reals_of(edges[e]), lane_words_of(words[w]))[0] !=
                         float16_round(edges[e], words[w]);
    printf("philox_mismatches: %ld\nvalue_mismatches: %ld\nrounding_mismatches: %ld\n",
           philox_off, value_off, round_off);
    return philox_off || value_off || round_off;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "check") == 0) return check();
    if (argc != 5) {
        fprintf(stderr, "usage: bench_lanes N SELLERS WEEKS THREADS | bench_lanes check\n");
        return 2;
    }
    const long step = VECTORS * LANES;
    long n = (atol(argv[1]) + step - 1) / step * step;
    int sellers = atoi(argv[2]), weeks = atoi(argv[3]), threads = atoi(argv[4]);
    if (n < step || sellers < 2 || sellers > SELLERS_MAX || weeks < 1 || threads < 1)
        return fprintf(stderr, "N >= %ld, 2 <= SELLERS <= %d, WEEKS >= 1, THREADS >= 1\n",
                       step, SELLERS_MAX), 2;
    uint16_t *preference = calloc((size_t)n * (size_t)sellers, sizeof *preference);
    uint8_t *last = calloc((size_t)n, 1);
    if (!preference || !last) return fprintf(stderr, "out of memory\n"), 1;
    counts all = {0};
    double t0 = seconds();
    for (int w = 1; w <= weeks; w++) {
#pragma omp parallel num_threads(threads)
        {
            counts mine = {0};
#pragma omp for schedule(static)
            for (long first = 0; first < n; first += step)
                buyers_week(preference, last, n, sellers, first, w, &mine);
#pragma omp critical
            {
                for (int s = 0; s < sellers; s++) all.units[s] += mine.units[s];
                all.repeats += mine.repeats, all.concentration += mine.concentration;
            }
        }
    }
    double run = seconds() - t0, buyer_weeks = (double)n * weeks;
    double repeats = 0.0, first_seller = 0.0, concentration = 0.0;
    for (int l = 0; l < LANES; l++)
        repeats -= (double)all.repeats[l], first_seller -= (double)all.units[0][l],
            concentration += all.concentration[l];
    printf("workload: wkh in lanes\nagents: %ld\nsellers: %d\nweeks: %d\nthreads: %d\n", n,
           sellers, weeks, threads);
    printf("run_seconds: %.3f\nagent_weeks_per_second: %.3g\n", run, buyer_weeks / run);
    printf("repeat_share: %.4f\nfirst_seller_share: %.4f\nchoice_concentration: %.4f\n",
           repeats / buyer_weeks, first_seller / buyer_weeks, concentration / buyer_weeks);
    free(preference), free(last);
    return 0;
}
