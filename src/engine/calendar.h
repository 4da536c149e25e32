/*
 * calendar.h — the weeks in which consumers next enter the market
 * (calendar.c).
 */
#ifndef MISHI_CALENDAR_H
#define MISHI_CALENDAR_H

#include "sim.h"

/* An empty calendar of `weeks` weeks for ids below `population`, which
 * sizes its chunks, with `lanes` lanes: as many threads may book into it
 * at once, each into its own lane (a submodel may keep its own calendar). */
mishi_status calendar_open(calendar *cal, int weeks, int64_t population, int lanes);
/* Forget week `week` in every lane; its chunks are kept for the next
 * bookings. */
void calendar_release_week(calendar *cal, int week);
void calendar_close(calendar *cal);
/* How many are booked into `week`, in all lanes. */
static inline uint32_t calendar_week_count(const calendar *cal, int week) {
    uint32_t count = 0;
    for (int lane = 0; lane < cal->lanes; lane++) count += cal->lane[lane].bucket[week].count;
    return count;
}
/* Ids the calendar's chunks can hold, the most it has ever held. */
int64_t calendar_peak_slots(const calendar *cal);
/* Week `week` as one array, lane by lane, each in booking order: *ids is
 * the calendar's week list, calendar_week_count long, valid until the
 * next call on this calendar. */
mishi_status calendar_list_week(calendar *cal, int week, const uint32_t **ids);
/* Lane `lane`'s bookings for `week`, in booking order, appended to
 * `into`: one thread's share of a week, listed with no other lane's. */
mishi_status calendar_append_lane(const calendar *cal, int lane, int week, id_list *into);
/* The same list in id order (ids below `population`), sorted by up to
 * `threads` threads. */
mishi_status calendar_sort_week(calendar *cal, int week, int64_t population,
                                int threads, const uint32_t **ids);
/* Book `consumer` into `week` of `lane` when the bucket's last chunk is
 * full or there is none (calendar_add's slow path). */
mishi_status calendar_add_chunk(calendar *cal, int lane, int week, uint32_t consumer);
/* Book `consumer` into `week` (nothing past the horizon), in `lane`: one
 * thread at a time a lane. Inline: it runs for every purchase and for
 * every asker whose due week moves, and a call cost as much as the
 * booking (4 % of Bass's instructions); only a new chunk, once in
 * chunk_ids bookings, goes out of line. */
static inline mishi_status calendar_add(calendar *cal, int lane, int week, uint32_t consumer) {
    if (week > cal->weeks) return MISHI_OK; /* past the horizon */
    calendar_bucket *b = &cal->lane[lane].bucket[week];
    uint32_t at = b->count & (cal->chunk_ids - 1);
    if (at == 0) return calendar_add_chunk(cal, lane, week, consumer);
    b->last->ids[at] = consumer;
    b->count++;
    return MISHI_OK;
}
/* ids[0..count-1] booked into `week`, a share of them a lane, by as many
 * threads as lanes. */
mishi_status calendar_add_all(calendar *cal, int week, const uint32_t *ids, int64_t count);
/* The calendar at week 0 from each consumer's first entry (weeks + 1:
 * never). */
mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first,
                           mishi_error *err);
/* Book this week's buyers for their next entry; release this week. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err);
/* Everyone in week's buckets booked for the week after, in the same
 * lanes and order, into its empty buckets (as calendar_step would book
 * them, but by moving the chunks): a full-information week
 * (full_information.c). */
void calendar_move_week(calendar *cal, int week);
void calendar_free(mishi_sim *sim);

#endif
