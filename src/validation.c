/*
 * validation.c — classic results that mishi's own model must reproduce.
 *
 * Each case is an ordinary scenario (YAML text below) run through the same
 * public API a user's run goes through, with the submodels the classic
 * model lacks switched off by parameters, never by special code paths. The
 * tool compares a statistic of the run with its value under the theory and
 * a limit derived from sampling theory at the size simulated — not from
 * what the code happens to produce. docs/validation.md explains each case.
 *
 * Cases so far:
 *  - logit-shares (McFadden 1974): with full information, no learning and
 *    no word of mouth, every purchase is an independent draw from the
 *    multinomial logit over the firms, so unit counts are multinomial with
 *    the logit probabilities. Pearson's X^2 over the firms then follows
 *    chi-square with n - 1 degrees of freedom; the case passes if X^2 is
 *    below its 99.9% quantile.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "mishi.h"
#include "status.h"

#define LOGIT_FIRMS 5
#define FALSE_ALARM 0.001 /* chance that a correct model fails a case */

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

static mishi_status set_number(mishi_scenario *sc, const char *path,
                               double value, mishi_error *err) {
    char assignment[128];
    snprintf(assignment, sizeof assignment, "%s=%.17g", path, value);
    return mishi_scenario_set(sc, assignment, err);
}

/* The scenario text with beta, brands and prices from the arrays the
 * theory reads (one source for both), resized: consumers.count scales the
 * sample. */
static mishi_status logit_scenario(double scale, mishi_scenario **sc,
                                   mishi_error *err) {
    mishi_status rc = mishi_scenario_load_string(logit_yaml, "logit-shares",
                                                 sc, err);
    long consumers = lround(1000000.0 * scale); /* ~1.2M purchases at 1 */
    if (!rc) rc = set_number(*sc, "consumers.count",
                             consumers < 1000 ? 1000 : consumers, err);
    if (!rc) rc = set_number(*sc, "choice.beta", logit_beta, err);
    for (int j = 0; !rc && j < LOGIT_FIRMS; j++) {
        char path[64];
        /* max first: each --set must keep min <= max */
        const char *keys[] = {"brand_max", "brand_min", "price"};
        double values[] = {logit_brand[j], logit_brand[j], logit_price[j]};
        for (int k = 0; !rc && k < 3; k++) {
            snprintf(path, sizeof path, "firms.%d.%s", j, keys[k]);
            rc = set_number(*sc, path, values[k], err);
        }
    }
    return rc;
}

/* Units each firm sold over the whole run. */
static mishi_status run_units(const mishi_scenario *sc, int threads,
                              int64_t units[LOGIT_FIRMS], mishi_error *err) {
    mishi_sim *sim = NULL;
    mishi_run_options options = {threads};
    mishi_status rc = mishi_sim_new(sc, &options, &sim, err);
    while (!rc && mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        rc = mishi_sim_step(sim, err);
        const mishi_firm_row *rows;
        size_t n = rc ? 0 : mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++)
            if (rows[k].firm >= 0 && rows[k].firm < LOGIT_FIRMS)
                units[rows[k].firm] += rows[k].units;
    }
    mishi_sim_free(sim);
    return rc;
}

static void logit_probabilities(double p[LOGIT_FIRMS]) {
    double total = 0.0;
    for (int j = 0; j < LOGIT_FIRMS; j++)
        total += p[j] = exp(logit_beta * (logit_brand[j] - logit_price[j]));
    for (int j = 0; j < LOGIT_FIRMS; j++) p[j] /= total;
}

static mishi_status logit_shares(double scale, int threads,
                                 mishi_validation *out, mishi_error *err) {
    mishi_scenario *sc = NULL;
    int64_t units[LOGIT_FIRMS] = {0}, total = 0;
    mishi_status rc = logit_scenario(scale, &sc, err);
    if (!rc) rc = run_units(sc, threads, units, err);
    mishi_scenario_free(sc);
    if (rc) return rc;
    double p[LOGIT_FIRMS], pearson = 0.0;
    logit_probabilities(p);
    for (int j = 0; j < LOGIT_FIRMS; j++) total += units[j];
    for (int j = 0; j < LOGIT_FIRMS; j++) {
        double expected = p[j] * (double)total;
        pearson += (units[j] - expected) * (units[j] - expected) / expected;
    }
    out->measured = pearson;
    out->expected = LOGIT_FIRMS - 1; /* the mean of chi-square(n - 1) */
    out->limit = gsl_cdf_chisq_Qinv(FALSE_ALARM, LOGIT_FIRMS - 1);
    out->sample = total;
    out->passed = total > 0 && pearson <= out->limit;
    out->detail_count = LOGIT_FIRMS;
    for (int j = 0; j < LOGIT_FIRMS; j++) {
        snprintf(out->detail[j].label, sizeof out->detail[j].label,
                 "share of firm %c", 'a' + j);
        out->detail[j].simulated = total ? (double)units[j] / (double)total : NAN;
        out->detail[j].theory = p[j];
    }
    return MISHI_OK;
}

typedef mishi_status (*validation_case)(double scale, int threads,
                                        mishi_validation *out,
                                        mishi_error *err);

static const struct {
    const char *name, *reference, *statistic;
    validation_case run;
} cases[] = {
    {"logit-shares", "multinomial logit shares (McFadden 1974)",
     "Pearson X^2 of units per firm against logit probabilities (df 4)",
     logit_shares},
};

size_t mishi_validation_count(void) { return sizeof cases / sizeof cases[0]; }

mishi_status mishi_validation_run(size_t index, double scale, int threads,
                                  mishi_validation *out, mishi_error *err) {
    if (!out || index >= mishi_validation_count() || !(scale > 0.0))
        return mishi_error_set(err, MISHI_EARG,
                               "validation case %zu at scale %g: no such case "
                               "or size", index, scale);
    *out = (mishi_validation){.name = cases[index].name,
                              .reference = cases[index].reference,
                              .statistic = cases[index].statistic,
                              .measured = NAN, .expected = NAN, .limit = NAN};
    return cases[index].run(scale, threads, out, err);
}
