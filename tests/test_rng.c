/*
 * test_rng.c — counter-based streams: the Philox known answer, keying, and
 * the distributions drawn through the GSL adapter.
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "exp_log.h"
#include "float16.h"
#include "rng.h"
#include "support.h"

/* Random123's own known-answer vector for philox4x32-10 with a zero counter
 * and key (kat_vectors): proves we call Philox, with its full rounds. */
static void philox_known_answer(void **state) {
    (void)state;
    rng_stream s;
    rng_stream_init(&s, 0, (rng_stream_id)0, 0, 0);
    assert_int_equal(rng_u32(&s), 0x6627e8d5u);
    assert_int_equal(rng_u32(&s), 0xe169c58du);
    assert_int_equal(rng_u32(&s), 0xbc57ac4cu);
    assert_int_equal(rng_u32(&s), 0x9b00dbd8u);
}

static uint32_t first_word(uint64_t seed, rng_stream_id stream, uint64_t id,
                           uint32_t week) {
    rng_stream s;
    rng_stream_init(&s, seed, stream, id, week);
    return rng_u32(&s);
}

/* Each key part changes the draws; the same key repeats them. */
static void keying(void **state) {
    (void)state;
    uint32_t base = first_word(7, RNG_SHOPPING, 12345, 10);
    assert_int_equal(base, first_word(7, RNG_SHOPPING, 12345, 10));
    assert_int_not_equal(base, first_word(8, RNG_SHOPPING, 12345, 10));
    assert_int_not_equal(base, first_word(7 + (1ull << 32), RNG_SHOPPING, 12345, 10));
    assert_int_not_equal(base, first_word(7, RNG_EXPERIENCE, 12345, 10));
    assert_int_not_equal(base, first_word(7, RNG_SHOPPING, 12346, 10));
    assert_int_not_equal(base, first_word(7, RNG_SHOPPING, 12345 + (1ull << 32), 10));
    assert_int_not_equal(base, first_word(7, RNG_SHOPPING, 12345, 11));
}

/* The first block handed over at once is the stream's first four words. */
static void first_block_is_the_stream(void **state) {
    (void)state;
    for (uint64_t id = 0; id < 100; id++) {
        rng_stream s;
        rng_stream_init(&s, 77 + (id << 40), RNG_NETWORK, id * 1000003, (uint32_t)id);
        uint32_t block[4];
        rng_first_block(77 + (id << 40), RNG_NETWORK, id * 1000003, (uint32_t)id, block);
        for (int i = 0; i < 4; i++) assert_int_equal(block[i], rng_u32(&s));
    }
}

/* Blocks drawn for many ids at once are each id's stream's words, on
 * every path the machine has: for counts that fill the lanes, leave them
 * part full and span several groups, ids up to 2^32 - 1, and the first
 * block and a later one. */
static void blocks_at_once_are_the_streams(void **state) {
    (void)state;
    enum { MOST = 101 };
    uint32_t ids[MOST], out[MOST][4];
    for (int k = 0; k < MOST; k++) ids[k] = k == 0 ? UINT32_MAX : (uint32_t)k * 2654435761u;
    int paths = 0;
    for (int kind = 0; kind < RNG_LANES_KINDS; kind++) {
        if (!rng_lanes_available((rng_lanes_kind)kind)) continue;
        paths++;
        for (int count = 1; count <= MOST; count += count < 34 ? 1 : 9) {
            uint64_t seed = 0x123456789ABCull * (uint64_t)count;
            uint32_t block = (uint32_t)count % 3, week = (uint32_t)(40 + count);
            rng_blocks_by((rng_lanes_kind)kind, seed, RNG_MEMORY, block, 1, ids, count,
                          week, out[0], 4);
            for (int k = 0; k < count; k++) {
                rng_stream s;
                rng_stream_init(&s, seed, RNG_MEMORY, ids[k], week);
                for (uint32_t skip = 0; skip < 4 * block; skip++) rng_u32(&s);
                for (int w = 0; w < 4; w++) assert_int_equal(out[k][w], rng_u32(&s));
            }
        }
    }
    assert_true(paths >= 1);
    rng_blocks(7, RNG_NETWORK, 0, ids, MOST, 3, out); /* the machine's best */
    for (int k = 0; k < MOST; k++) {
        uint32_t block[4];
        rng_first_block(7, RNG_NETWORK, ids[k], 3, block);
        assert_memory_equal(out[k], block, sizeof block);
    }
}

