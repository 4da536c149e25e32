/*
 * test_sensitivity.c — the analyses of src/sweep/analysis.c against known
 * answers: the Student-t interval of a mean by hand, Morris's elementary
 * effects on a linear function (exact) and on the Ishigami function (the
 * expectation under the design, enumerated), and Sobol indices of the
 * Ishigami function (analytic: Ishigami & Homma 1990; Saltelli et al.
 * 2008, sec. 4.9).
 */
#include <math.h>

#include <gsl/gsl_math.h> /* M_PI, which strict C11 lacks */

#include "mishi_sweep.h"
#include "support.h"

#define ISHIGAMI_A 7.0
#define ISHIGAMI_B 0.1
#define RESAMPLES 1000

/* -------------------------------------------------------------- helpers */

/* Ishigami on [-pi, pi]^3, from a point of the unit cube. */
static double ishigami(const double *u) {
    double x1 = -M_PI + 2 * M_PI * u[0], x2 = -M_PI + 2 * M_PI * u[1];
    double x3 = -M_PI + 2 * M_PI * u[2], s2 = sin(x2);
    return sin(x1) + ISHIGAMI_A * s2 * s2 +
           ISHIGAMI_B * pow(x3, 4) * sin(x1);
}

static const double linear_c[] = {3.0, -2.0, 0.5, 0.0};

static double linear(const double *u) {
    double y = 0.0;
    for (size_t i = 0; i < 4; i++) y += linear_c[i] * u[i];
    return y;
}

typedef double (*model)(const double *u);

typedef struct evaluated {
    double *unit, *y;
    size_t count;
} evaluated;

/* The design's points and the model's output at each. */
static evaluated evaluate(mishi_design kind, size_t k, size_t n, int levels,
                          model f) {
    evaluated e = {0};
    mishi_error err = {0};
    if (mishi_design_points(kind, k, n, levels, 17, &e.unit, &e.count, &err))
        fail_msg("%s", err.message);
    e.y = malloc(e.count * sizeof *e.y);
    for (size_t p = 0; p < e.count; p++) e.y[p] = f(e.unit + p * k);
    return e;
}

static void release(evaluated e) { free(e.unit), free(e.y); }

/* cmocka 1.1 compares floats only, in single precision. */
#define assert_near(actual, expected, tol)                                     \
    near_or_fail((actual), (expected), (tol), #actual, __FILE__, __LINE__)

static void near_or_fail(double actual, double expected, double tol,
                         const char *what, const char *file, int line) {
    if (fabs(actual - expected) <= tol) return;
    fail_msg("%s:%d: %s = %.17g, expected %.17g within %g", file, line, what,
             actual, expected, tol);
}

static int covers(mishi_estimate e, double value) {
    return e.low <= value && value <= e.high;
}

/* ------------------------------------------------------- mean interval */

/* 1..5: mean 3, sd sqrt(2.5); t(0.975, 4) = 2.7764451052 and t(0.95, 4)
 * = 2.1318467863 (tables; R qt()), so the half-widths are t sqrt(2.5/5). */
static void mean_interval_by_hand(void **state) {
    (void)state;
    const double x[] = {1, NAN, 2, 3, 4, NAN, 5};
    mishi_point_summary s = {.point = 42};
    mishi_mean_interval(x, 7, 0.95, &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.point, 42); /* the caller's */
    assert_near(s.mean, 3.0, 1e-12);
    assert_near(s.sd, sqrt(2.5), 1e-12);
    assert_near(s.low, 3.0 - 2.7764451052 * sqrt(0.5), 1e-9);
    assert_near(s.high, 3.0 + 2.7764451052 * sqrt(0.5), 1e-9);
    mishi_mean_interval(x, 7, 0.90, &s);
    assert_near(s.high - s.mean, 2.1318467863 * sqrt(0.5), 1e-9);
}

/* Fewer than two values: no spread, no interval; none: no mean. */
static void mean_interval_small(void **state) {
    (void)state;
    const double one[] = {NAN, 4.5, NAN}, none[] = {NAN, NAN};
    mishi_point_summary s;
    mishi_mean_interval(one, 3, 0.95, &s);
    assert_int_equal(s.n, 1);
    assert_near(s.mean, 4.5, 0);
    assert_true(isnan(s.sd) && isnan(s.low) && isnan(s.high));
    mishi_mean_interval(none, 2, 0.95, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.sd) && isnan(s.low));
    mishi_mean_interval(NULL, 0, 0.95, &s);
    assert_int_equal(s.n, 0);
    /* identical values: sd 0, a zero-width interval */
    const double same[] = {2, 2, 2};
    mishi_mean_interval(same, 3, 0.95, &s);
    assert_near(s.sd, 0, 0);
    assert_near(s.low, 2, 0);
    assert_near(s.high, 2, 0);
}

