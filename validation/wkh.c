/*
 * wkh.c — buyer loyalty after Weisbuch, Kirman & Herreiner (2000).
 *
 * WKH: each buyer visits one of n sellers a step, choosing seller j with
 * the logit probability P_j = exp(beta J_j) / sum_k exp(beta J_k) over its
 * preferences J, which decay at rate gamma and grow by the profit pi of
 * each visit: J_j(t+1) = (1 - gamma) J_j(t) + pi [visited j]. In mishi
 * this is a market of n firms of one fixed quality, full information,
 * choice by loyalty alone, aspiration 0 and no quality noise (so a visit's
 * satisfaction is exactly pi), a purchase every week, no word of mouth.
 *
 * Mean field (docs/validation.md derives it): the symmetric "searching"
 * state J_j = pi / (n gamma) loses stability at beta_c = n gamma / pi. In
 * units x = beta pi / gamma the dynamics depend on x and gamma only, and
 * x_c = n. For n = 3 a loyal state also exists from x_s ~ 2.74 up, so the
 * mean field has hysteresis between x_s and x_c.
 *
 * Where the searching state loses stability is measured without waiting
 * for buyers to order (which near beta_c takes ever longer): below beta_c
 * the linear noise approximation gives the stationary fluctuation of WKH's
 * order parameter y = sum J^2 / (sum J)^2,
 *     E[y] - 1/n = gamma (n - 1) / (n s (2 - gamma s)),  s = 1 - beta/beta_c,
 * which diverges at beta_c. Inverting it at beta = beta_c / 2 turns the
 * simulated y into an estimate of beta_c. The approximation is exact as
 * gamma -> 0 with pi / gamma fixed, so the estimate must converge to
 * beta_c; at large gamma the noise of single visits orders buyers earlier
 * (L's midpoint falls below beta_c) and the linear theory no longer holds.
 * Buyers are independent, so the standard error of y comes from the
 * spread of their time averages.
 *
 * The loyalty index L = sum P^2 is recorded over a grid of beta from a
 * searching start and from a loyal one (every buyer starting with the
 * loyal fixed point's preference for one seller): the plot shows L against
 * the mean-field branches, and the hysteresis.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"

#define WKH_SELLERS 3 /* n; within the memory of MEMORY_SLOTS firms */
#define WKH_GAMMAS 4
#define WKH_GRID 13
#define WKH_RUN_LENGTH 20.0 /* weeks per run, in relaxation times 1/gamma */
#define WKH_ESTIMATE_AT 0.5 /* beta / beta_c where beta_c is estimated */
#define WKH_LOYAL_FROM 0.8  /* loyal starts from here up: past hysteresis */

/* pi = gamma in quality steps of 1/255, so that a visit's satisfaction is
 * exact and pi / gamma = 1 for every gamma: from 0.5 down to 0.004 */
static const int wkh_steps[WKH_GAMMAS] = {128, 26, 5, 1};

static double wkh_gamma(int g) { return wkh_steps[g] / 255.0; }
static const double wkh_grid[WKH_GRID] = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
                                          0.9, 1.0, 1.1, 1.2, 1.4, 1.6};

static const char wkh_yaml[] =
    "name: validate-wkh-loyalty\n"
    "seed: 2000\n"
    "consumers: {transient_share: 0, friends: 0, consider_all: 1,\n"
    "            failure_rate: 0, device_life_weeks: 1, aspiration: 0,\n"
    "            quality_noise: 0}\n"
    "choice: {w_quality: 0, w_loyalty: 1, w_wom: 0, w_brand: 0, w_price: 0}\n"
    "firms: [{name: seller, count: 3, cash: 1e12}]\n";

typedef struct wkh_run {
    double gamma, pi, ratio; /* ratio = beta / beta_c */
    int loyal_start;
    double loyalty, concentration, concentration_se; /* L, y, SE of y */
    int64_t buyers; /* whose time averages of y make the SE */
} wkh_run;

static mishi_status wkh_scenario(long consumers, const wkh_run *w,
                                 mishi_scenario **sc, mishi_error *err) {
    double beta_c = WKH_SELLERS * w->gamma / w->pi;
    const validation_setting settings[] = {
        {"consumers.count", (double)consumers},
        {"weeks", (double)lround(WKH_RUN_LENGTH / w->gamma)},
        {"consumers.memory_decay", w->gamma},
        {"choice.beta", w->ratio * beta_c},
        {"firms.seller.design_quality_min", w->pi},
        {"firms.seller.design_quality_max", w->pi},
    };
    mishi_status rc = validation_scenario(wkh_yaml, "wkh-loyalty", settings,
                                          VALIDATION_COUNT(settings), sc, err);
    /* the loyal fixed point: all of pi / gamma on the first seller visited
     * (the week-0 unit brings pi itself) */
    if (!rc && w->loyal_start)
        rc = validation_set(*sc, "consumers.initial_loyalty",
                            w->pi / w->gamma - w->pi, err);
    return rc;
}

