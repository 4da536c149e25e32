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
 * where A is the share of adopters it sees — among all consumers
 * (fully_mixed 1: Bass's mean field, whose discrete form is
 * F(t+1) = F(t) + (p + q F(t)) (1 - F(t))) or among its friends (the
 * implicit network of network.c). An adopter enters the market that same
 * week and shops as anyone without a device does; after that it is an
 * ordinary consumer. Prospects are visited every week, so this phase costs
 * work in proportion to the prospects left, a number that only shrinks.
 *
 * Decisions read only state fixed at the week's start (who had adopted)
 * with draws keyed by (consumer, week), so they run in parallel; the list
 * is then compacted serially, in id order.
 */
#include "adoption.h"

#include <stdlib.h>

#include "calendar.h"
#include "network.h"
#include "rng.h"

static int adopted(const consumers *p, int64_t i) {
    return !(p->flags[i] & CONSUMER_PROSPECT);
}

/* The share of adopters among the prospect's friends; 0 without friends. */
static double adopters_among_friends(const mishi_sim *sim, int64_t i) {
    int friends = sim->params.consumers.friends, seen = 0, adopters = 0;
    for (int k = 0; k < friends; k++) {
        int64_t fr = network_friend(sim, i, k);
        if (fr < 0) continue;
        seen++;
        adopters += adopted(&sim->people, fr);
    }
    return seen ? (double)adopters / seen : 0.0;
}

static uint8_t prospect_adopts(const mishi_sim *sim, int64_t i, int week,
                               double adopters_share) {
    const mishi_adoption_params *a = &sim->params.adoption;
    double seen = a->fully_mixed ? adopters_share : adopters_among_friends(sim, i);
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_ADOPTION, (uint64_t)i, (uint32_t)week);
    return rng_uniform(&s) < a->innovation + a->imitation * seen;
}

mishi_status adoption_init(mishi_sim *sim, mishi_error *err) {
    const consumers *p = &sim->people;
    int64_t n = 0;
    for (int64_t i = 0; i < p->count; i++) n += !adopted(p, i);
    sim->prospect_count = n;
    if (n == 0) return MISHI_OK;
    sim->prospects = malloc((size_t)n * sizeof *sim->prospects);
    sim->adopts = malloc((size_t)n);
    if (!sim->prospects || !sim->adopts)
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for %lld prospects", (long long)n);
    n = 0;
    for (int64_t i = 0; i < p->count; i++)
        if (!adopted(p, i)) sim->prospects[n++] = (uint32_t)i;
    return MISHI_OK;
}

mishi_status adoption_step(mishi_sim *sim, mishi_error *err) {
    int64_t n = sim->prospect_count, kept = 0;
    int week = sim->week + 1;
    sim->adoptions = 0;
    if (n == 0) return MISHI_OK;
    double share = (double)(sim->people.count - n) / (double)sim->people.count;
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t k = 0; k < n; k++)
        sim->adopts[k] = prospect_adopts(sim, sim->prospects[k], week, share);
    for (int64_t k = 0; k < n; k++) {
        uint32_t i = sim->prospects[k];
        if (!sim->adopts[k]) {
            sim->prospects[kept++] = i;
            continue;
        }
        sim->people.flags[i] &= (uint8_t)~CONSUMER_PROSPECT;
        sim->people.week_bought[i] = (uint16_t)week; /* memory's clock */
        if (calendar_add(&sim->calendar, week, i))
            return mishi_error_set(err, MISHI_ENOMEM,
                                   "out of memory growing the calendar");
        sim->adoptions++;
    }
    sim->prospect_count = kept;
    return MISHI_OK;
}

void adoption_free(mishi_sim *sim) {
    free(sim->prospects), free(sim->adopts);
    sim->prospects = NULL, sim->adopts = NULL, sim->prospect_count = 0;
}
