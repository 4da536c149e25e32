/*
 * adoption.c — prospects who have never owned a device take up the
 * category: Bass (1969) diffusion in agent form (Rand & Rust 2011).
 *
 * Seed 002: Xiaomi's users "advertise their products on social media", and
 * MISSION mechanism 6 has buyers learn "by experience and word of mouth".
 * A share 1 - initial_owners of the consumers start as prospects: no
 * device, no memory, no place in the calendar. Each week each prospect
 * adopts with probability
 *
 *   h = innovation + imitation * A
 *
 * where A is the share of adopters it sees at the week's start — among all
 * consumers (fully_mixed 1: Bass's mean field, whose discrete form is
 * F(t+1) = F(t) + (p + q F(t)) (1 - F(t))) or among its friends (the
 * implicit network of network.c). An adopter enters the market that same
 * week and shops as anyone without a device does; after that it is an
 * ordinary consumer.
 *
 * Event-driven, so that a week's work follows the prospects who change,
 * not the prospects left. A week at hazard h adds -log(1 - h) to a
 * prospect's cumulative hazard, and the prospect adopts in the first week
 * in which that reaches its threshold -log U (U uniform, drawn once): the
 * chance of adopting in a week not adopted before is then exactly h. On a
 * network a prospect's hazard changes only when a friend adopts, so the
 * week it will adopt is computed then, and the week's adopters are read
 * from a calendar of those weeks. Fully mixed, every prospect sees the
 * same hazard, so the week's adopters are the next ones in order of
 * threshold. The plain path (mishi_run_options.plain) instead asks every
 * prospect every week whether its threshold is reached; the same state,
 * the same test, the same adopters.
 */
#include "adoption.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "exp_log.h"
#include "network.h"
#include "rng.h"
#include "sort_ids.h"

static int is_prospect(const consumers *p, int64_t i) {
    return p->state[i].flags & CONSUMER_PROSPECT;
}

/* A prospect's bit (adoption_still_prospect), set at week 0 by the one
 * thread that takes its word's 64 ids. */
static void mark_prospect(adoption_state *a, uint32_t i) {
    a->prospect_bits[i / 64] |= UINT64_C(1) << (i % 64);
}

/* Cleared as i adopts: atomic, as two threads' adopters may share a word. */
static void clear_prospect(adoption_state *a, uint32_t i) {
    uint64_t keep = ~(UINT64_C(1) << (i % 64));
#pragma omp atomic update
    a->prospect_bits[i / 64] &= keep;
}

/* -log(1 - h) for h = innovation + imitation * seen; infinite at h >= 1. */
static double weekly_hazard(const mishi_adoption_params *a, double seen) {
    double h = a->innovation + a->imitation * seen;
    return h >= 1.0 ? INFINITY : -log1p(-h);
}

/* Whether `weeks` weeks at `hazard` reach what is left of a threshold.
 * The one test both paths use, so that they agree to the bit. */
static int reaches(int weeks, double hazard, float remaining) {
    return hazard > 0.0 && (double)weeks * hazard >= (double)remaining;
}

/* The hazard of a prospect with n friends of whom k adopted, from a
 * table of them all (n, k <= consumers.friends): a log1p saved at every
 * friend's adoption. */
static double network_hazard(const mishi_sim *sim, int64_t i) {
    const adoption_state *a = &sim->adoption;
    int row = sim->params.consumers.friends + 1;
    const prospect_state *x = &a->prospect[i];
    return a->hazard_by_friends[x->friends * row + x->adopted_friends];
}

static mishi_status tabulate_hazards(mishi_sim *sim) {
    adoption_state *a = &sim->adoption;
    int row = sim->params.consumers.friends + 1;
    a->hazard_by_friends = malloc((size_t)(row * row) * sizeof(double));
    if (!a->hazard_by_friends) return MISHI_ENOMEM;
    for (int n = 0; n < row; n++)
        for (int k = 0; k <= n; k++)
            a->hazard_by_friends[n * row + k] = weekly_hazard(
                &sim->params.adoption, n ? (double)k / n : 0.0);
    return MISHI_OK;
}

