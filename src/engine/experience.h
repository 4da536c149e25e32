/*
 * experience.h — the unit a buyer receives and how it feels about it (experience.c).
 */
#ifndef MISHI_EXPERIENCE_H
#define MISHI_EXPERIENCE_H

#include "sim.h"

/* The unit bought in `week` (0: the device held at the start) from the
 * firm of storefront `f`: its quality, the buyer's satisfaction and
 * whether it complains. `first`: the first block of the buyer's
 * experience stream for the week if it was drawn ahead (rng_blocks), else
 * NULL; the same unit either way. */
void experience_receive(const mishi_sim *sim, const storefront *f,
                        int64_t consumer, int week, const uint32_t *first,
                        purchase *p);

/* The unit of quality q (noise added, if any) as it is received and
 * stored: clipped to 0..1, in steps of 1/255. */
static inline uint8_t experience_unit(double q) {
    return quality_store(q < 0.0 ? 0.0 : q > 1.0 ? 1.0 : q);
}

/* A buyer's satisfaction with a unit stored as `unit_quality`, for its
 * segment's tastes: from the stored quality, so that it matches what is
 * kept. */
static inline float experience_satisfaction(const taste *t, uint8_t unit_quality) {
    return (float)(quality_value(unit_quality) - t->aspiration);
}

#endif
