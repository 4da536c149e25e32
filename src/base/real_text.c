/*
 * real_text.c — a real as "%.15g" writes it, without printf's cost.
 *
 * firms.csv holds some thirty reals a firm a week, and glibc formats each
 * one with multi-precision arithmetic: writing the default run's output
 * took as long as simulating it (0.92 s against 1.01). The reals the CSV
 * files hold are mostly whole numbers (units, money of whole prices) or
 * lie between 1e-4 and 1e15, where "%.15g" writes them without an
 * exponent. Those are done here:
 *
 *   - a whole number below 1e15 has at most fifteen digits: its digits;
 *   - else v = m / 2^s exactly (m the 53-bit significand), so
 *     v 10^k = m 10^k / 2^s, and in 128-bit integers the quotient is
 *     v's first fifteen digits and the remainder says how to round them:
 *     half to even, as printf rounds in the default rounding mode.
 *
 * Anything else (an exponent in the text, a NaN or an infinity), and on a
 * compiler without 128-bit integers everything but whole numbers, is left
 * to snprintf. test_real_text checks the two against each other byte for
 * byte.
 */
#include "real_text.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIGITS = 15 }; /* "%.15g": fifteen significant digits */

static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                            "25262728293031323334353637383940414243444546474849"
                            "50515253545556575859606162636465666768697071727374"
                            "75767778798081828384858687888990919293949596979899";

/* The `count` decimal digits of v (zeros in front as needed), from out on. */
static void digits_of(uint64_t v, char *out, int count) {
    char *p = out + count;
    while (count >= 2) {
        const char *pair = pairs + 2 * (v % 100);
        *--p = pair[1], *--p = pair[0];
        v /= 100, count -= 2;
    }
    if (count) *--p = (char)('0' + v % 10);
}

static int digit_count(uint64_t v) {
    int n = 1;
    while (v >= 10) v /= 10, n++;
    return n;
}

static int unsigned_text(uint64_t v, char *out) {
    int n = digit_count(v);
    digits_of(v, out, n);
    out[n] = '\0';
    return n;
}

int integer_text(int64_t v, char out[REAL_TEXT_MAX]) {
    if (v >= 0) return unsigned_text((uint64_t)v, out);
    out[0] = '-';
    return 1 + unsigned_text(0 - (uint64_t)v, out + 1);
}

static int printf_text(double v, char out[REAL_TEXT_MAX]) {
    return snprintf(out, REAL_TEXT_MAX, "%.15g", v);
}

#ifdef __SIZEOF_INT128__ /* GCC and Clang on 64-bit machines */
__extension__ typedef unsigned __int128 wide;

static wide power_of_ten(int k) {
    static const uint64_t tens[20] = {
        1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
        1000000000u, 10000000000u, 100000000000u, 1000000000000u, 10000000000000u,
        100000000000000u, 1000000000000000u, 10000000000000000u,
        100000000000000000u, 1000000000000000000u, 10000000000000000000u};
    return k < 20 ? tens[k] : (wide)tens[19] * 10;
}

/* v (positive, not whole) rounded to fifteen digits: q, 10^14 <= q < 10^15,
 * and v's decimal exponent after rounding (v ~ q 10^(exponent - 14)); 0
 * when v is outside 1e-5..1e15 (whose text has an exponent: printf's), so
 * that m 10^k and the shifts below fit 128 bits. */
static int fifteen_digits(double v, uint64_t *q, int *exponent) {
    if (!(v >= 1e-5 && v < 1e15)) return 0;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits); /* v is normal: m = 1.fraction 2^52 */
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int s = 1075 - (int)(bits >> 52); /* v = m / 2^s, 3 <= s <= 69 */
    const uint64_t low = 100000000000000u, high = 1000000000000000u;
    /* v lies in [2^(52-s), 2^(53-s)): its exponent is this or one more */
    int d = (int)floor((52 - s) * 0.30102999566398120);
    for (int step = 0; step < 3; step++) {
        int k = DIGITS - 1 - d; /* 0 <= k <= 20: m 10^k < 2^120 */
        if (k < 0 || k > 20) return 0;
        wide n = (wide)m * power_of_ten(k);
        uint64_t whole = (uint64_t)(n >> s);
        if (whole >= high) { d++; continue; }
        if (whole < low) { d--; continue; }
        wide rest = n - ((wide)whole << s), half = (wide)1 << (s - 1);
        if (rest > half || (rest == half && (whole & 1))) whole++;
        if (whole == high) whole = low, d++;
        *q = whole, *exponent = d;
        return 1;
    }
    return 0;
}
#else /* no 128-bit integers: every real not whole is printf's */
static int fifteen_digits(double v, uint64_t *q, int *exponent) {
    (void)v, (void)q, (void)exponent;
    return 0;
}
#endif

/* q's fifteen digits with the decimal point after digit exponent + 1,
 * trailing zeros dropped, as "%.15g" writes a real of decimal exponent
 * -4 to 14. */
static int fixed_text(uint64_t q, int exponent, char *out) {
    char d[DIGITS];
    digits_of(q, d, DIGITS);
    int used = DIGITS;
    while (used > 1 && d[used - 1] == '0') used--;
    char *p = out;
    if (exponent >= 0) {
        memcpy(p, d, (size_t)exponent + 1), p += exponent + 1;
        if (used > exponent + 1) {
            *p++ = '.';
            memcpy(p, d + exponent + 1, (size_t)(used - exponent - 1));
            p += used - exponent - 1;
        }
    } else {
        *p++ = '0', *p++ = '.';
        for (int z = 0; z < -exponent - 1; z++) *p++ = '0';
        memcpy(p, d, (size_t)used), p += used;
    }
    *p = '\0';
    return (int)(p - out);
}

int real_text(double v, char out[REAL_TEXT_MAX]) {
    if (!isfinite(v)) return printf_text(v, out);
    double size = fabs(v);
    int sign = signbit(v) != 0;
    if (size < 1e15 && size == (double)(uint64_t)size) { /* 0 and -0 too */
        if (sign) out[0] = '-';
        return sign + unsigned_text((uint64_t)size, out + sign);
    }
    uint64_t q;
    int exponent;
    if (!fifteen_digits(size, &q, &exponent) || exponent < -4 || exponent >= DIGITS)
        return printf_text(v, out);
    if (sign) out[0] = '-';
    return sign + fixed_text(q, exponent, out + sign);
}

int real_text_csv(double v, char out[REAL_TEXT_MAX]) {
    const char *word = isnan(v) ? "NA" : isinf(v) ? (v > 0 ? "Inf" : "-Inf") : NULL;
    if (!word) return real_text(v, out);
    strcpy(out, word);
    return (int)strlen(word);
}

/* Written into a local first: gcc's -Wformat-truncation, with the
 * sanitizers on, takes an array parameter for a possibly null pointer. */
int real_text_exact(double v, char out[REAL_TEXT_MAX]) {
    char text[REAL_TEXT_MAX];
    int length = 0;
    int digits = v != 0 && fabs(v) < DBL_MIN ? 1 : 15;
    for (; digits <= 17; digits++) {
        length = snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v || isnan(v)) break;
    }
    memcpy(out, text, sizeof text);
    return length;
}