/* Several blocks of each id at once, laid out id by id at a stride wider
 * than the blocks (as ownership lays out a buyer's memory words), on
 * every path and the machine's best: each block is the stream's, and the
 * words between rows are left alone. */
static void several_blocks_each_in_a_row(void **state) {
    (void)state;
    enum { IDS = 45, BLOCKS = 3, STRIDE = 16, FIRST = 2 };
    uint32_t ids[IDS], out[IDS][STRIDE];
    for (int k = 0; k < IDS; k++) ids[k] = (uint32_t)k * 40503u + 11u;
    for (int kind = 0; kind <= RNG_LANES_KINDS; kind++) {
        memset(out, 0xA5, sizeof out);
        if (kind == RNG_LANES_KINDS) /* the machine's best */
            rng_blocks_each(99, RNG_MEMORY, FIRST, BLOCKS, ids, IDS, 8, out[0], STRIDE);
        else if (rng_lanes_available((rng_lanes_kind)kind))
            rng_blocks_by((rng_lanes_kind)kind, 99, RNG_MEMORY, FIRST, BLOCKS, ids, IDS,
                          8, out[0], STRIDE);
        else
            continue;
        for (int k = 0; k < IDS; k++) {
            rng_stream s;
            rng_stream_init(&s, 99, RNG_MEMORY, ids[k], 8);
            for (int skip = 0; skip < 4 * FIRST; skip++) rng_u32(&s);
            for (int w = 0; w < 4 * BLOCKS; w++) assert_int_equal(out[k][w], rng_u32(&s));
            for (int w = 4 * BLOCKS; w < STRIDE; w++)
                assert_int_equal(out[k][w], 0xA5A5A5A5u);
        }
    }
}

/* A stream whose first blocks were drawn ahead hands out the same words as
 * one that draws them itself, through the blocks drawn ahead and on into
 * those it draws after them; with none drawn (NULL) it is the plain
 * stream. */
static void streams_drawn_ahead_are_the_streams(void **state) {
    (void)state;
    enum { IDS = 37, BLOCKS = 3 };
    uint32_t ids[IDS], drawn[IDS][4 * BLOCKS];
    for (int k = 0; k < IDS; k++) ids[k] = (uint32_t)k * 2246822519u + 5u;
    rng_blocks_each(31, RNG_SHOPPING, 0, BLOCKS, ids, IDS, 12, drawn[0], 4 * BLOCKS);
    for (int k = 0; k < IDS; k++)
        for (unsigned ahead = 0; ahead <= BLOCKS; ahead++) {
            rng_stream plain, s;
            rng_stream_init(&plain, 31, RNG_SHOPPING, ids[k], 12);
            rng_stream_init_drawn(&s, 31, RNG_SHOPPING, ids[k], 12,
                                  ahead ? drawn[k] : NULL, ahead);
            for (int w = 0; w < 4 * (BLOCKS + 2); w++)
                assert_int_equal(rng_u32(&s), rng_u32(&plain));
        }
}

/* Successive blocks of one stream differ (the block counter advances). */
static void blocks_advance(void **state) {
    (void)state;
    rng_stream s;
    rng_stream_init(&s, 1, RNG_INIT, 0, 0);
    uint32_t first[4], second[4];
    for (int i = 0; i < 4; i++) first[i] = rng_u32(&s);
    for (int i = 0; i < 4; i++) second[i] = rng_u32(&s);
    assert_memory_not_equal(first, second, sizeof first);
}

enum { DRAWS = 200000 };

/* Mean and variance of U(0,1) within 5 standard errors. */
static void uniform_moments(void **state) {
    (void)state;
    rng_stream s;
    rng_stream_init(&s, 42, RNG_INIT, 1, 2);
    double sum = 0.0, squares = 0.0;
    for (int i = 0; i < DRAWS; i++) {
        double u = rng_uniform(&s);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u, squares += u * u;
    }
    double mean = sum / DRAWS, var = squares / DRAWS - mean * mean;
    assert_true(fabs(mean - 0.5) < 5.0 * sqrt(1.0 / 12.0 / DRAWS));
    /* var of U^2 is 4/45; its sample mean's error bounds var's */
    assert_true(fabs(var - 1.0 / 12.0) < 5.0 * sqrt(4.0 / 45.0 / DRAWS));
}

