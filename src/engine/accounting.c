/*
 * accounting.c — what each firm sold, to whom, and what it earned.
 *
 * Counting (tally_step): a unit is a repeat purchase when its buyer's
 * previous device came from the same firm, a new customer otherwise; a
 * returning buyer who picks another maker is a defection for the maker it
 * left (MISSION 4: "firms read repeat-purchase rates"). Counts run in
 * parallel over fixed blocks of purchases whose sums are added in block
 * order, so sums of reals never depend on the thread count. The buyers'
 * satisfaction is counted in a second such pass once complaints are
 * resolved (accounting_step), or with the sales when the records are
 * final then (a full-information week).
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
#include <omp.h>
#include <string.h>
#include <stdlib.h>

#include "channels.h"
#include "services.h"
#include "service.h"
#include "resale.h"

/* What a stretch of purchases adds to the week's market row. Quality is
 * counted in the steps it is stored in (1/255), so its sums are exact. */
typedef struct market_counts {
    int64_t units, newcomers, complaints, repeat_units, buyers_returning,
        defections, no_purchase, unserved, reserved, missed, resale_units,
        concentration_buyers, quality_steps, resolved;
    double loyalty, concentration, resale_paid, satisfaction;
} market_counts;

/* ... and to one firm's counts (each review counter moves with its
 * week's counter). */
typedef struct firm_counts {
    int64_t units, units_direct, complaints, quality_steps, preorders_served,
        repeat_units, new_customers, defections, installed, installed_direct;
} firm_counts;

static void tally_purchase(const mishi_sim *sim, const purchase *b,
                           market_counts *m, firm_counts *per_firm) {
    (void)sim; /* read by the assertion only */
    assert(b->firm < sim->firms.count && sim->firms.at[b->firm].active);
    firm_counts *f = &per_firm[b->firm];
    f->units++, m->units++;
    if (b->flags & PURCHASE_DIRECT) f->units_direct++;
    if (b->flags & PURCHASE_NEWCOMER) m->newcomers++;
    if (b->flags & PURCHASE_COMPLAINED) f->complaints++, m->complaints++;
    m->quality_steps += b->unit_quality, f->quality_steps += b->unit_quality;
    m->loyalty += b->choice_concentration;
    if (!isnan(b->preference_concentration)) {
        m->concentration += b->preference_concentration;
        m->concentration_buyers++;
    }
    if (b->trade == TRADE_PREORDER) f->preorders_served++;
    /* a reseller keeps the device it holds, so its unit neither keeps nor
     * loses a customer: it goes to a second-hand buyer, new to the firm as
     * far as its accounts know */
    int replaces = (b->flags & PURCHASE_RETURNING) && b->trade != TRADE_RESELL;
    if (replaces && b->previous == b->firm) f->repeat_units++, m->repeat_units++;
    else f->new_customers++;
    if (!replaces) return;
    m->buyers_returning++;
    if (b->previous == b->firm) return;
    per_firm[b->previous].defections++, m->defections++;
}

/* Devices in use: the one a buyer or a departing transient had leaves its
 * maker's count (read before ownership.c hands over the new one), and the
 * one taken home joins its maker's (a unit bought to resell goes to the
 * resale pool, not into use; a second-hand one comes out of it). */
static void tally_devices(const mishi_sim *sim, const purchase *b,
                          firm_counts *per_firm) {
    const consumer_state *c = &sim->people.state[b->consumer];
    uint16_t held = c->device_firm, home = purchase_device(b);
    int replaced = home != NO_FIRM || (b->flags & PURCHASE_NEWCOMER);
    if (replaced && held != NO_FIRM) {
        per_firm[held].installed--;
        if (c->flags & CONSUMER_DIRECT) per_firm[held].installed_direct--;
    }
    if (home == NO_FIRM) return;
    per_firm[home].installed++;
    if (b->flags & PURCHASE_DIRECT) per_firm[home].installed_direct++;
}

/* A shopper who took no unit from a firm: it reserved (or kept its
 * reservation), missed a flash sale, or bought second hand. */