/* -------------------------------------------------------------- Morris */

enum { LINEAR_K = 4, LINEAR_R = 30 };

/* A linear model's elementary effects are its coefficients, whatever the
 * point and the step: mu*_i = |c_i| and sigma_i = 0, to rounding. */
static void morris_linear(void **state) {
    (void)state;
    evaluated e = evaluate(MISHI_DESIGN_MORRIS, LINEAR_K, LINEAR_R, 6, linear);
    mishi_estimate mu[LINEAR_K], sigma[LINEAR_K];
    mishi_error err = {0};
    assert_int_equal(mishi_morris_effects(LINEAR_K, LINEAR_R, e.unit, e.y,
                                          200, 1, mu, sigma, &err),
                     MISHI_OK);
    for (size_t i = 0; i < LINEAR_K; i++) {
        assert_near(mu[i].value, fabs(linear_c[i]), 1e-12);
        assert_near(mu[i].low, fabs(linear_c[i]), 1e-12);
        assert_near(mu[i].high, fabs(linear_c[i]), 1e-12);
        assert_near(sigma[i].value, 0.0, 1e-12);
    }
    release(e);
}

/* A missing output loses only the two effects that need it: the
 * remaining ones still give mu* = |c_i| exactly; without a bootstrap the
 * interval is the value. */
static void morris_missing_output(void **state) {
    (void)state;
    evaluated e = evaluate(MISHI_DESIGN_MORRIS, LINEAR_K, LINEAR_R, 4, linear);
    e.y[2 * (LINEAR_K + 1) + 2] = NAN; /* trajectory 2, point 2 */
    mishi_estimate mu[LINEAR_K], sigma[LINEAR_K];
    mishi_error err = {0};
    assert_int_equal(mishi_morris_effects(LINEAR_K, LINEAR_R, e.unit, e.y, 0,
                                          1, mu, sigma, &err),
                     MISHI_OK);
    for (size_t i = 0; i < LINEAR_K; i++) {
        assert_near(mu[i].value, fabs(linear_c[i]), 1e-12);
        assert_true(mu[i].low == mu[i].value && mu[i].high == mu[i].value);
    }
    release(e);
}

/* Points that are not a Morris design are refused with what was
 * expected; so are empty arguments. */
static void morris_refuses(void **state) {
    (void)state;
    evaluated e = evaluate(MISHI_DESIGN_MORRIS, LINEAR_K, 3, 4, linear);
    mishi_estimate mu[LINEAR_K], sigma[LINEAR_K];
    mishi_error err = {0};
    e.unit[(LINEAR_K + 1 + 2) * LINEAR_K + 0] += 0.25; /* traj. 1, point 2 */
    assert_int_equal(mishi_morris_effects(LINEAR_K, 3, e.unit, e.y, 0, 1, mu,
                                          sigma, &err),
                     MISHI_EARG);
    assert_non_null(strstr(err.message, "trajectory 1"));
    assert_int_equal(mishi_morris_effects(0, 3, e.unit, e.y, 0, 1, mu, sigma,
                                          &err),
                     MISHI_EARG);
    assert_int_equal(mishi_morris_effects(LINEAR_K, 3, NULL, e.y, 0, 1, mu,
                                          sigma, &err),
                     MISHI_EARG);
    release(e);
}

