/*
 * exp_log.c — the rare arguments of exp_log.h's exponential, out of line
 * so that the inline fast path stays small.
 */
#include "exp_log.h"

/* 2^e for a normal power (-1022 <= e <= 1023). */
static double power_of_two(int e) { return exp_log_real((uint64_t)(e + 1023) << 52); }

/* NaN, overflow to infinity, and results below the normal range, whose
 * 2^k is applied in two normal steps so that only the last one rounds. */
double exp_edge(double x) {
    if (x != x) return x;
    if (x > 710.0) return HUGE_VAL;
    if (x < -746.0) return 0.0;
    double n = nearbyint(x * EXP_64_OVER_LN2), r = EXP_REDUCED(x, n);
    int whole = (int)n, j = whole & (EXP_TABLE_SIZE - 1), k = (whole - j) / EXP_TABLE_SIZE;
    int half = k / 2;
    return EXP_FROM_TABLE(exp_table_high[j], exp_table_low[j], r) * power_of_two(k - half) *
           power_of_two(half);
}

double log_edge(double x) {
    if (x != x || x < 0.0) return NAN;
    if (x == 0.0) return -HUGE_VAL;
    if (x == HUGE_VAL) return x;
    return model_log(x * 0x1.0p54) - 54 * LOG_LN2_HIGH - 54 * LOG_LN2_LOW; /* subnormal */
}
