/*
 * lemons.c — lemons (Akerlof 1970) and reputation (Klein &
 * Leffler 1981; Shapiro 1983).
 *
 * One firm, "maker", chooses its quality by the profit-seeking rule
 * (profit_seeking.c) against a rival of fixed quality. Buyers cannot see
 * quality before buying (w_quality 0) and buy every week. Without memory
 * or word of mouth a quality cut only saves cost, so quality unravels to
 * the floor. With loyalty memory (memory_decay 1: a buyer remembers its
 * last unit) and word of mouth (friends tell what their last unit was
 * like), a cut loses repeat business a week later; quality is kept where
 * the margin on that repeat business outweighs the cost saved — the
 * Klein-Leffler condition, which a thin margin fails.
 *
 * Theory: the mean field of the same market, N -> infinity. Buyers'
 * states are independent given the firms' qualities, so the maker's weekly
 * share follows s(t+1) = G(s(t); q(t)), a logit over last week's unit and
 * what friends (drawn uniformly, so independently) report. The firm's
 * rule is then deterministic, and its time-average quality is the
 * prediction. docs/validation.md states the condition, K(q) = m(q) d ln
 * s/dq / c'(q) > 1, and why the firm's R-week horizon and the week buyers
 * take to find a change out (KL's one-shot gain) lower where it settles.
 */
#include <math.h>
#include <stdio.h>

#include "cases.h"

#define LEMONS_WEEKS 416    /* 52 reviews; the second half is measured */
#define LEMONS_REVIEW 8     /* weeks between the maker's reviews */
#define LEMONS_FRIENDS 16   /* a buyer asks 16: P(hears nothing) <= 1e-3 at s >= 0.35 */
#define LEMONS_BATCHES 8    /* batch means for the time average's error */

/* What the scenario and the mean field share; lemons_scenario sets each
 * into the scenario, so the two cannot drift apart. */
static const double lemons_beta = 4.0, lemons_aspiration = 0.5;
static const double lemons_weight = 1.0; /* w_loyalty and w_wom, when on */
static const double lemons_design = 0.9, lemons_rival = 0.7;
static const double lemons_floor = 0.1, lemons_step = 0.05;
static const double lemons_cost_base = 0.1, lemons_cost_quality = 0.5;

typedef struct lemons_run {
    double price;
    int reputation; /* loyalty memory and word of mouth on */
} lemons_run;

/* The lemons market at a thin and a wide margin, then the reputation
 * market at margins from thin to wide. */
static const lemons_run lemons_runs[] = {
    {0.3, 0}, {1.2, 0}, {0.15, 1}, {0.2, 1}, {0.4, 1}, {0.5, 1}, {0.8, 1}, {1.2, 1},
};
#define LEMONS_RUNS (int)(sizeof lemons_runs / sizeof lemons_runs[0])

/* The market's structure; its numbers come from the constants above
 * (lemons_scenario). memory_decay 1 is structure: the mean field's memory
 * is the last unit. */
static const char lemons_yaml[] =
    "name: validate-lemons\n"
    "seed: 1970\n"
    "consumers: {transient_share: 0, network_window: 1000000,\n"
    "            consider_all: 1, failure_rate: 0, device_life_weeks: 1,\n"
    "            quality_noise: 0, memory_decay: 1, complaint_propensity: 0}\n"
    "choice: {w_quality: 0, w_brand: 0, w_price: 0}\n"
    "firms:\n"
    "  - {name: maker, count: 1, strategy: profit-seeking, cash: 1e12,\n"
    "     brand_max: 0, scale_elasticity: 0, fixed_cost: 0,\n"
    "     acquisition_budget: 0, retention_budget: 0}\n"
    "  - {name: rival, count: 1, cash: 1e12, brand_max: 0,\n"
    "     scale_elasticity: 0, fixed_cost: 0, acquisition_budget: 0,\n"
    "     retention_budget: 0}\n";

static double unit_cost(double q) {
    return lemons_cost_base + lemons_cost_quality * q * q;
}

static mishi_status lemons_scenario(long consumers, const lemons_run *run,
                                    mishi_scenario **sc, mishi_error *err) {
    double weight = run->reputation ? lemons_weight : 0.0;
    /* design_quality_max before _min: each --set must keep min <= max */
    const validation_setting settings[] = {
        {"weeks", LEMONS_WEEKS},
        {"consumers.count", (double)consumers},
        {"consumers.friends", LEMONS_FRIENDS},
        {"consumers.aspiration", lemons_aspiration},
        {"choice.beta", lemons_beta},
        {"choice.w_loyalty", weight},
        {"choice.w_wom", weight},
        {"firms.maker.design_quality_max", lemons_design},
        {"firms.maker.design_quality_min", lemons_design},
        {"firms.maker.review_weeks", LEMONS_REVIEW},
        {"firms.maker.quality_step", lemons_step},
        {"firms.maker.quality_floor", lemons_floor},
        {"firms.rival.design_quality_max", lemons_rival},
        {"firms.rival.design_quality_min", lemons_rival},
        {"firms.maker.cost_base", lemons_cost_base},
        {"firms.rival.cost_base", lemons_cost_base},
        {"firms.maker.cost_quality", lemons_cost_quality},
        {"firms.rival.cost_quality", lemons_cost_quality},
        {"firms.maker.price", run->price},
        {"firms.rival.price", run->price},
    };
    return validation_scenario(lemons_yaml, "lemons", settings,
                               VALIDATION_COUNT(settings), sc, err);
}

