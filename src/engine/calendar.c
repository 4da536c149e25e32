/*
 * calendar.c — discrete-event scheduling inside the weekly step: bucket w
 * lists the consumers who enter the market in week w.
 *
 * A consumer's next entry is drawn when it buys (next_entry.c), so it is
 * booked once per purchase and visited only in the week it acts: the cost
 * of a week follows the purchases made, not the population.
 *
 * Invariant: every consumer is in exactly one bucket, or its next event
 * lies past the horizon, or it is a prospect (adoption.c).
 */
#include "calendar.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

mishi_status calendar_add(calendar *cal, int week, uint32_t consumer) {
    if (week > cal->weeks) return MISHI_OK; /* past the horizon */
    calendar_bucket *b = &cal->bucket[week];
    if (b->count == b->capacity) {
        /* 1.5x keeps the calendar near its live size; exact-sized buckets
         * from calendar_fill may be tiny, hence the floor */
        uint32_t grown = b->capacity < 16 ? 16 : b->capacity + b->capacity / 2;
        uint32_t *ids = realloc(b->ids, grown * sizeof *ids);
        if (!ids) return MISHI_ENOMEM;
        cal->slots += grown - b->capacity;
        if (cal->slots > cal->peak_slots) cal->peak_slots = cal->slots;
        b->ids = ids, b->capacity = grown;
    }
    b->ids[b->count++] = consumer;
    return MISHI_OK;
}

/* Counting sort of first market entries into exact-size buckets. */
mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first,
                           mishi_error *err) {
    calendar *cal = &sim->calendar;
    int64_t n = sim->people.count;
    if (calendar_open(cal, sim->params.weeks)) goto out_of_memory;
    for (int64_t i = 0; i < n; i++) cal->bucket[first[i]].capacity++;
    for (int w = 1; w <= cal->weeks; w++) {
        calendar_bucket *b = &cal->bucket[w];
        if (b->capacity && !(b->ids = malloc(b->capacity * sizeof *b->ids)))
            goto out_of_memory;
        cal->slots += b->capacity;
    }
    cal->peak_slots = cal->slots;
    cal->bucket[cal->weeks + 1].capacity = 0; /* "never" holds no ids */
    for (int64_t i = 0; i < n; i++)
        if (first[i] <= cal->weeks) calendar_add(cal, first[i], (uint32_t)i);
    return MISHI_OK;
out_of_memory:
    return mishi_error_set(err, MISHI_ENOMEM, "out of memory for the calendar");
}

/* LSD radix sort, 11 bits a pass, as many passes as the largest id
 * needs: linear in the bucket, where the shopping that follows costs far
 * more per consumer. */
mishi_status calendar_sort_week(calendar *cal, int week, int64_t population) {
    calendar_bucket *b = &cal->bucket[week];
    uint32_t unsorted = 1;
    while (unsorted < b->count && b->ids[unsorted - 1] < b->ids[unsorted])
        unsorted++;
    if (unsorted >= b->count) return MISHI_OK; /* in order already (WKH) */
    uint32_t *from = b->ids, *to = malloc(b->count * sizeof *to);
    if (!to) return MISHI_ENOMEM;
    for (unsigned shift = 0; shift == 0 || (population - 1) >> shift; shift += 11) {
        uint32_t count[2049] = {0};
        for (uint32_t k = 0; k < b->count; k++) count[((from[k] >> shift) & 2047) + 1]++;
        for (int d = 0; d < 2048; d++) count[d + 1] += count[d];
        for (uint32_t k = 0; k < b->count; k++) to[count[(from[k] >> shift) & 2047]++] = from[k];
        uint32_t *t = from;
        from = to, to = t;
    }
    if (from != b->ids) memcpy(b->ids, from, b->count * sizeof *from), to = from;
    free(to);
    return MISHI_OK;
}

/* Serial, in purchase order, so bucket contents never depend on threads. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err) {
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *p = &sim->purchases[k];
        assert(p->next_week > sim->week + 1); /* the next entry is ahead */
        if (calendar_add(&sim->calendar, p->next_week, p->consumer))
            return mishi_error_set(err, MISHI_ENOMEM,
                                   "out of memory growing the calendar");
    }
    calendar_release_week(&sim->calendar, sim->week + 1);
    return MISHI_OK;
}

mishi_status calendar_open(calendar *cal, int weeks) {
    cal->weeks = weeks;
    cal->slots = cal->peak_slots = 0;
    cal->bucket = calloc((size_t)weeks + 2, sizeof *cal->bucket);
    return cal->bucket ? MISHI_OK : MISHI_ENOMEM;
}

void calendar_release_week(calendar *cal, int week) {
    calendar_bucket *done = &cal->bucket[week];
    cal->slots -= done->capacity;
    free(done->ids);
    memset(done, 0, sizeof *done);
}

void calendar_close(calendar *cal) {
    if (cal->bucket)
        for (int w = 0; w <= cal->weeks; w++) free(cal->bucket[w].ids);
    free(cal->bucket);
    cal->bucket = NULL;
}

void calendar_free(mishi_sim *sim) { calendar_close(&sim->calendar); }