/* The expectation of factor i's mu* and of its |EE|^2 under the Morris
 * design on p levels, by enumeration: when factor i steps from level l to
 * l + p/2 (l < p/2, the sign does not change |EE|), every other factor
 * is uniform on the p levels, independently (its base is uniform on the
 * lower p/2 and it sits at either end of its step with probability 1/2). */
static void morris_expectation(model f, size_t i, int p, double *mu,
                               double *mean_square) {
    double delta = p / (2.0 * (p - 1)), sum = 0.0, squares = 0.0;
    int cases = 0;
    for (int l = 0; l < p / 2; l++)
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) {
                double lo[3], hi[3];
                for (size_t j = 0, o = 0; j < 3; j++)
                    lo[j] = j == i ? (double)l / (p - 1)
                                   : (double)(o++ ? b : a) / (p - 1);
                for (size_t j = 0; j < 3; j++) hi[j] = lo[j];
                hi[i] = (double)(l + p / 2) / (p - 1);
                double ee = fabs(f(hi) - f(lo)) / delta;
                sum += ee, squares += ee * ee, cases++;
            }
    *mu = sum / cases, *mean_square = squares / cases;
}

enum { ISHIGAMI_LEVELS = 4, ISHIGAMI_R = 1000 };

/* Ishigami: x3 has no first-order effect (S1_3 = 0) but acts through its
 * interaction with x1, so Morris sees it: mu*_3 > 0, with an interval
 * clear of 0. Each mu* is within 4 standard errors (sd of |EE| / sqrt r,
 * from the enumeration) of its expectation under the design; on the
 * 4-level grid the expectations are mu*_2 = 7.875 > mu*_1 = 7.70 >
 * mu*_3 = 6.25, and x3 ranks last. */
static void morris_ishigami(void **state) {
    (void)state;
    evaluated e =
        evaluate(MISHI_DESIGN_MORRIS, 3, ISHIGAMI_R, ISHIGAMI_LEVELS, ishigami);
    mishi_estimate mu[3], sigma[3];
    mishi_error err = {0};
    assert_int_equal(mishi_morris_effects(3, ISHIGAMI_R, e.unit, e.y,
                                          RESAMPLES, 3, mu, sigma, &err),
                     MISHI_OK);
    for (size_t i = 0; i < 3; i++) {
        double expect, square;
        morris_expectation(ishigami, i, ISHIGAMI_LEVELS, &expect, &square);
        /* x2's |EE| is 7.875 at every step of the 4-level grid: se 0 */
        double se = sqrt(fmax(square - expect * expect, 0.0) / ISHIGAMI_R);
        print_message("morris x%zu: mu* %.4f [%.4f, %.4f] (expected %.4f, "
                      "se %.4f), sigma %.4f\n", i + 1, mu[i].value, mu[i].low,
                      mu[i].high, expect, se, sigma[i].value);
        assert_true(fabs(mu[i].value - expect) <= 4 * se + 1e-12);
        assert_true(mu[i].low <= mu[i].value && mu[i].value <= mu[i].high);
    }
    assert_true(mu[2].low > 0.0 && sigma[2].value > 0.0);
    assert_true(mu[2].value < mu[0].value && mu[2].value < mu[1].value);
    release(e);
}

/* --------------------------------------------------------------- Sobol */

/* Ishigami's variance and partial variances (Saltelli et al. 2008,
 * sec. 4.9): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2
 * / 2, V2 = a^2/8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50). */
