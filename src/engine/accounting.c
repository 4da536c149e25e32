/*
 * accounting.c — what each firm sold, to whom, and what it earned.
 *
 * Counting (tally_step): a unit is a repeat purchase when its buyer's
 * previous device came from the same firm, a new customer otherwise; a
 * returning buyer who picks another maker is a defection for the maker it
 * left (MISSION 4: "firms read repeat-purchase rates"). Counts run serially
 * in purchase order, so sums of reals never depend on the thread count.
 *
 * Money (accounting_step): revenue = units * price (less retailers'
 * margin, channels.c) + service revenue (services.c); cost = units * unit
 * cost + fixed_cost + acquisition_budget + retention spend, where
 * retention spend = service spend (resolved * its service's cost per
 * resolution, service.c) + the loyalty programme; cash += revenue - cost.
 * A firm whose cash falls below zero exits at the end of the week; owners keep its devices until their own replacement.
 *
 * Shoppers who took no unit from a firm are counted by what they did:
 * bought nothing, found nothing, reserved (preorders.c), missed a flash
 * sale (flash.c) or bought second hand (resale.c).
 *
 * Invariants: sum of firm units = purchases made; cash(t) = cash(t-1) +
 * revenue - cost for every firm; units + no_purchase + unserved + reserved
 * + missed + resale_units = shoppers.
 */
#include "accounting.h"

#include <assert.h>
#include <math.h>

#include "channels.h"
#include "services.h"
#include "service.h"
#include "resale.h"

static void tally_purchase(mishi_sim *sim, const purchase *b) {
    mishi_market_row *m = &sim->market;
    assert(b->firm < sim->firms.count && sim->firms.at[b->firm].active);
    firm *f = &sim->firms.at[b->firm];
    f->units++, f->review_units++;
    if (b->flags & PURCHASE_DIRECT) f->units_direct++;
    m->units++;
    if (b->flags & PURCHASE_NEWCOMER) m->newcomers++;
    if (b->flags & PURCHASE_COMPLAINED) f->complaints++, m->complaints++;
    m->mean_quality += b->unit_quality / QUALITY_SCALE;
    f->quality_sold += b->unit_quality / QUALITY_SCALE;
    m->loyalty_index += b->choice_concentration;
    if (!isnan(b->preference_concentration)) {
        m->preference_concentration += b->preference_concentration;
        sim->concentration_buyers++;
    }
    if (b->trade == TRADE_PREORDER) f->preorders_served++;
    if (b->previous == b->firm) {
        f->repeat_buyers++, f->review_repeats++, m->repeat_units++;
    } else {
        f->new_customers++;
    }
    /* a reseller keeps the device it holds: it has not left its maker */
    if (!(b->flags & PURCHASE_RETURNING) || b->trade == TRADE_RESELL) return;
    m->buyers_returning++;
    if (b->previous == b->firm) return;
    firm *left = &sim->firms.at[b->previous];
    left->defections++, left->review_defections++, m->defections++;
}

/* Devices in use: the one a buyer or a departing transient had leaves its
 * maker's count (read before ownership.c hands over the new one), and the
 * one taken home joins its maker's (a unit bought to resell goes to the
 * resale pool, not into use; a second-hand one comes out of it). */
static void tally_devices(mishi_sim *sim, const purchase *b) {
    const consumers *p = &sim->people;
    uint16_t held = p->device_firm[b->consumer], home = purchase_device(b);
    int replaced = home != NO_FIRM || (b->flags & PURCHASE_NEWCOMER);
    if (replaced && held != NO_FIRM) {
        firm *old = &sim->firms.at[held];
        old->installed--;
        if (p->flags[b->consumer] & CONSUMER_DIRECT) old->installed_direct--;
    }
    if (home == NO_FIRM) return;
    firm *f = &sim->firms.at[home];
    f->installed++;
    if (b->flags & PURCHASE_DIRECT) f->installed_direct++;
}

/* A shopper who took no unit from a firm: it reserved (or kept its
 * reservation), missed a flash sale, or bought second hand. */
static void tally_trade(mishi_sim *sim, const purchase *b) {
    mishi_market_row *m = &sim->market;
    assert(b->trade != TRADE_RETRY); /* flash.c settles every second choice */
    if (b->trade == TRADE_RESERVE || b->trade == TRADE_HOLD) m->reserved++;
    else if (b->trade == TRADE_MISSED) m->missed++;
    else if (b->trade == TRADE_SECOND_HAND) resale_tally(sim, b);
}

