/*
 * preorders.c — selling before there is a product: reservations.
 *
 * Seed 002: "They started selling to customers before they had products";
 * issue 12: "pre-orders before launch; reservers are served first when
 * units ship; a reservation can lapse."
 *
 * A firm class with preorder_weeks > 0 takes reservations from that many
 * weeks before its launch week (its open_week, firms.c). While it does,
 * shoppers consider it and choose it as they would any firm (shopping.c);
 * choosing it is a reservation: no unit is sold, the shopper keeps the
 * device it holds and comes back in the launch week — or sooner, in the
 * week its reservation lapses: each week with probability
 * reservation_lapse, so after Geom(reservation_lapse) weeks, drawn when it
 * reserves (stream PREORDER, keyed by consumer and week). Back in the
 * market, a reserver takes its reserved device without choosing again;
 * where units are scarce (flash sales, flash.c) reservers are served
 * first, and one not served keeps its reservation, and its lapse week, for
 * the next sale. A reserver whose reservation lapsed, or whose firm left
 * the market, shops as anyone does. A shopper who missed a flash sale and
 * waits for the next (flash.c) is held the same way, by a reservation
 * that lapses the week after that sale.
 *
 * The book is an array of (consumer, firm, lapse week) sorted by consumer:
 * a shopper looks itself up (binary search) only while some reservation is
 * held, and the book changes only here, serially, in purchase order, after
 * the week's sales. A week's cost is the week's shoppers, plus the book's
 * size in weeks when it changes.
 *
 * Invariants: a firm's reservations are the book's entries for it; its
 * pre-orders served this week never exceed its units.
 */
#include "preorders.h"

#include <assert.h>
#include <stdlib.h>

#include "firms.h"
#include "grow.h"
#include "rng.h"

mishi_status preorders_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    for (int k = 0; k < sim->params.class_count; k++) {
        const mishi_firm_class *c = &sim->params.classes[k];
        /* pre-orders, or shoppers who wait for a flash sale */
        if (c->preorder_weeks > 0 || (c->flash_batch > 0 && c->flash_patience > 0.0))
            sim->reservations.taken = 1;
    }
    return MISHI_OK;
}

void preorders_free(mishi_sim *sim) {
    reservation_book *book = &sim->reservations;
    free(book->at), free(book->added);
    book->at = book->added = NULL;
    book->count = book->capacity = book->added_count = book->added_capacity = 0;
}

/* The week a reservation made in `week` lapses: a pure function of the
 * consumer and the week, so the record and the book agree. */
static uint16_t lapse_week(const mishi_sim *sim, int64_t i, int week,
                           double lapse) {
    if (lapse <= 0.0) return booking_week(sim, INT64_MAX); /* never */
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_PREORDER, (uint64_t)i,
                    (uint32_t)week);
    return booking_week(sim, (int64_t)week + rng_geometric(&s, lapse));
}

static reservation *book_find(const reservation_book *book, uint32_t consumer) {
    size_t lo = 0, hi = book->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (book->at[mid].consumer < consumer) lo = mid + 1;
        else hi = mid;
    }
    return lo < book->count && book->at[lo].consumer == consumer ? &book->at[lo]
                                                                  : NULL;
}

uint16_t preorder_claim(const mishi_sim *sim, int64_t i) {
    const reservation *r = book_find(&sim->reservations, (uint32_t)i);
    if (!r || sim->week + 1 >= r->lapse_week) return NO_FIRM;
    return firm_sells_to(sim, &sim->firms.at[r->firm], i) ? r->firm : NO_FIRM;
}

void preorder_reserve(const mishi_sim *sim, int64_t i, const firm *f,
                      purchase *out) {
    int week = sim->week + 1;
    uint16_t lapse = lapse_week(sim, i, week,
                                firm_class_of(sim, f)->reservation_lapse);
    uint16_t launch = booking_week(sim, f->launch_week);
    out->trade = TRADE_RESERVE;
    out->wanted = (uint16_t)f->id;
    out->next_week = launch < lapse ? launch : lapse;
}

