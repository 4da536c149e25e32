/*
 * exp_log.h — the model's own exponential, logarithm, exp(x) - 1 and
 * power.
 *
 * Why not libm's: glibc picks its `exp`, `log`, `pow` and `expm1` code
 * when the program loads, by whether the CPU has fused multiply-add, and
 * the two codes disagree in the last bit now and then (for `exp`, about
 * one argument in 1,400), so the same scenario and seed gave different
 * runs on different CPUs (docs/model.md, "Random numbers and
 * reproducibility"). These functions use only IEEE additions and
 * multiplications, each rounded once (the build turns off their
 * contraction into fused multiply-adds), and tables of their own
 * (exp_log_tables.h, made by scripts/exp_log_tables.sh), so they give the
 * same bits on every CPU, alone or in vector lanes (exp_lanes.h, which
 * shares their macros below). Being inline, they also cost a shopper's
 * logit no calls.
 *
 * Accuracy (tests/test_exp_log.c measures it against long double): exp
 * within 0.52 ulp and log within 0.75 ulp on the normal range, as good as
 * libm's; model_expm1 within 3 ulps; model_pow within a few ulps times
 * |b log a|.
 *
 * The method is the textbook table method (Tang's): exp(x) = 2^k 2^(j/64)
 * exp(r), |r| <= ln 2 / 128, with 2^(j/64) in two parts from the table and
 * exp(r) - 1 by its Taylor series; log(x) = e ln 2 - log(inverse) +
 * log(1 + r), r = m inverse - 1 worked out exactly, |r| <= 2^-8, with
 * log(inverse) from the table and log(1 + r) by its series. The series'
 * coefficients are 1/n! and 1/n as the compiler rounds them.
 */
#ifndef MISHI_EXP_LOG_H
#define MISHI_EXP_LOG_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "exp_log_tables.h"

/* ln 2 / 64 in two parts: the high part has 32 significant bits, so n
 * times it is exact for any |n| < 2^21; the low part is the rest. */
#define EXP_LN2_64THS_HIGH 0x1.62e42feep-7
#define EXP_LN2_64THS_LOW 2.98158582698529346272541512e-12
#define EXP_64_OVER_LN2 92.3324826168936580710351795841210973
/* x + 1.5 * 2^52, less the same, rounds x to a whole number, which the
 * low bits of the sum hold (offset by the shifter's bits). */
#define EXP_SHIFTER 0x1.8p52
#define EXP_SHIFTER_BITS UINT64_C(0x4338000000000000)
/* arguments whose 2^k is a normal double: the fast path */
#define EXP_FAST_LOWEST (-708.0)
#define EXP_FAST_HIGHEST 709.0

/* exp(r) - 1 for |r| <= ln 2 / 128 + a little: Taylor to r^6 in Horner's
 * form (the first term left out, r^7 / 7!, is below 2^-68 there). */
#define EXP_SMALL_SERIES(r)                                                   \
    ((r) + (r) * (r) * (1.0 / 2 + (r) * (1.0 / 6 + (r) * (1.0 / 24 +          \
                                          (r) * (1.0 / 120 + (r) * (1.0 / 720))))))

/* x = n ln 2 / 64 + r: r, of the whole number n (a real), its high part
 * taken first (exactly). */
#define EXP_REDUCED(x, n) (((x) - (n) * EXP_LN2_64THS_HIGH) - (n) * EXP_LN2_64THS_LOW)

/* 2^(j/64) exp(r) for j = n mod 64, the table's two parts (high, low)
 * read for j: the small terms added first, high last, so only that sum
 * rounds much. A macro so that scalars and lanes (exp_lanes.h) do the same
 * operations in the same order. */
#define EXP_FROM_TABLE(high, low, r) ((high) + ((low) + (high) * EXP_SMALL_SERIES(r)))

