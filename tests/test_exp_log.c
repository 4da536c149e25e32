/*
 * test_exp_log.c — the model's own exponential, logarithm and power
 * (src/base/exp_log.h): their accuracy against long double, their edges,
 * their tables against the numbers they stand for, and the exponential in
 * vector lanes against the one alone, bit for bit.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "exp_lanes.h"
#include "support.h"

/* a reproducible stream of 64-bit words (xorshift64) */
static uint64_t next_word(uint64_t *state) {
    *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17;
    return *state;
}

static double uniform_in(uint64_t *state, double low, double high) {
    return low + (high - low) * ((next_word(state) >> 11) * 0x1.0p-53);
}

/* |got - want| in ulps of want, a normal double's ulp */
static double ulps(double got, long double want) {
    int e;
    frexpl(want, &e);
    return (double)(fabsl((long double)got - want) / ldexpl(1.0L, e - 53));
}

/* Within an ulp, as the header says, over 2 million arguments each across
 * the normal results and the logit's usual range. The sample is fixed, and
 * on it the worst are 0.513 and 0.615 ulp (over 20 million, 0.515 and
 * 0.73), so the bars below leave little room for a coefficient or a table
 * entry gone wrong: one of log's last coefficient's 1/7 made 1/7.5 takes
 * its worst here to 0.76. */
static void exp_log_are_within_an_ulp(void **state) {
    (void)state;
    if (LDBL_MANT_DIG < 64) skip(); /* no wider type to measure with */
    uint64_t words = 88172645463325252u;
    double worst_exp = 0.0, worst_log = 0.0;
    for (int i = 0; i < 2000000; i++) {
        double x = i % 2 ? uniform_in(&words, -708.0, 709.0) : uniform_in(&words, -40.0, 0.0);
        double e = ulps(model_exp(x), expl((long double)x));
        if (e > worst_exp) worst_exp = e;
        double y = i % 2 ? uniform_in(&words, 0.0, 1.0) : uniform_in(&words, 0.5, 2.0);
        if (i % 5 == 0) y = ldexp(uniform_in(&words, 1.0, 2.0), (int)(next_word(&words) % 2040) - 1020);
        if (y <= 0.0) continue;
        double l = ulps(model_log(y), logl((long double)y));
        if (l > worst_log) worst_log = l;
    }
    print_message("exp within %.3f ulp, log within %.3f ulp\n", worst_exp, worst_log);
    assert_true(worst_exp < 0.55);
    assert_true(worst_log < 0.7);
}

static void exp_log_edges(void **state) {
    (void)state;
    assert_true(model_exp(0.0) == 1.0);
    assert_true(model_exp(-HUGE_VAL) == 0.0);
    assert_true(model_exp(HUGE_VAL) == HUGE_VAL);
    assert_true(isnan(model_exp(NAN)));
    assert_true(model_exp(709.8) == HUGE_VAL); /* above log(DBL_MAX) */
    assert_true(model_exp(709.78) < HUGE_VAL);
    assert_true(model_exp(-746.0) == 0.0);
    /* results below the normal range, rounded once, as libm's */
    for (double x = -745.0; x < -708.0; x += 0.37)
        assert_true(fabs(model_exp(x) - exp(x)) <= 0x1.0p-1074);
    assert_true(model_log(1.0) == 0.0);
    assert_true(model_log(0.0) == -HUGE_VAL);
    assert_true(isnan(model_log(-1.0)));
    assert_true(isnan(model_log(NAN)));
    assert_true(model_log(HUGE_VAL) == HUGE_VAL);
    for (double x = 0x1.0p-1074; x < 0x1.0p-1022; x *= 3.1) /* subnormal */
        assert_true(fabs(model_log(x) - log(x)) <= 0x1.0p-43);
    assert_true(model_log(nextafter(1.0, 0.0)) == -0x1.0p-53);
    assert_true(model_log(nextafter(1.0, 2.0)) == 0x1.fffffffffffffp-53);
    for (double x = -3.0; x < 3.0; x += 0.0137) { /* within 3 ulps */
        long double want = expm1l((long double)x);
        assert_true(fabsl(model_expm1(x) - want) <= 3 * 0x1.0p-53L * fabsl(want));
    }
    assert_true(model_expm1(1e-300) == 1e-300 && model_expm1(-HUGE_VAL) == -1.0);
    assert_true(model_pow(0.0, 0.0) == 1.0);
    assert_true(model_pow(0.0, 2.0) == 0.0);
    assert_true(model_pow(0.0, -1.0) == HUGE_VAL);
    assert_true(model_pow(1.0, 1e300) == 1.0);
    assert_true(model_pow(4.0, 0.5) == 2.0);
    assert_true(fabs(model_pow(0.9, 520.0) / pow(0.9, 520.0) - 1.0) < 1e-13);
}

