/*
 * resale.h — private reselling of flash-sale units (resale.c).
 */
#ifndef MISHI_RESALE_H
#define MISHI_RESALE_H

#include "sim.h"

void resale_free(mishi_sim *sim);

/* Whether the flash-sale winner of record b buys to resell (a draw of
 * resale.reseller_share). */
int resale_buys_to_resell(const mishi_sim *sim, const purchase *b);
/* Record b's unit joins its maker's pool; the buyer keeps its device. */
mishi_status resale_put(mishi_sim *sim, firm *f, purchase *b);
/* Each firm with devices in its pool: this week's asking price and their
 * mean quality, from the week's unmet demand so far. */
void resale_open(mishi_sim *sim);
/* Whether a second-hand device of f's is on offer this week. */
static inline int resale_offered(const firm *f) { return f->resale_pool > 0; }
/* The oldest device of f's pool goes to record b, which chose it; 0 if
 * the pool is empty. */
int resale_take(mishi_sim *sim, firm *f, purchase *b);
/* The tally of a second-hand purchase: the market's resale units and the
 * money its buyers paid. */
void resale_tally(mishi_sim *sim, const purchase *b);

#endif
