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
 * in theory each unit firm a sells brings m = price - cost_base.
 *
 * The margin is not computed here: it is read from firm a's own books,
 * so the engine's accounting is checked against the theory too. Each
 * week the tool reads firm a's row (mishi_firm_row) and takes
 *     m_t = (revenue_t - cost_t) / units_t,
 * the firm's whole profit per unit sold. The scenario leaves firm a no
 * other cost — no fixed cost, no advertising (acquisition_budget 0) and no
 * complaints to resolve (complaint_propensity 0) — so the books must show
 * m_t = price - cost_base exactly; any other charge or a wrong revenue
 * moves the customers' values off the theory.
 *
 * The tool follows every customer firm a acquires (a purchase from a by a
 * buyer whose previous device came from elsewhere) through the agent-level
 * purchase records, adds m_t / (1 + d)^k for its k-th repeat purchase,
 * made in week t, and stops at its first defection. Customers acquired in
 * the first half of the run are followed for up to CLV_HORIZON repeats,
 * which truncates the sum at a term below 1e-10 of m. Their values are
 * independent (each purchase is a fresh logit draw), so the mean is within
 * the normal quantile of its standard error, computed from the exact
 * variance of V = m delta (1 - delta^K) / (1 - delta), K geometric,
 * delta = 1/(1+d).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"

#define CLV_WEEKS 208  /* the run: acquisitions in its first half */
#define CLV_HORIZON 104 /* repeats followed; (r/(1+d))^104 < 1e-10 */
#define CLV_SURVIVAL 24 /* retention curve points */
#define CLV_VALUE 40    /* value curve points; (r/(1+d))^40 < 1e-4 */
#define CLV_FIRM 0      /* firm a, whose customers are valued */
#define CLV_PERIOD 8    /* weeks per accounting period in the books' plot */

static const double clv_beta = 2.0;
static const double clv_retention = 0.8; /* firm a's logit probability */
static const double clv_price = 1.5, clv_cost = 0.5; /* margin 1 */
static const double clv_discount = 0.01; /* per week: the firm's, not the model's */

/* Firm a bears only the cost of making its units: its books' profit per
 * unit is the margin the theory states. */
static const char clv_yaml[] =
    "name: validate-customer-lifetime-value\n"
    "seed: 2003\n"
    "consumers: {transient_share: 0, friends: 0, consider_all: 1,\n"
    "            failure_rate: 0, device_life_weeks: 1,\n"
    "            complaint_propensity: 0}\n"
    "choice: {w_quality: 0, w_loyalty: 0, w_wom: 0, w_brand: 1, w_price: 0}\n"
    "firms:\n"
    "  - {name: a, count: 1, cash: 1e12, cost_quality: 0, scale_elasticity: 0,\n"
    "     fixed_cost: 0, acquisition_budget: 0}\n"
    "  - {name: b, count: 1, cash: 1e12, brand_min: 0, brand_max: 0}\n";

