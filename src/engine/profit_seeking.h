/*
 * profit_seeking.h — the profit-seeking rule (profit_seeking.c).
 */
#ifndef MISHI_PROFIT_SEEKING_H
#define MISHI_PROFIT_SEEKING_H

#include "sim.h"

/* Review profit if `week` is a review week; the quality to ship. */
double profit_seeking_quality(const mishi_firm_class *c, firm *f, int week,
                              const market_totals *market);

#endif
