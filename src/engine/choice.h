/*
 * choice.h — the formulas of a shopper's choice, shared by the general
 * week (shopping.c) and the full-information week (full_information.c),
 * so that the two compute them alike to the last bit.
 *
 * Utility (docs/model.md, shopping):
 *   V = w_quality*E + w_loyalty*J + w_wom*W + w_brand*brand - w_price*price
 *       (+ the loyalty reward for the shopper's own maker)
 *       (+ w_software*S)
 * and the logit P(j) = exp(beta V_j) / sum_k exp(beta V_k) (WKH 2000).
 */
#ifndef MISHI_CHOICE_H
#define MISHI_CHOICE_H

#include <math.h>

#include "exp_lanes.h"
#include "rng.h"
#include "sim.h"

/* The utility of a device of `expected` quality at `price` from a maker of
 * `brand`, held in `preference` (J), of which friends and posts report
 * `wom` (W). */
static inline double offer_utility(const taste *w, double expected,
                                   double preference, double wom, double brand,
                                   double price) {
    return w->w_quality * expected + w->w_loyalty * preference + w->w_wom * wom +
           w->w_brand * brand - w->w_price * price;
}

/* Software updates reach every device, new or second hand, so owners
 * and others alike value them (skipped when software does not count). */
static inline double with_software(const storefront *f, const taste *w, double v) {
    if (w->w_software != 0.0) v += w->w_software * f->software_quality;
    return v;
}

/* A new device from firm f's storefront: the loyalty programme makes
 * coming back to one's own maker worth more. */
static inline double firm_utility(const storefront *f, const taste *w,
                                  double expected, double preference,
                                  double wom, int own_maker) {
    double v = offer_utility(w, expected, preference, wom, f->brand, f->price);
    if (own_maker && f->loyalty_reward > 0.0) v += f->loyalty_reward;
    return with_software(f, w, v);
}

/* The quality the shopper expects of firm f's device: of its own device
 * for its maker, else what the firm's storefront says. */
static inline double expected_quality(const storefront *f, uint16_t own_maker,
                                      const consumer_state *c) {
    return f->id == own_maker ? quality_value(c->device_quality) : f->expected;
}

#define CHOSE_OUTSIDE (-1) /* logit_draw(): the shopper buys nothing */

/* Logit draw over n alternatives of weights exp(v) (v: beta times
 * utility; `top` the greatest of them, subtracted so that no weight
 * overflows), the last of them buying nothing when `outside`; also the
 * sum of squared choice probabilities (the loyalty index). The index of
 * the alternative chosen, or CHOSE_OUTSIDE. Taking `top` from the caller
 * saves a pass over v where the caller found it as it worked v out. With
 * `lanes`, the weights are worked out four at a time (exp_below_lanes; v
 * then has room for EXP_LANES_ROOM(n)), to the same bits. */
static inline int logit_draw_below(double *v, int n, double top, int outside, int lanes,
                                   rng_stream *s, double *concentration) {
    /* a choice among one: its share is exp(0) / exp(0) = 1 (NaN if v is
     * not finite, as the sums below would give), and it needs no draw (the
     * draw is its stream's last, so no later draw moves): a Bass adopter's
     * purchase skips an exponential and a Philox block */
    if (n == 1) {
        *concentration = isfinite(v[0]) ? 1.0 : NAN;
        return outside ? CHOSE_OUTSIDE : 0;
    }
    if (lanes) exp_below_lanes(v, n, top);
    else
        for (int k = 0; k < n; k++) v[k] = model_exp(v[k] - top);
    double total = 0.0, squares = 0.0;
    for (int k = 0; k < n; k++) total += v[k];
    double share = 1.0 / total; /* a multiply per alternative, not two divides */
    for (int k = 0; k < n; k++) squares += (v[k] * share) * (v[k] * share);
    *concentration = squares;
    double u = rng_uniform(s) * total;
    /* the first k at which u, less the weights so far, goes below zero,
     * else the last: the count of the k before it, found without a branch
     * on which alternative is drawn (one no predictor can learn) */
    int chosen = 0, below = 0;
    for (int k = 0; k < n - 1; k++) {
        below |= (u -= v[k]) < 0.0;
        chosen += !below;
    }
    return outside && chosen == n - 1 ? CHOSE_OUTSIDE : chosen;
}

/* The same draw, finding the greatest of v first. */
static inline int logit_draw(double *v, int n, int outside, rng_stream *s,
                             double *concentration) {
    double top = -HUGE_VAL;
    for (int k = 0; k < n; k++)
        if (v[k] > top) top = v[k];
    return logit_draw_below(v, n, top, outside, 0, s, concentration);
}

/* WKH's order parameter y = sum_j J_j^2 / (sum_j J_j)^2 over the firms the
 * shopper remembers: 1 when one firm holds all its preference, 1/n when n
 * firms share it equally. WKH's J are never negative; here a firm that
 * disappointed is remembered with a negative J, and a negative J in the
 * sum would make y unbounded (a total near zero from J of both signs), so
 * y is taken over the positive preferences, J_j+ = max(J_j, 0), and lies
 * in [1/n, 1]. Defined only when some J is positive. */
static inline double positive_part(double preference) {
    return preference > 0.0 ? preference : 0.0;
}

static inline float preference_concentration(
    const double preference[MEMORY_SLOTS_MAX], int slots) {
    double sum = 0.0, squares = 0.0;
    for (int s = 0; s < slots; s++) {
        double liked = positive_part(preference[s]);
        sum += liked, squares += liked * liked;
    }
    return sum > 0.0 ? (float)(squares / (sum * sum)) : NAN;
}

#endif