/* Geometric waiting times: mean 1/p, never below 1. */
static void geometric_mean(void **state) {
    (void)state;
    const double p = 1.0 / 87.0;
    rng_stream s;
    rng_stream_init(&s, 3, RNG_OWNERSHIP, 9, 9);
    double sum = 0.0;
    for (int i = 0; i < DRAWS; i++) {
        uint32_t k = rng_geometric(&s, p);
        assert_true(k >= 1);
        sum += k;
    }
    double sd = sqrt((1.0 - p) / (p * p) / DRAWS);
    assert_true(fabs(sum / DRAWS - 1.0 / p) < 5.0 * sd);
    assert_int_equal(rng_geometric(&s, 1.0), 1);
    assert_int_equal(rng_geometric(&s, 0.0), UINT32_MAX);
}

/* The geometric draw's ceiling taken in integers gives ceil() of the
 * same quotient, at least 1 and at most UINT32_MAX, for every p from
 * near-certain to so small that the wait passes 2^32 weeks. */
static void geometric_is_ceil_of_the_quotient(void **state) {
    (void)state;
    const double ps[] = {0.999, 0.5, 1.0 / 8.0, 1.0 / 87.0, 1e-6, 1e-9, 1e-12};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        rng_geometric_law law = rng_geometric_of(ps[k]);
        rng_stream drawn, plain;
        rng_stream_init(&drawn, 5, RNG_OWNERSHIP, k, 3);
        rng_stream_init(&plain, 5, RNG_OWNERSHIP, k, 3);
        for (int i = 0; i < 20000; i++) {
            double weeks = ceil(model_log(rng_uniform_positive(&plain)) / log1p(-ps[k]));
            uint32_t want = weeks < 1.0 ? 1 : weeks > 4294967295.0 ? UINT32_MAX : (uint32_t)weeks;
            assert_int_equal(rng_geometric_from(&drawn, law), want);
        }
    }
}

/* The law worked out once (next_entry.c's tables) draws what
 * rng_geometric draws, to the bit, over p from certain to never. */
static void geometric_law_matches(void **state) {
    (void)state;
    const double ps[] = {1.0, 0.999, 0.5, 1.0 / 87.0, 1e-9, 0.0, -1.0, 2.0};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        rng_geometric_law law = rng_geometric_of(ps[k]);
        for (uint32_t week = 0; week < 200; week++) {
            rng_stream a, b;
            rng_stream_init(&a, 11, RNG_OWNERSHIP, k, week);
            rng_stream_init(&b, 11, RNG_OWNERSHIP, k, week);
            assert_int_equal(rng_geometric(&a, ps[k]), rng_geometric_from(&b, law));
        }
    }
}

/* Poisson by inversion: each value's frequency within five standard
 * errors of its probability, for a mean below one, the train-station
 * market's (about 1.5) and a larger one; a mean of 0 draws 0; the cap
 * holds every value above it. */
static void poisson_law(void **state) {
    (void)state;
    const double means[] = {0.3, 1.5, 6.0};
    for (size_t m = 0; m < sizeof means / sizeof means[0]; m++) {
        enum { VALUES = 40 };
        int count[VALUES + 1] = {0};
        rng_stream s;
        rng_stream_init(&s, 17, RNG_SHOPPING, m, 1);
        for (int i = 0; i < DRAWS; i++)
            count[rng_poisson_from(&s, rng_poisson_of(means[m]), VALUES)]++;
        double p = exp(-means[m]);
        for (int k = 0; k < VALUES; k++, p *= means[m] / k) {
            double se = sqrt(p * (1.0 - p) / DRAWS);
            assert_true(fabs((double)count[k] / DRAWS - p) <= 5.0 * se + 1e-12);
        }
    }
    rng_stream s;
    rng_stream_init(&s, 17, RNG_SHOPPING, 9, 1);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(rng_poisson_from(&s, rng_poisson_of(0.0), 32), 0);
        assert_int_equal(rng_poisson_from(&s, rng_poisson_of(1000.0), 32), 32);
        assert_true(rng_poisson_from(&s, rng_poisson_of(30.0), 32) <= 32);
    }
}

