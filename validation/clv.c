/*
 * clv.c — customer lifetime value with constant retention
 * (Gupta & Lehmann 2003; Blattberg, Kim & Neslin 2008): a customer who
 * stays with probability r each period and brings margin m each period it
 * stays is worth, discounted at rate d per period,
 *     E[V] = sum_{k>=1} m r^k / (1 + d)^k = m r / (1 + d - r).
 *
 * In mishi: two firms, full information, no learning, word of mouth or
 * failures, and every consumer replaces its device every week
 * (device_life_weeks 1), so each week is one purchase occasion and firm
 * a keeps a buyer with its logit probability r, the same every week.
 * Price does not enter the choice (w_price 0) and unit cost is flat, so
 * each unit firm a sells brings m = price - cost_base.
 *
 * The tool follows every customer firm a acquires (a purchase from a by a
 * buyer whose previous device came from elsewhere) through the agent-level
 * purchase records, adds m / (1 + d)^k for its k-th repeat purchase, and
 * stops at its first defection. Customers acquired in the first half of
 * the run are followed for up to CLV_HORIZON repeats, which truncates the
 * sum at a term below 1e-10 of m. Their values are independent (each
 * purchase is a fresh logit draw), so the mean is within the normal
 * quantile of its standard error, computed from the exact variance of
 * V = m delta (1 - delta^K) / (1 - delta), K geometric, delta = 1/(1+d).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"

#define CLV_HORIZON 104 /* repeats followed; (r/(1+d))^104 < 1e-10 */
#define CLV_SURVIVAL 24 /* retention curve points */

static const double clv_beta = 2.0;
static const double clv_retention = 0.8; /* firm a's logit probability */
static const double clv_price = 1.5, clv_cost = 0.5; /* margin 1 */
static const double clv_discount = 0.01; /* per week: the firm's, not the model's */

static const char clv_yaml[] =
    "name: validate-customer-lifetime-value\n"
    "seed: 2003\n"
    "weeks: 208\n"
    "consumers: {transient_share: 0, friends: 0, consider_all: 1,\n"
    "            failure_rate: 0, device_life_weeks: 1}\n"
    "choice: {w_quality: 0, w_loyalty: 0, w_wom: 0, w_brand: 1, w_price: 0}\n"
    "firms:\n"
    "  - {name: a, count: 1, cash: 1e12, cost_quality: 0, scale_elasticity: 0}\n"
    "  - {name: b, count: 1, cash: 1e12, brand_min: 0, brand_max: 0}\n";

static mishi_status clv_scenario(double scale, mishi_scenario **sc,
                                 mishi_error *err) {
    /* brand gap that gives firm a the logit probability clv_retention */
    double brand = log(clv_retention / (1.0 - clv_retention)) / clv_beta;
    const validation_setting settings[] = {
        {"consumers.count", (double)validation_consumers(scale, 100000, 1000)},
        {"choice.beta", clv_beta},
        {"firms.a.brand_max", brand},
        {"firms.a.brand_min", brand},
        {"firms.a.price", clv_price},
        {"firms.a.cost_base", clv_cost},
    };
    return validation_scenario(clv_yaml, "customer-lifetime-value", settings,
                               VALIDATION_COUNT(settings), sc, err);
}

/* One customer of firm a, from acquisition to first defection. */
typedef struct customer {
    int open;     /* still a customer and being followed */
    int repeats;  /* repeat purchases so far */
    double value; /* discounted margin of those repeats */
} customer;

typedef struct clv_tally {
    double sum, squares; /* of closed customers' values */
    int64_t closed;
    int64_t survived[CLV_SURVIVAL + 1]; /* customers with >= k repeats */
} clv_tally;

static void close_customer(customer *c, clv_tally *t) {
    t->sum += c->value, t->squares += c->value * c->value, t->closed++;
    for (int k = 0; k <= CLV_SURVIVAL && k <= c->repeats; k++) t->survived[k]++;
    c->open = 0;
}

