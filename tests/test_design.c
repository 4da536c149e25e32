/*
 * test_design.c — sweep designs on the unit cube (src/sweep/design.c):
 * each design's shape and the layout invariants the analyses rely on
 * (mishi_sweep.h), argument checks, and determinism.
 */
#include <math.h>

#include <gsl/gsl_qrng.h>

#include "mishi_sweep.h"
#include "support.h"

/* Grid values are l / (p - 1) computed by one division; differences of
 * two of them are within a few ulps of Delta. */
#define GRID_TOL 1e-12

typedef struct design {
    double *unit;
    size_t count;
} design;

static design make(mishi_design kind, size_t k, size_t n, int levels,
                   uint64_t seed) {
    design d = {0};
    mishi_error err = {0};
    mishi_status rc =
        mishi_design_points(kind, k, n, levels, seed, &d.unit, &d.count, &err);
    if (rc) fail_msg("%s: %s", mishi_design_name(kind), err.message);
    return d;
}

static int same_points(design a, design b, size_t k) {
    return a.count == b.count &&
           !memcmp(a.unit, b.unit, a.count * k * sizeof *a.unit);
}

/* The refusal's status, with its message containing `needle`. */
static void refused(mishi_design kind, size_t k, size_t n, int levels,
                    mishi_status code, const char *needle) {
    double *unit = NULL;
    size_t count = 0;
    mishi_error err = {0};
    assert_int_equal(
        mishi_design_points(kind, k, n, levels, 1, &unit, &count, &err), code);
    assert_null(unit);
    if (!strstr(err.message, needle))
        fail_msg("expected \"%s\" in \"%s\"", needle, err.message);
}

static void names(void **state) {
    (void)state;
    assert_string_equal(mishi_design_name(MISHI_DESIGN_GRID), "grid");
    assert_string_equal(mishi_design_name(MISHI_DESIGN_LATIN_HYPERCUBE),
                        "latin-hypercube");
    assert_string_equal(mishi_design_name(MISHI_DESIGN_SOBOL), "sobol");
    assert_string_equal(mishi_design_name(MISHI_DESIGN_MORRIS), "morris");
    assert_string_equal(mishi_design_name(MISHI_DESIGN_SALTELLI), "saltelli");
    assert_null(mishi_design_name(MISHI_DESIGN_COUNT));
    assert_null(mishi_design_name((mishi_design)-1));
}

static void argument_checks(void **state) {
    (void)state;
    refused(MISHI_DESIGN_GRID, 2, 10, 0, MISHI_EARG, "listed values");
    refused(MISHI_DESIGN_COUNT, 2, 10, 0, MISHI_EARG,
            "expected a mishi_design");
    refused(MISHI_DESIGN_SOBOL, 0, 10, 0, MISHI_EARG, "at least 1 factor");
    refused(MISHI_DESIGN_LATIN_HYPERCUBE, 2, 0, 0, MISHI_EARG, "1 point");
    refused(MISHI_DESIGN_MORRIS, 2, 0, 4, MISHI_EARG, "1 trajectory");
    refused(MISHI_DESIGN_SALTELLI, 2, 0, 0, MISHI_EARG, "1 base sample");
    refused(MISHI_DESIGN_MORRIS, 2, 5, 5, MISHI_EARG, "even and at least 2");
    refused(MISHI_DESIGN_MORRIS, 2, 5, 0, MISHI_EARG, "got 0");
    refused(MISHI_DESIGN_MORRIS, 2, 5, -4, MISHI_EARG, "got -4");
    refused(MISHI_DESIGN_SOBOL, 41, 5, 0, MISHI_EARG, "at most 40 dimensions");
    refused(MISHI_DESIGN_SALTELLI, 21, 5, 0, MISHI_EARG, "at most 20 factors");
    refused(MISHI_DESIGN_SOBOL, 2, (size_t)1 << 30, 0, MISHI_EARG,
            "at most 1073741823");
    refused(MISHI_DESIGN_MORRIS, 3, SIZE_MAX / 2, 4, MISHI_ELIMIT,
            "do not fit");
    /* the largest accepted */
    design d = make(MISHI_DESIGN_SOBOL, 40, 4, 0, 1);
    free(d.unit);
    d = make(MISHI_DESIGN_SALTELLI, 20, 4, 0, 1);
    free(d.unit);
}

