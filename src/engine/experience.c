/*
 * experience.c — what a buyer receives and how it feels about it.
 *
 * MISSION mechanism 6 (after seed 000's quality fade): buyers learn of
 * skimping "only by experience and word of mouth"; dissatisfied buyers
 * complain to the firm and say so to friends (MISSION 6, 15). The unit received has the quality the firm ships
 * this week plus Gaussian noise (quality_noise), clipped to 0..1. The
 * buyer's satisfaction is that quality less its aspiration, in -1..1. A
 * dissatisfied buyer (satisfaction below 0) complains with probability
 * complaint_propensity; whether the firm resolves it is decided in
 * ownership.c, after the week's complaints are counted.
 *
 * Friends hear of it through the device's stored satisfaction (shopping.c
 * reads it when they shop), so word of mouth carries the delay of friends'
 * own replacement cycles.
 */
#include "experience.h"

#include <math.h>

#include "rng.h"

void experience_receive(const mishi_sim *sim, const storefront *f, int64_t i,
                        int week, const uint32_t *first, purchase *p) {
    const mishi_consumer_params *c = &sim->params.consumers;
    rng_stream s;
    rng_stream_init_drawn(&s, sim->params.seed, RNG_EXPERIENCE, (uint64_t)i,
                          (uint32_t)week, first, 1);
    double q = f->shipped_quality;
    if (c->quality_noise > 0.0) q += rng_gaussian(&s, &sim->ziggurat, c->quality_noise);
    p->unit_quality = experience_unit(q);
    p->satisfaction = experience_satisfaction(
        &sim->tastes[consumer_segment(&sim->people, i)], p->unit_quality);
    /* the draw is the stream's last, so it is made whether or not the
     * buyer is dissatisfied: no other draw moves, and whether it complains
     * is then set without a branch on its satisfaction, which is known
     * late (after the choice and the unit) and varies from buyer to buyer
     * without a pattern */
    double u = rng_uniform(&s);
    int complains = (p->satisfaction < 0.0f) & (u < c->complaint_propensity);
    p->flags |= (uint8_t)(complains * PURCHASE_COMPLAINED);
}
