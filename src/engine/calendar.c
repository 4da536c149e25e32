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
 * Each thread books into a lane of its own (buckets and spare chunks of
 * its own), so the purchases of a week are booked by all threads at once;
 * booked by one, they were the largest serial step of a market week. A
 * week's consumers are then the same set whatever the threads, but not in
 * the same order: the week is sorted by id before anyone shops
 * (calendar_sort_week), and what reads it unsorted only counts it.
 *
 * Invariant: every consumer is in exactly one bucket, or its next event
 * lies past the horizon, or it is a prospect (adoption.c).
 */
#include "calendar.h"

#include <assert.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "sort_ids.h"

/* Ids per chunk. A bucket wastes at most its last chunk's free room,
 * (weeks + 1) lanes chunks in all, so chunks of about population / (100
 * lanes (weeks + 1)) ids keep that under 1 % of the population's ids. At
 * least 64 ids (256 bytes), so that a small population is compact too:
 * the link and malloc's header then cost under 10 % of a chunk, and under
 * 3 % from 256 ids up (10^7 consumers and more over ten years). At most
 * 16384 (64 KiB): larger chunks save nothing worth having. A power of
 * two, so the place in the last chunk is a mask. */
static uint32_t chunk_ids_for(int weeks, int64_t population, int lanes) {
    uint32_t ids = 64;
    while (ids < 16384 && (int64_t)ids * 2 * 100 * lanes * (weeks + 1) <= population)
        ids *= 2;
    return ids;
}

/* A spare chunk of the lane, or a new one (NULL if there is no memory). */
static calendar_chunk *chunk_take(calendar *cal, calendar_lane *lane) {
    calendar_chunk *c = lane->spare;
    if (c) {
        /* Spare chunks were last touched a week or more ago. Fetching the
         * next one's link and first 256 bytes now (all of a chunk of 64
         * ids), not when it is taken, saved most of the wait for them:
         * the link's had been half the booking's time at 10^6 consumers. */
        lane->spare = c->next;
        if (lane->spare)
            for (int line = 0; line < 4; line++)
                __builtin_prefetch((const char *)lane->spare + 64 * line, 1);
    } else {
        c = malloc(sizeof *c + cal->chunk_ids * sizeof *c->ids);
        if (!c) return NULL;
        lane->peak_slots += cal->chunk_ids;
    }
    c->next = NULL;
    return c;
}

mishi_status calendar_add_chunk(calendar *cal, int lane, int week, uint32_t consumer) {
    calendar_bucket *b = &cal->lane[lane].bucket[week];
    /* no chunk yet, or the last is full */
    calendar_chunk *c = chunk_take(cal, &cal->lane[lane]);
    if (!c) return MISHI_ENOMEM;
    if (b->last) b->last->next = c;
    else b->first = c;
    b->last = c;
    c->ids[0] = consumer;
    b->count++;
    return MISHI_OK;
}

/* Items from..to-1 of `count`, the share of lane `lane` of `lanes`: in
 * order, lane by lane, so that joined in lane order they are in order. */
static void lane_share(int64_t count, int lane, int lanes, int64_t *from, int64_t *to) {
    *from = count * lane / lanes;
    *to = count * (lane + 1) / lanes;
}

/* ids[0..count-1] booked into `week`, lane l the l-th share of them, all
 * lanes at once. */
mishi_status calendar_add_all(calendar *cal, int week, const uint32_t *ids, int64_t count) {
    int failed = 0;
#pragma omp parallel num_threads(cal->lanes) reduction(|| : failed)
    for (int lane = omp_get_thread_num(); lane < cal->lanes && !failed;
         lane += omp_get_num_threads()) {
        int64_t from, to;
        lane_share(count, lane, cal->lanes, &from, &to);
        for (int64_t k = from; k < to && !failed; k++)
            failed = calendar_add(cal, lane, week, ids[k]) != MISHI_OK;
    }
    return failed ? MISHI_ENOMEM : MISHI_OK;
}

/* Each lane books a run of consumers in id order, so every bucket starts
 * in id order (the lanes joined in order). */
mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first,
                           mishi_error *err) {
    calendar *cal = &sim->calendar;
    int64_t n = sim->people.count;
    int failed = 0;
    if (calendar_open(cal, sim->params.weeks, n, sim->threads)) goto out_of_memory;
#pragma omp parallel num_threads(cal->lanes) reduction(|| : failed)
    for (int lane = omp_get_thread_num(); lane < cal->lanes && !failed;
         lane += omp_get_num_threads()) {
        int64_t from, to;
        lane_share(n, lane, cal->lanes, &from, &to);
        for (int64_t i = from; i < to && !failed; i++)
            failed = calendar_add(cal, lane, first[i], (uint32_t)i) != MISHI_OK;
    }
    if (!failed) return MISHI_OK;
out_of_memory:
    return mishi_error_set(err, MISHI_ENOMEM, "out of memory for the calendar");
}

/* Lane `lane`'s bucket `week` copied to `into`, which has room: how many. */
static uint32_t copy_lane(const calendar *cal, int lane, int week, uint32_t *into) {
    const calendar_bucket *b = &cal->lane[lane].bucket[week];
    uint32_t done = 0;
    for (const calendar_chunk *c = b->first; c; c = c->next) {
        uint32_t n = b->count - done < cal->chunk_ids ? b->count - done : cal->chunk_ids;
        memcpy(into + done, c->ids, n * sizeof *c->ids);
        done += n;
    }
    return done;
}