mishi_status tally_step(mishi_sim *sim, mishi_error *err) {
    mishi_market_row *m = &sim->market;
    *m = (mishi_market_row){.week = sim->week + 1};
    sim->concentration_buyers = 0;
    sim->resale.paid = 0.0;
    m->shoppers = (int64_t)sim->purchase_count;
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *b = &sim->purchases[k];
        if (sim->params.resale.owner_share > 0.0 && resale_owner_sells(sim, b))
            return mishi_error_set(err, MISHI_ENOMEM, "out of memory for resale");
        tally_devices(sim, b);
        if (b->firm != NO_FIRM) tally_purchase(sim, b);
        else if (b->flags & PURCHASE_OUTSIDE) m->no_purchase++;
        else if (b->trade) tally_trade(sim, b);
        else m->unserved++;
    }
    sim->totals.units += m->units, sim->totals.repeats += m->repeat_units;
    sim->totals.returning += m->buyers_returning;
    return MISHI_OK;
}

static void tally_resolutions(mishi_sim *sim) {
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *b = &sim->purchases[k];
        if (b->firm == NO_FIRM) continue;
        sim->market.mean_satisfaction += b->satisfaction;
        if (b->flags & PURCHASE_RESOLVED)
            sim->firms.at[b->firm].resolved++, sim->market.resolved++;
    }
}

/* Retention spending: complaints resolved (the service spend), and the
 * loyalty programme's cost for every buyer who came back — in proportion
 * to its reward, so a more generous programme costs more and no programme
 * costs nothing. */
static double retention_spend(const mishi_firm_class *c, const firm *f) {
    double spend = f->service_spend;
    if (c->loyalty_reward > 0.0)
        spend += (double)f->repeat_buyers * c->loyalty_reward * c->loyalty_cost;
    return spend;
}

/* The week's books; returns the revenue from devices sold (what the
 * market's mean price is read from, without services). */
static double settle(const mishi_firm_class *c, firm *f) {
    double units = (double)f->units;
    double sales = channel_revenue(c, f);
    f->service_revenue = services_revenue(c, f);
    f->revenue = sales + f->service_revenue;
    f->acquisition_spend = c->acquisition_budget;
    f->service_spend = service_spend(c, f);
    f->retention_spend = retention_spend(c, f);
    f->cost = units * f->unit_cost + c->fixed_cost + f->acquisition_spend +
              f->retention_spend;
    f->profit = f->revenue - f->cost;
    f->cash += f->profit;
    f->review_profit += f->profit, f->review_weeks_seen++;
    f->price_review_profit += f->profit, f->price_review_weeks++;
    f->loss_streak = f->profit < 0.0 ? f->loss_streak + 1 : 0;
    f->cumulative_units += units;
    return sales;
}

/* What entrants and pricers read of the week: the mean price paid (kept
 * from the week before when nothing sold) and the mean profit per firm,
 * remembered over entry.memory_weeks. */
static void read_the_market(mishi_sim *sim, double revenue, int trading) {
    const mishi_market_row *m = &sim->market;
    if (m->units > 0) sim->market_price = revenue / (double)m->units;
    double mean = trading ? m->total_profit / trading : 0.0;
    sim->profit_memory += (mean - sim->profit_memory) /
                          sim->params.entry.memory_weeks;
}

mishi_status accounting_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    tally_resolutions(sim);
    double revenue = 0.0;
    int trading = 0;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active) continue;
        revenue += settle(firm_class_of(sim, f), f);
        sim->market.total_profit += f->profit;
        trading++;
    }
    read_the_market(sim, revenue, trading);
    return MISHI_OK;
}

/* A firm leaves when its cash runs out, or after exit_loss_weeks losing
 * weeks in a row (a firm that does not wait for its cash to run out). */
static int leaves(const mishi_firm_class *c, const firm *f) {
    return f->cash < 0.0 ||
           (c->exit_loss_weeks > 0 && f->loss_streak >= c->exit_loss_weeks);
}

/* Firms leave at the end of the week. */
mishi_status exit_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (f->active && leaves(firm_class_of(sim, f), f))
            f->active = 0, f->exit_week = sim->week + 1;
    }
    return MISHI_OK;
}
