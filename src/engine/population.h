/*
 * population.h — the consumers at week 0, their storage (population.c).
 */
#ifndef MISHI_POPULATION_H
#define MISHI_POPULATION_H

#include "sim.h"

/* Regions, transient status, week-0 devices and first market entries. */
mishi_status population_init(mishi_sim *sim, mishi_error *err);
void population_free(mishi_sim *sim);

#endif