/* What a run's second half adds up: L over all purchases, y per buyer. */
typedef struct wkh_tally {
    int from; /* the first half's last week */
    double loyalty;
    int64_t purchases, consumers;
    double *y;      /* per consumer: the sum of y over its purchases */
    int64_t *weeks; /* per consumer: those purchases */
} wkh_tally;

static mishi_status wkh_start(void *state, const mishi_sim *sim,
                              mishi_error *err) {
    wkh_tally *t = state;
    t->from = mishi_sim_weeks(sim) / 2;
    t->consumers = mishi_sim_consumers(sim);
    t->y = calloc((size_t)t->consumers, sizeof *t->y);
    t->weeks = calloc((size_t)t->consumers, sizeof *t->weeks);
    if (!t->y || !t->weeks)
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    return MISHI_OK;
}

static void wkh_purchase(void *state, const mishi_sim *sim,
                         const mishi_purchase_row *b) {
    wkh_tally *t = state;
    if (mishi_sim_week(sim) <= t->from) return;
    t->loyalty += b->choice_concentration, t->purchases++;
    if (isnan(b->preference_concentration)) return;
    t->y[b->consumer] += b->preference_concentration, t->weeks[b->consumer]++;
}

/* L's mean; y's mean over buyers and its standard error from their
 * spread (buyers are independent). */
static void wkh_summarise(const wkh_tally *t, wkh_run *w) {
    double sum = 0.0, squares = 0.0;
    int64_t buyers = 0;
    for (int64_t i = 0; i < t->consumers; i++) {
        if (!t->weeks[i]) continue;
        double mean = t->y[i] / (double)t->weeks[i];
        sum += mean, squares += mean * mean, buyers++;
    }
    if (buyers < 2) return;
    w->loyalty = t->loyalty / (double)t->purchases;
    w->concentration = sum / (double)buyers;
    double var = (squares - sum * sum / (double)buyers) / (double)(buyers - 1);
    w->concentration_se = sqrt(var / (double)buyers);
    w->buyers = buyers;
}

static mishi_status wkh_measure(const mishi_scenario *sc, int threads,
                                wkh_run *w, mishi_error *err) {
    wkh_tally t = {0};
    const validation_watch watch = {.state = &t, .start = wkh_start,
                                    .purchase = wkh_purchase};
    mishi_status rc = validation_run(sc, threads, &watch, err);
    if (!rc) wkh_summarise(&t, w);
    free(t.y), free(t.weeks);
    return rc;
}

static mishi_status wkh_simulate(long consumers, int threads, wkh_run *w,
                                 mishi_error *err) {
    mishi_scenario *sc = NULL;
    w->loyalty = w->concentration = w->concentration_se = NAN;
    mishi_status rc = wkh_scenario(consumers, w, &sc, err);
    if (!rc) rc = wkh_measure(sc, threads, w, err);
    mishi_scenario_free(sc);
    return rc;
}

/* ------------------------------------------------------- mean field */

/* Loyal fixed point: share p of preference on one seller solves
 * p = 1 / (1 + (n-1) exp(-x (n p - 1) / (n - 1))); the stable root is the
 * largest above 1/n. Returns L = p^2 + (1-p)^2/(n-1), or NaN if none. */
static double mean_field_loyal(double x) {
    const int n = WKH_SELLERS, steps = 4000;
    double root = NAN, previous = NAN;
    for (int k = 1; k < steps; k++) {
        double p = 1.0 / n + (1.0 - 1.0 / n) * k / steps;
        double g = p - 1.0 / (1.0 + (n - 1) * exp(-x * (n * p - 1.0) / (n - 1)));
        if (k > 1 && g * previous <= 0.0) root = p - 0.5 * (1.0 - 1.0 / n) / steps;
        previous = g;
    }
    return isnan(root) ? NAN : root * root + (1 - root) * (1 - root) / (n - 1);
}

/* x_s: the smallest x at which a loyal state exists (bisection). */
static double saddle_node(void) {
    double lo = 1.0, hi = WKH_SELLERS;
    for (int k = 0; k < 40; k++) {
        double mid = 0.5 * (lo + hi);
        if (isnan(mean_field_loyal(mid))) lo = mid;
        else hi = mid;
    }
    return hi;
}

/* The branch a run should follow in the mean field: searching up to
 * beta_c from a searching start, loyal down to the saddle-node from a
 * loyal start. */
