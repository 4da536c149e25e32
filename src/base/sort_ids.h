/*
 * sort_ids.h — consumer ids into ascending order (sort_ids.c).
 */
#ifndef MISHI_SORT_IDS_H
#define MISHI_SORT_IDS_H

#include <stdint.h>

#include "mishi.h"

/* Sort `count` ids, each below `population`, ascending, with up to
 * `threads` threads (the same result with any number). A list already in
 * order is left as it is after one pass over it. MISHI_ENOMEM (the list
 * untouched) if there is no memory for the scratch copy. */
mishi_status sort_ids(uint32_t *ids, uint32_t count, int64_t population,
                      int threads);

#endif
