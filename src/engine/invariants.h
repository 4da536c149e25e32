/*
 * invariants.h — what must hold after every week (invariants.c).
 */
#ifndef MISHI_INVARIANTS_H
#define MISHI_INVARIANTS_H

#include "sim.h"

/* 0 if the engine's invariants hold, else 1 with the first broken one
 * described in `why`. Run every week in debug builds (sim.c), and by the
 * tests. */
int sim_check_invariants(const mishi_sim *sim, char *why, size_t why_size);

#endif
