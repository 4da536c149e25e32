/*
 * flash.c — flash sales: limited batches on a schedule.
 *
 * Seed 002: "Additional innovative sales strategies have included the use
 * of flash sale events"; issue 12: "limited batches on a schedule; demand
 * beyond the batch queues or leaves; sell-out speed and unmet demand create
 * buzz that raises visibility."
 *
 * A firm class with flash_batch B > 0 sells only in flash sales: B units
 * in its launch week and every flash_every_weeks after, none between.
 * Shoppers choose it as they would any firm, every week (there is demand
 * between sales too). After the shopping phase its units go to the
 * shoppers who chose it: reservers first (preorders.c), then in the order
 * of a random key per (consumer, week) — a place in the queue, stream
 * FLASH — never in the order threads ran. A shopper left without a unit
 * waits for the next sale with probability flash_patience (it takes
 * nothing now and is held for the sale as a reserver is, preorders.c:
 * it comes back for the firm in the sale's week, without choosing
 * again, and is served among the reservers); otherwise it chooses
 * again at once, a second, parallel pass of its choice (shopping.c) among
 * the same firms less those sold out, plus the second-hand devices on
 * offer (resale.c), with its own draw (stream FLASH, id 2^32 + consumer).
 * The units left are then given out the same way; a shopper who misses
 * again takes nothing and looks again next week. A reserver not served
 * keeps its reservation for the next sale.
 *
 * Buzz: each week from its launch week on, a flash firm's buzz is
 *
 *   b_j <- b_j (1 - buzz_decay) + buzz_gain U_j / B_j
 *
 * where U_j is the week's shoppers who chose it and got no unit, and its
 * visibility in the ads and browsing tables is v_j (1 + b_j)
 * (advertising.c). If demand D arrives evenly through a sale, the batch
 * sells out in a share tau = B / D of it, so U / B = 1 / tau - 1: the buzz
 * grows with the speed of the sell-out.
 *
 * Invariant: a flash firm sells at most B units in a sale week and none
 * between sales.
 */
#include "flash.h"

#include <stdlib.h>

#include "flash_stock.h"
#include "grow.h"
#include "preorders.h"
#include "resale.h"
#include "rng.h"
#include "shopping.h"

/* The second choice's draws: stream FLASH with the consumer's id offset by
 * 2^32 (ids are below 2^32), so they are not the queue's draws. */
#define SECOND_CHOICE (UINT64_C(1) << 32)

mishi_status flash_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    for (int k = 0; k < sim->params.class_count; k++)
        if (sim->params.classes[k].flash_batch > 0) sim->flash.on = 1;
    return MISHI_OK;
}

void flash_free(mishi_sim *sim) {
    flash_market *q = &sim->flash;
    free(q->queue), free(q->retry.id);
    q->queue = NULL, q->retry = (id_list){0};
    q->queue_count = q->queue_capacity = 0;
}

/* The first sale week after `week`. */
static int next_sale(const mishi_sim *sim, const firm *f, int week) {
    int every = firm_class_of(sim, f)->flash_every_weeks;
    if (week < f->launch_week) return f->launch_week;
    return week + every - (week - f->launch_week) % every;
}

/* Each flash firm's stock for the week; money and pools as the week
 * starts. */
static void open_sales(mishi_sim *sim) {
    int week = sim->week + 1;
    sim->resale.received = 0.0;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        f->resale_pool_before = f->resale_pool;
        f->flash_stock = f->active && flash_firm(sim, f) && flash_sale_week(sim, f, week)
                             ? firm_class_of(sim, f)->flash_batch : 0;
    }
}

/* A shopper's place in this week's queues, and its patience draw. */
static uint64_t queue_key(const mishi_sim *sim, uint32_t consumer,
                          double *patience) {
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_FLASH, consumer,
                    (uint32_t)(sim->week + 1));
    uint64_t key = (uint64_t)rng_u32(&s) << 32;
    key |= rng_u32(&s);
    *patience = rng_uniform(&s);
    return key;
}

static mishi_status queue_push(mishi_sim *sim, size_t record, uint16_t firm_id,
                               int second_hand) {
    flash_market *q = &sim->flash;
    if (q->queue_count == q->queue_capacity &&
        grow_array((void **)&q->queue, &q->queue_capacity, sizeof *q->queue, 1024))
        return MISHI_ENOMEM;
    const purchase *b = &sim->purchases[record];
    double patience;
    q->queue[q->queue_count++] = (flash_place){
        .key = queue_key(sim, b->consumer, &patience), .record = (uint32_t)record,
        .firm = firm_id, .reserver = b->trade == TRADE_PREORDER,
        .second_hand = (uint8_t)second_hand};
    return MISHI_OK;
}

/* Firm by firm; new units before second-hand ones; reservers first; then
 * by key (the record breaks a tie of keys, which is next to impossible). */
static int queue_order(const void *pa, const void *pb) {
    const flash_place *a = pa, *b = pb;
    if (a->firm != b->firm) return a->firm < b->firm ? -1 : 1;
    if (a->second_hand != b->second_hand) return a->second_hand - b->second_hand;
    if (a->reserver != b->reserver) return b->reserver - a->reserver;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->record > b->record) - (a->record < b->record);
}

/* Record k joins the queue if it chose a flash firm's unit or a
 * second-hand device. */