/* The week prospect i adopts at its present hazard, or the week after the
 * horizon: the least m >= 1 that reaches, found from the quotient and then
 * checked with reaches() itself. */
static uint16_t due_week(const mishi_sim *sim, int64_t i) {
    const adoption_state *a = &sim->adoption;
    int since = a->prospect[i].since, never = sim->params.weeks + 1;
    double hazard = network_hazard(sim, i);
    double quotient = hazard > 0.0 ? (double)a->remaining[i] / hazard : HUGE_VAL;
    /* its ceiling is within the horizon when the quotient is: the horizon
     * is a whole number of weeks */
    if (!(quotient <= never - since)) return (uint16_t)never;
    int weeks = (int)model_ceil(quotient);
    if (weeks < 1) weeks = 1;
    while (weeks > 1 && reaches(weeks - 1, hazard, a->remaining[i])) weeks--;
    while (!reaches(weeks, hazard, a->remaining[i])) weeks++;
    return booking_week(sim, since + weeks);
}

/* Whether prospect i's due week moves at its present hazard; it is moved. */
static int move_due(mishi_sim *sim, int64_t i) {
    adoption_state *a = &sim->adoption;
    uint16_t due = due_week(sim, i);
    if (due == a->prospect[i].due) return 0;
    a->prospect[i].due = due;
    return 1;
}

/* Prospect i booked for its due week in `lane`, if that week moved. */
static mishi_status schedule(mishi_sim *sim, int64_t i, int lane) {
    if (!move_due(sim, i)) return MISHI_OK; /* booked there already */
    return calendar_add(&sim->adoption.due_weeks, lane, sim->adoption.prospect[i].due,
                        (uint32_t)i);
}

/* A friend of prospect i adopted in `week`: account for the weeks at the
 * old hazard, and count the friend from next week on. Whether this is the
 * first such news of the week. */
static int friend_adopted(mishi_sim *sim, int64_t i, int week) {
    adoption_state *a = &sim->adoption;
    prospect_state *x = &a->prospect[i];
    int first = week > x->since;
    if (first) {
        a->remaining[i] -= (float)((week - x->since) * network_hazard(sim, i));
        x->since = (uint16_t)week;
    }
    x->adopted_friends++;
    return first;
}

/* The askers are told in ranges of ids, TELL_RANGES a thread, taken by
 * the threads as they come free: with one range a thread, the thread
 * whose askers took longer held the other up (15 % at 10^7). */
enum { TELL_RANGES = 4 };

/* The range of ids consumer i is in. */
static int tell_range_of(int64_t i, int64_t population, int ranges) {
    return (int)(i * ranges / population);
}

/* Adopters are a sparse few of the ids, so each one's follower list, and
 * the state of the followers near it, is a cache miss: asked for early. */
static void prefetch_followers(const adoption_state *a, uint32_t j) {
    __builtin_prefetch(a->followers.id + a->followers.start[j], 0);
    __builtin_prefetch(a->followers.id + a->followers.start[j + 1] - 1, 0);
}

/* An asker's adoption state, asked for early: its record and its
 * remaining threshold, each a cache miss at scale. */
static void prefetch_asker(const adoption_state *a, uint32_t i) {
    __builtin_prefetch(a->remaining + i, 1);
    __builtin_prefetch(a->prospect + i, 1);
}

/* First pass, thread t: the askers of its share of the adopters (in
 * adopter order), each addressed to the range of ids it is in. */
static mishi_status address_askers(mishi_sim *sim, int t, int teams) {
    adoption_state *a = &sim->adoption;
    const consumers *p = &sim->people;
    int ranges = teams * TELL_RANGES;
    thread_id_list *out = &a->mail[(size_t)t * (size_t)ranges];
    size_t count = a->adopters.count;
    for (int r = 0; r < ranges; r++) out[r].list.count = 0;
    size_t end = count * (t + 1) / teams;
    for (size_t k = count * t / teams; k < end; k++) {
        uint32_t j = a->adopters.id[k];
        if (k + 2 * LOOK_AHEAD < end)
            __builtin_prefetch(a->followers.start + a->adopters.id[k + 2 * LOOK_AHEAD], 0);
        if (k + LOOK_AHEAD < end) prefetch_followers(a, a->adopters.id[k + LOOK_AHEAD]);
        for (int64_t f = a->followers.start[j]; f < a->followers.start[j + 1]; f++) {
            uint32_t i = a->followers.id[f];
            if (adoption_still_prospect(a, i) && id_list_add(&out[tell_range_of(i, p->count, ranges)].list, i))
                return MISHI_ENOMEM;
        }
    }
    return MISHI_OK;
}

