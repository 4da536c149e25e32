/*
 * observation.h — the week's rows of firms.csv and market.csv (observation.c).
 */
#ifndef MISHI_OBSERVATION_H
#define MISHI_OBSERVATION_H

#include "sim.h"

/* Which of the scenario's mechanisms are switched on (engagement.c). */
mishi_status observation_init(mishi_sim *sim, mishi_error *err);
mishi_status observation_step(mishi_sim *sim, mishi_error *err);
void observation_free(mishi_sim *sim);

#endif
