/*
 * exp_lanes.h — exp_log.h's model_exp for four values at once, in 256-bit
 * vector lanes, with its operations in the same order (the series and the
 * reduction are exp_log.h's macros), so each lane's result is model_exp's
 * to the bit; a lane whose argument is off the fast path (below -708,
 * above 709, NaN: in a logit, a weight underflowing to zero) takes
 * model_exp itself. tests/test_exp_log.c's exp_lanes_are_model_exp holds the
 * two together.
 *
 * lane_exp is compiled for AVX2 (LANES_TARGET, float16_lanes.h): call it
 * only from functions of that target, and those only on machines that
 * have it (exp_lanes_available). exp_below_lanes (exp_lanes.c) is a
 * logit's weights with it.
 */
#ifndef MISHI_EXP_LANES_H
#define MISHI_EXP_LANES_H

#include "exp_log.h"

/* exp_below_lanes' room: n rounded up to whole vectors (of LANES, 4) */
#define EXP_LANES_ROOM(n) (((n) + 3) / 4 * 4)

/* Whether this machine has the lanes (AVX2); else exp_below_lanes is
 * model_exp one by one. */
int exp_lanes_available(void);

/* v[k] = model_exp(v[k] - top) for k < n, four at a time; v has room for
 * EXP_LANES_ROOM(n) (the lanes past n are written too). */
void exp_below_lanes(double *v, int n, double top);

#if defined(__x86_64__) || defined(__i386__)
#include "float16_lanes.h"

LANES_TARGET static inline lane_reals lane_exp(lane_reals x) {
    lane_reals shifted = x * EXP_64_OVER_LN2 + EXP_SHIFTER;
    lane_reals n = shifted - EXP_SHIFTER, r = EXP_REDUCED(x, n);
    lane_words whole = (lane_words)shifted - EXP_SHIFTER_BITS;
    lane_words j = whole % EXP_TABLE_SIZE;
    lane_reals high = {exp_table_high[j[0]], exp_table_high[j[1]], exp_table_high[j[2]],
                       exp_table_high[j[3]]};
    lane_reals low = {exp_table_low[j[0]], exp_table_low[j[1]], exp_table_low[j[2]],
                      exp_table_low[j[3]]};
    lane_reals two_to_k = (lane_reals)(((whole >> EXP_TABLE_BITS) + 1023) << 52);
    lane_reals result = EXP_FROM_TABLE(high, low, r) * two_to_k;
    lane_mask fast = (x >= EXP_FAST_LOWEST) & (x <= EXP_FAST_HIGHEST);
    if (!(fast[0] & fast[1] & fast[2] & fast[3]))
        for (int l = 0; l < LANES; l++)
            if (!fast[l]) result[l] = exp_edge(x[l]);
    return result;
}
#endif

#endif
