/*
 * advertising.h — how shoppers come across firms they do not know (advertising.c).
 */
#ifndef MISHI_ADVERTISING_H
#define MISHI_ADVERTISING_H

#include "sim.h"

/* The week-0 tables, before the population: its initial devices are drawn
 * as a browse would draw them (population.c). Nobody shops yet: no ads. */
mishi_status advertising_init(mishi_sim *sim, mishi_error *err);
/* Count this week's shoppers per region and build the ad and browse
 * tables. */
mishi_status advertising_step(mishi_sim *sim, mishi_error *err);
void advertising_free(mishi_sim *sim);
/* One alias table over the firms j < n with positive weight[j]: *table
 * (NULL when none has any), *firm_of (table index -> firm id, to free)
 * and *total, the weights' sum. Also social.c's sampler of posts. */
mishi_status alias_table_build(const double *weight, int n,
                               gsl_ran_discrete_t **table, int **firm_of,
                               double *total);

#endif