/* Second pass, range r, by thread u: the range's askers, from the first
 * pass's threads in order, so in adopter order; listed once each, their
 * due weeks worked out once, and those whose due week moved booked in
 * thread u's own lane of the calendar of due weeks. Each list is walked
 * with its askers' state asked for LOOK_AHEAD early: at scale each is a
 * cache miss. */
static mishi_status tell_range(mishi_sim *sim, int week, int r, int u, int teams) {
    adoption_state *a = &sim->adoption;
    size_t ranges = (size_t)teams * TELL_RANGES;
    id_list *told = &a->told[u].list;
    told->count = 0;
    for (int t = 0; t < teams; t++) {
        const id_list *in = &a->mail[(size_t)t * ranges + (size_t)r].list;
        for (size_t k = 0; k < in->count; k++) {
            if (k + LOOK_AHEAD < in->count) prefetch_asker(a, in->id[k + LOOK_AHEAD]);
            if (friend_adopted(sim, in->id[k], week) && id_list_add(told, in->id[k]))
                return MISHI_ENOMEM;
        }
    }
    for (size_t k = 0; k < told->count; k++) {
        uint32_t i = told->id[k];
        if (k + LOOK_AHEAD < told->count) prefetch_asker(a, told->id[k + LOOK_AHEAD]);
        if (move_due(sim, i) && calendar_add(&a->due_weeks, u, a->prospect[i].due, i))
            return MISHI_ENOMEM;
    }
    return MISHI_OK;
}

/* The askers of this week's adopters hear of it, in parallel and in two
 * passes: each thread reads the askers of a share of the adopters and
 * addresses them to the range of ids each is in; then the threads tell
 * the ranges, a range at a time. Every asker is so updated by one thread,
 * in adopter order, whatever the number of threads and whichever thread
 * takes its range, and each follower list is read once.
 * Each thread books those whose due week moved in its own lane of the
 * calendar of due weeks: which lane holds an entry does not matter, as a
 * week's adopters are gathered from all of them and sorted by id. */
static mishi_status tell_askers(mishi_sim *sim, int week) {
    int failed = 0;
#pragma omp parallel num_threads(sim->threads) reduction(|| : failed)
    {
        int t = omp_get_thread_num(), teams = omp_get_num_threads();
        failed = address_askers(sim, t, teams) != MISHI_OK;
#pragma omp barrier
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < teams * TELL_RANGES; r++)
            failed = tell_range(sim, week, r, t, teams) != MISHI_OK || failed;
    }
    return failed ? MISHI_ENOMEM : MISHI_OK;
}

/* --------------------------------------------------------------- week 0 */

/* `count` empty lists, each in a cache line of its own; NULL without
 * memory. */
static thread_id_list *lists_alloc(size_t count) {
    thread_id_list *lists = aligned_alloc(_Alignof(thread_id_list), count * sizeof *lists);
    if (lists) memset(lists, 0, count * sizeof *lists);
    return lists;
}

static mishi_status allocate(mishi_sim *sim) {
    adoption_state *a = &sim->adoption;
    size_t n = (size_t)sim->people.count;
    a->remaining = malloc(n * sizeof *a->remaining);
    a->bytes = (double)n * sizeof *a->remaining;
    if (!a->remaining) return MISHI_ENOMEM;
    if (sim->params.adoption.fully_mixed) {
        a->by_threshold = malloc(n * sizeof *a->by_threshold);
        a->bytes += (double)n * sizeof *a->by_threshold;
        return a->by_threshold ? MISHI_OK : MISHI_ENOMEM;
    }
    a->prospect = calloc(n, sizeof *a->prospect);
    size_t words = (n + 63) / 64;
    a->prospect_bits = calloc(words, sizeof *a->prospect_bits);
    a->bytes += (double)n * sizeof *a->prospect + (double)words * sizeof *a->prospect_bits;
    size_t threads = (size_t)sim->threads;
    a->mail = lists_alloc(threads * threads * TELL_RANGES);
    a->told = lists_alloc(threads);
    if (!a->mail || !a->told || !a->prospect || !a->prospect_bits) return MISHI_ENOMEM;
    return calendar_open(&a->due_weeks, sim->params.weeks, (int64_t)n, sim->threads);
}

