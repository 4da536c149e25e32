/*
 * train_station.h — the train-station rule (train_station.c).
 */
#ifndef MISHI_TRAIN_STATION_H
#define MISHI_TRAIN_STATION_H

#include "sim.h"

/* Review the repeat rate if `week` is a review week; the quality to ship. */
double train_station_quality(const mishi_firm_class *c, firm *f, int week,
                             const market_totals *market);

#endif