/* Every factor has exactly one point in each of the n slices. */
static void latin_hypercube_slices(void **state) {
    (void)state;
    enum { K = 5, N = 97 };
    design d = make(MISHI_DESIGN_LATIN_HYPERCUBE, K, N, 0, 11);
    assert_int_equal(d.count, N);
    for (size_t f = 0; f < K; f++) {
        int hits[N] = {0};
        for (size_t p = 0; p < N; p++) {
            double x = d.unit[p * K + f];
            assert_true(x >= 0.0 && x < 1.0);
            hits[(size_t)(x * N)]++;
        }
        for (size_t s = 0; s < N; s++) assert_int_equal(hits[s], 1);
    }
    free(d.unit);
}

/* The points are GSL's Sobol sequence from its first point. */
static void sobol_is_gsl(void **state) {
    (void)state;
    enum { K = 7, N = 300 };
    design d = make(MISHI_DESIGN_SOBOL, K, N, 0, 1);
    assert_int_equal(d.count, N);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, K);
    double x[K];
    for (size_t p = 0; p < N; p++) {
        assert_int_equal(gsl_qrng_get(q, x), 0);
        assert_memory_equal(d.unit + p * K, x, sizeof x);
    }
    gsl_qrng_free(q);
    free(d.unit);
}

/* The one factor in which two consecutive points differ (-1 if not
 * exactly one); *step gets the difference. */
static long moved_factor(const double *from, const double *to, size_t k,
                         double *step) {
    long moved = -1;
    for (size_t i = 0; i < k; i++) {
        if (to[i] == from[i]) continue;
        if (moved >= 0) return -1;
        moved = (long)i, *step = to[i] - from[i];
    }
    return moved;
}

static void check_on_grid(const double *x, size_t k, int levels) {
    for (size_t i = 0; i < k; i++) {
        double l = x[i] * (levels - 1);
        assert_true(x[i] >= 0.0 && x[i] <= 1.0);
        assert_true(fabs(l - round(l)) < GRID_TOL);
    }
}

/* One trajectory: on the grid, one factor per step by +-Delta, each
 * factor once. */
static void check_trajectory(const double *rows, size_t k, int levels) {
    double delta = levels / (2.0 * (levels - 1));
    int moves[64] = {0};
    check_on_grid(rows, k, levels);
    for (size_t j = 0; j < k; j++) {
        const double *from = rows + j * k, *to = from + k;
        double step = 0.0;
        long i = moved_factor(from, to, k, &step);
        assert_true(i >= 0);
        assert_true(fabs(fabs(step) - delta) < GRID_TOL);
        moves[i]++;
        check_on_grid(to, k, levels);
    }
    for (size_t i = 0; i < k; i++) assert_int_equal(moves[i], 1);
}

static void morris_trajectories(void **state) {
    (void)state;
    const int levels[] = {2, 4, 6, 10};
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        enum { K = 6, R = 50 };
        design d = make(MISHI_DESIGN_MORRIS, K, R, levels[l], 5);
        assert_int_equal(d.count, R * (K + 1));
        for (size_t t = 0; t < R; t++)
            check_trajectory(d.unit + t * (K + 1) * K, K, levels[l]);
        free(d.unit);
    }
}

/* The random parts really vary: over many trajectories every factor
 * steps up and down, moves first, and starts at every allowed level. */
static void morris_randomness(void **state) {
    (void)state;
    enum { K = 4, R = 400, LEVELS = 6 };
    design d = make(MISHI_DESIGN_MORRIS, K, R, LEVELS, 8);
    int up[K] = {0}, down[K] = {0}, first[K] = {0}, low[K][LEVELS] = {{0}};
    for (size_t t = 0; t < R; t++) {
        const double *rows = d.unit + t * (K + 1) * K;
        double step = 0.0;
        first[moved_factor(rows, rows + K, K, &step)]++;
        for (size_t j = 0; j < K; j++) {
            long i = moved_factor(rows + j * K, rows + (j + 1) * K, K, &step);
            double lower = fmin(rows[j * K + i], rows[(j + 1) * K + i]);
            low[i][(int)lround(lower * (LEVELS - 1))]++;
            (step > 0 ? up : down)[i]++;
        }
    }
    for (size_t i = 0; i < K; i++) {
        assert_true(up[i] > 0 && down[i] > 0 && first[i] > 0);
        /* x* + Delta inside: the lower end is one of levels 0..p/2-1 */
        for (int l = 0; l < LEVELS; l++)
            assert_true(l < LEVELS / 2 ? low[i][l] > 0 : low[i][l] == 0);
    }
    free(d.unit);
}

