/*
 * logit.c — multinomial logit shares (McFadden 1974).
 *
 * With full information, no learning and no word of mouth, every purchase
 * is an independent draw from the multinomial logit over the firms, so unit
 * counts are multinomial with the logit probabilities. Pearson's X^2 over
 * the firms then follows chi-square with n - 1 degrees of freedom; the case
 * passes if X^2 is below its quantile at the false-alarm rate.
 */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>

#include "cases.h"

#define LOGIT_FIRMS 5

/* Five firms that differ in brand and price only. */
static const double logit_brand[LOGIT_FIRMS] = {0.1, 0.3, 0.5, 0.9, 0.0};
static const double logit_price[LOGIT_FIRMS] = {1.0, 1.0, 1.2, 1.5, 0.8};
static const double logit_beta = 2.0;

static const char logit_yaml[] =
    "name: validate-logit-shares\n"
    "seed: 1969\n"
    "weeks: 104\n"
    "consumers: {transient_share: 0, friends: 0, search_firms: 0,\n"
    "            consider_all: 1, failure_rate: 0}\n"
    "choice: {w_quality: 0, w_loyalty: 0, w_wom: 0, w_brand: 1, w_price: 1}\n"
    "firms:                    # cash: no firm may exit mid-run\n"
    "  - {name: a, count: 1, cash: 1e9}\n"
    "  - {name: b, count: 1, cash: 1e9}\n"
    "  - {name: c, count: 1, cash: 1e9}\n"
    "  - {name: d, count: 1, cash: 1e9}\n"
    "  - {name: e, count: 1, cash: 1e9}\n";

/* The scenario text with beta, brands and prices from the arrays the
 * theory reads (one source for both), resized: consumers.count scales the
 * sample. */
static mishi_status logit_scenario(double scale, mishi_scenario **sc,
                                   mishi_error *err) {
    const validation_setting settings[] = {
        /* ~1.2M purchases at scale 1 */
        {"consumers.count", (double)validation_consumers(scale, 1000000, 1000)},
        {"choice.beta", logit_beta},
    };
    mishi_status rc = validation_scenario(logit_yaml, "logit-shares", settings,
                                          VALIDATION_COUNT(settings), sc, err);
    for (int j = 0; !rc && j < LOGIT_FIRMS; j++) {
        char path[64];
        /* max first: each --set must keep min <= max */
        const char *keys[] = {"brand_max", "brand_min", "price"};
        double values[] = {logit_brand[j], logit_brand[j], logit_price[j]};
        for (int k = 0; !rc && k < 3; k++) {
            snprintf(path, sizeof path, "firms.%d.%s", j, keys[k]);
            rc = validation_set(*sc, path, values[k], err);
        }
    }
    return rc;
}

static void add_units(void *state, const mishi_sim *sim) {
    int64_t *units = state;
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    for (size_t k = 0; k < n; k++)
        if (rows[k].firm >= 0 && rows[k].firm < LOGIT_FIRMS)
            units[rows[k].firm] += rows[k].units;
}

/* Units each firm sold over the whole run. */
static mishi_status run_units(double scale, int threads,
                              int64_t units[LOGIT_FIRMS], mishi_error *err) {
    mishi_scenario *sc = NULL;
    const validation_watch watch = {.state = units, .week = add_units};
    mishi_status rc = logit_scenario(scale, &sc, err);
    if (!rc) rc = validation_run(sc, threads, &watch, err);
    mishi_scenario_free(sc);
    return rc;
}

static void logit_probabilities(double p[LOGIT_FIRMS]) {
    double total = 0.0;
    for (int j = 0; j < LOGIT_FIRMS; j++)
        total += p[j] = exp(logit_beta * (logit_brand[j] - logit_price[j]));
    for (int j = 0; j < LOGIT_FIRMS; j++) p[j] /= total;
}

/* Pearson's X^2 of the units against the probabilities p. */
static double pearson_statistic(const int64_t units[LOGIT_FIRMS],
                                const double p[LOGIT_FIRMS], int64_t total) {
    double pearson = 0.0;
    for (int j = 0; j < LOGIT_FIRMS; j++) {
        double expected = p[j] * (double)total;
        pearson += (units[j] - expected) * (units[j] - expected) / expected;
    }
    return pearson;
}

mishi_status validate_logit(double scale, int threads, mishi_validation *out,
                            mishi_error *err) {
    int64_t units[LOGIT_FIRMS] = {0}, total = 0;
    mishi_status rc = run_units(scale, threads, units, err);
    if (rc) return rc;
    double p[LOGIT_FIRMS];
    logit_probabilities(p);
    for (int j = 0; j < LOGIT_FIRMS; j++) total += units[j];
    out->measured = pearson_statistic(units, p, total);
    out->expected = LOGIT_FIRMS - 1; /* the mean of chi-square(n - 1) */
    out->limit = gsl_cdf_chisq_Qinv(VALIDATION_FALSE_ALARM, LOGIT_FIRMS - 1);
    out->sample = total;
    out->passed = total > 0 && out->measured <= out->limit;
    validation_panel(out, "shares", "firm", "share of units", 0);
    for (int j = 0; j < LOGIT_FIRMS; j++) {
        char label[32];
        double share = total ? (double)units[j] / (double)total : NAN;
        snprintf(label, sizeof label, "share of firm %c", 'a' + j);
        validation_detail(out, label, share, p[j]);
        rc = validation_point(out, "share", j + 1, share, p[j], err);
        if (rc) return rc;
    }
    return MISHI_OK;
}

