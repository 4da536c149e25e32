/*
 * sort_ids.c — an LSD radix sort of consumer ids, 11 bits a pass and as
 * many passes as the largest id needs: linear in the list, where what is
 * then done for each consumer costs far more. The week's shoppers
 * (calendar.c) and the week's adopters (adoption.c) are put in id order
 * with it.
 */
#include "sort_ids.h"

#include <stdlib.h>
#include <string.h>

mishi_status sort_ids(uint32_t *ids, uint32_t count, int64_t population) {
    uint32_t unsorted = 1;
    while (unsorted < count && ids[unsorted - 1] < ids[unsorted]) unsorted++;
    if (unsorted >= count) return MISHI_OK; /* in order already */
    uint32_t *from = ids, *to = malloc(count * sizeof *to);
    if (!to) return MISHI_ENOMEM;
    for (unsigned shift = 0; shift == 0 || (population - 1) >> shift; shift += 11) {
        uint32_t digits[2049] = {0};
        for (uint32_t k = 0; k < count; k++) digits[((from[k] >> shift) & 2047) + 1]++;
        for (int d = 0; d < 2048; d++) digits[d + 1] += digits[d];
        for (uint32_t k = 0; k < count; k++) to[digits[(from[k] >> shift) & 2047]++] = from[k];
        uint32_t *t = from;
        from = to, to = t;
    }
    if (from != ids) memcpy(ids, from, count * sizeof *from), to = from;
    free(to);
    return MISHI_OK;
}