void preorder_hold(const mishi_sim *sim, purchase *b, int next_sale) {
    const reservation *r = book_find(&sim->reservations, b->consumer);
    assert(r && r->firm == b->wanted);
    uint16_t sale = booking_week(sim, next_sale);
    b->trade = TRADE_HOLD;
    b->next_week = sale < r->lapse_week ? sale : r->lapse_week;
}

static mishi_status book_add(reservation_book *book, reservation r) {
    if (book->added_count == book->added_capacity &&
        grow_array((void **)&book->added, &book->added_capacity,
                   sizeof *book->added, 256))
        return MISHI_ENOMEM;
    book->added[book->added_count++] = r;
    return MISHI_OK;
}

static int by_consumer(const void *a, const void *b) {
    uint32_t x = ((const reservation *)a)->consumer;
    uint32_t y = ((const reservation *)b)->consumer;
    return (x > y) - (x < y);
}

/* Drop the entries marked NO_FIRM and merge this week's in, from the back,
 * so the book stays sorted without a second array. */
static mishi_status book_merge(reservation_book *book) {
    size_t live = 0;
    for (size_t k = 0; k < book->count; k++)
        if (book->at[k].firm != NO_FIRM) book->at[live++] = book->at[k];
    size_t total = live + book->added_count;
    if (total > book->capacity) {
        size_t grown = total + total / 2;
        reservation *at = realloc(book->at, grown * sizeof *at);
        if (!at) return MISHI_ENOMEM;
        book->at = at, book->capacity = grown;
    }
    if (book->added_count)
        qsort(book->added, book->added_count, sizeof *book->added, by_consumer);
    size_t old = live, added = book->added_count, write = total;
    while (added > 0) {
        if (old > 0 && book->at[old - 1].consumer > book->added[added - 1].consumer)
            book->at[--write] = book->at[--old];
        else
            book->at[--write] = book->added[--added];
    }
    book->count = total;
    return MISHI_OK;
}

/* One shopper's reservation as the week leaves it: an old one is taken out
 * (served, lapsed, void, or kept and put back), a new or kept one put in. */
static mishi_status book_update(mishi_sim *sim, const purchase *b,
                                size_t *changes) {
    reservation_book *book = &sim->reservations;
    reservation *held = book->count ? book_find(book, b->consumer) : NULL;
    uint16_t kept_lapse = 0;
    if (held) {
        sim->firms.at[held->firm].reservations--;
        kept_lapse = held->lapse_week;
        held->firm = NO_FIRM, (*changes)++;
    }
    if (b->trade != TRADE_RESERVE && b->trade != TRADE_HOLD && b->trade != TRADE_WAIT)
        return MISHI_OK;
    const firm *f = &sim->firms.at[b->wanted];
    uint16_t lapse = b->trade == TRADE_HOLD   ? kept_lapse
                     : b->trade == TRADE_WAIT ? (uint16_t)(b->next_week + 1)
                     : lapse_week(sim, b->consumer, sim->week + 1,
                                  firm_class_of(sim, f)->reservation_lapse);
    assert(b->trade != TRADE_HOLD || held);
    sim->firms.at[b->wanted].reservations++, (*changes)++;
    return book_add(book, (reservation){b->consumer, b->wanted, lapse});
}

mishi_status preorders_step(mishi_sim *sim, mishi_error *err) {
    reservation_book *book = &sim->reservations;
    if (!book->taken) return MISHI_OK;
    book->added_count = 0;
    size_t changes = 0;
    mishi_status rc = MISHI_OK;
    for (size_t k = 0; k < sim->purchase_count && !rc; k++)
        rc = book_update(sim, &sim->purchases[k], &changes);
    if (!rc && changes) rc = book_merge(book);
    if (rc) return mishi_error_set(err, rc, "out of memory for reservations");
    return MISHI_OK;
}
