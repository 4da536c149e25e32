/*
 * segments.h — consumer segments: who weighs what (segments.c).
 */
#ifndef MISHI_SEGMENTS_H
#define MISHI_SEGMENTS_H

#include "sim.h"

/* Each segment's tastes, and the shares by which a region's consumers
 * fall into segments. */
mishi_status segments_init(mishi_sim *sim, mishi_error *err);
/* The segment a consumer of region `region` belongs to, given a uniform
 * draw `u` in [0, 1). */
int segment_draw(const mishi_sim *sim, int region, double u);

#endif
