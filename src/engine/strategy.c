/*
 * strategy.c — each firm sets the quality it ships this week, by its rule.
 *
 * The rules are the rows of MISHI_STRATEGY_LIST (params.h), each in its
 * own file: fixed (below), quality_fade.c, train_station.c,
 * quantity_mandate.c, profit_seeking.c. This file only dispatches: it
 * expands the same list the scenario layer reads names and docs from, so
 * a firm's strategy, its name in a scenario and its rule cannot disagree.
 * Unit cost follows the quality shipped, so skimping is a saving that
 * goes to margin.
 *
 * Invariant: quality_floor <= shipped quality <= design quality, except
 * that a floor above the design quality is the floor.
 */
#include "strategy.h"

#include <assert.h>

#include "firms.h"
#include "profit_seeking.h"
#include "quality_fade.h"
#include "quantity_mandate.h"
#include "train_station.h"

/* The western "retention" firm of seed 000: it ships what it designed. */
static double fixed_quality(const mishi_firm_class *c, firm *f, int week,
                            const market_totals *market) {
    (void)c, (void)week, (void)market;
    return f->design_quality;
}

/* The quality a firm ships this week; `market` lets a rule compare the
 * firm with the market over the same weeks. */
typedef double (*quality_rule)(const mishi_firm_class *c, firm *f, int week,
                               const market_totals *market);

static const struct {
    quality_rule quality;
    int prices_at_cost; /* the firm's price follows its unit cost */
} rules[MISHI_STRATEGY_COUNT] = {
#define STRATEGY_RULE(id, name, doc, rule, at_cost) {rule, at_cost},
    MISHI_STRATEGY_LIST(STRATEGY_RULE)
#undef STRATEGY_RULE
};

static void reset_week(firm *f) {
    f->units = f->units_direct = f->new_customers = f->repeat_units = 0;
    f->defections = 0;
    f->complaints = f->resolved = 0;
    f->posts_praise = f->posts_criticism = f->advocates = 0;
    f->revenue = f->cost = f->profit = f->quality_sold = 0.0;
    f->acquisition_spend = f->retention_spend = f->service_spend = 0.0;
    f->feedback = f->service_revenue = 0.0;
    f->preorders_served = f->flash_demand = f->flash_unmet = 0;
    f->resale_in = f->resale_units = 0;
}

mishi_status strategy_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active) continue;
        const mishi_firm_class *c = firm_class_of(sim, f);
        assert((unsigned)f->strategy < MISHI_STRATEGY_COUNT);
        reset_week(f);
        f->shipped_quality = rules[f->strategy].quality(c, f, week,
                                                        &sim->totals);
        f->unit_cost = firm_unit_cost(c, f->shipped_quality, f->cumulative_units);
        if (rules[f->strategy].prices_at_cost) f->price = f->unit_cost;
    }
    return MISHI_OK;
}
