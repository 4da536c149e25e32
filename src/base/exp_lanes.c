/*
 * exp_lanes.c — a logit's weights, exp(v - top) for each alternative, four
 * at a time in vector lanes (exp_lanes.h), where the machine has AVX2: a
 * shopper weighs about eight firms, and their exponentials were a tenth
 * of a purchase's work one by one. The weights are model_exp's to the bit,
 * so a run is the same with lanes or without (tests/test_engine.c runs the
 * plain path against this one).
 */
#include "exp_lanes.h"

#include <string.h>

#include "rng.h"

#if defined(__x86_64__) || defined(__i386__)
int exp_lanes_available(void) { return rng_lanes_available(RNG_LANES_AVX2); }

LANES_TARGET void exp_below_lanes(double *v, int n, double top) {
    for (int k = n; k % LANES; k++) v[k] = top; /* weight 1, never read */
    for (int k = 0; k < n; k += LANES) {
        lane_reals x;
        memcpy(&x, v + k, sizeof x);
        x = lane_exp(x - top);
        memcpy(v + k, &x, sizeof x);
    }
}
#else
int exp_lanes_available(void) { return 0; }

void exp_below_lanes(double *v, int n, double top) {
    for (int k = 0; k < n; k++) v[k] = model_exp(v[k] - top);
}
#endif