static void ishigami_indices(double first[3], double total[3]) {
    double a = ISHIGAMI_A, b = ISHIGAMI_B, pi4 = pow(M_PI, 4);
    double v = a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5;
    double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8;
    double v13 = b * b * pi4 * pi4 * (1.0 / 18 - 1.0 / 50);
    first[0] = v1 / v, first[1] = v2 / v, first[2] = 0.0;
    total[0] = (v1 + v13) / v, total[1] = v2 / v, total[2] = v13 / v;
}

static void ishigami_analytic(void **state) {
    (void)state;
    double first[3], total[3];
    ishigami_indices(first, total);
    const double s[] = {0.3139, 0.4424, 0}, st[] = {0.5576, 0.4424, 0.2437};
    for (size_t i = 0; i < 3; i++) {
        assert_near(first[i], s[i], 1e-4);
        assert_near(total[i], st[i], 1e-4);
    }
}

enum { SOBOL_N = 1 << 13 };

/* The Monte Carlo standard errors of both estimators of factor i, from
 * the sample (delta method, V taken as known): sd of the summed term over
 * sqrt(N), over V. */
static void sobol_standard_errors(const double *y, size_t i, double *se_first,
                                  double *se_total) {
    const double *fa = y, *fb = y + SOBOL_N, *fab = y + (2 + i) * SOBOL_N;
    double *t = malloc(2 * SOBOL_N * sizeof *t), mean, sd, v;
    mishi_point_summary s;
    mishi_mean_interval(y, 2 * SOBOL_N, 0.95, &s);
    mean = s.mean, v = s.sd * s.sd;
    for (size_t j = 0; j < SOBOL_N; j++) {
        t[j] = (fb[j] - mean) * (fab[j] - fa[j]);
        t[SOBOL_N + j] = (fa[j] - fab[j]) * (fa[j] - fab[j]) / 2;
    }
    mishi_mean_interval(t, SOBOL_N, 0.95, &s);
    sd = s.sd;
    *se_first = sd / sqrt(SOBOL_N) / v;
    mishi_mean_interval(t + SOBOL_N, SOBOL_N, 0.95, &s);
    *se_total = s.sd / sqrt(SOBOL_N) / v;
    free(t);
}

/* Ishigami's indices from N = 2^13 base samples (40,960 evaluations).
 * Tolerance: 4 Monte Carlo standard errors of each estimator, measured
 * on the sample (0.005 to 0.017 here): an iid sample would miss by that
 * much with probability 6e-5 per index. The quasi-random design does
 * better than iid, so each error must also be below one standard error
 * (measured: 0.04 of one at most). And the 95% bootstrap interval must
 * cover the analytic value. */
static void sobol_ishigami(void **state) {
    (void)state;
    evaluated e = evaluate(MISHI_DESIGN_SALTELLI, 3, SOBOL_N, 0, ishigami);
    mishi_estimate first[3], total[3];
    mishi_error err = {0};
    assert_int_equal(mishi_sobol_indices(3, SOBOL_N, e.y, RESAMPLES, 5, first,
                                         total, &err),
                     MISHI_OK);
    double s[3], st[3];
    ishigami_indices(s, st);
    for (size_t i = 0; i < 3; i++) {
        double se_s, se_st;
        sobol_standard_errors(e.y, i, &se_s, &se_st);
        print_message("sobol x%zu: S %.4f [%.4f, %.4f] (true %.4f, se %.4f);"
                      " ST %.4f [%.4f, %.4f] (true %.4f, se %.4f)\n", i + 1,
                      first[i].value, first[i].low, first[i].high, s[i], se_s,
                      total[i].value, total[i].low, total[i].high, st[i],
                      se_st);
        assert_true(fabs(first[i].value - s[i]) < 4 * se_s);
        assert_true(fabs(total[i].value - st[i]) < 4 * se_st);
        assert_true(fabs(first[i].value - s[i]) < se_s);
        assert_true(fabs(total[i].value - st[i]) < se_st);
        assert_true(covers(first[i], s[i]) && covers(total[i], st[i]));
        assert_true(se_s < 0.02 && se_st < 0.02); /* the test has teeth */
    }
    release(e);
}