typedef struct threshold_entry {
    float remaining;
    uint32_t id;
} threshold_entry;

static int by_threshold_then_id(const void *x, const void *y) {
    const threshold_entry *a = x, *b = y;
    if (a->remaining != b->remaining) return a->remaining < b->remaining ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* Fully mixed: the prospects in the order they will adopt. */
static mishi_status order_by_threshold(adoption_state *a, int64_t n) {
    threshold_entry *e = malloc((size_t)n * sizeof *e);
    if (!e) return MISHI_ENOMEM;
    for (int64_t k = 0; k < n; k++)
        e[k] = (threshold_entry){a->remaining[a->by_threshold[k]],
                                 a->by_threshold[k]};
    qsort(e, (size_t)n, sizeof *e, by_threshold_then_id);
    for (int64_t k = 0; k < n; k++) a->by_threshold[k] = e[k].id;
    a->threshold_count = n;
    free(e);
    return MISHI_OK;
}

/* Each prospect's friends who own at week 0, and the week it adopts. */
static mishi_status wire_network(mishi_sim *sim) {
    adoption_state *a = &sim->adoption;
    const consumers *p = &sim->people;
    if (tabulate_hazards(sim) ||
        network_followers_build(sim, CONSUMER_PROSPECT, &a->followers,
                                &a->prospect[0].friends, sizeof *a->prospect))
        return MISHI_ENOMEM;
    a->bytes += (double)(p->count + 1) * sizeof *a->followers.start +
                (double)a->followers.start[p->count] * sizeof *a->followers.id;
    for (int64_t j = 0; j < p->count; j++)
        if (!is_prospect(p, j))
            for (int64_t k = a->followers.start[j]; k < a->followers.start[j + 1]; k++)
                a->prospect[a->followers.id[k]].adopted_friends++;
    /* each prospect marked and booked by all threads at once: a thread
     * takes a word of prospect bits at a time, so no two share one, and
     * books into its own lane */
    int64_t words = (p->count + 63) / 64;
    int failed = 0;
#pragma omp parallel num_threads(sim->threads) reduction(|| : failed)
    {
        int lane = omp_get_thread_num();
#pragma omp for schedule(static)
        for (int64_t w = 0; w < words; w++)
            for (int64_t i = 64 * w; i < 64 * (w + 1) && i < p->count && !failed; i++) {
                if (!is_prospect(p, i)) continue;
                mark_prospect(a, (uint32_t)i);
                failed = schedule(sim, i, lane) != MISHI_OK;
            }
    }
    return failed ? MISHI_ENOMEM : MISHI_OK;
}

/* The thresholds of the prospects among consumers from..from+count-1
 * (count at most ADOPTION_GROUP), each from its own (consumer, 0) stream,
 * whose first blocks are drawn at once in vector lanes (rng_lanes.c);
 * the plain path draws each as its prospect needs it. */
enum { ADOPTION_GROUP = 32 };

static void draw_thresholds(mishi_sim *sim, int64_t from, int count) {
    const consumers *p = &sim->people;
    uint32_t ids[ADOPTION_GROUP], drawn[ADOPTION_GROUP][4];
    int prospects = 0;
    for (int64_t i = from; i < from + count; i++)
        if (is_prospect(p, i)) ids[prospects++] = (uint32_t)i;
    if (!sim->plain)
        rng_blocks(sim->params.seed, RNG_ADOPTION, 0, ids, prospects, 0, drawn);
    for (int g = 0; g < prospects; g++) {
        rng_stream s;
        rng_stream_init_drawn(&s, sim->params.seed, RNG_ADOPTION, ids[g], 0,
                              sim->plain ? NULL : drawn[g], !sim->plain);
        sim->adoption.remaining[ids[g]] = (float)-model_log(rng_uniform_positive(&s));
    }
}

mishi_status adoption_init(mishi_sim *sim, mishi_error *err) {
    adoption_state *a = &sim->adoption;
    const consumers *p = &sim->people;
    int64_t n = 0;
    for (int64_t i = 0; i < p->count; i++) n += is_prospect(p, i) != 0;
    sim->prospect_count = n;
    if (n == 0) return MISHI_OK;
    if (allocate(sim)) goto out_of_memory;
    int64_t groups = (p->count + ADOPTION_GROUP - 1) / ADOPTION_GROUP;
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t g = 0; g < groups; g++) {
        int64_t from = g * ADOPTION_GROUP;
        draw_thresholds(sim, from, (int)(p->count - from < ADOPTION_GROUP ? p->count - from
                                                                         : ADOPTION_GROUP));
    }
    int64_t listed = 0;
    for (int64_t i = 0; a->by_threshold && i < p->count; i++)
        if (is_prospect(p, i)) a->by_threshold[listed++] = (uint32_t)i;
    if (a->by_threshold ? order_by_threshold(a, n) : wire_network(sim))
        goto out_of_memory;
    return MISHI_OK;
out_of_memory:
    return mishi_error_set(err, MISHI_ENOMEM,
                           "out of memory for %lld prospects", (long long)n);
}

