/*
 * observation.c — what the week looked like: one row per firm that traded
 * and one row for the market (the columns of firms.csv and market.csv).
 *
 * Market measures: HHI is the sum of squared unit shares; the repeat rate
 * is repeat units / units (the share of sales made to a firm's own former
 * customers, what a firm can read off its own books); the defection rate is
 * defections / returning buyers (the share of buyers replacing a device of
 * a still-trading firm who switch maker); the loyalty index is the mean
 * over buyers of sum_k P_k^2 over their logit choice probabilities — 1 when
 * every buyer's choice was certain, 1/n when it was a coin over n firms
 * (WKH's order parameter, taken on choice probabilities).
 */
#include "observation.h"

#include "engagement.h"
#include "sort_ids.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

static mishi_status rows_reserve(mishi_sim *sim, size_t n) {
    if (n <= sim->row_capacity) return MISHI_OK;
    mishi_firm_row *rows = realloc(sim->rows, n * sizeof *rows);
    if (!rows) return MISHI_ENOMEM;
    sim->rows = rows, sim->row_capacity = n;
    return MISHI_OK;
}

static double ratio(double a, double b) { return b > 0.0 ? a / b : NAN; }

static void firm_row(const mishi_sim *sim, const firm *f, mishi_firm_row *r) {
    int64_t total = sim->market.units;
    /* the padding too: a row's bytes are the same in every run (a compound
     * literal's assignment may leave the padding as it was) */
    memset(r, 0, sizeof *r);
    *r = (mishi_firm_row){
        .week = sim->week + 1, .firm = f->id, .firm_class = f->firm_class,
        .active = f->active, .units = f->units,
        .new_customers = f->new_customers, .repeat_units = f->repeat_units,
        .defections = f->defections, .complaints = f->complaints,
        .resolved = f->resolved, .units_direct = f->units_direct,
        .installed = f->installed, .revenue = f->revenue, .cost = f->cost,
        .profit = f->profit, .cash = f->cash,
        .share = total ? (double)f->units / (double)total : 0.0,
        .price = f->price, .design_quality = f->design_quality,
        .shipped_quality = f->shipped_quality, .unit_cost = f->unit_cost,
        .reputation = f->reputation,
        .repeat_rate = ratio((double)f->repeat_units, (double)f->units),
        .retention = ratio((double)f->repeat_units,
                           (double)(f->repeat_units + f->defections)),
        .acquisition_spend = f->acquisition_spend,
        .cost_per_new_customer = ratio(f->acquisition_spend, (double)f->new_customers),
        .retention_spend = f->retention_spend,
        .software_quality = f->software_quality, .rom_users = f->rom_users,
        .feedback = f->feedback, .service_revenue = f->service_revenue,
        .posts_praise = f->posts_praise, .posts_criticism = f->posts_criticism,
        .buzz = f->buzz, .service_spend = f->service_spend,
        .advocates = f->advocates,
        .reservations = f->reservations, .preorders_served = f->preorders_served,
        .flash_demand = f->flash_demand, .flash_unmet = f->flash_unmet,
        .flash_buzz = f->flash_buzz, .resale_units = f->resale_units,
        .resale_pool = f->resale_pool};
}

/* Each firm's rank by units: 1 + the firms that sold more, found by binary
 * search in the week's units in ascending order. A firm's units are
 * purchases, at most one a consumer, so they fit the 32-bit ids sort_ids
 * puts in order by radix: qsort's calls to a comparison were 60 % of this
 * step, which runs on one thread. */
static mishi_status rank_rows(mishi_sim *sim) {
    size_t n = sim->row_count;
    uint32_t *sorted = malloc((n ? n : 1) * sizeof *sorted), most = 0;
    if (!sorted) return MISHI_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        sorted[k] = (uint32_t)sim->rows[k].units;
        if (sorted[k] > most) most = sorted[k];
    }
    if (sort_ids(sorted, (uint32_t)n, (int64_t)most + 1, 1)) return free(sorted), MISHI_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = n; /* the first position above this firm */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sorted[mid] <= sim->rows[k].units) lo = mid + 1;
            else hi = mid;
        }
        sim->rows[k].rank = (int)(n - lo) + 1;
    }
    free(sorted);
    return MISHI_OK;
}

static void market_row(mishi_sim *sim) {
    mishi_market_row *m = &sim->market;
    double units = (double)m->units;
    m->mean_quality = ratio(m->mean_quality, units);
    m->loyalty_index = ratio(m->loyalty_index, units);
    m->preference_concentration = ratio(m->preference_concentration,
                                        (double)sim->concentration_buyers);
    m->adoptions = sim->adoptions;
    m->adopters = sim->people.count - sim->prospect_count;
    m->mean_satisfaction = ratio(m->mean_satisfaction, units);
    m->repeat_rate = ratio((double)m->repeat_units, units);
    m->defection_rate = ratio((double)m->defections, (double)m->buyers_returning);
    m->resale_price = ratio(sim->resale.paid, (double)m->resale_units);
    m->hhi = 0.0;
    m->active_firms = 0;
    for (size_t k = 0; k < sim->row_count; k++) {
        m->hhi += sim->rows[k].share * sim->rows[k].share;
        m->active_firms += sim->rows[k].active;
    }
    if (units == 0.0) m->hhi = NAN;
}

mishi_status observation_init(mishi_sim *sim, mishi_error *err) {
    return engagement_init(sim, err);
}

mishi_status observation_step(mishi_sim *sim, mishi_error *err) {
    int week = sim->week + 1;
    if (rows_reserve(sim, (size_t)sim->firms.count))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for firm rows");
    sim->row_count = 0;
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        if (f->active || f->exit_week == week)
            firm_row(sim, f, &sim->rows[sim->row_count++]);
    }
    if (rank_rows(sim)) return mishi_error_set(err, MISHI_ENOMEM, "out of memory for ranks");
    market_row(sim);
    engagement_observe(sim);
    return MISHI_OK;
}

void observation_free(mishi_sim *sim) {
    free(sim->rows);
    sim->rows = NULL;
    sim->row_count = sim->row_capacity = 0;
}
