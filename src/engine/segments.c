/*
 * segments.c — consumer segments: markets whose buyers weigh price,
 * quality and brand differently (MISSION 17c: "markets whose preferences
 * differ"; issue 11's heterogeneous consumers).
 *
 * A segment scales the scenario's choice weights by factors and shifts its
 * aspiration and outside option, so the default segment (factors 1, shifts
 * 0) is the scenario's own consumer, to the bit: a scenario without
 * `segments:` computes exactly what it did before segments existed. Its
 * tastes are resolved once here; shopping and experience read them by the
 * consumer's segment, which lives in 4 bits of its flags and costs no
 * memory. A region's consumers fall into the segments that live there
 * (those with its name or with none) by share.
 */
#include "segments.h"

static taste resolve(const mishi_params *p, const mishi_segment_params *s) {
    const mishi_choice_params *c = &p->choice;
    return (taste){c->w_quality * s->quality_weight,
                   c->w_loyalty * s->loyalty_weight,
                   c->w_wom * s->wom_weight,
                   c->w_brand * s->brand_weight,
                   c->w_price * s->price_weight,
                   c->w_software * s->software_weight,
                   p->consumers.aspiration + s->aspiration_shift,
                   c->outside_utility + s->outside_shift};
}

static int lives_in(const mishi_params *p, const mishi_segment_params *s,
                    int region) {
    return !s->region[0] || params_region_index(p, s->region) == region;
}

/* Cumulative shares of the segments living in `region`, normalised; a
 * segment that does not live there adds nothing. */
static void region_shares(mishi_sim *sim, int region) {
    const mishi_params *p = &sim->params;
    double total = 0.0, running = 0.0;
    for (int k = 0; k < p->segment_count; k++)
        if (lives_in(p, &p->segments[k], region)) total += p->segments[k].share;
    for (int k = 0; k < p->segment_count; k++) {
        if (lives_in(p, &p->segments[k], region)) running += p->segments[k].share;
        sim->segment_cumulative[region][k] = running / total;
    }
}

mishi_status segments_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    const mishi_params *p = &sim->params;
    for (int k = 0; k < p->segment_count; k++)
        sim->tastes[k] = resolve(p, &p->segments[k]);
    for (int r = 0; r < p->region_count; r++) region_shares(sim, r);
    return MISHI_OK;
}

int segment_draw(const mishi_sim *sim, int region, double u) {
    int last = sim->params.segment_count - 1;
    for (int k = 0; k < last; k++)
        if (u < sim->segment_cumulative[region][k]) return k;
    return last;
}
