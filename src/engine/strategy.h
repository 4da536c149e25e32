/*
 * strategy.h — each firm sets the quality it ships this week, by its rule (strategy.c).
 */
#ifndef MISHI_STRATEGY_H
#define MISHI_STRATEGY_H

#include "sim.h"

mishi_status strategy_step(mishi_sim *sim, mishi_error *err);

#endif