/* Each table entry is the number it stands for, worked out afresh in long
 * double: exp's high + low is 2^(j/64); log's inverse is a multiple of
 * 2^-12 near 1 / its interval's centre (1 and 1/2 at the ends), its
 * high part a multiple of 2^-32, and high + low is -log(inverse), less
 * ln 2 from LOG_TABLE_HALVED on. */
static void exp_log_tables_are_right(void **state) {
    (void)state;
    if (LDBL_MANT_DIG < 64) skip();
    for (int j = 0; j < EXP_TABLE_SIZE; j++) {
        long double want = exp2l(j / 64.0L);
        long double got = (long double)exp_table_high[j] + exp_table_low[j];
        assert_true(fabsl(got - want) < 0x1.0p-62L);
        assert_true(fabsl((long double)exp_table_high[j] - want) <= 0x1.0p-53L);
    }
    for (int j = 0; j < LOG_TABLE_SIZE; j++) {
        const log_interval *in = &log_table[j];
        double centre = 1.0 + (j + 0.5) / LOG_TABLE_SIZE;
        assert_true(in->inverse * 4096.0 == floor(in->inverse * 4096.0));
        assert_true(in->log_high * 0x1.0p32 == floor(in->log_high * 0x1.0p32));
        if (j > 0 && j < LOG_TABLE_SIZE - 1) assert_true(fabs(in->inverse - 1.0 / centre) <= 0x1.0p-13);
        long double want = -logl(in->inverse) - (j >= LOG_TABLE_HALVED ? logl(2.0L) : 0.0L);
        assert_true(fabsl((long double)in->log_high + in->log_low - want) < 0x1.0p-62L);
    }
    assert_true(log_table[0].inverse == 1.0 && log_table[LOG_TABLE_SIZE - 1].inverse == 0.5);
    /* the first interval above sqrt(2) is the first halved */
    assert_true(1.0 + (LOG_TABLE_HALVED + 1.0) / LOG_TABLE_SIZE > sqrt(2.0));
    assert_true(1.0 + (LOG_TABLE_HALVED - 0.0) / LOG_TABLE_SIZE < sqrt(2.0) + 1.0 / LOG_TABLE_SIZE);
}

/* exp_below_lanes gives model_exp's bits, on every count of weights (the
 * last vector part full) and off the fast path (weights that underflow,
 * NaN, infinities). Skipped on a machine without them (AVX2), where the
 * engine does not take them. */
static void exp_lanes_are_model_exp(void **state) {
    (void)state;
    if (!exp_lanes_available()) skip();
    uint64_t words = 2463534242u;
    double v[EXP_LANES_ROOM(13)], x[13];
    for (int trial = 0; trial < 200000; trial++) {
        int n = 1 + trial % 13;
        double top = uniform_in(&words, -50.0, 50.0);
        for (int k = 0; k < n; k++) {
            x[k] = top - (trial % 7 ? uniform_in(&words, 0.0, 60.0) : uniform_in(&words, 0.0, 2000.0));
            if (trial % 1000 == 3) x[k] = k % 3 ? -HUGE_VAL : NAN;
            v[k] = x[k];
        }
        exp_below_lanes(v, n, top);
        for (int k = 0; k < n; k++) {
            double want = model_exp(x[k] - top);
            assert_true(v[k] == want || (isnan(v[k]) && isnan(want)));
        }
    }
}

/* model_ceil is ceil() for whole numbers, fractions either side of them,
 * negatives (a due week's quotient can be below 0), -0 and large values. */
static void ceil_is_ceil(void **state) {
    (void)state;
    const double x[] = {0.0, -0.0, 1.0, 1e-300, 0.5, 0.999999999, 1.0000000001, 86.99,
                        87.0, -0.5, -1.0, -3.5, 4294967294.5, 4294967295.0,
                        4294967296.25, 1e18 + 0.0, -1e18};
    for (size_t k = 0; k < sizeof x / sizeof x[0]; k++) {
        assert_true((double)model_ceil(x[k]) == ceil(x[k]));
        assert_true((double)model_ceil(nextafter(x[k], 2e18)) == ceil(nextafter(x[k], 2e18)));
        assert_true((double)model_ceil(nextafter(x[k], -2e18)) == ceil(nextafter(x[k], -2e18)));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exp_log_are_within_an_ulp),
        cmocka_unit_test(exp_log_edges),
        cmocka_unit_test(exp_log_tables_are_right),
        cmocka_unit_test(exp_lanes_are_model_exp),
        cmocka_unit_test(ceil_is_ceil),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