static void tally_trade(const mishi_sim *sim, const purchase *b,
                        market_counts *m) {
    assert(b->trade != TRADE_RETRY); /* flash.c settles every second choice */
    if (b->trade == TRADE_RESERVE || b->trade == TRADE_HOLD) m->reserved++;
    else if (b->trade == TRADE_MISSED || b->trade == TRADE_WAIT) m->missed++;
    else if (b->trade == TRADE_SECOND_HAND)
        m->resale_units++, m->resale_paid += resale_price_paid(sim, b);
}

static void tally_one(const mishi_sim *sim, const purchase *b,
                      market_counts *m, firm_counts *per_firm) {
    tally_devices(sim, b, per_firm);
    if (b->firm != NO_FIRM) tally_purchase(sim, b, m, per_firm);
    else if (b->flags & PURCHASE_OUTSIDE) m->no_purchase++;
    else if (b->trade) tally_trade(sim, b, m);
    else m->unserved++;
}

/* The satisfaction of a buyer who took a unit from a firm. */
static void count_satisfaction(const purchase *b, market_counts *m) {
    if (b->firm != NO_FIRM) m->satisfaction += b->satisfaction;
}

/* After ownership: the buyers' satisfaction, a resolved complaint's
 * included, and the complaints resolved. */
static void count_resolution(const purchase *b, market_counts *m,
                             int64_t *resolved) {
    count_satisfaction(b, m);
    if (b->firm != NO_FIRM && (b->flags & PURCHASE_RESOLVED))
        resolved[b->firm]++, m->resolved++;
}

/* Purchases are counted in parallel in blocks of a fixed size: each block's
 * market sums are its own, each thread's firm counts its own (whole
 * numbers, so their order does not matter). The block sums are added in
 * block order, so the reals never depend on the thread count. */
enum { TALLY_BLOCK = 4096 };

static void add_market(mishi_sim *sim, const market_counts *c) {
    mishi_market_row *m = &sim->market;
    m->units += c->units, m->newcomers += c->newcomers;
    m->complaints += c->complaints, m->repeat_units += c->repeat_units;
    m->buyers_returning += c->buyers_returning, m->defections += c->defections;
    m->no_purchase += c->no_purchase, m->unserved += c->unserved;
    m->reserved += c->reserved, m->missed += c->missed;
    m->resale_units += c->resale_units;
    sim->concentration_buyers += c->concentration_buyers;
    m->mean_quality += c->quality_steps / QUALITY_SCALE;
    m->loyalty_index += c->loyalty;
    m->preference_concentration += c->concentration;
    sim->resale.paid += c->resale_paid;
    m->mean_satisfaction += c->satisfaction, m->resolved += c->resolved;
}

static void add_firm(firm *f, const firm_counts *c) {
    f->units += c->units, f->review_units += c->units;
    f->units_direct += c->units_direct, f->complaints += c->complaints;
    f->preorders_served += c->preorders_served;
    f->repeat_units += c->repeat_units, f->review_repeats += c->repeat_units;
    f->new_customers += c->new_customers;
    f->defections += c->defections, f->review_defections += c->defections;
    f->installed += c->installed, f->installed_direct += c->installed_direct;
}

/* What a pass over the purchases counts: the sales (tally_step) or, after
 * ownership, the satisfaction and complaints resolved (accounting_step);
 * or, of records final when counted (tally_step_making), the sales and
 * the satisfaction at once, saving the accounts a pass over the week's
 * records. A switch rather than a function pointer, so that all are
 * inlined. The second pass keeps one count a firm, not the sales' eleven:
 * what each thread zeroes and what is merged is O(firms) a pass, which at
 * 10^5 consumers (7,000 purchases a week) cost more than the counting. */
typedef enum counting { COUNT_SALES, COUNT_RESOLUTIONS, COUNT_FINAL } counting;

static int counts_sales(counting what) { return what != COUNT_RESOLUTIONS; }

/* The bytes of one thread's firm counts, with a cache line to spare so
 * that no two threads write to one line while counting. */
static size_t thread_bytes(const mishi_sim *sim, counting what) {
    size_t one = counts_sales(what) ? sizeof(firm_counts) : sizeof(int64_t);
    return ((size_t)sim->firms.count * one / 64 + 2) * 64;
}

