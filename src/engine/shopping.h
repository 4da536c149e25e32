/*
 * shopping.h — turnover, consideration and choice (shopping.c).
 */
#ifndef MISHI_SHOPPING_H
#define MISHI_SHOPPING_H

#include "rng.h"
#include "sim.h"

/* One purchase record per consumer booked for this week. */
mishi_status shopping_step(mishi_sim *sim, mishi_error *err);
void shopping_free(mishi_sim *sim);
/* Shopper i's purchase record as it enters the market: nothing bought
 * yet; a newcomer if it is a transient moving on, else the maker of the
 * device it holds, and whether that failed and its maker still trades. */
void shopping_record_open(const mishi_sim *sim, int64_t i, purchase *out);
/* Room for n purchase records (sim->purchases), grown by half again when
 * short; MISHI_ENOMEM if there is no memory. */
mishi_status purchases_reserve(mishi_sim *sim, size_t n);
/* Record b's shopper missed a flash sale and chooses again (flash.c):
 * among the firms it considered less those sold out, plus second-hand
 * devices on offer, drawing from `choice`. Writes only the record. */
void shopping_choose_again(const mishi_sim *sim, purchase *b,
                           rng_stream *choice);

#endif
