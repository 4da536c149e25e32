/*
 * claims.c — an experiment's claims judged by its runs (mishi_batch.h):
 * in each setting, the claim's measure at P against Q.
 *
 * The comparison is Welch's interval for the difference of two means
 * (mishi_welch_interval), not Student's pooled one: the points of a claim
 * differ in the very parameters the claim is about, and nothing makes
 * their run-to-run spreads equal (a market where half the buyers are
 * transient is noisier than a loyal one). The verdict reads the interval
 * only: a setting is decided ("holds" or "fails", by the sign of the
 * difference) exactly when Welch's two-sided t test rejects a difference
 * of 0 at the 5% level. Nothing in here knows what a claim ought to find.
 *
 * The database is checked to hold the sweep's points, point by point, and
 * its measure, because a claim finds its points by number.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mishi_batch.h"

/* The level of every interval mishi reports. */
#define CLAIM_LEVEL 0.95

const char *mishi_verdict_name(mishi_verdict verdict) {
    static const char *const names[] = {
#define VERDICT_NAME(id, name) name,
        MISHI_VERDICT_LIST(VERDICT_NAME)
#undef VERDICT_NAME
    };
    return (size_t)verdict < MISHI_VERDICT_COUNT ? names[verdict] : NULL;
}

/* The database's design is the sweep's: its factors, in order, and every
 * point's values. */
static int same_points(const mishi_sweep *sweep, const mishi_results *results) {
    mishi_sweep_info s;
    mishi_results_info r;
    mishi_sweep_describe(sweep, &s);
    mishi_results_describe(results, &r);
    if (s.points != r.points || s.factors != r.factors) return 0;
    for (size_t k = 0; k < s.factors; k++)
        if (strcmp(mishi_sweep_factor(sweep, k)->path,
                   mishi_results_factor(results, k)) != 0)
            return 0;
    for (size_t p = 0; p < s.points; p++)
        for (size_t k = 0; k < s.factors; k++)
            if (mishi_sweep_value(sweep, p, k) !=
                mishi_results_value(results, p, k))
                return 0;
    return 1;
}

static mishi_verdict judge(mishi_expect expect, const mishi_difference *d) {
    if (!(d->low > 0.0) && !(d->high < 0.0)) return MISHI_VERDICT_UNDECIDED;
    int lower = d->high < 0.0;
    return lower == (expect == MISHI_EXPECT_LOWER) ? MISHI_VERDICT_HOLDS
                                                   : MISHI_VERDICT_FAILS;
}

static void compare(const mishi_sweep *sweep, size_t claim, size_t setting,
                    const mishi_point_summary *at, mishi_claim_setting *out) {
    const mishi_claim_info *c = mishi_sweep_claim(sweep, claim);
    mishi_sweep_claim_points(sweep, claim, setting, &out->p, &out->q);
    out->at_p = at[out->p], out->at_q = at[out->q];
    mishi_welch_interval(&out->at_p, &out->at_q, CLAIM_LEVEL, &out->difference);
    /* over |mean at Q|, so that the sign is the difference's: higher at P
     * is a rise even where Q's mean is a loss */
    out->relative = out->at_q.mean != 0.0
                        ? out->difference.value / fabs(out->at_q.mean) : NAN;
    out->verdict = judge(c->expect, &out->difference);
}

mishi_status mishi_claim_check(const mishi_sweep *sweep, size_t claim,
                               const mishi_results *results,
                               mishi_claim_setting *out, mishi_error *err) {
    const mishi_claim_info *c = mishi_sweep_claim(sweep, claim);
    if (!c || !results)
        return mishi_error_set(err, MISHI_EARG, "no claim %zu", claim);
    const char *measure = mishi_sweep_measure(sweep, c->measure)->name;
    long m = mishi_results_find_measure(results, measure);
    if (m < 0 || !same_points(sweep, results))
        return mishi_error_set(err, MISHI_EARG, "claim %s: the database holds "
                               "another sweep's runs (its points or the "
                               "measure '%s' differ)", c->name, measure);
    mishi_results_info info;
    mishi_results_describe(results, &info);
    mishi_point_summary *at = malloc((info.points + 1) * sizeof *at);
    if (!at) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = mishi_results_summarize(results, (size_t)m, at, err);
    for (size_t s = 0; !rc && s < c->settings; s++)
        compare(sweep, claim, s, at, &out[s]);
    free(at);
    return rc;
}
