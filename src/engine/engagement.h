/*
 * engagement.h — which switched-on mechanisms have acted so far
 * (engagement.c); the public side is mishi_sim_idle_mechanisms.
 */
#ifndef MISHI_ENGAGEMENT_H
#define MISHI_ENGAGEMENT_H

#include "sim.h"

/* Which mechanisms the scenario switches on, and for which classes. */
mishi_status engagement_init(mishi_sim *sim, mishi_error *err);
/* After the week's rows are made: note the mechanisms that acted. */
void engagement_observe(mishi_sim *sim);

#endif
