/*
 * reputation.h — what the market says about a firm (reputation.c).
 */
#ifndef MISHI_REPUTATION_H
#define MISHI_REPUTATION_H

#include "sim.h"

/* This week's reviews join the queue; those old enough become public. */
mishi_status reputation_step(mishi_sim *sim, mishi_error *err);
void reputation_free(mishi_sim *sim);
/* The quality a shopper who does not hold f's device expects of f. */
double reputation_expected(const mishi_sim *sim, const firm *f);

#endif