/* GSL distributions read our stream: Gaussian and Poisson moments. */
static void gsl_adapter(void **state) {
    (void)state;
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, 5, RNG_EXPERIENCE, 0, 1);
    rng_as_gsl(&s, &r);
    double sum = 0.0, squares = 0.0, poisson = 0.0;
    for (int i = 0; i < DRAWS; i++) {
        double x = gsl_ran_gaussian_ziggurat(&r, 2.0);
        sum += x, squares += x * x;
        poisson += gsl_ran_poisson(&r, 3.0);
    }
    assert_true(fabs(sum / DRAWS) < 5.0 * 2.0 / sqrt(DRAWS));
    assert_true(fabs(squares / DRAWS - 4.0) < 5.0 * sqrt(2.0 * 16.0 / DRAWS));
    assert_true(fabs(poisson / DRAWS - 3.0) < 5.0 * sqrt(3.0 / DRAWS));
}

/* A gsl_rng whose next uniform is the one set: to hand gsl_ran_discrete
 * a chosen u. */
static double given_uniform;
static double given_get_double(void *state) { return (void)state, given_uniform; }
static unsigned long given_get(void *state) { return (void)state, 0; }
static void given_set(void *state, unsigned long seed) { (void)state, (void)seed; }
static const gsl_rng_type given_type = {"given", 0xffffffffUL, 0, 0, given_set,
                                        given_get, given_get_double};

/* rng_alias_draw gives gsl_ran_discrete's index for the same uniform: on
 * tables of one to a thousand weights, even, skewed and with zeros, for a
 * stream's uniforms and for those at every bucket's edges and threshold,
 * where a lookup that rounded or compared otherwise would part from it. */
static void alias_draw_is_gsl_ran_discrete(void **state) {
    (void)state;
    enum { MOST = 1000 };
    static double weight[MOST];
    const size_t sizes[] = {1, 2, 3, 7, 300, MOST};
    gsl_rng given = {&given_type, NULL};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        for (int shape = 0; shape < 3; shape++) {
            size_t k = sizes[z];
            for (size_t j = 0; j < k; j++)
                weight[j] = shape == 0   ? 1.0
                            : shape == 1 ? 1.0 / (double)(j + 1) /* Zipf */
                                         : (j % 3 == 1 ? 0.0 : (double)(j % 7) + 0.5);
            gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(k, weight);
            assert_non_null(table);
            rng_stream s, t;
            gsl_rng r;
            rng_stream_init(&s, 11, RNG_SHOPPING, k, (uint32_t)shape);
            rng_stream_init(&t, 11, RNG_SHOPPING, k, (uint32_t)shape);
            rng_as_gsl(&s, &r);
            for (int d = 0; d < 20000; d++)
                assert_int_equal(gsl_ran_discrete(&r, table),
                                 rng_alias_draw(table, rng_uniform(&t)));
            for (size_t c = 0; c < k; c++) {
                double edge = (double)c / (double)k, threshold = table->F[c];
                double at[] = {edge, nextafter(edge, 1.0), threshold,
                               nextafter(threshold, 0.0), nextafter(threshold, 1.0)};
                for (size_t e = 0; e < sizeof at / sizeof *at; e++) {
                    if (!(at[e] >= 0.0 && at[e] < 1.0)) continue;
                    given_uniform = at[e];
                    assert_int_equal(gsl_ran_discrete(&given, table),
                                     rng_alias_draw(table, at[e]));
                }
            }
            gsl_ran_discrete_free(table);
        }
    }
}

/* A stream whose next word is `word`, then its own from block 0 on. */
static void next_word_is(rng_stream *s, uint32_t id, uint32_t word) {
    rng_stream_init(s, 17, RNG_EXPERIENCE, id, 4);
    s->block[3] = word;
    s->word = s->block, s->used = 3, s->ready = 4;
}

