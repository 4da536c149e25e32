/*
 * flash_stock.h — which firms sell in flash sales, their sale weeks and
 * whether they are sold out (flash_stock.c).
 */
#ifndef MISHI_FLASH_STOCK_H
#define MISHI_FLASH_STOCK_H

#include "sim.h"

/* Whether f sells in flash sales (its class's flash_batch > 0). */
int flash_firm(const mishi_sim *sim, const firm *f);
/* Whether `week` is one of f's sale weeks: its launch week and every
 * flash_every_weeks after. */
int flash_sale_week(const mishi_sim *sim, const firm *f, int week);
/* Whether f has nothing left to sell this week: a flash firm out of stock. */
int flash_sold_out(const mishi_sim *sim, const firm *f);

#endif