/* ------------------------------------------------------------ each week */

/* Whether prospect i's threshold is reached this week: the plain test. */
static int adopts_now(const mishi_sim *sim, int64_t i, int week) {
    const adoption_state *a = &sim->adoption;
    if (a->by_threshold) return reaches(1, a->mixed_hazard, a->remaining[i]);
    return reaches(week - a->prospect[i].since, network_hazard(sim, i), a->remaining[i]);
}

/* The live entries of the week's buckets of due weeks: prospects still
 * due this week, not moved earlier, told by their due week alone (an
 * adopter's is NOT_DUE): one random read an entry, not two, and most
 * entries are stale. Each thread lists the week in the lanes of the
 * calendar of due weeks it takes (its own, with as many threads as
 * lanes) and keeps the live entries in its own list (a->told, unused
 * until the askers are told); the lists are joined in thread order and
 * find_adopters sorts them, so the adopters do not depend on the threads.
 * Random reads of the prospects' records, a cache miss each at scale: in
 * parallel. */
static mishi_status live_entries(mishi_sim *sim, int week) {
    adoption_state *a = &sim->adoption;
    int failed = 0;
    for (int t = 0; t < sim->threads; t++) a->told[t].list.count = 0;
#pragma omp parallel num_threads(sim->threads) reduction(|| : failed)
    {
        int t = omp_get_thread_num(), teams = omp_get_num_threads();
        id_list *mine = &a->told[t].list;
        for (int lane = t; lane < a->due_weeks.lanes && !failed; lane += teams) {
            size_t kept = mine->count;
            failed = calendar_append_lane(&a->due_weeks, lane, week, mine) != MISHI_OK;
            for (size_t k = kept; k < mine->count && !failed; k++) /* in place */
                if (a->prospect[mine->id[k]].due == week) mine->id[kept++] = mine->id[k];
            if (!failed) mine->count = kept;
        }
    }
    if (failed) return MISHI_ENOMEM;
    for (int t = 0; t < sim->threads; t++)
        if (id_list_append(&a->adopters, a->told[t].list.id, a->told[t].list.count))
            return MISHI_ENOMEM;
    return MISHI_OK;
}

/* A sorted list with each id once. A prospect is booked again only when
 * its due week moves, and it moves only earlier, but `remaining` is a
 * float: if rounding ever moved a due week one later and a friend's
 * adoption moved it back, the prospect would have two live entries in
 * that week's buckets. It must adopt once. */
static void drop_repeats(id_list *sorted) {
    size_t kept = 0;
    for (size_t k = 0; k < sorted->count; k++)
        if (kept == 0 || sorted->id[k] != sorted->id[kept - 1])
            sorted->id[kept++] = sorted->id[k];
    sorted->count = kept;
}