/* rng_gaussian gives gsl_ran_gaussian_ziggurat's value on the same stream
 * and leaves the stream where GSL leaves it: for a million draws at
 * several sigmas (about 2 % of them GSL's own, outside the bounds, and the
 * tail strip among them), and for every strip at its bound's edges,
 * where a bound one off would part from GSL. The bounds learned are
 * GSL's: every strip but the base one is taken at once, for most points. */
static void gaussian_is_gsl_ziggurat(void **state) {
    (void)state;
    rng_ziggurat z;
    rng_ziggurat_learn(&z);
    int strips = 0;
    for (int k = 0; k < RNG_ZIGGURAT_STRIPS; k++)
        strips += z.at_once_below[k] > (1u << 24) / 2;
    assert_int_equal(strips, RNG_ZIGGURAT_STRIPS - 1);
    const double sigmas[] = {1.0, 0.05, 3.5};
    for (size_t k = 0; k < sizeof sigmas / sizeof *sigmas; k++) {
        rng_stream s, t;
        gsl_rng r;
        rng_stream_init(&s, 17, RNG_EXPERIENCE, k, 3);
        rng_stream_init(&t, 17, RNG_EXPERIENCE, k, 3);
        rng_as_gsl(&s, &r);
        for (int d = 0; d < 400000; d++) {
            double want = gsl_ran_gaussian_ziggurat(&r, sigmas[k]);
            double got = rng_gaussian(&t, &z, sigmas[k]);
            assert_memory_equal(&want, &got, sizeof want);
        }
        assert_int_equal(rng_u32(&s), rng_u32(&t));
    }
    for (uint32_t strip = 0; strip < RNG_ZIGGURAT_STRIPS; strip++) {
        uint32_t bound = z.at_once_below[strip];
        uint32_t points[] = {0, 1, bound - 1, bound, bound + 1, (1u << 24) - 1};
        for (size_t e = 0; e < sizeof points / sizeof *points; e++) {
            if (points[e] >= 1u << 24) continue;
            for (uint32_t sign = 0; sign <= 0x80u; sign += 0x80u) {
                rng_stream s, t;
                gsl_rng r;
                next_word_is(&s, strip, points[e] << 8 | sign | strip);
                next_word_is(&t, strip, points[e] << 8 | sign | strip);
                rng_as_gsl(&s, &r);
                double want = gsl_ran_gaussian_ziggurat(&r, 0.5);
                double got = rng_gaussian(&t, &z, 0.5);
                assert_memory_equal(&want, &got, sizeof want);
                assert_int_equal(rng_u32(&s), rng_u32(&t));
            }
        }
    }
}

/* Pair facts: fixed for a pair, different across pairs, uniform. */
static void pair_uniform(void **state) {
    (void)state;
    assert_true(rng_pair_uniform(1, RNG_ACCESS, 10, 20) ==
                rng_pair_uniform(1, RNG_ACCESS, 10, 20));
    assert_true(rng_pair_uniform(1, RNG_ACCESS, 10, 20) !=
                rng_pair_uniform(1, RNG_ACCESS, 20, 10));
    int below = 0;
    for (int i = 0; i < DRAWS; i++) below += rng_pair_uniform(9, RNG_ACCESS, (uint64_t)i, 3) < 0.3;
    double share = (double)below / DRAWS;
    assert_true(fabs(share - 0.3) < 5.0 * sqrt(0.3 * 0.7 / DRAWS));
}

/* Every code stands for a value that is stored back as that code,
 * whatever the random word: exact values are never rounded. */
static void float16_codes_round_trip(void **state) {
    (void)state;
    for (uint32_t code = 0; code <= 0xFFFF; code++) {
        if (code == FLOAT16_SIGN) continue; /* -0 is stored as 0 */
        double v = float16_value((uint16_t)code);
        assert_int_equal(float16_round(v, 0), code);
        assert_int_equal(float16_round(v, UINT32_MAX), code);
    }
    assert_int_equal(float16_round(-0.0, 7), 0);
    assert_true(float16_value(FLOAT16_MAX_CODE) == FLOAT16_MAX);
    assert_int_equal(float16_round(1e9, 0), FLOAT16_MAX_CODE);
    assert_int_equal(float16_round(-1e9, 0), FLOAT16_SIGN | FLOAT16_MAX_CODE);
}

/* A value between two codes goes to one of them: the upper for the
 * smallest word (rounding up has probability the fraction left over) and
 * the lower for the largest, in every binade. */