static double mean_field_loyalty(double ratio, int loyal_start) {
    double loyal = mean_field_loyal(ratio * WKH_SELLERS);
    if (ratio < 1.0 && !loyal_start) return 1.0 / WKH_SELLERS;
    return isnan(loyal) ? 1.0 / WKH_SELLERS : loyal;
}

/* Linear noise: E[y] - 1/n in the searching state at s = 1 - beta/beta_c. */
static double excess_concentration(double gamma, double s) {
    const int n = WKH_SELLERS;
    return gamma * (n - 1) / (n * s * (2.0 - gamma * s));
}

/* beta_c / beta_c(theory) implied by an excess e of y at ratio beta/beta_c:
 * the s at which the linear-noise excess equals e (the root in (0, 1/gamma)). */
static double implied_critical(double gamma, double ratio, double e) {
    const int n = WKH_SELLERS;
    double disc = 1.0 - gamma * gamma * (n - 1) / (n * e);
    if (!(e > 0.0) || disc < 0.0) return NAN;
    double s = (1.0 - sqrt(disc)) / gamma;
    return ratio / (1.0 - s);
}

/* ------------------------------------------------------------ the case */

/* Where L first reaches the midpoint between 1/n and 1 along the grid
 * (linear interpolation): the jump seen in a run of the chosen length. */
static double midpoint_crossing(const wkh_run *runs, int count) {
    const double mid = 0.5 * (1.0 / WKH_SELLERS + 1.0);
    for (int k = 1; k < count; k++)
        if (runs[k - 1].loyalty < mid && runs[k].loyalty >= mid)
            return runs[k - 1].ratio + (mid - runs[k - 1].loyalty) /
                   (runs[k].loyalty - runs[k - 1].loyalty) *
                   (runs[k].ratio - runs[k - 1].ratio);
    return NAN;
}

typedef struct wkh_result {
    wkh_run search[WKH_GRID], loyal[WKH_GRID];
    int loyal_count;
    double estimate, estimate_se; /* beta_c estimate / beta_c, its SE */
    int64_t buyers;               /* the estimate's independent samples */
    double jump_up, jump_down;    /* midpoint crossings, both starts */
} wkh_result;

/* Every run for one gamma: the grid from a searching start, its upper
 * part from a loyal start; then the estimate of beta_c and the jumps. */
static mishi_status wkh_gamma_sweep(long consumers, int threads, int g,
                                    wkh_result *r, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    double gamma = wkh_gamma(g), pi = gamma;
    r->loyal_count = 0;
    for (int k = 0; !rc && k < WKH_GRID; k++) {
        r->search[k] = (wkh_run){.gamma = gamma, .pi = pi, .ratio = wkh_grid[k]};
        rc = wkh_simulate(consumers, threads, &r->search[k], err);
        if (rc || wkh_grid[k] < WKH_LOYAL_FROM) continue;
        wkh_run *loyal = &r->loyal[r->loyal_count++];
        *loyal = (wkh_run){.gamma = gamma, .pi = pi,
                           .ratio = wkh_grid[k], .loyal_start = 1};
        rc = wkh_simulate(consumers, threads, loyal, err);
    }
    if (rc) return rc;
    const wkh_run *at = &r->search[0];
    for (int k = 0; k < WKH_GRID; k++)
        if (r->search[k].ratio == WKH_ESTIMATE_AT) at = &r->search[k];
    double e = at->concentration - 1.0 / WKH_SELLERS;
    r->estimate = implied_critical(gamma, at->ratio, e);
    r->estimate_se = fabs(implied_critical(gamma, at->ratio,
                                           e + at->concentration_se) - r->estimate);
    r->buyers = at->buyers;
    r->jump_up = midpoint_crossing(r->search, WKH_GRID);
    r->jump_down = midpoint_crossing(r->loyal, r->loyal_count);
    return MISHI_OK;
}

/* L from each start at each gamma as points; with `mean_field`, the mean
 * field's branch for that start instead, once (it does not depend on
 * gamma in units of beta_c). */
static mishi_status loyalty_points(mishi_validation *out, const wkh_run *runs,
                                   int count, int mean_field, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    for (int k = 0; !rc && k < count; k++) {
        char series[48];
        const char *start = runs[k].loyal_start ? "loyal" : "searching";
        if (mean_field)
            snprintf(series, sizeof series, "mean field, %s branch", start);
        else
            snprintf(series, sizeof series, "%s start, gamma %.2g", start,
                     runs[k].gamma);
        double theory = mean_field_loyalty(runs[k].ratio, runs[k].loyal_start);
        rc = validation_point(out, series, runs[k].ratio,
                              mean_field ? NAN : runs[k].loyalty,
                              mean_field ? theory : NAN, err);
    }
    return rc;
}

