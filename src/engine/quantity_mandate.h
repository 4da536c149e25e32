/*
 * quantity_mandate.h — the quantity-mandate rule (quantity_mandate.c).
 */
#ifndef MISHI_QUANTITY_MANDATE_H
#define MISHI_QUANTITY_MANDATE_H

#include "sim.h"

/* The quality a volume-mandated firm ships: the floor. */
double quantity_mandate_quality(const mishi_firm_class *c, firm *f, int week,
                                const market_totals *market);

#endif
