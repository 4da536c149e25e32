/*
 * test_real_text.c — the CSV files' numbers as text (src/base/real_text.h)
 * against printf, byte for byte: "%.15g" for reals and "%" PRId64 for
 * integers, over every kind of number the fast path takes or leaves to
 * printf, and the roundings it must get right; and the shortest text
 * that reads back exactly (real_text_exact), for commands and JSON.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>

#include "real_text.h"
#include "support.h"

/* a reproducible stream of 64-bit words (xorshift64) */
static uint64_t next_word(uint64_t *state) {
    *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17;
    return *state;
}

static double uniform(uint64_t *state) { return (next_word(state) >> 11) * 0x1.0p-53; }

static long mismatches;

static void check(double v) {
    char want[64], got[REAL_TEXT_MAX + 8];
    int want_length = snprintf(want, sizeof want, "%.15g", v);
    memset(got, 'x', sizeof got);
    int length = real_text(v, got);
    if (length == want_length && strcmp(got, want) == 0) return;
    if (mismatches++ < 10)
        print_error("%a: real_text wrote \"%s\" (%d), printf \"%s\"\n", v, got, length, want);
}

/* v and its neighbours a few ulps either side, with both signs. */
static void check_near(double v) {
    double below = v, above = v;
    for (int k = 0; k < 3; k++) {
        check(below), check(-below), check(above), check(-above);
        below = nextafter(below, -HUGE_VAL), above = nextafter(above, HUGE_VAL);
    }
}

static void assert_no_mismatch(void) {
    if (mismatches) fail_msg("%ld numbers written unlike printf", mismatches);
}

/* Any bit pattern: every magnitude, NaNs and infinities, mostly printf's. */
static void any_double_is_printf(void **state) {
    (void)state;
    uint64_t words = 88172645463325252u;
    mismatches = 0;
    for (int k = 0; k < 1000000; k++) {
        uint64_t bits = next_word(&words);
        double v;
        memcpy(&v, &bits, sizeof v);
        check(v);
    }
    double edges[] = {0.0, -0.0, HUGE_VAL, -HUGE_VAL, NAN, DBL_MIN, DBL_MAX,
                      DBL_TRUE_MIN, 1e-5, 1e-4, 1e15, 1e16, 0x1p53, 0x1p64};
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++) check_near(edges[k]);
    assert_no_mismatch();
}

/* The fast path's range, 1e-6 to 1e16 spread evenly in magnitude. */
static void reals_of_csv_size_are_printf(void **state) {
    (void)state;
    uint64_t words = 2463534242u;
    mismatches = 0;
    for (int k = 0; k < 2000000; k++) {
        double v = pow(10.0, -6.0 + 22.0 * uniform(&words));
        check(k % 2 ? v : -v);
    }
    assert_no_mismatch();
}

/* Short decimals (shares, prices, money in cents), whole numbers, and
 * values on either side of every power of ten the fast path crosses,
 * where the exponent guess and the carry of a rounding up are tested. */
static void decimals_and_powers_of_ten_are_printf(void **state) {
    (void)state;
    uint64_t words = 1234567u;
    mismatches = 0;
    for (int k = 0; k < 1000000; k++) {
        uint64_t n = next_word(&words) % 100000000000u;
        int places = (int)(next_word(&words) % 20);
        check((double)n / pow(10.0, places));
        check((double)(n % 1000) / 20.0);
        check((double)(next_word(&words) >> (11 + k % 53)));
    }
    for (int e = -8; e <= 17; e++) {
        check_near(pow(10.0, e));
        check_near(pow(10.0, e) * (1.0 - 5e-16)); /* rounds up to 10^e */
        check_near(9.999999999999995 * pow(10.0, e - 1));
    }
    assert_no_mismatch();
}

/* Exact ties at the sixteenth digit, which printf rounds to even: a
 * fourteen-digit whole number and a half, and sixteen-digit whole numbers
 * ending in 5 (below 2^53, so exact; beyond the fast path, a check that
 * it leaves them alone), and halves, quarters and eighths below 1. */
