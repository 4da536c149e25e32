/*
 * advertising.h — how shoppers come across firms they do not know (advertising.c).
 */
#ifndef MISHI_ADVERTISING_H
#define MISHI_ADVERTISING_H

#include "sim.h"

/* Count this week's shoppers per region and build the ad and browse
 * tables; also run at week 0 for the initial devices (population.c). */
mishi_status advertising_step(mishi_sim *sim, mishi_error *err);
void advertising_free(mishi_sim *sim);

#endif
