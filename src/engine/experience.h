/*
 * experience.h — the unit a buyer receives and how it feels about it (experience.c).
 */
#ifndef MISHI_EXPERIENCE_H
#define MISHI_EXPERIENCE_H

#include "sim.h"

/* The unit bought in `week` (0: the device held at the start) from the
 * firm of storefront `f`: its quality, the buyer's satisfaction and
 * whether it complains. */
void experience_receive(const mishi_sim *sim, const storefront *f,
                        int64_t consumer, int week, purchase *p);

#endif