/* One purchase record: acquisition, repeat or defection for firm a (0). */
static void follow(customer *c, const mishi_purchase_row *b, int week,
                   clv_tally *t) {
    double margin = clv_price - clv_cost;
    if (c->open && b->firm != 0) {
        close_customer(c, t); /* defected */
    } else if (c->open) {
        c->repeats++;
        c->value += margin * pow(1.0 + clv_discount, -c->repeats);
        if (c->repeats == CLV_HORIZON) close_customer(c, t);
    } else if (b->firm == 0 && b->previous != 0 && week <= CLV_HORIZON) {
        *c = (customer){.open = 1};
    }
}

/* Every consumer, followed while it is firm a's customer. */
typedef struct clv_run {
    customer *people;
    clv_tally *tally;
} clv_run;

static mishi_status clv_start(void *state, const mishi_sim *sim,
                              mishi_error *err) {
    clv_run *run = state;
    run->people = calloc((size_t)mishi_sim_consumers(sim), sizeof *run->people);
    return run->people ? MISHI_OK
                       : mishi_error_set(err, MISHI_ENOMEM, "out of memory");
}

static void clv_purchase(void *state, const mishi_sim *sim,
                         const mishi_purchase_row *b) {
    clv_run *run = state;
    follow(&run->people[b->consumer], b, mishi_sim_week(sim), run->tally);
}

static mishi_status run_customers(double scale, int threads, clv_tally *t,
                                  mishi_error *err) {
    mishi_scenario *sc = NULL;
    clv_run run = {NULL, t};
    const validation_watch watch = {.state = &run, .start = clv_start,
                                    .purchase = clv_purchase};
    mishi_status rc = clv_scenario(scale, &sc, err);
    if (!rc) rc = validation_run(sc, threads, &watch, err);
    mishi_scenario_free(sc);
    free(run.people);
    return rc;
}

/* Mean and variance of V = m delta (1 - delta^K) / (1 - delta) for K
 * geometric, P(K = k) = (1 - r) r^k. */
static void clv_theory(double *mean, double *variance) {
    double r = clv_retention, m = clv_price - clv_cost;
    double delta = 1.0 / (1.0 + clv_discount), scale = m * delta / (1.0 - delta);
    double e1 = (1.0 - r) / (1.0 - r * delta);
    double e2 = (1.0 - r) / (1.0 - r * delta * delta);
    *mean = m * r / (1.0 + clv_discount - r);
    *variance = scale * scale * (e2 - e1 * e1);
}

mishi_status validate_clv(double scale, int threads, mishi_validation *out,
                          mishi_error *err) {
    clv_tally t = {0};
    mishi_status rc = run_customers(scale, threads, &t, err);
    if (rc) return rc;
    double mean_theory, variance;
    clv_theory(&mean_theory, &variance);
    double mean = t.closed ? t.sum / (double)t.closed : NAN;
    double se = sqrt(variance / (double)t.closed);
    out->measured = fabs(mean - mean_theory) / se;
    out->expected = 0.0, out->limit = validation_z(1);
    out->sample = t.closed;
    out->passed = t.closed > 0 && out->measured <= out->limit;
    validation_detail(out, "mean value per customer", mean, mean_theory);
    validation_detail(out, "standard deviation of value",
                      sqrt(t.squares / (double)t.closed - mean * mean),
                      sqrt(variance));
    validation_detail(out, "retention r",
                      (double)t.survived[1] / (double)t.closed, clv_retention);
    validation_panel(out, "retention", "repeat purchases k",
                     "share of customers still retained", 0);
    for (int k = 0; !rc && k <= CLV_SURVIVAL; k++)
        rc = validation_point(out, "retained after k repeats", k,
                              (double)t.survived[k] / (double)t.closed,
                              pow(clv_retention, k), err);
    return rc;
}