/* y in the searching state below beta_c, against the linear noise
 * approximation. */
static mishi_status concentration_points(mishi_validation *out,
                                         const wkh_run *runs, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    for (int k = 0; !rc && k < WKH_GRID && runs[k].ratio < 1.0; k++) {
        char series[48];
        snprintf(series, sizeof series, "gamma %.2g", runs[k].gamma);
        rc = validation_point(out, series, runs[k].ratio,
                              runs[k].concentration - 1.0 / WKH_SELLERS,
                              excess_concentration(runs[k].gamma,
                                                   1.0 - runs[k].ratio), err);
    }
    return rc;
}

static mishi_status wkh_plots(mishi_validation *out, const wkh_result *r,
                              double saddle, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    validation_panel(out, "loyalty against choice intensity (lines: mean field)",
                     "beta / beta_c", "loyalty index L = sum P^2", 0);
    out->panel[out->panel_count - 1].paired = 1; /* a colour a gamma */
    for (int g = 0; !rc && g < WKH_GAMMAS; g++) {
        rc = loyalty_points(out, r[g].search, WKH_GRID, 0, err);
        if (!rc) rc = loyalty_points(out, r[g].loyal, r[g].loyal_count, 0, err);
    }
    const wkh_result *last = &r[WKH_GAMMAS - 1];
    if (!rc) rc = loyalty_points(out, last->search, WKH_GRID, 1, err);
    if (!rc) rc = loyalty_points(out, last->loyal, last->loyal_count, 1, err);
    validation_panel(out, "searching state (lines: linear noise)",
                     "beta / beta_c", "y - 1/n", VALIDATION_LOG_Y);
    for (int g = 0; !rc && g < WKH_GAMMAS; g++)
        rc = concentration_points(out, r[g].search, err);
    validation_panel(out, "transition points against gamma",
                     "forgetting rate gamma (pi = gamma)", "beta / beta_c", VALIDATION_LOG_X);
    for (int g = 0; !rc && g < WKH_GAMMAS; g++) {
        double gamma = wkh_gamma(g);
        rc = validation_point(out, "beta_c estimated from y at beta_c / 2",
                              gamma, r[g].estimate, 1.0, err);
        if (!rc) rc = validation_point(out, "L midpoint, searching start",
                                       gamma, r[g].jump_up, 1.0, err);
        if (!rc) rc = validation_point(out, "L midpoint, loyal start", gamma,
                                       r[g].jump_down, saddle / WKH_SELLERS, err);
    }
    return rc;
}

/* Per gamma: the estimate of beta_c / beta_c (theory 1) with its standard
 * error, and where L jumped from each start (the mean field: 1 from a
 * searching start, x_s / n from a loyal one). */
static void wkh_details(mishi_validation *out, double gamma,
                        const wkh_result *r, double saddle) {
    static const char *const what[] = {"beta_c", "SE", "up", "down"};
    const double simulated[] = {r->estimate, r->estimate_se, r->jump_up,
                                r->jump_down};
    const double theory[] = {1.0, NAN, 1.0, saddle / WKH_SELLERS};
    for (int k = 0; k < 4; k++) {
        char label[32];
        snprintf(label, sizeof label, "g=%.3g %s", gamma, what[k]);
        validation_detail(out, label, simulated[k], theory[k]);
    }
}

mishi_status validate_wkh(long consumers, int threads, mishi_validation *out,
                          mishi_error *err) {
    wkh_result *r = calloc(WKH_GAMMAS, sizeof *r);
    if (!r) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = MISHI_OK;
    double saddle = saddle_node();
    for (int g = 0; !rc && g < WKH_GAMMAS; g++) {
        rc = wkh_gamma_sweep(consumers, threads, g, &r[g], err);
        if (!rc) wkh_details(out, wkh_gamma(g), &r[g], saddle);
    }
    if (!rc) rc = wkh_plots(out, r, saddle, err);
    if (!rc) {
        /* the estimate at the smallest gamma is beta_c within its sampling
         * error, and nearer to it than at the largest gamma */
        const wkh_result *finest = &r[WKH_GAMMAS - 1], *coarsest = &r[0];
        out->measured = fabs(finest->estimate - 1.0);
        out->expected = 0.0;
        out->limit = validation_z(1) * finest->estimate_se;
        out->sample = finest->buyers;
        out->passed = out->measured <= out->limit &&
                      fabs(coarsest->estimate - 1.0) > out->measured;
    }
    free(r);
    return rc;
}
