/*
 * resale.c — private reselling: a second-hand market in flash-sale units.
 *
 * Seed 002: "Additional innovative sales strategies have included the use
 * of flash sale events as well as encouraging private reselling between
 * individuals"; issue 12: "owners (flash-sale winners among them) sell
 * devices to others at a price set by unmet demand and device age; volumes
 * and prices are outputs."
 *
 * Devices come up for resale two ways. A flash-sale winner who is not a
 * reserver buys to resell with probability resale.reseller_share (stream
 * RESALE, keyed by consumer and week): it pays the maker as any buyer
 * does, keeps the device it holds (and looks again next week), and the
 * unit, with the quality it was made with and the week it was bought,
 * goes to its maker's resale pool. And an owner who replaces a working
 * device sells the old one with probability resale.owner_share (stream
 * RESALE, keyed by 2^32 + consumer and week; in tally, in purchase order):
 * it goes to its maker's pool with its quality and the week its owner got
 * it. Before shopping, each pool that is not empty is priced for the week
 *
 *   p_r = p_j (1 + premium U_j / (U_j + P_j)) max(0, 1 - age_discount a_j)
 *
 * where U_j is last week's shoppers left without one of j's flash-sale
 * units, P_j the devices in the pool and a_j their mean age in weeks: a
 * markup that grows with scarcity — all of `premium` when those who missed
 * out far outnumber the devices on offer, none when nobody missed out — on
 * a value that falls with age. Every shopper, and a shopper who missed a
 * flash sale and chooses again, sees for each firm it considers whose pool
 * is not empty "j, second hand, at p_r, of the pool's mean quality" as one
 * more alternative (shopping.c); the devices go to those who chose them in
 * queue order (flash.c), oldest first. The buyer takes the device home as it would a
 * new one (it counts among the maker's devices in use), but it is not a
 * unit of the maker's: no revenue, no complaint to the maker, not direct.
 *
 * Invariants: pool(t) = pool(t-1) + put in - sold, for every firm; the
 * devices sold from pools are the second-hand devices bought; the money
 * their buyers paid is the money resellers received.
 */
#include "resale.h"

#include <stdlib.h>
#include <string.h>

#include "experience.h"
#include "rng.h"

/* Added to a consumer's id to key its draw as an owner who sells: ids are
 * below 2^32, so it stays apart from its draw as a flash-sale winner. */
#define OWNER_KEY (UINT64_C(1) << 32)

mishi_status resale_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    const mishi_resale_params *r = &sim->params.resale;
    sim->resale.on = r->reseller_share > 0.0 || r->owner_share > 0.0;
    return MISHI_OK;
}

void resale_free(mishi_sim *sim) {
    resale_market *m = &sim->resale;
    for (int id = 0; id < m->pool_count; id++) free(m->pools[id].at);
    free(m->pools);
    memset(m, 0, sizeof *m);
}

int resale_buys_to_resell(const mishi_sim *sim, const purchase *b) {
    double share = sim->params.resale.reseller_share;
    if (share <= 0.0) return 0;
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_RESALE, b->consumer,
                    (uint32_t)(sim->week + 1));
    return rng_uniform(&s) < share;
}

/* Room for one more device in firm id's pool (and a pool for every firm
 * that has existed). */
static mishi_status pool_reserve(resale_market *m, int firm_count, int id) {
    if (firm_count > m->pool_count) {
        resale_pool *pools = realloc(m->pools, (size_t)firm_count * sizeof *pools);
        if (!pools) return MISHI_ENOMEM;
        memset(pools + m->pool_count, 0,
               (size_t)(firm_count - m->pool_count) * sizeof *pools);
        m->pools = pools, m->pool_count = firm_count;
    }
    resale_pool *p = &m->pools[id];
    if (p->head > 0 && p->head + p->count == p->capacity) {
        memmove(p->at, p->at + p->head, p->count * sizeof *p->at);
        p->head = 0;
    }
    if (p->head + p->count < p->capacity) return MISHI_OK;
    size_t grown = p->capacity ? p->capacity + p->capacity / 2 : 64;
    resale_device *at = realloc(p->at, grown * sizeof *at);
    if (!at) return MISHI_ENOMEM;
    p->at = at, p->capacity = grown;
    return MISHI_OK;
}