/* A and B are the 2k-dimensional Sobol sequence from its point 2^m >= N
 * (GSL's starts at point 1: 2^m - 1 skipped); AB_i is A with column i
 * from B; and no row of A is B's (rows 0 and 1 were, skipping the centre
 * alone, with 4 factors). */
static void saltelli_blocks(void **state) {
    (void)state;
    enum { K = 4, N = 60, SKIP = 63 };
    design d = make(MISHI_DESIGN_SALTELLI, K, N, 0, 1);
    assert_int_equal(d.count, N * (K + 2));
    const double *a = d.unit, *b = d.unit + N * K;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * K);
    double x[2 * K];
    for (int s = 0; s < SKIP; s++) gsl_qrng_get(q, x);
    for (size_t j = 0; j < N; j++)
        assert_true(memcmp(a + j * K, b + j * K, K * sizeof *a) != 0);
    for (size_t j = 0; j < N; j++) {
        gsl_qrng_get(q, x);
        assert_memory_equal(a + j * K, x, K * sizeof *x);
        assert_memory_equal(b + j * K, x + K, K * sizeof *x);
    }
    gsl_qrng_free(q);
    for (size_t i = 0; i < K; i++) {
        const double *ab = d.unit + (2 + i) * N * K;
        for (size_t j = 0; j < N; j++)
            for (size_t c = 0; c < K; c++)
                assert_true(ab[j * K + c] == (c == i ? b : a)[j * K + c]);
    }
    free(d.unit);
}

/* Same arguments, same points; another seed moves the random designs
 * and leaves the quasi-random ones. */
static void determinism(void **state) {
    (void)state;
    const mishi_design kinds[] = {MISHI_DESIGN_LATIN_HYPERCUBE,
                                  MISHI_DESIGN_SOBOL, MISHI_DESIGN_MORRIS,
                                  MISHI_DESIGN_SALTELLI};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        enum { K = 3, N = 20 };
        design a = make(kinds[i], K, N, 4, 1), b = make(kinds[i], K, N, 4, 1);
        design c = make(kinds[i], K, N, 4, 2);
        int random = kinds[i] == MISHI_DESIGN_LATIN_HYPERCUBE ||
                     kinds[i] == MISHI_DESIGN_MORRIS;
        assert_true(same_points(a, b, K));
        assert_true(same_points(a, c, K) == !random);
        free(a.unit), free(b.unit), free(c.unit);
    }
}

/* Draws are keyed by factor (LHS) and trajectory (Morris), not by the
 * order of making: a smaller design is a part of a larger one. */
static void keyed_not_ordered(void **state) {
    (void)state;
    design lhs1 = make(MISHI_DESIGN_LATIN_HYPERCUBE, 1, 30, 0, 3);
    design lhs4 = make(MISHI_DESIGN_LATIN_HYPERCUBE, 4, 30, 0, 3);
    for (size_t p = 0; p < 30; p++)
        assert_true(lhs1.unit[p] == lhs4.unit[p * 4]);
    design m3 = make(MISHI_DESIGN_MORRIS, 5, 3, 4, 3);
    design m9 = make(MISHI_DESIGN_MORRIS, 5, 9, 4, 3);
    assert_memory_equal(m3.unit, m9.unit, m3.count * 5 * sizeof *m3.unit);
    free(lhs1.unit), free(lhs4.unit), free(m3.unit), free(m9.unit);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(argument_checks),
        cmocka_unit_test(latin_hypercube_slices),
        cmocka_unit_test(sobol_is_gsl),
        cmocka_unit_test(morris_trajectories),
        cmocka_unit_test(morris_randomness),
        cmocka_unit_test(saltelli_blocks),
        cmocka_unit_test(determinism),
        cmocka_unit_test(keyed_not_ordered),
    };
    return cmocka_run_group_tests_name("design", tests, NULL, NULL);
}
