/*
 * sort_ids.c — an LSD radix sort of consumer ids, in as few passes as the
 * largest id allows at up to 14 bits a pass for a list of a million ids
 * or more and 11 for a shorter one, the bits shared evenly between them:
 * linear in the list, where what is then done for each consumer costs far
 * more. The week's shoppers (calendar.c) and the week's adopters
 * (adoption.c) are put in id order with it. A pass over a long list reads
 * and writes it through memory, so fewer passes pay: at 10^8 consumers (27
 * bits) two passes of 14 bits took main's weeks about 4 % less time than
 * three of 11. A short list is in cache, where wider digits only spread
 * its ids thinner: Bass's 10^5-odd adopters a week at 10^7 took 2 % longer
 * in two passes of 12 bits than in three of 11.
 *
 * A long list is sorted by several threads: each counts the digits of its
 * share of the list, the shares' counts are laid out in share order, and
 * each thread moves its own share. That is the serial pass's order
 * exactly (and equal ids could not be told apart anyway), so the result
 * does not depend on the threads. A week of shoppers at 10^8 consumers is millions of
 * ids, and a serial sort was time that a second thread could not shorten.
 */
#include "sort_ids.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define MOST_BITS 14          /* the widest digit a pass takes ... */
#define DIGITS (1u << MOST_BITS)
#define SHORT_BITS 11         /* ... and a pass over a short list */
#define LONG_FROM (1u << 20)  /* ids from which a list is long */
#define SHARED_FROM 65536     /* ids below which one thread sorts alone */

/* One pass, thread t of `teams`: its share's digit counts into
 * counts[t], then (once all are counted) where each of its ids goes. */
static void pass(const uint32_t *from, uint32_t *to, uint32_t count,
                 unsigned shift, uint32_t digits, uint32_t (*counts)[DIGITS]) {
    uint32_t t = (uint32_t)omp_get_thread_num(), teams = (uint32_t)omp_get_num_threads();
    uint32_t begin = (uint32_t)((uint64_t)count * t / teams);
    uint32_t end = (uint32_t)((uint64_t)count * (t + 1) / teams);
    uint32_t *mine = counts[t];
    memset(mine, 0, digits * sizeof *mine);
    for (uint32_t k = begin; k < end; k++) mine[(from[k] >> shift) & (digits - 1)]++;
#pragma omp barrier
#pragma omp single
    { /* digit-major, share-minor: where each share's run of a digit starts */
        uint32_t at = 0;
        for (uint32_t d = 0; d < digits; d++)
            for (uint32_t u = 0; u < teams; u++) {
                uint32_t n = counts[u][d];
                counts[u][d] = at, at += n;
            }
    }
    for (uint32_t k = begin; k < end; k++) to[mine[(from[k] >> shift) & (digits - 1)]++] = from[k];
}

mishi_status sort_ids(uint32_t *ids, uint32_t count, int64_t population,
                      int threads) {
    uint32_t unsorted = 1;
    while (unsorted < count && ids[unsorted - 1] < ids[unsorted]) unsorted++;
    if (unsorted >= count) return MISHI_OK; /* in order already */
    int teams = count < SHARED_FROM || threads < 1 ? 1 : threads;
    uint32_t *from = ids, *to = malloc(count * sizeof *to);
    uint32_t (*counts)[DIGITS] = malloc((size_t)teams * sizeof *counts);
    if (!to || !counts) return free(to), free(counts), MISHI_ENOMEM;
    unsigned bits = 1;
    while (bits < 32 && (population - 1) >> bits) bits++;
    unsigned most = count >= LONG_FROM ? MOST_BITS : SHORT_BITS;
    unsigned passes = (bits + most - 1) / most;
    unsigned width = (bits + passes - 1) / passes;
    for (unsigned shift = 0; shift < bits; shift += width) {
#pragma omp parallel num_threads(teams)
        pass(from, to, count, shift, 1u << width, counts);
        uint32_t *t = from;
        from = to, to = t;
    }
    if (from != ids) memcpy(ids, from, count * sizeof *from), to = from;
    free(to), free(counts);
    return MISHI_OK;
}