/* This week's adopters in id order: every prospect asked (plain), or the
 * next in threshold order (fully mixed) or the week's calendar bucket
 * less the entries whose due week has moved (network). */
static mishi_status find_adopters(mishi_sim *sim, int week) {
    adoption_state *a = &sim->adoption;
    const consumers *p = &sim->people;
    id_list *adopters = &a->adopters;
    adopters->count = 0;
    if (sim->plain) {
        for (int64_t i = 0; i < p->count; i++)
            if (is_prospect(p, i) && adopts_now(sim, i, week) &&
                id_list_add(adopters, (uint32_t)i))
                return MISHI_ENOMEM;
        return MISHI_OK;
    }
    if (a->by_threshold) {
        for (; a->next_by_threshold < a->threshold_count; a->next_by_threshold++) {
            uint32_t i = a->by_threshold[a->next_by_threshold];
            if (!adopts_now(sim, i, week)) break;
            if (id_list_add(adopters, i)) return MISHI_ENOMEM;
        }
    } else if (live_entries(sim, week)) {
        return MISHI_ENOMEM;
    }
    if (sort_ids(adopters->id, (uint32_t)adopters->count, p->count, sim->threads))
        return MISHI_ENOMEM;
    drop_repeats(adopters);
    return MISHI_OK;
}

/* The adopters enter the market this week; then their askers hear of it. */
static mishi_status enter_market(mishi_sim *sim, int week) {
    adoption_state *a = &sim->adoption;
    consumers *p = &sim->people;
    int64_t count = (int64_t)a->adopters.count;
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t k = 0; k < count; k++) {
        consumer_state *c = &p->state[a->adopters.id[k]];
        c->flags &= (uint8_t)~CONSUMER_PROSPECT;
        c->week_bought = (uint16_t)week; /* memory's clock */
        if (!a->prospect) continue; /* fully mixed */
        a->prospect[a->adopters.id[k]].due = NOT_DUE;
        clear_prospect(a, a->adopters.id[k]);
    }
    if (calendar_add_all(&sim->calendar, week, a->adopters.id, count)) return MISHI_ENOMEM;
    if (a->by_threshold) return MISHI_OK;
    if (tell_askers(sim, week)) return MISHI_ENOMEM;
    calendar_release_week(&a->due_weeks, week);
    return MISHI_OK;
}

mishi_status adoption_step(mishi_sim *sim, mishi_error *err) {
    adoption_state *a = &sim->adoption;
    int week = sim->week + 1;
    sim->adoptions = 0;
    if (sim->prospect_count == 0) return MISHI_OK;
    if (a->by_threshold) {
        double share = (double)(sim->people.count - sim->prospect_count) /
                       (double)sim->people.count;
        a->mixed_hazard += weekly_hazard(&sim->params.adoption, share);
    }
    if (find_adopters(sim, week) || enter_market(sim, week))
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for week %d's adopters", week);
    sim->adoptions = (int64_t)a->adopters.count;
    sim->prospect_count -= sim->adoptions;
    return MISHI_OK;
}

double adoption_bytes(const mishi_sim *sim) {
    const adoption_state *a = &sim->adoption;
    double slots = (double)calendar_peak_slots(&a->due_weeks);
    return a->bytes + (double)a->adopters.capacity * sizeof *a->adopters.id +
           slots * sizeof(uint32_t);
}

void adoption_free(mishi_sim *sim) {
    adoption_state *a = &sim->adoption;
    free(a->remaining), free(a->prospect), free(a->by_threshold), free(a->prospect_bits);
    free(a->adopters.id), free(a->hazard_by_friends);
    size_t threads = (size_t)sim->threads;
    for (size_t t = 0; a->mail && t < threads * threads * TELL_RANGES; t++)
        free(a->mail[t].list.id);
    for (size_t t = 0; a->told && t < threads; t++) free(a->told[t].list.id);
    free(a->mail), free(a->told);
    network_followers_free(&a->followers);
    calendar_close(&a->due_weeks);
    memset(a, 0, sizeof *a);
    sim->prospect_count = 0;
}