static mishi_status queue_choice(mishi_sim *sim, size_t k) {
    const purchase *b = &sim->purchases[k];
    if (b->trade == TRADE_SECOND_HAND) return queue_push(sim, k, b->wanted, 1);
    if (b->firm != NO_FIRM && flash_firm(sim, &sim->firms.at[b->firm]))
        return queue_push(sim, k, b->firm, 0);
    return MISHI_OK;
}

/* The first round: every shopper of the week. */
static mishi_status queue_first_round(mishi_sim *sim) {
    sim->flash.queue_count = sim->flash.retry.count = 0;
    mishi_status rc = MISHI_OK;
    for (size_t k = 0; k < sim->purchase_count && !rc; k++) rc = queue_choice(sim, k);
    return rc;
}

/* The second round: those who chose again. */
static mishi_status queue_second_round(mishi_sim *sim) {
    sim->flash.queue_count = 0;
    mishi_status rc = MISHI_OK;
    for (size_t r = 0; r < sim->flash.retry.count && !rc; r++)
        rc = queue_choice(sim, sim->flash.retry.id[r]);
    return rc;
}

/* Record b missed f's units: a reserver keeps its reservation; in the
 * first round a shopper waits for the next sale or chooses again; in the
 * second it takes nothing and looks again next week. */
static mishi_status miss(mishi_sim *sim, const flash_place *place, int round) {
    purchase *b = &sim->purchases[place->record];
    const firm *f = &sim->firms.at[place->firm];
    int week = sim->week + 1;
    double patience;
    b->wanted = (uint16_t)f->id, b->firm = NO_FIRM;
    b->flags &= (uint8_t)~(PURCHASE_DIRECT | PURCHASE_COMPLAINED);
    if (place->reserver) {
        preorder_hold(sim, b, next_sale(sim, f, week));
        return MISHI_OK;
    }
    b->trade = TRADE_MISSED, b->next_week = (uint16_t)(week + 1);
    if (round == 2) return MISHI_OK;
    queue_key(sim, b->consumer, &patience);
    if (patience < firm_class_of(sim, f)->flash_patience) {
        b->trade = TRADE_WAIT; /* the book holds it for the next sale */
        b->next_week = booking_week(sim, next_sale(sim, f, week));
        return MISHI_OK;
    }
    b->trade = TRADE_RETRY;
    return id_list_add(&sim->flash.retry, place->record);
}

/* The queue served in order: a unit while the firm has stock (and some
 * winners buy to resell), a second-hand device while its pool has one. */
static mishi_status serve(mishi_sim *sim, int round) {
    flash_market *q = &sim->flash;
    if (q->queue_count) /* qsort wants a real array even for none */
        qsort(q->queue, q->queue_count, sizeof *q->queue, queue_order);
    mishi_status rc = MISHI_OK;
    for (size_t k = 0; k < q->queue_count && !rc; k++) {
        const flash_place *place = &q->queue[k];
        purchase *b = &sim->purchases[place->record];
        firm *f = &sim->firms.at[place->firm];
        if (place->second_hand) {
            if (!resale_take(sim, f, b)) rc = miss(sim, place, 2);
            continue;
        }
        f->flash_demand++;
        if (f->flash_stock == 0) {
            f->flash_unmet++;
            rc = miss(sim, place, round);
            continue;
        }
        f->flash_stock--;
        if (!place->reserver && resale_buys_to_resell(sim, b))
            rc = resale_put(sim, f, b);
    }
    return rc;
}

/* Those who missed out and did not wait choose again, in parallel: each
 * writes only its own record and reads stock and pools as the first round
 * left them. */
static void choose_again(mishi_sim *sim) {
    int64_t n = (int64_t)sim->flash.retry.count;
    uint32_t week = (uint32_t)(sim->week + 1);
#pragma omp parallel for schedule(dynamic, 256) num_threads(sim->threads)
    for (int64_t k = 0; k < n; k++) {
        purchase *b = &sim->purchases[sim->flash.retry.id[k]];
        rng_stream s;
        rng_stream_init(&s, sim->params.seed, RNG_FLASH,
                        SECOND_CHOICE + b->consumer, week);
        shopping_choose_again(sim, b, &s);
    }
}

static void update_buzz(mishi_sim *sim) {
    const mishi_flash_params *p = &sim->params.flash;
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active || !flash_firm(sim, f) || week < f->launch_week) continue;
        double batch = firm_class_of(sim, f)->flash_batch;
        f->flash_buzz = f->flash_buzz * (1.0 - p->buzz_decay) +
                        p->buzz_gain * (double)f->flash_unmet / batch;
    }
}

mishi_status flash_step(mishi_sim *sim, mishi_error *err) {
    if (!sim->flash.on && !sim->resale.on) return MISHI_OK;
    open_sales(sim);
    mishi_status rc = queue_first_round(sim);
    if (!rc) rc = serve(sim, 1);
    if (!rc) {
        choose_again(sim);
        rc = queue_second_round(sim);
    }
    if (!rc) rc = serve(sim, 2);
    if (rc) return mishi_error_set(err, rc, "out of memory for flash sales");
    update_buzz(sim);
    for (int id = 0; id < sim->firms.count; id++)
        sim->firms.at[id].flash_unmet_last = sim->firms.at[id].flash_unmet;
    return MISHI_OK;
}