static void ties_round_half_to_even(void **state) {
    (void)state;
    uint64_t words = 99991u;
    mismatches = 0;
    for (int k = 0; k < 200000; k++) {
        uint64_t n = 10000000000000u + next_word(&words) % 90000000000000u;
        check((double)n + 0.5);
        check((double)(10 * (n / 10) + 5) * 10.0 + 5.0);
        double eighths = (double)(next_word(&words) % 8000000000000000u) / 8e15;
        check(eighths);
        check(0.5 + 0.5 * eighths);
    }
    check(12345678901234.5), check(12345678901235.5), check(0.1000000000000005);
    check(2.5), check(0.125), check(1e-5 + 5e-21);
    assert_no_mismatch();
}

static void integers_are_printf(void **state) {
    (void)state;
    uint64_t words = 42u;
    int64_t edges[] = {0, 1, -1, 9, 10, 99, 100, INT64_MAX, INT64_MIN, INT64_MIN + 1};
    for (int k = 0; k < 200000 + 10; k++) {
        int64_t v = k < 10 ? edges[k]
                           : (int64_t)(next_word(&words) >> (k % 64)) * (k % 3 ? 1 : -1);
        char want[32], got[REAL_TEXT_MAX];
        int want_length = snprintf(want, sizeof want, "%" PRId64, v);
        assert_int_equal(integer_text(v, got), want_length);
        assert_string_equal(got, want);
    }
}

/* real_text_exact: reads back as v, and no fewer digits would, over any
 * bit pattern and the subnormals in particular. */
static int shortest_digits(double v) {
    char text[64];
    for (int digits = 1; digits < 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v) return digits;
    }
    return 17;
}

/* From the first nonzero digit to the last: 939064140140830 has 14. */
static int significant_digits(const char *text) {
    int first = -1, last = -1, at = 0;
    for (const char *p = text; *p && *p != 'e'; p++) {
        if (*p < '0' || *p > '9') continue;
        if (*p != '0') {
            if (first < 0) first = at;
            last = at;
        }
        at++;
    }
    return first < 0 ? 1 : last - first + 1;
}

static void check_exact(double v) {
    char text[REAL_TEXT_MAX];
    int length = real_text_exact(v, text);
    int reads_back = strtod(text, NULL) == v, shortest = shortest_digits(v);
    if (reads_back && length == (int)strlen(text) &&
        significant_digits(text) <= shortest)
        return;
    if (mismatches++ < 10)
        print_error("%a: real_text_exact wrote \"%s\" (%d), shortest has %d digits\n",
                    v, text, length, shortest);
}

static void exact_text_is_shortest(void **state) {
    (void)state;
    char text[REAL_TEXT_MAX];
    real_text_exact(0.05, text);
    assert_string_equal(text, "0.05");
    real_text_exact(0.1 + 0.2, text);
    assert_string_equal(text, "0.30000000000000004");
    real_text_exact(DBL_TRUE_MIN, text);
    assert_string_equal(text, "5e-324");
    real_text_exact(DBL_MIN, text);
    assert_string_equal(text, "2.2250738585072014e-308");
    uint64_t words = 2463534242u;
    mismatches = 0;
    for (int k = 0; k < 20000; k++) {
        uint64_t bits = next_word(&words);
        double v, subnormal;
        memcpy(&v, &bits, sizeof v);
        bits &= 0x800fffffffffffffu; /* exponent field 0 */
        memcpy(&subnormal, &bits, sizeof subnormal);
        if (!isnan(v)) check_exact(v);
        check_exact(subnormal);
    }
    assert_no_mismatch();
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(any_double_is_printf),
        cmocka_unit_test(reals_of_csv_size_are_printf),
        cmocka_unit_test(decimals_and_powers_of_ten_are_printf),
        cmocka_unit_test(ties_round_half_to_even),
        cmocka_unit_test(integers_are_printf),
        cmocka_unit_test(exact_text_is_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
