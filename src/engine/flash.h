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

#endif
