/*
 * strategy.c — each firm sets the quality it ships this week, by its rule.
 *
 * The rules, one per firm class (firms[].strategy):
 *  - fixed: ship the design quality, always (the western "retention" firm);
 *  - fade: quality_fade.c, "the first product is made with as much precision
 *    as possible ... over time, the Chinese manufacturers tend to skimp";
 *  - train-station: train_station.c, cut quality when buyers look disloyal;
 *  - quantity-mandate: "Chinese firms fulfilled CCP mandates on product
 *    quantity with little to no regard on quality and client satisfaction":
 *    ship the quality floor and price at unit cost, to sell the most units;
 *  - profit-seeking: profit_seeking.c, move quality the way profit rose.
 * Unit cost follows the quality shipped, so skimping is a saving that goes
 * to margin.
 *
 * Invariant: quality_floor <= shipped quality <= design quality, except
 * that a floor above the design quality is the floor.
 */
#include <string.h>

#include "sim.h"

static void reset_week(firm *f) {
    f->units = f->new_customers = f->repeat_buyers = f->defections = 0;
    f->complaints = f->resolved = 0;
    f->revenue = f->cost = f->profit = 0.0;
    f->acquisition_spend = f->retention_spend = 0.0;
    f->resolve_probability = 0.0;
}

static double rule_quality(const mishi_firm_class *c, firm *f, int week) {
    switch (f->strategy) {
    case MISHI_STRATEGY_FADE: return fade_quality(c, f, week);
    case MISHI_STRATEGY_TRAIN_STATION:
        train_station_review(c, f, week);
        return f->shipped_quality;
    case MISHI_STRATEGY_QUANTITY: return c->quality_floor;
    case MISHI_STRATEGY_PROFIT_SEEKING:
        profit_seeking_review(c, f, week);
        return f->shipped_quality;
    default: return f->design_quality;
    }
}

mishi_status strategy_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active) continue;
        const mishi_firm_class *c = firm_class_of(sim, f);
        reset_week(f);
        f->shipped_quality = rule_quality(c, f, week);
        f->unit_cost = firm_unit_cost(c, f->shipped_quality, f->cumulative_units);
        if (f->strategy == MISHI_STRATEGY_QUANTITY) f->price = f->unit_cost;
    }
    return MISHI_OK;
}
