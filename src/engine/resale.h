/*
 * resale.h — private reselling: flash-sale units and owners' old devices
 * (resale.c).
 */
#ifndef MISHI_RESALE_H
#define MISHI_RESALE_H

#include "sim.h"

/* Whether anyone puts devices up for resale. */
mishi_status resale_init(mishi_sim *sim, mishi_error *err);
/* Before shopping: each pool's price and mean quality for the week. */
mishi_status resale_step(mishi_sim *sim, mishi_error *err);
void resale_free(mishi_sim *sim);
/* Tally (serially, in purchase order): the buyer of record b, replacing a
 * working device, sells the old one with probability owner_share. */
mishi_status resale_owner_sells(mishi_sim *sim, const purchase *b);

/* Whether the flash-sale winner of record b buys to resell (a draw of
 * resale.reseller_share). */
int resale_buys_to_resell(const mishi_sim *sim, const purchase *b);
/* Record b's unit joins its maker's pool; the buyer keeps its device. */
mishi_status resale_put(mishi_sim *sim, firm *f, purchase *b);
/* Whether a second-hand device of f's is on offer this week: its pool,
 * priced this week, is not empty. */
static inline int resale_offered(const firm *f) {
    return f->resale_priced && f->resale_pool > 0;
}
/* The oldest device of f's pool goes to record b, which chose it; 0 if
 * the pool is empty. */
int resale_take(mishi_sim *sim, firm *f, purchase *b);
/* What the buyer of a second-hand device paid for it (the tally adds it
 * up). */
double resale_price_paid(const mishi_sim *sim, const purchase *b);

#endif
