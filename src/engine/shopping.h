/*
 * shopping.h — turnover, consideration and choice (shopping.c).
 */
#ifndef MISHI_SHOPPING_H
#define MISHI_SHOPPING_H

#include "sim.h"

/* One purchase record per consumer booked for this week. */
mishi_status shopping_step(mishi_sim *sim, mishi_error *err);
void shopping_free(mishi_sim *sim);

#endif
