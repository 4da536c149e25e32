/*
 * preorders.h — reservations before launch (preorders.c).
 */
#ifndef MISHI_PREORDERS_H
#define MISHI_PREORDERS_H

#include "sim.h"

/* Whether some firm class takes pre-orders: the book is used at all. */
mishi_status preorders_init(mishi_sim *sim, mishi_error *err);
/* The week's reservations made, kept, served and lapsed, into the book:
 * serial, in purchase order, after the week's sales (flash.c). */
mishi_status preorders_step(mishi_sim *sim, mishi_error *err);
void preorders_free(mishi_sim *sim);

/* The firm whose device consumer i reserved and may take now (launched,
 * still in the market, not lapsed); NO_FIRM if none. Only while some
 * reservation is held; reads the book, so parallel shoppers may call it. */
uint16_t preorder_claim(const mishi_sim *sim, int64_t consumer);
/* Consumer i chose firm f before its launch: a reservation, no unit. Sets
 * the record's trade, firm reserved and next week (launch, or the lapse). */
void preorder_reserve(const mishi_sim *sim, int64_t consumer, const firm *f,
                      purchase *out);
/* A reserver a flash sale could not serve keeps its reservation: it comes
 * back in `next_sale`, or in its lapse week if that is sooner. */
void preorder_hold(const mishi_sim *sim, purchase *b, int next_sale);

#endif
