/*
 * logit.c — multinomial logit shares (McFadden 1974), without and with an
 * outside good.
 *
 * With full information, no learning and no word of mouth, a shopper's
 * choice in a week is an independent draw from the multinomial logit over
 * its alternatives: the firms, P_j = exp(beta V_j) / sum_k exp(beta V_k),
 * and with choice.outside_option also buying nothing, of utility V_0, which
 * then joins the denominator of every P. The case runs the same market
 * twice: "firms only" (five categories) and "outside good" (the five firms
 * and "no purchase"), on different seeds so that the two samples are
 * independent.
 *
 * The counting unit is a shopper's choice in a week: a shopper who buys
 * nothing looks again after consumers.outside_wait_weeks and chooses anew,
 * so one consumer may count several times. The counts are read from the
 * simulation's own rows, never rebuilt here: a firm's category is its
 * units (firm rows), "no purchase" is the market row's no_purchase, and
 * the number of choices is the market row's shoppers. The rows must add
 * up (units + no_purchase = shoppers, no shopper unserved), or the case
 * fails.
 *
 * Statistic: Pearson's X^2 of each market's counts against N P_j follows
 * chi-square with categories - 1 degrees of freedom (4 and 5; the number
 * of choices N is random, but each choice is a fresh draw whatever came
 * before, so the martingale central limit theorem gives the same limit).
 * The two markets' samples are independent, so their X^2 add to one
 * chi-square with 4 + 5 = 9 degrees of freedom: the case makes that one
 * comparison, and passes if the sum is below the chi-square quantile at
 * the false-alarm rate. The detail rows give each market's X^2 apart.
 */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>

#include "cases.h"

#define LOGIT_FIRMS 5
#define LOGIT_NOTHING LOGIT_FIRMS /* the category of buying nothing */
#define LOGIT_CATEGORIES (LOGIT_FIRMS + 1)
#define LOGIT_MARKETS 2

/* Five firms that differ in brand and price only. */
static const double logit_brand[LOGIT_FIRMS] = {0.1, 0.3, 0.5, 0.9, 0.0};
static const double logit_price[LOGIT_FIRMS] = {1.0, 1.0, 1.2, 1.5, 0.8};
static const double logit_beta = 2.0;
/* V_0 = -0.5 lies above every firm's V_j (-0.6 to -0.9): buying nothing
 * is the likeliest single choice, about a quarter of them. */
static const double logit_outside_utility = -0.5;
/* A shopper who buys nothing looks again after 4 weeks on average, so it
 * chooses many times in the 104 weeks. */
static const double logit_outside_wait = 4.0;

/* The two markets: a name for labels and plot series, whether buying
 * nothing is an alternative, and the seed. */
static const struct {
    const char *name;
    int outside;
    double seed;
} logit_markets[LOGIT_MARKETS] = {
    {"firms only", 0, 1969},
    {"outside good", 1, 1974},
};

static const char logit_yaml[] =
    "name: validate-logit-shares\n"
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

/* Brands and prices from the arrays the theory reads (one source for
 * both). */
static mishi_status set_firms(mishi_scenario *sc, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    for (int j = 0; !rc && j < LOGIT_FIRMS; j++) {
        char path[64];
        /* max first: each --set must keep min <= max */
        const char *keys[] = {"brand_max", "brand_min", "price"};
        double values[] = {logit_brand[j], logit_brand[j], logit_price[j]};
        for (int k = 0; !rc && k < 3; k++) {
            snprintf(path, sizeof path, "firms.%d.%s", j, keys[k]);
            rc = validation_set(sc, path, values[k], err);
        }
    }
    return rc;
}

/* Market `m`'s scenario, resized: consumers.count scales the sample. */
static mishi_status logit_scenario(int m, long consumers, mishi_scenario **sc,
                                   mishi_error *err) {
    const validation_setting settings[] = {
        {"seed", logit_markets[m].seed},
        {"consumers.count", (double)consumers},
        {"consumers.outside_wait_weeks", logit_outside_wait},
        {"choice.beta", logit_beta},
        {"choice.outside_option", logit_markets[m].outside},
        {"choice.outside_utility", logit_outside_utility},
    };
    mishi_status rc = validation_scenario(logit_yaml, "logit-shares", settings,
                                          VALIDATION_COUNT(settings), sc, err);
    if (!rc) rc = set_firms(*sc, err);
    return rc;
}

/* One market's choices over the run, as its rows report them. */
typedef struct logit_tally {
    int64_t chose[LOGIT_CATEGORIES]; /* firms' units, then no_purchase */
    int64_t shoppers;
} logit_tally;

static void add_week(void *state, const mishi_sim *sim) {
    logit_tally *t = state;
    const mishi_market_row *market = mishi_sim_market(sim);
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    for (size_t k = 0; k < n; k++)
        if (rows[k].firm >= 0 && rows[k].firm < LOGIT_FIRMS)
            t->chose[rows[k].firm] += rows[k].units;
    t->chose[LOGIT_NOTHING] += market->no_purchase;
    t->shoppers += market->shoppers;
}

