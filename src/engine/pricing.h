/*
 * pricing.h — each firm sets its price, by its price rule (pricing.c).
 */
#ifndef MISHI_PRICING_H
#define MISHI_PRICING_H

#include "sim.h"

/* The market's mean price before week 1: the incumbents' list prices. */
mishi_status pricing_init(mishi_sim *sim, mishi_error *err);
mishi_status pricing_step(mishi_sim *sim, mishi_error *err);

#endif
