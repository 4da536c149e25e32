/*
 * channels.c — how a firm reaches buyers: through retailers, only in its
 * own online store, or both; and the devices of each firm in use.
 *
 * Seed 002: Xiaomi "only sells their products on-line and this new
 * approach has allowed them to connect directly to their users in ways
 * other companies cannot"; MISSION 11: online-only direct sales against
 * retail channels — margin, reach, and a direct line to users. A retail
 * firm reaches every shopper it can otherwise reach and gives retailers
 * retailer_margin of the price; an online-only firm reaches only the
 * consumers who shop online (a share online_share of each region, a fixed
 * fact per consumer drawn from the seed) and keeps the whole price; a firm
 * selling both sells direct to online shoppers and through retailers to
 * the rest. A unit sold direct gives the firm a user it hears from (the
 * feedback of the software submodel); the consumer keeps that fact with
 * the device (CONSUMER_DIRECT), so each firm's devices in use, and how
 * many of them were bought direct, are counted as devices change hands.
 */
#include "channels.h"

#include "rng.h"

int consumer_online(const mishi_sim *sim, int64_t i) {
    double share = sim->params.regions[consumer_region(&sim->people, i)].online_share;
    if (share >= 1.0) return 1;
    return rng_pair_uniform(sim->params.seed, RNG_ONLINE, (uint64_t)i, 0) < share;
}

int channel_reaches(const mishi_sim *sim, uint8_t channel, int64_t i) {
    return channel != CHANNEL_ONLINE || consumer_online(sim, i);
}

int channel_direct(const mishi_sim *sim, uint8_t channel, int64_t i) {
    return channel != CHANNEL_RETAIL && consumer_online(sim, i);
}

double channel_revenue(const mishi_firm_class *c, const firm *f) {
    double units = (double)f->units;
    if (c->retailer_margin <= 0.0) return units * f->price;
    double direct = (double)f->units_direct;
    return (direct + (units - direct) * (1.0 - c->retailer_margin)) * f->price;
}

void channel_count_installed(mishi_sim *sim) {
    const consumers *p = &sim->people;
    for (int64_t i = 0; i < p->count; i++) {
        const consumer_state *c = &p->state[i];
        if (c->device_firm == NO_FIRM) continue;
        firm *f = &sim->firms.at[c->device_firm];
        f->installed++;
        if (c->flags & CONSUMER_DIRECT) f->installed_direct++;
    }
}
