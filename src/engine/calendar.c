/*
 * calendar.c — discrete-event scheduling inside the weekly step: bucket w
 * lists the consumers who enter the market in week w.
 *
 * A consumer's next entry is drawn when it buys (next_entry.c), so it is
 * booked once per purchase and visited only in the week it acts: the cost
 * of a week follows the purchases made, not the population.
 *
 * A bucket is a chain of fixed-size chunks, taken from the calendar's
 * spare chunks before any malloc: booking appends and never copies, and
 * the room booked but unused is at most one partly filled chunk per bucket
 * (a growing array would hold up to half its length spare, and copy).
 * The week being visited is gathered into one array, the week list.
 *
 * Invariant: every consumer is in exactly one bucket, or its next event
 * lies past the horizon, or it is a prospect (adoption.c).
 */
#include "calendar.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "sort_ids.h"

/* Ids per chunk. A bucket wastes at most its last chunk's free room,
 * weeks + 1 chunks in all, so chunks of about population / (100 (weeks +
 * 1)) ids keep that under 1 % of the population's ids. At least 64 ids
 * (256 bytes), so that a small population is compact too: the link and
 * malloc's header then cost under 10 % of a chunk, and under 3 % from 256
 * ids up (10^7 consumers and more over ten years). At most 16384 (64 KiB):
 * larger chunks save nothing worth having. A power of two, so the place in
 * the last chunk is a mask. */
static uint32_t chunk_ids_for(int weeks, int64_t population) {
    uint32_t ids = 64;
    while (ids < 16384 && (int64_t)ids * 2 * 100 * (weeks + 1) <= population)
        ids *= 2;
    return ids;
}

/* A spare chunk, or a new one (NULL if there is no memory). */
static calendar_chunk *chunk_take(calendar *cal) {
    calendar_chunk *c = cal->spare;
    if (c) {
        cal->spare = c->next;
    } else {
        c = malloc(sizeof *c + cal->chunk_ids * sizeof *c->ids);
        if (!c) return NULL;
        cal->peak_slots += cal->chunk_ids;
    }
    c->next = NULL;
    return c;
}

mishi_status calendar_add_chunk(calendar *cal, int week, uint32_t consumer) {
    calendar_bucket *b = &cal->bucket[week];
    calendar_chunk *c = chunk_take(cal); /* no chunk yet, or the last is full */
    if (!c) return MISHI_ENOMEM;
    if (b->last) b->last->next = c;
    else b->first = c;
    b->last = c;
    c->ids[0] = consumer;
    b->count++;
    return MISHI_OK;
}

/* Each consumer booked in id order, so every bucket starts in id order. */
mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first,
                           mishi_error *err) {
    calendar *cal = &sim->calendar;
    int64_t n = sim->people.count;
    if (calendar_open(cal, sim->params.weeks, n)) goto out_of_memory;
    for (int64_t i = 0; i < n; i++)
        if (calendar_add(cal, first[i], (uint32_t)i)) goto out_of_memory;
    return MISHI_OK;
out_of_memory:
    return mishi_error_set(err, MISHI_ENOMEM, "out of memory for the calendar");
}

/* The week list holds one week's ids, the most any week has had: memory
 * proportional to a week's shoppers, like their purchase records. */
mishi_status calendar_list_week(calendar *cal, int week, const uint32_t **ids) {
    const calendar_bucket *b = &cal->bucket[week];
    while (cal->list_capacity < b->count)
        if (grow_array((void **)&cal->list, &cal->list_capacity,
                       sizeof *cal->list, cal->chunk_ids))
            return MISHI_ENOMEM;
    uint32_t done = 0;
    for (const calendar_chunk *c = b->first; c; c = c->next) {
        uint32_t n = b->count - done < cal->chunk_ids ? b->count - done
                                                       : cal->chunk_ids;
        memcpy(cal->list + done, c->ids, n * sizeof *c->ids);
        done += n;
    }
    *ids = cal->list;
    return MISHI_OK;
}

/* The week list in id order (sort_ids.c). */
mishi_status calendar_sort_week(calendar *cal, int week, int64_t population,
                                int threads, const uint32_t **ids) {
    if (calendar_list_week(cal, week, ids)) return MISHI_ENOMEM;
    return sort_ids(cal->list, cal->bucket[week].count, population, threads);
}

/* Serial, in purchase order, so bucket contents never depend on threads.
 * This week's bucket goes first: its chunks take the bookings. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err) {
    calendar_release_week(&sim->calendar, sim->week + 1);
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *p = &sim->purchases[k];
        assert(p->next_week > sim->week + 1); /* the next entry is ahead */
        if (calendar_add(&sim->calendar, p->next_week, p->consumer))
            return mishi_error_set(err, MISHI_ENOMEM,
                                   "out of memory growing the calendar");
    }
    return MISHI_OK;
}

void calendar_move_week(calendar *cal, int week) {
    assert(week + 1 > cal->weeks || cal->bucket[week + 1].count == 0);
    if (week + 1 > cal->weeks) { /* past the horizon: nobody is booked */
        calendar_release_week(cal, week);
        return;
    }
    cal->bucket[week + 1] = cal->bucket[week];
    memset(&cal->bucket[week], 0, sizeof cal->bucket[week]);
}

mishi_status calendar_open(calendar *cal, int weeks, int64_t population) {
    memset(cal, 0, sizeof *cal);
    cal->weeks = weeks;
    cal->chunk_ids = chunk_ids_for(weeks, population);
    cal->bucket = calloc((size_t)weeks + 2, sizeof *cal->bucket);
    return cal->bucket ? MISHI_OK : MISHI_ENOMEM;
}

void calendar_release_week(calendar *cal, int week) {
    calendar_bucket *done = &cal->bucket[week];
    if (done->last) done->last->next = cal->spare, cal->spare = done->first;
    memset(done, 0, sizeof *done);
}

static void chunks_free(calendar_chunk *c) {
    while (c) {
        calendar_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void calendar_close(calendar *cal) {
    if (cal->bucket)
        for (int w = 0; w <= cal->weeks + 1; w++) chunks_free(cal->bucket[w].first);
    chunks_free(cal->spare);
    free(cal->bucket), free(cal->list);
    cal->bucket = NULL, cal->spare = NULL, cal->list = NULL;
    cal->list_capacity = 0;
}

void calendar_free(mishi_sim *sim) { calendar_close(&sim->calendar); }