static void float16_rounds_to_a_neighbour(void **state) {
    (void)state;
    rng_stream s;
    rng_stream_init(&s, 5, RNG_MEMORY, 0, 0);
    for (int k = 0; k < 20000; k++) {
        double x = ldexp(0.5 + rng_uniform(&s), (int)(rng_u32(&s) % 45) - 24);
        if (k & 1) x = -x;
        uint16_t below = float16_round(x, UINT32_MAX), above = float16_round(x, 0);
        double low = float16_value(below), high = float16_value(above);
        assert_true(fabs(low) <= fabs(x) && fabs(x) <= fabs(high));
        assert_true(above == below || above == below + 1 ||
                    (below == 0 && above == (x < 0 ? FLOAT16_SIGN | 1 : 1)));
    }
}

/* Stored many times, x comes back on average: within five standard
 * errors of the two-point draw, for a normal and a subnormal value. */
static void float16_rounding_is_unbiased(void **state) {
    (void)state;
    const double values[] = {0.1, -1.0 / 3.0, 3.3e-7, 12345.678};
    const int draws = 200000;
    rng_stream s;
    rng_stream_init(&s, 6, RNG_MEMORY, 0, 0);
    for (size_t v = 0; v < sizeof values / sizeof *values; v++) {
        double x = values[v], sum = 0;
        for (int k = 0; k < draws; k++)
            sum += float16_value(float16_round(x, rng_u32(&s)));
        double low = float16_value(float16_round(x, UINT32_MAX));
        double step = float16_value(float16_round(x, 0)) - low;
        double f = (x - low) / step;
        double se = fabs(step) * sqrt(f * (1 - f) / draws);
        assert_true(fabs(sum / draws - x) <= 5 * se + 1e-15);
    }
}

/* Slow forgetting, J <- (1 - g) J + g stored every week, reaches its fixed
 * point 1 on average. Rounding to nearest stalls it where g |1 - J| is
 * below half a step (|1 - J| < 0.24 for g = 0.001: J stuck at 0.76 from
 * below); the tolerance is five standard errors of the time average (its
 * variance at most step^2/4 per store, relaxing over 1/g weeks). */
static void float16_slow_decay_does_not_stall(void **state) {
    (void)state;
    const double g = 0.001;
    const int weeks = 40000;
    rng_stream s;
    rng_stream_init(&s, 7, RNG_MEMORY, 0, 0);
    uint16_t j = float16_round(0.5, 0);
    double sum = 0;
    for (int w = 0; w < weeks; w++) {
        j = float16_round((1 - g) * float16_value(j) + g, rng_u32(&s));
        if (w >= weeks / 2) sum += float16_value(j);
    }
    double step = 0x1.0p-10, variance = step * step / 4 / (2 * g);
    double se = sqrt(variance / (g * weeks / 2)); /* 1/g weeks a sample */
    assert_true(fabs(sum / (weeks / 2) - 1.0) <= 5 * se);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(philox_known_answer), cmocka_unit_test(keying),
        cmocka_unit_test(blocks_advance),      cmocka_unit_test(uniform_moments),
        cmocka_unit_test(geometric_mean),      cmocka_unit_test(gsl_adapter),
        cmocka_unit_test(pair_uniform),
        cmocka_unit_test(alias_draw_is_gsl_ran_discrete),
        cmocka_unit_test(gaussian_is_gsl_ziggurat),
        cmocka_unit_test(geometric_law_matches),
        cmocka_unit_test(geometric_is_ceil_of_the_quotient),
        cmocka_unit_test(poisson_law),
        cmocka_unit_test(first_block_is_the_stream),
        cmocka_unit_test(blocks_at_once_are_the_streams),
        cmocka_unit_test(several_blocks_each_in_a_row),
        cmocka_unit_test(streams_drawn_ahead_are_the_streams),
        cmocka_unit_test(float16_codes_round_trip),
        cmocka_unit_test(float16_rounds_to_a_neighbour),
        cmocka_unit_test(float16_rounding_is_unbiased),
        cmocka_unit_test(float16_slow_decay_does_not_stall),
    };
    return cmocka_run_group_tests_name("rng", tests, NULL, NULL);
}