static void record_quality(void *state, const mishi_sim *sim) {
    double *quality = state;
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    for (size_t k = 0; k < n; k++)
        if (rows[k].firm == 0) quality[mishi_sim_week(sim)] = rows[k].shipped_quality;
}

/* The maker's shipped quality, week by week, in run r. */
static mishi_status run_quality(long consumers, int threads, int r,
                                double quality[LEMONS_WEEKS + 1],
                                mishi_error *err) {
    mishi_scenario *sc = NULL;
    const validation_watch watch = {.state = quality, .week = record_quality};
    mishi_status rc = lemons_scenario(consumers, &lemons_runs[r], &sc, err);
    if (!rc) rc = validation_run(sc, threads, &watch, err);
    mishi_scenario_free(sc);
    quality[0] = lemons_design; /* where every run starts */
    return rc;
}

/* ------------------------------------------------------- mean field */

/* Satisfaction with a unit of quality q as the buyer remembers it and as
 * a friend reports it. With `stored`, at the resolution buyers keep them
 * (mishi_stored_quality, mishi_stored_satisfaction): the steps move the
 * rule's turning points, so the mean field uses them; the Klein-Leffler
 * ratio, a derivative, does not. */
static double remembered(double q, int stored) {
    if (stored) q = mishi_stored_quality(q);
    return q - lemons_aspiration;
}
static double reported(double q, int stored) {
    double s = remembered(q, stored);
    return stored ? mishi_stored_satisfaction(s) : s;
}

/* P(a buyer picks the maker) given whether it owns the maker's unit and
 * whether friends report on each firm (a firm no friend owns gets no
 * word of mouth, i.e. 0). Memory: J = last unit's satisfaction. */
static double picks_maker(int owns_maker, int hears_maker, int hears_rival,
                          double q, const lemons_run *run, int stored) {
    if (!run->reputation) return 0.5;
    double r = lemons_rival;
    double v = (owns_maker ? remembered(q, stored) : -remembered(r, stored)) +
               hears_maker * reported(q, stored) - hears_rival * reported(r, stored);
    v *= lemons_weight; /* the same weight on memory and on word of mouth */
    return 1.0 / (1.0 + exp(-lemons_beta * v));
}

/* G: next week's maker share from this week's share s and quality q. */
static double next_share(double s, double q, const lemons_run *run, int stored) {
    double all = pow(s, LEMONS_FRIENDS), none = pow(1.0 - s, LEMONS_FRIENDS);
    double both = 1.0 - all - none, share = 0.0;
    for (int own = 0; own < 2; own++)
        share += (own ? s : 1.0 - s) *
                 (both * picks_maker(own, 1, 1, q, run, stored) +
                  all * picks_maker(own, 1, 0, q, run, stored) +
                  none * picks_maker(own, 0, 1, q, run, stored));
    return share;
}

/* The fixed point of G at quality q: the share the market settles at. */
static double steady_share(double q, const lemons_run *run, int stored) {
    double s = 0.5;
    for (int w = 0; w < 1000; w++) s = next_share(s, q, run, stored);
    return s;
}

/* The profit-seeking rule on the mean-field market, with the simulation's
 * week: the review comes first (profit of the weeks before), then buyers
 * choose by last week's units, then the week's units are sold. So in the
 * first week after a change buyers still act on the old quality. */
static void mean_field_path(const lemons_run *run,
                            double quality[LEMONS_WEEKS + 1]) {
    double q = lemons_design, s = steady_share(q, run, 1);
    double profit = 0.0, last = 0.0;
    int direction = -1, reviews = 0;
    quality[0] = q;
    for (int week = 1; week <= LEMONS_WEEKS; week++) {
        if (week > 1 && (week - 1) % LEMONS_REVIEW == 0) {
            if (reviews++ > 0 && profit < last) direction = -direction;
            last = profit, profit = 0.0;
            q += direction * lemons_step;
            q = q > lemons_design ? lemons_design : q < lemons_floor ? lemons_floor : q;
        }
        quality[week] = q;
        s = next_share(s, quality[week - 1], run, 1);
        profit += s * (run->price - unit_cost(q));
    }
}

/* Mean of the second half and the standard error of that mean from batch
 * means (the path is autocorrelated over a few reviews). */
