/*
 * pricing.c — prices as firm decisions.
 *
 * Issue 11: with prices fixed per class, "undercutting and margins cannot
 * respond"; seed 002's first challenge is "domestic competition ...
 * attempting to undercut Xiaomi's more expensive but better-designed
 * products". The price rules are the rows of MISHI_PRICE_RULE_LIST
 * (params.h), each a function below:
 *  - fixed: the class's price;
 *  - cost-plus: unit cost times (1 + markup);
 *  - match: the mean price the market paid last week;
 *  - undercut: that mean, less the share `undercut`;
 *  - profit-seeking: a hill-climber on price, as profit-seeking is on
 *    quality: move the price by the share price_step the same way while
 *    mean weekly profit does not fall, turn round when it does; the first
 *    move is a cut.
 * A rule acts at the firm's reviews (every review_weeks, at its own phase)
 * and between them the price stands; every rule but fixed is held within
 * [price_min, price_max]. Firms whose strategy prices at unit cost
 * (quantity-mandate, strategy.c) are left to it.
 *
 * The market's mean price is the units-weighted mean price paid last week
 * (accounting.c keeps it); before anything is sold, the incumbents' list
 * prices' mean.
 */
#include "pricing.h"

#include <math.h>

#include "firms.h"

typedef double (*price_rule)(const mishi_sim *sim, const mishi_firm_class *c,
                             firm *f);

static double fixed_price(const mishi_sim *sim, const mishi_firm_class *c,
                          firm *f) {
    (void)sim, (void)f;
    return c->price;
}

static double cost_plus_price(const mishi_sim *sim, const mishi_firm_class *c,
                              firm *f) {
    (void)sim;
    return f->unit_cost * (1.0 + c->markup);
}

static double match_price(const mishi_sim *sim, const mishi_firm_class *c,
                          firm *f) {
    (void)c, (void)f;
    return sim->market_price;
}

static double undercut_price(const mishi_sim *sim, const mishi_firm_class *c,
                             firm *f) {
    (void)f;
    return sim->market_price * (1.0 - c->undercut);
}

/* Mean weekly profit over the period just ended against the period before:
 * keep going while it did not fall. */
static double profit_seeking_price(const mishi_sim *sim,
                                   const mishi_firm_class *c, firm *f) {
    (void)sim;
    double price = f->price;
    if (f->price_review_weeks > 0) {
        double profit = f->price_review_profit / f->price_review_weeks;
        if (f->price_reviews_done > 0 && profit < f->price_last_profit)
            f->price_direction = -f->price_direction;
        price *= 1.0 + f->price_direction * c->price_step;
        f->price_last_profit = profit;
        f->price_reviews_done++;
    }
    f->price_review_profit = 0.0;
    f->price_review_weeks = 0;
    return price;
}

static const price_rule rules[MISHI_PRICE_RULE_COUNT] = {
#define PRICE_RULE(id, name, doc, rule) rule,
    MISHI_PRICE_RULE_LIST(PRICE_RULE)
#undef PRICE_RULE
};

mishi_status pricing_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    double sum = 0.0;
    for (int id = 0; id < sim->firms.count; id++) sum += sim->firms.at[id].price;
    sim->market_price = sim->firms.count ? sum / sim->firms.count : 0.0;
    return MISHI_OK;
}

mishi_status pricing_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        const mishi_firm_class *c = firm_class_of(sim, f);
        if (!f->active || c->price_rule == MISHI_PRICE_FIXED ||
            f->strategy == MISHI_STRATEGY_QUANTITY || !firm_reviews_in(c, f, week))
            continue;
        double price = rules[c->price_rule](sim, c, f);
        f->price = fmin(fmax(price, c->price_min), c->price_max);
    }
    return MISHI_OK;
}
