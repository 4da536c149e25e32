/*
 * calendar.h — the weeks in which consumers next enter the market
 * (calendar.c).
 */
#ifndef MISHI_CALENDAR_H
#define MISHI_CALENDAR_H

#include "sim.h"

/* An empty calendar of `weeks` weeks (a submodel may keep its own). */
mishi_status calendar_open(calendar *cal, int weeks);
/* Forget bucket `week` and release its memory. */
void calendar_release_week(calendar *cal, int week);
void calendar_close(calendar *cal);
/* Put bucket `week` in id order (ids below `population`). */
mishi_status calendar_sort_week(calendar *cal, int week, int64_t population);
/* Book `consumer` into `week` (nothing past the horizon). */
mishi_status calendar_add(calendar *cal, int week, uint32_t consumer);
/* The calendar at week 0 from each consumer's first entry (weeks + 1:
 * never), in exact-size buckets. */
mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first,
                           mishi_error *err);
/* Book this week's buyers for their next entry; release this week. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err);
void calendar_free(mishi_sim *sim);

#endif