static mishi_status clv_scenario(long consumers, mishi_scenario **sc,
                                 mishi_error *err) {
    /* brand gap that gives firm a the logit probability clv_retention */
    double brand = log(clv_retention / (1.0 - clv_retention)) / clv_beta;
    const validation_setting settings[] = {
        {"weeks", CLV_WEEKS},
        {"consumers.count", (double)consumers},
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

/* Firm a's books week by week, as its rows report them. */
typedef struct clv_books {
    double revenue[CLV_WEEKS + 1], cost[CLV_WEEKS + 1];
    int64_t units[CLV_WEEKS + 1];
} clv_books;

typedef struct clv_tally {
    double sum, squares; /* of closed customers' values */
    double gained[CLV_HORIZON + 1]; /* over customers: their k-th repeat's value */
    int64_t closed;
    int64_t survived[CLV_SURVIVAL + 1]; /* customers with >= k repeats */
    clv_books books;
} clv_tally;

/* What the books give per unit sold: revenue, cost, and their difference,
 * the margin. */
enum { BOOK_REVENUE, BOOK_COST, BOOK_MARGIN, BOOK_ITEMS };
static const char *const book_series[BOOK_ITEMS] = {
    "revenue / units", "cost / units", "(revenue - cost) / units"};

static double book_theory(int item) {
    return item == BOOK_REVENUE ? clv_price
           : item == BOOK_COST  ? clv_cost
                                : clv_price - clv_cost;
}

/* Firm a's `item` per unit sold over weeks first..last (NaN if it sold
 * nothing then). */
static double per_unit(const clv_books *b, int item, int first, int last) {
    double money = 0.0;
    int64_t units = 0;
    for (int w = first; w <= last; w++) {
        double revenue = b->revenue[w], cost = b->cost[w];
        money += item == BOOK_REVENUE ? revenue
                 : item == BOOK_COST  ? cost
                                      : revenue - cost;
        units += b->units[w];
    }
    return units ? money / (double)units : NAN;
}

static void close_customer(customer *c, clv_tally *t) {
    t->sum += c->value, t->squares += c->value * c->value, t->closed++;
    for (int k = 0; k <= CLV_SURVIVAL && k <= c->repeats; k++) t->survived[k]++;
    c->open = 0;
}

/* One purchase record: acquisition, repeat or defection for firm a. A
 * repeat is valued at its week's margin per unit by firm a's books. */
static void follow(customer *c, const mishi_purchase_row *b, int week,
                   clv_tally *t) {
    if (c->open && b->firm != CLV_FIRM) {
        close_customer(c, t); /* defected */
    } else if (c->open) {
        c->repeats++;
        double gained = per_unit(&t->books, BOOK_MARGIN, week, week) *
                        pow(1.0 + clv_discount, -c->repeats);
        c->value += gained, t->gained[c->repeats] += gained;
        if (c->repeats == CLV_HORIZON) close_customer(c, t);
    } else if (b->firm == CLV_FIRM && b->previous != CLV_FIRM &&
               week <= CLV_HORIZON) {
        *c = (customer){.open = 1};
    }
}

/* Every consumer, followed while it is firm a's customer. */
typedef struct clv_run {
    customer *people;
    clv_tally *tally;
    int week; /* the last week whose books have been read */
} clv_run;

/* Firm a's row of the week just simulated into the books. */
static void read_books(clv_books *b, const mishi_sim *sim, int week) {
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    for (size_t k = 0; k < n; k++)
        if (rows[k].firm == CLV_FIRM) {
            b->revenue[week] = rows[k].revenue, b->cost[week] = rows[k].cost;
            b->units[week] = rows[k].units;
        }
}

static mishi_status clv_start(void *state, const mishi_sim *sim,
                              mishi_error *err) {
    clv_run *run = state;
    if (mishi_sim_weeks(sim) != CLV_WEEKS)
        return mishi_error_set(err, MISHI_EINTERNAL, "customer-lifetime-value: "
                               "%d weeks, not %d", mishi_sim_weeks(sim),
                               CLV_WEEKS);
    run->people = calloc((size_t)mishi_sim_consumers(sim), sizeof *run->people);
    return run->people ? MISHI_OK
                       : mishi_error_set(err, MISHI_ENOMEM, "out of memory");
}

/* The books are read at the week's first purchase record, before any
 * repeat of the week is valued; every unit firm a sold is a record, so
 * no week it sold in is missed. */
static void clv_purchase(void *state, const mishi_sim *sim,
                         const mishi_purchase_row *b) {
    clv_run *run = state;
    int week = mishi_sim_week(sim);
    if (run->week != week) read_books(&run->tally->books, sim, week);
    run->week = week;
    follow(&run->people[b->consumer], b, week, run->tally);
}

static mishi_status run_customers(long consumers, int threads, clv_tally *t,
                                  mishi_error *err) {
    mishi_scenario *sc = NULL;
    clv_run run = {NULL, t, 0};
    const validation_watch watch = {.state = &run, .start = clv_start,
                                    .purchase = clv_purchase};
    mishi_status rc = clv_scenario(consumers, &sc, err);
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

/* The value itself: a customer's discounted margin through its first k
 * repeats, averaged over all customers (those who left before k count
 * what they brought), against sum_{j<=k} m (r / (1 + d))^j, which rises
 * to the lifetime value m r / (1 + d - r). Every customer followed has
 * closed by the run's end, so the mean at the horizon is the statistic's
 * mean value. */
static mishi_status value_curve(mishi_validation *out, const clv_tally *t,
                                mishi_error *err) {
    mishi_status rc = MISHI_OK;
    double r = clv_retention, m = clv_price - clv_cost;
    double kept = r / (1.0 + clv_discount), value = 0.0, theory = 0.0;
    validation_panel(out, "lifetime value: mean discounted margin of the first k repeats",
                     "repeat purchases k", "value per customer", 0);
    for (int k = 0; !rc && k <= CLV_VALUE; k++) {
        if (k > 0) value += t->gained[k], theory += m * pow(kept, k);
        rc = validation_point(out, "value of the first k repeats", k,
                              value / (double)t->closed, theory, err);
    }
    return rc;
}

/* Customers retained after k repeats, against r^k. */
static mishi_status retention_curve(mishi_validation *out, const clv_tally *t,
                                    mishi_error *err) {
    mishi_status rc = MISHI_OK;
    validation_panel(out, "retention r: customers still retained after k repeats, against r^k",
                     "repeat purchases k",
                     "share of customers still retained", 0);
    for (int k = 0; !rc && k <= CLV_SURVIVAL; k++)
        rc = validation_point(out, "retained after k repeats", k,
                              (double)t->survived[k] / (double)t->closed,
                              pow(clv_retention, k), err);
    return rc;
}

/* Firm a's books per unit sold, by accounting period of CLV_PERIOD weeks
 * (x: the period's middle week), against price, cost_base and their
 * difference. */
static mishi_status books_curves(mishi_validation *out, const clv_books *b,
                                 mishi_error *err) {
    mishi_status rc = MISHI_OK;
    validation_panel(out, "margin m = price - cost_base: firm a's books per unit sold",
                     "week",
                     "money per unit", 0);
    for (int item = 0; item < BOOK_ITEMS; item++)
        for (int w = 1; !rc && w + CLV_PERIOD - 1 <= CLV_WEEKS; w += CLV_PERIOD)
            rc = validation_point(out, book_series[item],
                                  w + (CLV_PERIOD - 1) / 2.0,
                                  per_unit(b, item, w, w + CLV_PERIOD - 1),
                                  book_theory(item), err);
    return rc;
}

mishi_status validate_clv(long consumers, int threads, mishi_validation *out,
                          mishi_error *err) {
    clv_tally t = {0};
    mishi_status rc = run_customers(consumers, threads, &t, err);
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
    validation_detail(out, "margin m, firm a's books",
                      per_unit(&t.books, BOOK_MARGIN, 1, CLV_WEEKS),
                      book_theory(BOOK_MARGIN));
    rc = value_curve(out, &t, err);
    if (!rc) rc = retention_curve(out, &t, err);
    return rc ? rc : books_curves(out, &t.books, err);
}