/* Where a block's counts go: its market counts and the thread's firm
 * counts (tally_count). */
struct tally_counter {
    mishi_sim *sim;
    counting what;
    market_counts *market;
    char *per_firm;
};

void tally_count(const tally_counter *c, size_t from, size_t to) {
    const mishi_sim *sim = c->sim;
    for (size_t i = from; i < to; i++) {
        const purchase *b = &sim->purchases[i];
        if (counts_sales(c->what) && i + LOOK_AHEAD < to) /* tally_devices reads it */
            __builtin_prefetch(sim->people.state + sim->purchases[i + LOOK_AHEAD].consumer, 0);
        if (counts_sales(c->what))
            tally_one(sim, b, c->market, (firm_counts *)c->per_firm);
        if (c->what == COUNT_RESOLUTIONS)
            count_resolution(b, c->market, (int64_t *)c->per_firm);
        if (c->what == COUNT_FINAL) { /* count_resolution, with none to resolve */
            assert(!(b->flags & PURCHASE_COMPLAINED));
            count_satisfaction(b, c->market);
        }
    }
}

/* A block's market counts are kept on the stack and each thread's firm
 * counts are its own. Each thread zeroes its own counts, so they are in
 * its core's cache when it counts. With `make` (the sales only), the
 * block's purchases are made, counted and taken home by it
 * (tally_step_making). The threads that ran. */
static int count_blocks(mishi_sim *sim, counting what, tally_maker make,
                        size_t blocks, market_counts *block, char *per_firm) {
    size_t n = sim->purchase_count, bytes = thread_bytes(sim, what);
    int teams = 1;
#pragma omp parallel num_threads(sim->threads)
    {
        char *mine = per_firm + (size_t)omp_get_thread_num() * bytes;
        memset(mine, 0, bytes);
#pragma omp master
        teams = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
        for (size_t k = 0; k < blocks; k++) {
            market_counts m = {0};
            tally_counter counter = {sim, what, &m, mine};
            size_t end = (k + 1) * TALLY_BLOCK < n ? (k + 1) * TALLY_BLOCK : n;
            if (make) make(sim, k * TALLY_BLOCK, end, &counter);
            else tally_count(&counter, k * TALLY_BLOCK, end);
            block[k] = m;
        }
    }
    return teams;
}

/* The counting passes' scratch, kept from pass to pass. Allocated afresh
 * twice a week (a few hundred kilobytes with 1,000 firms and 2 threads),
 * its pages were zeroed by one thread and faulted in again each time: the
 * tally of a 10^5-consumer market took longer on two threads than on one
 * (0.063 s against 0.039 over 520 weeks; 0.031 now). */
static void *scratch(mishi_sim *sim, size_t bytes) {
    if (bytes > sim->tally_scratch_bytes) {
        void *grown = realloc(sim->tally_scratch, bytes);
        if (!grown) return NULL;
        sim->tally_scratch = grown, sim->tally_scratch_bytes = bytes;
    }
    return sim->tally_scratch;
}

void accounting_free(mishi_sim *sim) {
    free(sim->tally_scratch);
    sim->tally_scratch = NULL, sim->tally_scratch_bytes = 0;
}

/* A firm's quality sold: its steps summed over the threads as whole
 * numbers and divided once. Divided thread by thread, the real sum hung
 * on which thread counted which block of purchases, and reputation,
 * which reads it, differed between runs on 1 and 2 threads. */
static void add_quality_sold(mishi_sim *sim, const char *per_firm, int teams) {
    size_t bytes = thread_bytes(sim, COUNT_SALES);
    for (int id = 0; id < sim->firms.count; id++) {
        int64_t steps = 0;
        for (int t = 0; t < teams; t++)
            steps += ((const firm_counts *)(per_firm + (size_t)t * bytes))[id].quality_steps;
        sim->firms.at[id].quality_sold += steps / QUALITY_SCALE;
    }
}