/* A device of firm f's, of quality x255 and bought in `week`, joins its
 * pool. */
static mishi_status pool_add(mishi_sim *sim, firm *f, uint8_t quality, int week) {
    resale_market *m = &sim->resale;
    if (pool_reserve(m, sim->firms.count, f->id)) return MISHI_ENOMEM;
    resale_pool *p = &m->pools[f->id];
    p->at[p->head + p->count++] = (resale_device){quality, (uint16_t)week};
    p->quality_sum += quality, p->week_sum += week;
    f->resale_pool = (int64_t)p->count, f->resale_in++;
    return MISHI_OK;
}

mishi_status resale_put(mishi_sim *sim, firm *f, purchase *b) {
    int week = sim->week + 1;
    if (pool_add(sim, f, b->unit_quality, week)) return MISHI_ENOMEM;
    b->trade = TRADE_RESELL;
    b->flags &= (uint8_t)~PURCHASE_COMPLAINED; /* it is not used: no complaint */
    b->next_week = (uint16_t)(week + 1);      /* it still needs a device */
    return MISHI_OK;
}

mishi_status resale_owner_sells(mishi_sim *sim, const purchase *b) {
    const consumer_state *c = &sim->people.state[b->consumer];
    uint16_t held = c->device_firm;
    if (held == NO_FIRM || purchase_device(b) == NO_FIRM ||
        (b->flags & (PURCHASE_FAILED | PURCHASE_NEWCOMER)))
        return MISHI_OK; /* nothing held, nothing replaced, it is broken, or
                            it left with the transient who held it */
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_RESALE, OWNER_KEY + b->consumer,
                    (uint32_t)(sim->week + 1));
    if (!(rng_uniform(&s) < sim->params.resale.owner_share)) return MISHI_OK;
    return pool_add(sim, &sim->firms.at[held], c->device_quality, c->week_bought);
}

/* This week's asking price of every pool that is not empty; only these
 * are on offer this week (resale_offered). */
mishi_status resale_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    if (!sim->resale.on) return MISHI_OK;
    const mishi_resale_params *r = &sim->params.resale;
    int week = sim->week + 1;
    for (int id = 0; id < sim->resale.pool_count; id++) {
        firm *f = &sim->firms.at[id];
        const resale_pool *p = &sim->resale.pools[id];
        f->resale_priced = p->count > 0;
        if (p->count == 0) continue;
        double pooled = (double)p->count, unmet = (double)f->flash_unmet_last;
        double age = week - (double)p->week_sum / pooled;
        double kept = 1.0 - r->age_discount * age;
        f->resale_quality = (double)p->quality_sum / pooled / QUALITY_SCALE;
        f->resale_price = f->price * (1.0 + r->premium * unmet / (unmet + pooled)) *
                          (kept > 0.0 ? kept : 0.0);
    }
    return MISHI_OK;
}

int resale_take(mishi_sim *sim, firm *f, purchase *b) {
    resale_pool *p = f->id < sim->resale.pool_count ? &sim->resale.pools[f->id]
                                                    : NULL;
    if (!p || p->count == 0) return 0;
    resale_device d = p->at[p->head++];
    if (--p->count == 0) p->head = 0;
    p->quality_sum -= d.quality, p->week_sum -= d.week;
    f->resale_pool = (int64_t)p->count, f->resale_units++;
    sim->resale.received += f->resale_price;
    const taste *t = &sim->tastes[consumer_segment(&sim->people, b->consumer)];
    b->trade = TRADE_SECOND_HAND;
    b->unit_quality = d.quality;
    b->satisfaction = experience_satisfaction(t, d.quality);
    b->flags &= (uint8_t)~(PURCHASE_DIRECT | PURCHASE_COMPLAINED);
    return 1;
}

double resale_price_paid(const mishi_sim *sim, const purchase *b) {
    return sim->firms.at[b->wanted].resale_price;
}
