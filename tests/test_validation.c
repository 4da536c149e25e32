/*
 * test_validation.c — `mishi validate`'s cases at a reduced size.
 *
 * Each case's limit comes from sampling theory at the size simulated, so
 * a reduced run keeps the same false-alarm rate (0.1%) as the full one;
 * the full size runs with `mishi validate`.
 */
#include <math.h>
#include <stdlib.h>

#include "support.h"

#define CI_SCALE 0.2

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
        assert_true(v.sample > 1000);
        /* each row is a share: within 5 binomial standard errors */
        for (int d = 0; d < v.detail_count; d++) {
            double p = v.detail[d].theory;
            double se = sqrt(p * (1 - p) / (double)v.sample);
            assert_true(fabs(v.detail[d].simulated - p) < 5 * se);
        }
        assert_true(isfinite(v.measured) && v.measured >= 0.0);
    }
}

/* The same case with 1 and 2 threads gives the same statistic exactly. */
static void cases_are_deterministic(void **state) {
    (void)state;
    mishi_validation one, two;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(0, 0.05, 1, &one, &err), MISHI_OK);
    assert_int_equal(mishi_validation_run(0, 0.05, 2, &two, &err), MISHI_OK);
    assert_true(one.measured == two.measured && one.sample == two.sample);
}

static void bad_arguments(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(999, 1.0, 1, &v, &err), MISHI_EARG);
    assert_int_equal(mishi_validation_run(0, 0.0, 1, &v, &err), MISHI_EARG);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_passes),
        cmocka_unit_test(cases_are_deterministic),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests_name("validation", tests, NULL, NULL);
}