/* Thread t's firm counts added into the firms, thread by thread. */
static void add_firms(mishi_sim *sim, counting what, const char *per_firm,
                      int teams) {
    size_t firm_count = (size_t)sim->firms.count;
    for (int t = 0; t < teams; t++) {
        const char *theirs = per_firm + (size_t)t * thread_bytes(sim, what);
        for (size_t id = 0; id < firm_count; id++)
            if (counts_sales(what))
                add_firm(&sim->firms.at[id], &((const firm_counts *)theirs)[id]);
            else sim->firms.at[id].resolved += ((const int64_t *)theirs)[id];
    }
    if (counts_sales(what)) add_quality_sold(sim, per_firm, teams);
}

/* The week's purchases counted into the market row and the firms. */
static mishi_status count_purchases(mishi_sim *sim, counting what,
                                    tally_maker make) {
    size_t blocks = (sim->purchase_count + TALLY_BLOCK - 1) / TALLY_BLOCK;
    size_t block_bytes = blocks * sizeof(market_counts);
    char *room = scratch(sim, block_bytes + (size_t)sim->threads * thread_bytes(sim, what));
    if (!room) return MISHI_ENOMEM;
    market_counts *block = (market_counts *)room;
    int teams = count_blocks(sim, what, make, blocks, block, room + block_bytes);
    for (size_t k = 0; k < blocks; k++) add_market(sim, &block[k]);
    add_firms(sim, what, room + block_bytes, teams);
    return MISHI_OK;
}

/* Owners who resell, serially in purchase order: the pools are lists. */
static mishi_status owners_resell(mishi_sim *sim) {
    if (!(sim->params.resale.owner_share > 0.0)) return MISHI_OK;
    for (size_t k = 0; k < sim->purchase_count; k++)
        if (resale_owner_sells(sim, &sim->purchases[k])) return MISHI_ENOMEM;
    return MISHI_OK;
}

mishi_status tally_step(mishi_sim *sim, mishi_error *err) {
    return tally_step_making(sim, NULL, err);
}

mishi_status tally_step_making(mishi_sim *sim, tally_maker make, mishi_error *err) {
    mishi_market_row *m = &sim->market;
    *m = (mishi_market_row){.week = sim->week + 1};
    sim->concentration_buyers = 0;
    sim->resale.paid = 0.0;
    m->shoppers = (int64_t)sim->purchase_count;
    if (owners_resell(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for resale");
    sim->satisfaction_counted = make != NULL;
    if (count_purchases(sim, make ? COUNT_FINAL : COUNT_SALES, make))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for the tally");
    sim->totals.units += m->units, sim->totals.repeats += m->repeat_units;
    sim->totals.returning += m->buyers_returning;
    return MISHI_OK;
}

/* Retention spending: complaints resolved (the service spend), and the
 * loyalty programme's cost for every buyer who came back — in proportion
 * to its reward, so a more generous programme costs more and no programme
 * costs nothing. */
static double retention_spend(const mishi_firm_class *c, const firm *f) {
    double spend = f->service_spend;
    if (c->loyalty_reward > 0.0)
        spend += (double)f->repeat_units * c->loyalty_reward * c->loyalty_cost;
    return spend;
}

/* The week's books; returns what its buyers paid for its devices, units
 * times price (what the market's mean price is read from: the retailer's
 * margin is out of the firm's revenue, not out of the price paid). */
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
    return units * f->price;
}

/* What entrants and pricers read of the week: the mean price paid (kept
 * from the week before when nothing sold) and the mean profit per firm,
 * remembered over entry.memory_weeks. */
static void read_the_market(mishi_sim *sim, double paid, int trading) {
    const mishi_market_row *m = &sim->market;
    if (m->units > 0) sim->market_price = paid / (double)m->units;
    double mean = trading ? m->total_profit / trading : 0.0;
    sim->profit_memory += (mean - sim->profit_memory) /
                          sim->params.entry.memory_weeks;
}

mishi_status accounting_step(mishi_sim *sim, mishi_error *err) {
    if (!sim->satisfaction_counted && count_purchases(sim, COUNT_RESOLUTIONS, NULL))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for the accounts");
    double paid = 0.0;
    int trading = 0;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active) continue;
        paid += settle(firm_class_of(sim, f), f);
        sim->market.total_profit += f->profit;
        trading++;
    }
    read_the_market(sim, paid, trading);
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
