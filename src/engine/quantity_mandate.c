/*
 * quantity_mandate.c — the quantity-mandate rule: volume, not quality.
 *
 * Seed 000: "Chinese firms fulfilled CCP mandates on product quantity with
 * little to no regard on quality and client satisfaction." A mandated firm
 * ships the quality floor and prices at unit cost (MISHI_STRATEGY_LIST
 * marks it so; strategy.c sets the price), to sell the most units.
 */
#include "quantity_mandate.h"

double quantity_mandate_quality(const mishi_firm_class *c, firm *f, int week,
                                const market_totals *market) {
    (void)f, (void)week, (void)market;
    return c->quality_floor;
}
