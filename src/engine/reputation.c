/*
 * reputation.c — what the market says about a firm: its buyers' reviews,
 * public after a delay, forgotten with age.
 *
 * Seed 000 on quality fade: buyers learn of it "only by experience and
 * word of mouth, with delay" (MISSION 6); issue 11: what a shopper expects
 * of a firm it does not own should come from what the market says, not
 * from advertised quality forever. Word of mouth between friends is
 * shopping.c's; this is the public channel, Xiaomi's Weibo posts as much
 * as a review site.
 *
 * A firm's reputation R is the quality its buyers received, as reviews
 * report it: each week's reviews (the mean quality of the units sold that
 * week) become public delay_weeks later and move R by 1/memory_weeks of
 * the way: R <- R + (q_week - R) / memory_weeks. R starts at the firm's
 * design quality (what it claims before anyone has bought). A shopper who
 * does not hold the firm's device expects
 *     E = (1 - weight) * design quality + weight * R.
 * With weight 0 (the default) nothing here runs and E is the design
 * quality, as before reputations existed.
 *
 * Invariant: R stays in [0, 1], the range of quality: it starts there and
 * moves only towards weekly means of qualities in [0, 1].
 */
#include "reputation.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static int ring_size(const mishi_sim *sim) {
    return sim->params.reputation.delay_weeks + 1;
}

/* Room for every firm that exists, new entrants' rows zeroed. */
static mishi_status reserve(mishi_sim *sim) {
    int need = sim->firms.count;
    if (need <= sim->review_capacity) return MISHI_OK;
    int grown = need > 2 * sim->review_capacity ? need : 2 * sim->review_capacity;
    size_t slots = (size_t)grown * (size_t)ring_size(sim);
    double *q = realloc(sim->review_quality, slots * sizeof *q);
    if (q) sim->review_quality = q;
    int64_t *u = realloc(sim->review_units, slots * sizeof *u);
    if (u) sim->review_units = u;
    if (!q || !u) return MISHI_ENOMEM;
    size_t old = (size_t)sim->review_capacity * (size_t)ring_size(sim);
    memset(q + old, 0, (slots - old) * sizeof *q);
    memset(u + old, 0, (slots - old) * sizeof *u);
    sim->review_capacity = grown;
    return MISHI_OK;
}

/* Queue firm f's reviews of week `week`, and apply those of week - delay
 * (the slot about to be reused, or this one without a delay). */
static void review(mishi_sim *sim, firm *f, int week) {
    int size = ring_size(sim);
    size_t row = (size_t)f->id * (size_t)size;
    size_t in = row + (size_t)(week % size), out = row + (size_t)((week + 1) % size);
    sim->review_quality[in] = f->quality_sold;
    sim->review_units[in] = f->units;
    int64_t units = sim->review_units[out];
    if (units == 0) return; /* no reviews public this week */
    double quality = sim->review_quality[out] / (double)units;
    f->reputation += (quality - f->reputation) / sim->params.reputation.memory_weeks;
    assert(f->reputation >= 0.0 && f->reputation <= 1.0);
}

mishi_status reputation_step(mishi_sim *sim, mishi_error *err) {
    if (sim->params.reputation.weight <= 0.0) return MISHI_OK;
    if (reserve(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for reviews");
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++)
        if (sim->firms.at[id].active) review(sim, &sim->firms.at[id], week);
    return MISHI_OK;
}

void reputation_free(mishi_sim *sim) {
    free(sim->review_quality), free(sim->review_units);
    sim->review_quality = NULL, sim->review_units = NULL;
    sim->review_capacity = 0;
}

double reputation_expected(const mishi_sim *sim, const firm *f) {
    double w = sim->params.reputation.weight;
    if (w <= 0.0) return f->design_quality; /* to the bit, as before */
    return (1.0 - w) * f->design_quality + w * f->reputation;
}