/* A base sample with a missing output is left out whole: the indices,
 * intervals too, are those of the design without it. */
static void sobol_missing_output(void **state) {
    (void)state;
    enum { K = 3, N = 256, DROP = 100 };
    evaluated e = evaluate(MISHI_DESIGN_SALTELLI, K, N, 0, ishigami);
    double *kept = malloc((N - 1) * (K + 2) * sizeof *kept);
    for (size_t block = 0, o = 0; block < K + 2; block++)
        for (size_t j = 0; j < N; j++)
            if (j != DROP) kept[o++] = e.y[block * N + j];
    e.y[3 * N + DROP] = NAN; /* AB_1's output */
    mishi_estimate s1[K], st1[K], s2[K], st2[K];
    mishi_error err = {0};
    assert_int_equal(mishi_sobol_indices(K, N, e.y, 50, 9, s1, st1, &err), 0);
    assert_int_equal(mishi_sobol_indices(K, N - 1, kept, 50, 9, s2, st2, &err),
                     0);
    assert_memory_equal(s1, s2, sizeof s1);
    assert_memory_equal(st1, st2, sizeof st1);
    free(kept);
    release(e);
}

/* Same seed, same intervals; another seed, other resamples. */
static void sobol_bootstrap_keyed(void **state) {
    (void)state;
    enum { K = 3, N = 512 };
    evaluated e = evaluate(MISHI_DESIGN_SALTELLI, K, N, 0, ishigami);
    mishi_estimate a[K], at[K], b[K], bt[K], c[K], ct[K];
    assert_int_equal(mishi_sobol_indices(K, N, e.y, 100, 1, a, at, NULL), 0);
    assert_int_equal(mishi_sobol_indices(K, N, e.y, 100, 1, b, bt, NULL), 0);
    assert_int_equal(mishi_sobol_indices(K, N, e.y, 100, 2, c, ct, NULL), 0);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_equal(at, bt, sizeof at);
    assert_true(a[0].value == c[0].value && a[0].low != c[0].low);
    release(e);
}

/* Too few usable samples leave the indices NaN; bad arguments are
 * refused. */
static void sobol_degenerate(void **state) {
    (void)state;
    const double y[] = {1, NAN, 2, 3, 4, 5}; /* k = 1, N = 2 */
    mishi_estimate s, st;
    mishi_error err = {0};
    assert_int_equal(mishi_sobol_indices(1, 2, y, 10, 1, &s, &st, &err), 0);
    assert_true(isnan(s.value) && isnan(st.low));
    const double constant[] = {3, 3, 3, 3, 3, 3}; /* no variance */
    assert_int_equal(mishi_sobol_indices(1, 2, constant, 10, 1, &s, &st, &err),
                     0);
    assert_true(isnan(s.value) && isnan(st.value) && isnan(s.high));
    assert_int_equal(mishi_sobol_indices(0, 2, y, 10, 1, &s, &st, &err),
                     MISHI_EARG);
    assert_non_null(strstr(err.message, "at least 1 factor"));
    assert_int_equal(mishi_sobol_indices(1, 2, NULL, 10, 1, &s, &st, &err),
                     MISHI_EARG);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mean_interval_by_hand),
        cmocka_unit_test(mean_interval_small),
        cmocka_unit_test(morris_linear),
        cmocka_unit_test(morris_missing_output),
        cmocka_unit_test(morris_refuses),
        cmocka_unit_test(morris_ishigami),
        cmocka_unit_test(ishigami_analytic),
        cmocka_unit_test(sobol_ishigami),
        cmocka_unit_test(sobol_missing_output),
        cmocka_unit_test(sobol_bootstrap_keyed),
        cmocka_unit_test(sobol_degenerate),
    };
    return cmocka_run_group_tests_name("sensitivity", tests, NULL, NULL);
}
