/*
 * service.c — customer service: who resolves a firm's complaints, at what
 * cost, how well, and whom a good resolution turns into an advocate.
 *
 * Seed 002: "The third big bet was counting on their users to advertise
 * their products on social media as part of a strategy of building strong
 * connections with devoted users through excellent customer service. ...
 * One outcome of this is Xiaomi operating its own extensive customer
 * service program even though it would be cheaper to outsource, a
 * decision which has given them major business advantages." MISSION 5 and
 * 15: retention spending has its own cost per customer kept.
 *
 * A firm's class chooses its service. Outsourced (the default) resolves a
 * complaint at cost_per_resolution and leaves the buyer at
 * resolution_satisfaction; in-house at inhouse_cost_per_resolution (dearer)
 * and inhouse_resolution_satisfaction (better), and a buyer it leaves
 * satisfied (satisfaction >= 0 after the resolution) becomes an advocate
 * with probability advocate_share: it posts praise (social.c), whether or
 * not the firm's buyers post otherwise.
 *
 * The weekly retention_budget pays for budget / unit cost resolutions.
 * When more complaints arrive, each is resolved with probability
 * capacity / complaints, so the expected spend never exceeds the budget
 * and no complainer is favoured by its id; ownership.c draws it. A
 * resolved buyer's satisfaction rises to the service's resolution
 * satisfaction (if it was lower), which is what it remembers, tells
 * friends and posts.
 *
 * Invariant (the issue's): service_spend = resolved x the unit cost of the
 * firm's service, every firm, every week (invariants.c).
 */
#include "service.h"

#include <stdlib.h>

#include "grow.h"
#include "rng.h"

double service_cost_per_resolution(const mishi_firm_class *c) {
    return c->service == SERVICE_INHOUSE ? c->inhouse_cost_per_resolution
                                         : c->cost_per_resolution;
}

double service_resolution_satisfaction(const mishi_firm_class *c) {
    return c->service == SERVICE_INHOUSE ? c->inhouse_resolution_satisfaction
                                         : c->resolution_satisfaction;
}

int service_has_advocates(const mishi_firm_class *c) {
    return c->service == SERVICE_INHOUSE && c->advocate_share > 0.0;
}

double service_spend(const mishi_firm_class *c, const firm *f) {
    return (double)f->resolved * service_cost_per_resolution(c);
}

/* Drawn from (seed, SERVICE, consumer, week): whether the buyer of a
 * resolved complaint speaks up for its maker. */
int service_advocate(const mishi_sim *sim, const purchase *b) {
    if (!(b->flags & PURCHASE_RESOLVED) || b->satisfaction < 0.0f) return 0;
    const mishi_firm_class *c = firm_class_of(sim, &sim->firms.at[b->firm]);
    if (!service_has_advocates(c)) return 0;
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_SERVICE, b->consumer,
                    (uint32_t)(sim->week + 1));
    return rng_uniform(&s) < c->advocate_share;
}

/* Room for a desk a firm (grow.h), the new ones zeroed. */
static mishi_status desks_reserve(mishi_sim *sim) {
    size_t had = sim->service_desk_capacity;
    while (sim->service_desk_capacity < (size_t)sim->firms.count)
        if (grow_array((void **)&sim->service_desks, &sim->service_desk_capacity,
                       sizeof *sim->service_desks, 64))
            return MISHI_ENOMEM;
    for (size_t id = had; id < sim->service_desk_capacity; id++)
        sim->service_desks[id] = (service_desk){0.0, 0.0}; /* compared before it is set */
    return MISHI_OK;
}

/* The desks are read by ownership's threads, so one is written only when
 * it changes: a line written every week is taken from the other cores'
 * caches and fetched back. Only the desks of firms with complaints this
 * week are read (ownership.c), so only they are set. In the firm records,
 * the week's accounts (accounting.c's settle, one thread) took twice as
 * long on 2 threads as on one at 10^5 consumers with 1,000 firms. */
mishi_status service_step(mishi_sim *sim, mishi_error *err) {
    if (desks_reserve(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for %d firms' service",
                               sim->firms.count);
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        if (!f->active || f->complaints == 0) continue;
        const mishi_firm_class *c = firm_class_of(sim, f);
        double capacity = c->retention_budget / service_cost_per_resolution(c);
        double p = capacity / (double)f->complaints;
        service_desk desk = {p < 1.0 ? p : 1.0, service_resolution_satisfaction(c)};
        service_desk *mine = &sim->service_desks[id];
        if (mine->resolve_probability != desk.resolve_probability ||
            mine->restored != desk.restored)
            *mine = desk;
    }
    return MISHI_OK;
}

void service_free(mishi_sim *sim) {
    free(sim->service_desks);
    sim->service_desks = NULL;
    sim->service_desk_capacity = 0;
}