static mishi_status run_market(int m, long consumers, int threads,
                               logit_tally *t, mishi_error *err) {
    mishi_scenario *sc = NULL;
    const validation_watch watch = {.state = t, .week = add_week};
    mishi_status rc = logit_scenario(m, consumers, &sc, err);
    if (!rc) rc = validation_run(sc, threads, &watch, err);
    mishi_scenario_free(sc);
    return rc;
}

static double category_utility(int j) {
    return j == LOGIT_NOTHING ? logit_outside_utility
                              : logit_brand[j] - logit_price[j];
}

/* The logit probabilities of market m's categories; returns how many. */
static int logit_probabilities(int m, double p[LOGIT_CATEGORIES]) {
    int n = logit_markets[m].outside ? LOGIT_CATEGORIES : LOGIT_FIRMS;
    double total = 0.0;
    for (int j = 0; j < n; j++)
        total += p[j] = exp(logit_beta * category_utility(j));
    for (int j = 0; j < n; j++) p[j] /= total;
    return n;
}

/* Pearson's X^2 of the first n counts against the probabilities p. */
static double pearson_statistic(const int64_t *counts, const double *p, int n,
                                int64_t total) {
    double pearson = 0.0;
    for (int j = 0; j < n; j++) {
        double expected = p[j] * (double)total;
        pearson += (counts[j] - expected) * (counts[j] - expected) / expected;
    }
    return pearson;
}

/* "outside good: share of a", "outside good: no purchase", ... */
static void category_label(char *label, size_t size, int m, int j) {
    if (j == LOGIT_NOTHING)
        snprintf(label, size, "%s: no purchase", logit_markets[m].name);
    else
        snprintf(label, size, "%s: share of %c", logit_markets[m].name, 'a' + j);
}

/* Market m's shares against theory, as detail rows and plot points (x:
 * the category, 1-5 the firms, 6 buying nothing). */
static mishi_status report_shares(mishi_validation *out, int m,
                                  const logit_tally *t, const double *p, int n,
                                  mishi_error *err) {
    mishi_status rc = MISHI_OK;
    for (int j = 0; !rc && j < n; j++) {
        char label[32];
        double share = t->shoppers ? (double)t->chose[j] / (double)t->shoppers
                                   : NAN;
        category_label(label, sizeof label, m, j);
        validation_detail(out, label, share, p[j]);
        rc = validation_point(out, logit_markets[m].name, j + 1, share, p[j],
                              err);
    }
    return rc;
}

/* Shoppers the rows put in no category: 0 when they add up. */
static int64_t unaccounted(const logit_tally *t, int n) {
    int64_t counted = 0;
    for (int j = 0; j < n; j++) counted += t->chose[j];
    return t->shoppers - counted;
}

/* The case's comparison, summed over the markets. */
typedef struct logit_sum {
    double pearson;  /* X^2 */
    int df;          /* its degrees of freedom */
    int64_t choices; /* the shoppers' choices counted */
    int64_t stray;   /* shoppers the rows put in no category */
    int empty;       /* markets with no choice at all */
} logit_sum;

/* Market m's comparison: its detail rows and points, added to *sum. */
static mishi_status compare_market(mishi_validation *out, int m,
                                   const logit_tally *t, logit_sum *sum,
                                   mishi_error *err) {
    double p[LOGIT_CATEGORIES];
    char label[32];
    int n = logit_probabilities(m, p);
    double x2 = pearson_statistic(t->chose, p, n, t->shoppers);
    mishi_status rc = report_shares(out, m, t, p, n, err);
    snprintf(label, sizeof label, "%s: X^2, df %d", logit_markets[m].name,
             n - 1);
    validation_detail(out, label, x2, n - 1); /* theory: chi-square's mean */
    snprintf(label, sizeof label, "%s: choices", logit_markets[m].name);
    validation_detail(out, label, (double)t->shoppers, NAN);
    sum->pearson += x2, sum->df += n - 1, sum->choices += t->shoppers;
    sum->stray += unaccounted(t, n), sum->empty += t->shoppers == 0;
    return rc;
}

mishi_status validate_logit(long consumers, int threads, mishi_validation *out,
                            mishi_error *err) {
    logit_tally t[LOGIT_MARKETS] = {{{0}, 0}};
    mishi_status rc = MISHI_OK;
    for (int m = 0; !rc && m < LOGIT_MARKETS; m++)
        rc = run_market(m, consumers, threads, &t[m], err);
    if (rc) return rc;
    logit_sum sum = {0};
    validation_panel(out, "shares of choices", "alternative", "share of choices", 0);
    out->panel[out->panel_count - 1].categories =
        "firm_a firm_b firm_c firm_d firm_e no_purchase";
    for (int m = 0; !rc && m < LOGIT_MARKETS; m++)
        rc = compare_market(out, m, &t[m], &sum, err);
    if (rc) return rc;
    validation_detail(out, "shoppers in no category", (double)sum.stray, 0.0);
    out->measured = sum.pearson;
    out->expected = sum.df; /* the mean of chi-square(df) */
    out->limit = gsl_cdf_chisq_Qinv(VALIDATION_FALSE_ALARM, sum.df);
    out->sample = sum.choices;
    out->passed = !sum.empty && sum.stray == 0 && out->measured <= out->limit;
    return MISHI_OK;
}
