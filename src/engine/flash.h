/*
 * flash.h — flash sales: limited batches on a schedule (flash.c).
 */
#ifndef MISHI_FLASH_H
#define MISHI_FLASH_H

#include "sim.h"

/* Whether some firm class sells in flash sales. */
mishi_status flash_init(mishi_sim *sim, mishi_error *err);
/* The week's flash sales: stock, the queue, the second choice of those
 * who missed out, resale, and buzz. Serial but for the second choice. */
mishi_status flash_step(mishi_sim *sim, mishi_error *err);
void flash_free(mishi_sim *sim);

/* Whether f sells in flash sales (its class's flash_batch > 0). */
int flash_firm(const mishi_sim *sim, const firm *f);
/* Whether `week` is one of f's sale weeks: its launch week and every
 * flash_every_weeks after. */
int flash_sale_week(const mishi_sim *sim, const firm *f, int week);
/* Whether f has nothing left to sell this week: a flash firm out of stock. */
int flash_sold_out(const mishi_sim *sim, const firm *f);

#endif
