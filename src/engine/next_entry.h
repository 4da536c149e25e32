/*
 * next_entry.h — when a consumer will next be in the market (next_entry.c).
 */
#ifndef MISHI_NEXT_ENTRY_H
#define MISHI_NEXT_ENTRY_H

#include <gsl/gsl_rng.h>

#include "sim.h"

/* The waiting-time laws of the scenario (before any consumer is built). */
void next_entry_init(mishi_sim *sim);
/* Weeks from a purchase of a unit of stored `quality` (x255) until the
 * owner next enters the market; *fails is 1 when that entry is a failure,
 * not a planned replacement. `r` reads the caller's stream (rng_as_gsl). */
uint32_t next_entry_wait(const mishi_sim *sim, uint8_t quality, int transient,
                         gsl_rng *r, int *fails);

#endif
