/*
 * float16.h — a 16-bit float for numbers stored per consumer (learned
 * preferences), rounded stochastically so that storing them adds noise but
 * no bias.
 *
 * The layout is IEEE binary16's (a sign bit, 5 exponent bits, 10 fraction
 * bits, subnormals) with the exponent bias 11 instead of 15 and no infinity
 * or NaN: magnitudes from 2^-20 (subnormal steps of 9.5e-7) up to
 * FLOAT16_MAX, about 2.1e6, with 11 significant bits.
 *
 * Why stochastic: a preference is stored again at every purchase, and with
 * slow forgetting a week's decay (gamma J) is smaller than half a step of
 * any 16-bit format; rounding to nearest would then stall or bend the decay
 * (docs/model.md, "Consumer storage"). Rounding up with probability equal to
 * the fraction of the step left over makes the stored value exact on
 * average: E[float16_value(float16_round(x, U))] = x for a uniform U. The
 * random word comes from the caller's counter-based stream, so runs stay
 * reproducible.
 */
#ifndef MISHI_FLOAT16_H
#define MISHI_FLOAT16_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define FLOAT16_BIAS 11
#define FLOAT16_MAX_CODE 0x7FFFu /* the largest magnitude; no infinity */
#define FLOAT16_SIGN 0x8000u
/* 2^(31 - bias) * (2 - 2^-10) */
#define FLOAT16_MAX ((2.0 - 0x1.0p-10) * 0x1.0p20)

static inline double float16_value(uint16_t code) {
    unsigned magnitude = code & FLOAT16_MAX_CODE;
    double value;
    if (magnitude < 0x0400u) { /* subnormal: fraction x 2^(1 - bias - 10) */
        value = magnitude * 0x1.0p-20;
    } else {
        uint32_t bits = (uint32_t)(magnitude + ((127u - FLOAT16_BIAS) << 10)) << 13;
        float f;
        memcpy(&f, &bits, sizeof f);
        value = f;
    }
    return code & FLOAT16_SIGN ? -value : value;
}

/* x stored in 16 bits: of the two neighbouring codes, the upper with
 * probability (|x| - lower) / step, decided by `random` (a uniform 32-bit
 * word). Exactly representable values are kept exactly; magnitudes beyond
 * FLOAT16_MAX saturate there. */
static inline uint16_t float16_round(double x, uint32_t random) {
    double magnitude = fabs(x);
    if (magnitude == 0.0) return 0; /* one zero, without a sign */
    if (!(magnitude < FLOAT16_MAX)) /* also NaN: none should reach here */
        return (uint16_t)((x < 0 ? FLOAT16_SIGN : 0) | FLOAT16_MAX_CODE);
    uint64_t bits;
    memcpy(&bits, &magnitude, sizeof bits);
    int binade = (int)(bits >> 52) - 1023; /* magnitude in [2^binade, 2^(binade+1)) */
    if (binade >= -10) {
        /* a normal binade of float16's (magnitudes of 2^-10 and more):
         * the same code in integers, read off the double's mantissa, which
         * is quicker than the steps below. With the leading bit, the
         * mantissa is the whole number of steps in its top 11 bits and
         * what is left over in the 42 below, so that the fraction of a
         * step is left / 2^42, and random / 2^32 is below it when
         * random * 2^10 < left, both exact. */
        uint64_t mantissa = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
        uint64_t left = mantissa & ((UINT64_C(1) << 42) - 1);
        uint32_t code = (uint32_t)(mantissa >> 42) + ((uint64_t)random << 10 < left);
        code += (uint32_t)(binade + 10) << 10; /* the binade's exponent field */
        if (code > FLOAT16_MAX_CODE) code = FLOAT16_MAX_CODE;
        return (uint16_t)((x < 0 ? FLOAT16_SIGN : 0) | code);
    }
    /* the step is 2^(binade - 10) in a normal binade, 2^-20 below them;
     * counted in steps, the magnitude is a whole number plus a fraction
     * (exact: the scale is a power of two) */
    int step = binade - 10 < -20 ? -20 : binade - 10;
    uint64_t scale_bits = (uint64_t)(1023 - step) << 52;
    double scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    double steps = magnitude * scale; /* below 2^11: truncation is floor */
    uint32_t code = (uint32_t)steps;
    if (random * 0x1.0p-32 < steps - code) code++;
    code += (uint32_t)(step + 20) << 10; /* the binade's exponent field */
    if (code > FLOAT16_MAX_CODE) code = FLOAT16_MAX_CODE;
    if (code == 0) return 0;
    return (uint16_t)((x < 0 ? FLOAT16_SIGN : 0) | code);
}

#endif