static double second_half(const double quality[LEMONS_WEEKS + 1], double *se) {
    int first = LEMONS_WEEKS / 2 + 1, length = LEMONS_WEEKS / 2;
    int batch = length / LEMONS_BATCHES;
    double means[LEMONS_BATCHES], mean = 0.0, squares = 0.0;
    for (int b = 0; b < LEMONS_BATCHES; b++) {
        means[b] = 0.0;
        for (int w = 0; w < batch; w++) means[b] += quality[first + b * batch + w];
        mean += means[b] /= batch;
    }
    mean /= LEMONS_BATCHES;
    for (int b = 0; b < LEMONS_BATCHES; b++)
        squares += (means[b] - mean) * (means[b] - mean);
    *se = sqrt(squares / (LEMONS_BATCHES - 1) / LEMONS_BATCHES);
    return mean;
}

/* The Klein-Leffler margin at quality q for the reputation market:
 * repeat value lost by a cut over the one-shot saving, m d ln s / dq
 * over c'(q), at the mean field's steady share. Above 1 a cut does not
 * pay (for a firm that weighs the whole future). */
static double klein_leffler_ratio(double q, double price) {
    static const lemons_run run = {0, 1};
    double h = 1e-5;
    double slope = (log(steady_share(q + h, &run, 0)) -
                    log(steady_share(q, &run, 0))) / h;
    return (price - unit_cost(q)) * slope / (2.0 * lemons_cost_quality * q);
}

static const char *market_name(const lemons_run *run) {
    return run->reputation ? "memory + word of mouth" : "no memory, no word of mouth";
}

static mishi_status lemons_points(mishi_validation *out, int r,
                                  const double simulated[LEMONS_WEEKS + 1],
                                  const double theory[LEMONS_WEEKS + 1],
                                  mishi_error *err) {
    const lemons_run *run = &lemons_runs[r];
    char series[48];
    snprintf(series, sizeof series, "%s, price %.2f", market_name(run),
             run->price);
    mishi_status rc = MISHI_OK;
    for (int w = 0; !rc && w <= LEMONS_WEEKS; w++)
        rc = validation_point(out, series, w, simulated[w], theory[w], err);
    return rc;
}

/* The table rows and the price panel: each run's mean quality against
 * the mean field's, then the Klein-Leffler ratio at three points. */
static mishi_status lemons_margins(mishi_validation *out,
                                   const double mean[LEMONS_RUNS],
                                   const double theory[LEMONS_RUNS],
                                   mishi_error *err) {
    mishi_status rc = MISHI_OK;
    validation_panel(out, "quality kept against the margin", "price",
                     "maker's mean quality, second half", 0);
    for (int r = 0; !rc && r < LEMONS_RUNS; r++) {
        char label[32];
        snprintf(label, sizeof label, "%s p=%.2f",
                 lemons_runs[r].reputation ? "reputation" : "lemons",
                 lemons_runs[r].price);
        validation_detail(out, label, mean[r], theory[r]);
        rc = validation_point(out, market_name(&lemons_runs[r]),
                              lemons_runs[r].price, mean[r], theory[r], err);
    }
    validation_detail(out, "KL ratio q=0.1 p=0.15", NAN,
                      klein_leffler_ratio(lemons_floor, 0.15));
    validation_detail(out, "KL ratio q=0.1 p=0.20", NAN,
                      klein_leffler_ratio(lemons_floor, 0.2));
    validation_detail(out, "KL ratio q=0.9 p=1.20", NAN,
                      klein_leffler_ratio(lemons_design, 1.2));
    return rc;
}

/* The time paths of three runs: lemons and reputation at 1.2, thin 0.15. */
static mishi_status lemons_paths(mishi_validation *out,
                                 double path[][LEMONS_WEEKS + 1],
                                 double field[][LEMONS_WEEKS + 1],
                                 mishi_error *err) {
    static const int shown[] = {1, 2, 7};
    mishi_status rc = MISHI_OK;
    validation_panel(out, "quality over time", "week", "maker's shipped quality", 0);
    for (size_t k = 0; !rc && k < VALIDATION_COUNT(shown); k++)
        rc = lemons_points(out, shown[k], path[shown[k]], field[shown[k]], err);
    return rc;
}

mishi_status validate_lemons(long consumers, int threads, mishi_validation *out,
                             mishi_error *err) {
    double mean[LEMONS_RUNS], theory[LEMONS_RUNS];
    double path[LEMONS_RUNS][LEMONS_WEEKS + 1], field[LEMONS_RUNS][LEMONS_WEEKS + 1];
    double z = validation_z(LEMONS_RUNS), worst = 0.0;
    mishi_status rc = MISHI_OK;
    for (int r = 0; !rc && r < LEMONS_RUNS; r++) {
        double se, ignored;
        if ((rc = run_quality(consumers, threads, r, path[r], err))) break;
        mean_field_path(&lemons_runs[r], field[r]);
        mean[r] = second_half(path[r], &se);
        theory[r] = second_half(field[r], &ignored);
        double off = fabs(mean[r] - theory[r]) / (lemons_step + z * se);
        if (off > worst) worst = off;
    }
    if (rc) return rc;
    out->measured = worst, out->expected = 0.0, out->limit = 1.0;
    out->sample = consumers; /* buyers in each run */
    out->passed = worst <= 1.0;
    rc = lemons_margins(out, mean, theory, err);
    return rc ? rc : lemons_paths(out, path, field, err);
}