static inline uint64_t exp_log_bits(double x) {
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

static inline double exp_log_real(uint64_t bits) {
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* model_exp outside its fast path (exp_log.c). */
double exp_edge(double x);

/* exp(x) = 2^k 2^(j/64) exp(r) for n = 64k + j the whole number nearest
 * 64 x / ln 2, |r| <= ln 2 / 128. */
static inline double model_exp(double x) {
    if (!(x >= EXP_FAST_LOWEST && x <= EXP_FAST_HIGHEST)) return exp_edge(x);
    double shifted = x * EXP_64_OVER_LN2 + EXP_SHIFTER;
    double n = shifted - EXP_SHIFTER, r = EXP_REDUCED(x, n);
    uint64_t whole = exp_log_bits(shifted) - EXP_SHIFTER_BITS; /* n, mod 2^64 */
    unsigned j = (unsigned)(whole % EXP_TABLE_SIZE);
    /* 2^k: k = n >> 6 plus the bias, into the exponent's 11 bits (the
     * shift's top bits, the only ones a signed shift would change, fall
     * off the top) */
    double two_to_k = exp_log_real(((whole >> EXP_TABLE_BITS) + 1023) << 52);
    return EXP_FROM_TABLE(exp_table_high[j], exp_table_low[j], r) * two_to_k;
}

/* ln 2 in two parts, as ln 2 / 64's above */
#define LOG_LN2_HIGH 0x1.62e42feep-1
#define LOG_LN2_LOW 1.90821492927058781614426568e-10

/* log(1 + r) - r for |r| <= 2^-8: Taylor to r^7 in Horner's form (the
 * first term left out, r^8 / 8, is below 2^-59 of r there). */
#define LOG_SMALL_SERIES(r)                                                         \
    ((r) * (r) * (-1.0 / 2 + (r) * (1.0 / 3 + (r) * (-1.0 / 4 + (r) * (1.0 / 5 +   \
                                    (r) * (-1.0 / 6 + (r) * (1.0 / 7)))))))

/* model_log outside its main path (exp_log.c): zero, negative numbers,
 * NaN and infinity; a subnormal x is made normal there and comes back. */
double log_edge(double x);

/* log(x) = e ln 2 + log(m), for x = 2^e m and m in [1, 2) in interval j of
 * the table: log(m) = -log(inverse) + log(1 + r) for r = m inverse - 1,
 * |r| <= 2^-8, worked out exactly with m split in two (inverse has 12
 * significant bits, m's high part 41). The exact sum of the large terms
 * (e ln 2's and the table's high parts, both multiples of 2^-32) and r is
 * kept in two parts (Dekker's fast two-sum), so that the result rounds
 * about once. */
static inline double model_log(double x) {
    if (!(x >= 0x1.0p-1022 && x <= 0x1.fffffffffffffp1023)) return log_edge(x);
    uint64_t bits = exp_log_bits(x);
    unsigned j = (unsigned)(bits >> (52 - LOG_TABLE_BITS)) % LOG_TABLE_SIZE;
    const log_interval *in = &log_table[j];
    int e = (int)(bits >> 52) - 1023 + (j >= LOG_TABLE_HALVED);
    uint64_t fraction = (bits & UINT64_C(0x000FFFFFFFFFFFFF)) | UINT64_C(0x3FF0000000000000);
    double m = exp_log_real(fraction), m_high = exp_log_real(fraction & ~UINT64_C(0xFFF));
    double r = (m_high * in->inverse - 1.0) + (m - m_high) * in->inverse;
    double large = e * LOG_LN2_HIGH + in->log_high;
    double sum = large + r, sum_error = (large - sum) + r;
    return sum + (sum_error + (LOG_SMALL_SERIES(r) + (e * LOG_LN2_LOW + in->log_low)));
}

/* exp(x) - 1, without the loss of exp(x) - 1 for small x: Taylor to x^13
 * for |x| <= ln 2 / 2 (the next term is below 2^-56 of the result there),
 * else exp(x) - 1, within about 3 ulps there. For chances from hazards
 * (a week's chance of failure 1 - exp(-h)), worked out once a run. */
static inline double model_expm1(double x) {
    if (!(fabs(x) <= 0.34657359027997264)) return model_exp(x) - 1.0; /* and NaN */
    return x + x * x * (1.0 / 2 + x * (1.0 / 6 + x * (1.0 / 24 + x * (1.0 / 120 +
           x * (1.0 / 720 + x * (1.0 / 5040 + x * (1.0 / 40320 + x * (1.0 / 362880 +
           x * (1.0 / 3628800 + x * (1.0 / 39916800 + x * (1.0 / 479001600 +
           x * (1.0 / 6227020800.0))))))))))));
}

/* a^b for a >= 0 (the model's powers are of qualities, shares and
 * factors, never negative): exp(b log a), so its relative error grows with
 * |b log a| (a few ulps for the model's powers). a^0 = 1 for every a. */
static inline double model_pow(double a, double b) {
    if (b == 0.0 || a == 1.0) return 1.0;
    if (a == 0.0) return b > 0.0 ? 0.0 : HUGE_VAL;
    return model_exp(b * model_log(a));
}

/* ceil(x) for |x| < 2^63, in integers: truncated, and 1 added when
 * something was cut off above it. x86-64's baseline has no instruction
 * for ceil(), and the sequence GCC puts in its place sat on every buyer's
 * draw of its device's life (a tenth of taking devices home, perf). */
static inline int64_t model_ceil(double x) {
    int64_t whole = (int64_t)x;
    return whole + (whole < x);
}

#endif