/* The week list holds one week's ids, the most any week has had: memory
 * proportional to a week's shoppers, like their purchase records. */
mishi_status calendar_list_week(calendar *cal, int week, const uint32_t **ids) {
    uint32_t count = calendar_week_count(cal, week);
    while (cal->list_capacity < count)
        if (grow_array((void **)&cal->list, &cal->list_capacity,
                       sizeof *cal->list, cal->chunk_ids))
            return MISHI_ENOMEM;
    uint32_t done = 0;
    for (int lane = 0; lane < cal->lanes; lane++)
        done += copy_lane(cal, lane, week, cal->list + done);
    *ids = cal->list;
    return MISHI_OK;
}

mishi_status calendar_append_lane(const calendar *cal, int lane, int week, id_list *into) {
    uint32_t count = cal->lane[lane].bucket[week].count;
    while (into->capacity - into->count < count)
        if (grow_array((void **)&into->id, &into->capacity, sizeof *into->id, cal->chunk_ids))
            return MISHI_ENOMEM;
    into->count += copy_lane(cal, lane, week, into->id + into->count);
    return MISHI_OK;
}

/* The week list in id order (sort_ids.c). */
mishi_status calendar_sort_week(calendar *cal, int week, int64_t population,
                                int threads, const uint32_t **ids) {
    if (calendar_list_week(cal, week, ids)) return MISHI_ENOMEM;
    return sort_ids(cal->list, calendar_week_count(cal, week), population, threads);
}

/* Lane l books the l-th share of the purchases: which lane books whom
 * depends on the threads, the weeks they are booked into do not. This
 * week's buckets go first: their chunks take the bookings. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err) {
    calendar *cal = &sim->calendar;
    calendar_release_week(cal, sim->week + 1);
    int failed = 0;
#pragma omp parallel num_threads(cal->lanes) reduction(|| : failed)
    for (int lane = omp_get_thread_num(); lane < cal->lanes && !failed;
         lane += omp_get_num_threads()) {
        int64_t from, to;
        lane_share((int64_t)sim->purchase_count, lane, cal->lanes, &from, &to);
        for (int64_t k = from; k < to && !failed; k++) {
            const purchase *p = &sim->purchases[k];
            assert(p->next_week > sim->week + 1); /* the next entry is ahead */
            failed = calendar_add(cal, lane, p->next_week, p->consumer) != MISHI_OK;
        }
    }
    if (failed) return mishi_error_set(err, MISHI_ENOMEM, "out of memory growing the calendar");
    return MISHI_OK;
}

void calendar_move_week(calendar *cal, int week) {
    assert(week + 1 > cal->weeks || calendar_week_count(cal, week + 1) == 0);
    if (week + 1 > cal->weeks) { /* past the horizon: nobody is booked */
        calendar_release_week(cal, week);
        return;
    }
    for (int lane = 0; lane < cal->lanes; lane++) {
        calendar_bucket *bucket = cal->lane[lane].bucket;
        bucket[week + 1] = bucket[week];
        memset(&bucket[week], 0, sizeof bucket[week]);
    }
}

mishi_status calendar_open(calendar *cal, int weeks, int64_t population, int lanes) {
    memset(cal, 0, sizeof *cal);
    cal->weeks = weeks;
    cal->chunk_ids = chunk_ids_for(weeks, population, lanes);
    cal->lane = calloc((size_t)lanes, sizeof *cal->lane);
    if (!cal->lane) return MISHI_ENOMEM;
    cal->lanes = lanes;
    for (int lane = 0; lane < lanes; lane++) {
        cal->lane[lane].bucket = calloc((size_t)weeks + 2, sizeof *cal->lane[lane].bucket);
        if (!cal->lane[lane].bucket) return MISHI_ENOMEM;
    }
    return MISHI_OK;
}

void calendar_release_week(calendar *cal, int week) {
    for (int lane = 0; lane < cal->lanes; lane++) {
        calendar_lane *l = &cal->lane[lane];
        calendar_bucket *done = &l->bucket[week];
        if (done->last) done->last->next = l->spare, l->spare = done->first;
        memset(done, 0, sizeof *done);
    }
}

int64_t calendar_peak_slots(const calendar *cal) {
    int64_t slots = 0;
    for (int lane = 0; lane < cal->lanes; lane++) slots += cal->lane[lane].peak_slots;
    return slots;
}

static void chunks_free(calendar_chunk *c) {
    while (c) {
        calendar_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void calendar_close(calendar *cal) {
    for (int lane = 0; lane < cal->lanes; lane++) {
        calendar_lane *l = &cal->lane[lane];
        for (int w = 0; l->bucket && w <= cal->weeks + 1; w++) chunks_free(l->bucket[w].first);
        chunks_free(l->spare);
        free(l->bucket);
    }
    free(cal->lane), free(cal->list);
    memset(cal, 0, sizeof *cal);
}

void calendar_free(mishi_sim *sim) { calendar_close(&sim->calendar); }
