/*
 * float16_lanes.h — float16.h's decode and stochastic rounding for four
 * values at once, in 256-bit vector lanes (GCC and Clang vector
 * extensions), giving float16.h's results to the bit: `bench_lanes check`
 * (a test) holds them to it for every code and a million roundings across
 * every binade and beyond the largest.
 *
 * Everything here is compiled for AVX2 (LANES_TARGET): call it only from
 * functions of that target, and those only on machines that have it
 * (rng_lanes_available(RNG_LANES_AVX2)). Lanes are 64 bits wide, so that
 * a double, its bits and a mask line up lane for lane.
 */
#ifndef MISHI_FLOAT16_LANES_H
#define MISHI_FLOAT16_LANES_H

#include <stdint.h>

#include "float16.h"

#define LANES 4 /* values a vector */
#define LANES_TARGET __attribute__((target("avx2")))

typedef uint64_t lane_words __attribute__((vector_size(32)));
typedef int64_t lane_mask __attribute__((vector_size(32))); /* all ones or zero */
typedef double lane_reals __attribute__((vector_size(32)));
typedef int32_t lane_ints __attribute__((vector_size(16))); /* for conversions */

LANES_TARGET static inline lane_words lane_words_of(uint64_t x) {
    return (lane_words){x, x, x, x};
}
LANES_TARGET static inline lane_reals lane_reals_of(double x) {
    return (lane_reals){x, x, x, x};
}
/* lanes of `yes` where `mask` is set, else of `no` */
LANES_TARGET static inline lane_words lane_pick_words(lane_mask mask, lane_words yes,
                                                     lane_words no) {
    return (yes & (lane_words)mask) | (no & ~(lane_words)mask);
}
LANES_TARGET static inline lane_reals lane_pick_reals(lane_mask mask, lane_reals yes,
                                                     lane_reals no) {
    return (lane_reals)lane_pick_words(mask, (lane_words)yes, (lane_words)no);
}

/* Each lane's whole number below 2^52 as a double, exactly: AVX2 converts
 * only 32-bit integers, so the number is put into the fraction of 2^52. */
LANES_TARGET static inline lane_reals lane_reals_from(lane_words x) {
    return (lane_reals)(x | (lane_words)lane_reals_of(0x1.0p52)) - 0x1.0p52;
}

/* float16_value of each lane's code (its low 16 bits). */
LANES_TARGET static inline lane_reals float16_lane_values(lane_words code) {
    lane_words magnitude = code & FLOAT16_MAX_CODE;
    lane_reals normal =
        (lane_reals)((magnitude + ((1023u - FLOAT16_BIAS) << 10)) << 42);
    lane_reals subnormal = lane_reals_from(magnitude) * 0x1.0p-20;
    lane_reals value = lane_pick_reals((lane_mask)(magnitude < 0x400u), subnormal, normal);
    return (lane_reals)((lane_words)value | ((code & FLOAT16_SIGN) << 48));
}

/* float16_round of each lane's x with its uniform 32-bit word `random`;
 * a magnitude at or beyond FLOAT16_MAX (or NaN) saturates, as there, and is
 * worked out meanwhile as zero, so that no conversion is out of range. */
LANES_TARGET static inline lane_words float16_lane_round(lane_reals x, lane_words random) {
    lane_words bits = (lane_words)x & 0x7FFFFFFFFFFFFFFFu;
    lane_mask saturated = ~((lane_reals)bits < FLOAT16_MAX);
    bits = lane_pick_words(saturated, lane_words_of(0), bits);
    lane_mask step = (lane_mask)(bits >> 52) - 1023 - 10;
    step = (lane_mask)lane_pick_words(step < -20, lane_words_of((uint64_t)-20),
                                      (lane_words)step);
    lane_reals steps = (lane_reals)bits * (lane_reals)((lane_words)(1023 - step) << 52);
    lane_ints whole = __builtin_convertvector(steps, lane_ints); /* below 2^11 */
    lane_mask code = __builtin_convertvector(whole, lane_mask);
    lane_reals left = steps - __builtin_convertvector(whole, lane_reals);
    code -= (lane_mask)(lane_reals_from(random) * 0x1.0p-32 < left);
    code += (step + 20) << 10;
    code = (lane_mask)lane_pick_words((code > FLOAT16_MAX_CODE) | saturated,
                                      lane_words_of(FLOAT16_MAX_CODE), (lane_words)code);
    lane_words sign = (lane_words)(x < 0.0) & FLOAT16_SIGN; /* none on zero: one zero */
    return lane_pick_words((lane_mask)(code == 0), lane_words_of(0), sign) |
           (lane_words)code;
}

#endif
