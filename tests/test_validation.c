/*
 * test_validation.c — `mishi validate`'s cases at a reduced size.
 *
 * Each case's limit comes from sampling theory at the size simulated, so
 * a reduced run keeps the same false-alarm rate (0.1%) as the full one;
 * the full size runs with `mishi validate`.
 */
#include <math.h>
#include <stdlib.h>

#include "mishi_validation.h"
#include "support.h"

#define CI_SCALE 0.2

static size_t case_index(const char *name) {
    for (size_t k = 0; k < mishi_validation_count(); k++)
        if (strcmp(mishi_validation_name(k), name) == 0) return k;
    fail_msg("no validation case %s", name);
    return 0;
}

static void every_case_passes(void **state) {
    (void)state;
    assert_true(mishi_validation_count() >= 1);
    for (size_t k = 0; k < mishi_validation_count(); k++) {
        mishi_validation v;
        mishi_error err = {0};
        if (mishi_validation_run(k, CI_SCALE, 2, &v, &err))
            fail_msg("case %zu: %s", k, err.message);
        if (!v.passed)
            fail_msg("%s: measured %g, expected %g, limit %g (%s)", v.name,
                     v.measured, v.expected, v.limit, v.statistic);
        assert_true(v.sample >= 100);
        assert_true(isfinite(v.measured) && v.measured >= 0.0);
        assert_true(v.panel_count >= 1 && v.point_count > 0);
        for (size_t p = 0; p < v.point_count; p++)
            assert_true(v.points[p].panel < v.panel_count);
        mishi_validation_clear(&v);
        assert_null(v.points);
    }
}

/* Logit shares: each firm's share within 5 binomial standard errors. */
static void logit_rows_are_shares(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(case_index("logit-shares"), CI_SCALE,
                                          2, &v, &err), MISHI_OK);
    for (int d = 0; d < v.detail_count; d++) {
        double p = v.detail[d].theory;
        double se = sqrt(p * (1 - p) / (double)v.sample);
        assert_true(fabs(v.detail[d].simulated - p) < 5 * se);
    }
    mishi_validation_clear(&v);
}

/* Every case with 1 and 2 threads gives the same statistic exactly. */
static void cases_are_deterministic(void **state) {
    (void)state;
    for (size_t k = 0; k < mishi_validation_count(); k++) {
        mishi_validation one, two;
        mishi_error err = {0};
        assert_int_equal(mishi_validation_run(k, 0.05, 1, &one, &err), MISHI_OK);
        assert_int_equal(mishi_validation_run(k, 0.05, 2, &two, &err), MISHI_OK);
        assert_true(one.measured == two.measured && one.sample == two.sample);
        assert_int_equal(one.point_count, two.point_count);
        mishi_validation_clear(&one), mishi_validation_clear(&two);
    }
}

static void bad_arguments(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(999, 1.0, 1, &v, &err), MISHI_EARG);
    assert_int_equal(mishi_validation_run(0, 0.0, 1, &v, &err), MISHI_EARG);
    assert_null(mishi_validation_name(mishi_validation_count()));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_passes),
        cmocka_unit_test(logit_rows_are_shares),
        cmocka_unit_test(cases_are_deterministic),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests_name("validation", tests, NULL, NULL);
}
