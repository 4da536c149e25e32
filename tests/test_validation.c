/*
 * test_validation.c — `mishi validate`'s cases at a reduced size.
 *
 * Each case's limit comes from sampling theory at the size simulated, so
 * a reduced run keeps the same false-alarm rate (0.1%) as the full one;
 * the full size runs with `mishi validate`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The index of detail row `label`; the test fails if there is none. */
static int detail_index(const mishi_validation *v, const char *label) {
    for (int d = 0; d < v->detail_count; d++)
        if (strcmp(v->detail[d].label, label) == 0) return d;
    fail_msg("%s has no detail row '%s'", v->name, label);
    return 0;
}

static double detail_value(const mishi_validation *v, const char *label) {
    return v->detail[detail_index(v, label)].simulated;
}

/* Row d is a share of market "M" (label "M: share of a", "M: no
 * purchase"): within 5 binomial standard errors of its theory, out of the
 * market's choices (row "M: choices"). Returns 1 if it is a share. */
static int share_within_5_se(const mishi_validation *v, int d) {
    const char *label = v->detail[d].label, *colon = strchr(label, ':');
    if (!colon || (!strstr(colon, "share of") && !strstr(colon, "no purchase")))
        return 0;
    char choices[64];
    snprintf(choices, sizeof choices, "%.*s: choices", (int)(colon - label),
             label);
    double n = detail_value(v, choices), p = v->detail[d].theory;
    assert_true(fabs(v->detail[d].simulated - p) < 5 * sqrt(p * (1 - p) / n));
    return 1;
}

/* Logit shares: the firms' five shares and the outside good's six, each
 * near its logit probability; the headline is the sum of the two markets'
 * X^2 against the sum of their degrees of freedom; every choice counted
 * is in a category. */
static void logit_rows_are_shares(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(case_index("logit-shares"), CI_SCALE,
                                          2, &v, &err), MISHI_OK);
    int shares = 0;
    double pearson = 0.0, df = 0.0;
    for (int d = 0; d < v.detail_count; d++) {
        shares += share_within_5_se(&v, d);
        if (strstr(v.detail[d].label, "X^2"))
            pearson += v.detail[d].simulated, df += v.detail[d].theory;
    }
    assert_int_equal(shares, 5 + 6);
    assert_true(fabs(v.measured - pearson) <= 1e-12 * pearson);
    assert_true(v.expected == df && df == 4 + 5);
    assert_true(detail_value(&v, "outside good: no purchase") > 0.0);
    assert_true(detail_value(&v, "shoppers in no category") == 0.0);
    assert_true(detail_value(&v, "firms only: choices") +
                    detail_value(&v, "outside good: choices") ==
                (double)v.sample);
    mishi_validation_clear(&v);
}

/* Customer lifetime value: the margin firm a's books report, (revenue -
 * cost) / units, is the scenario's price - cost_base to rounding, so the
 * case values customers at the margin its theory states. */
static void clv_margin_is_the_books(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(case_index("customer-lifetime-value"),
                                          0.05, 2, &v, &err), MISHI_OK);
    int d = detail_index(&v, "margin m, firm a's books");
    assert_true(fabs(v.detail[d].simulated - v.detail[d].theory) < 1e-12);
    assert_true(v.panel_count == 3);
    /* the value curve (panel 0) is the customers' values summed repeat by
     * repeat: it never falls (every margin is positive) and ends, but for
     * the tail past its last k (under 1e-3 here), at their mean value */
    int m = detail_index(&v, "mean value per customer");
    double last = 0.0;
    for (size_t p = 0; p < v.point_count && v.points[p].panel == 0; p++) {
        assert_true(v.points[p].simulated >= last);
        last = v.points[p].simulated;
    }
    assert_true(last > 0.0 && fabs(last - v.detail[m].simulated) < 1e-3);
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

/* A scale below a case's fewest consumers runs it with those, and says
 * so; one above runs with its share of the full size. */
static void a_case_never_runs_below_its_fewest(void **state) {
    (void)state;
    size_t k = case_index("logit-shares");
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(k, 1e-300, 1, &v, &err), MISHI_OK);
    assert_true(v.at_fewest);
    assert_int_equal(v.consumers, 1000);
    mishi_validation_clear(&v);
    assert_int_equal(mishi_validation_run(k, 0.002, 1, &v, &err), MISHI_OK);
    assert_false(v.at_fewest);
    assert_int_equal(v.consumers, 2000);
    mishi_validation_clear(&v);
}

static void bad_arguments(void **state) {
    (void)state;
    mishi_validation v;
    mishi_error err = {0};
    assert_int_equal(mishi_validation_run(999, 1.0, 1, &v, &err), MISHI_EARG);
    assert_int_equal(mishi_validation_run(0, 0.0, 1, &v, &err), MISHI_EARG);
    assert_int_equal(mishi_validation_run(0, 1e300, 1, &v, &err), MISHI_EARG);
    assert_null(mishi_validation_name(mishi_validation_count()));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_passes),
        cmocka_unit_test(logit_rows_are_shares),
        cmocka_unit_test(clv_margin_is_the_books),
        cmocka_unit_test(cases_are_deterministic),
        cmocka_unit_test(a_case_never_runs_below_its_fewest),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests_name("validation", tests, NULL, NULL);
}
