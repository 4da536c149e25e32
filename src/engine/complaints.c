/*
 * complaints.c — retention spending: the firm resolves complaints.
 *
 * Seed 002: Xiaomi runs "its own extensive customer service program even
 * though it would be cheaper to outsource"; MISSION 5 and 15: retention
 * spending has its own cost per customer kept, and a resolved complaint
 * keeps a buyer. A firm's weekly retention_budget pays for
 * budget / cost_per_resolution resolutions. When more complaints arrive,
 * each is resolved with probability capacity / complaints, so the expected
 * spend never exceeds the budget and no complainer is favoured by its id.
 * A resolved buyer's satisfaction rises to resolution_satisfaction (if it
 * was lower), which is what it remembers and tells friends.
 */
#include "complaints.h"

mishi_status complaints_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    for (int id = 0; id < sim->firms.count; id++) {
        firm *f = &sim->firms.at[id];
        if (!f->active || f->complaints == 0) continue;
        const mishi_firm_class *c = firm_class_of(sim, f);
        double capacity = c->retention_budget / c->cost_per_resolution;
        double p = capacity / (double)f->complaints;
        f->resolve_probability = p < 1.0 ? p : 1.0;
    }
    return MISHI_OK;
}
