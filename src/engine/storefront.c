/*
 * storefront.c — what a shopper sees of a firm this week, in one cache
 * line.
 *
 * A shopper in the train-station market considers seven or eight firms of
 * a thousand (shopping.c), and for each it asks whether it can buy there
 * and what the firm offers: a handful of fields spread over the firm's
 * 500-byte record, three or four cache misses a firm considered (a
 * twentieth of the run went to waiting for the first). The fields a
 * shopper reads are copied once a week into a 64-byte row per firm, so a
 * thousand firms' rows (64 KB) stay in the core's cache. Nothing is
 * computed differently: the row holds the same values the record does,
 * and the same expected quality reputation_expected() returns.
 */
#include "storefront.h"

#include <stdlib.h>

#include "channels.h"
#include "reputation.h"
#include "rng.h"

void storefront_of(const mishi_sim *sim, const firm *f, int week,
                   storefront *out) {
    out->expected = reputation_expected(sim, f);
    out->brand = f->brand, out->price = f->price;
    out->loyalty_reward = firm_class_of(sim, f)->loyalty_reward;
    out->software_quality = f->software_quality;
    out->access = f->access, out->shipped_quality = f->shipped_quality;
    out->id = (uint16_t)f->id;
    out->open = (uint8_t)(f->active && week >= f->open_week);
    out->launched = (uint8_t)(f->active && week >= f->launch_week);
    out->region = f->region, out->home = f->home, out->channel = f->channel;
    /* abroad (outside its home region) it reaches no one before its away
     * launch week: no pre-orders abroad before it sells there */
    out->home_only = (uint8_t)(f->home != ALL_REGIONS && week < f->away_launch_week);
}

int storefront_reaches(const mishi_sim *sim, const storefront *s,
                       int64_t consumer) {
    int region = consumer_region(&sim->people, consumer);
    if (s->region != ALL_REGIONS && s->region != region) return 0;
    if (s->home_only && s->home != region) return 0;
    if (!channel_reaches(sim, s->channel, consumer)) return 0;
    if (s->access >= 1.0) return 1;
    return rng_pair_uniform(sim->params.seed, RNG_ACCESS, (uint64_t)consumer,
                            (uint32_t)s->id) < s->access;
}

/* Whether, if it is open, every consumer can buy from the firm of row s
 * with no draw: storefront_reaches() would say yes to each. */
static int reaches_everyone(const storefront *s) {
    return s->region == ALL_REGIONS && !s->home_only &&
           s->channel != CHANNEL_ONLINE && s->access >= 1.0;
}

mishi_status storefront_build(mishi_sim *sim) {
    int n = sim->firms.count;
    if (n > sim->storefront_capacity) {
        int grown = n + n / 2;
        storefront *rows = aligned_alloc(64, (size_t)grown * sizeof *rows);
        if (!rows) return MISHI_ENOMEM;
        free(sim->storefronts);
        sim->storefronts = rows, sim->storefront_capacity = grown;
    }
    int open = 0;
    sim->sole_open_firm = NO_FIRM;
    sim->every_firm_in_reach = sim->open_firms_in_reach = 1;
    for (int f = 0; f < n; f++) {
        storefront *s = &sim->storefronts[f];
        storefront_of(sim, &sim->firms.at[f], sim->week + 1, s);
        if (s->open && open++ == 0) sim->sole_open_firm = (uint16_t)f;
        if (!s->open) sim->every_firm_in_reach = 0;
        else if (!reaches_everyone(s))
            sim->every_firm_in_reach = sim->open_firms_in_reach = 0;
    }
    if (open != 1) sim->sole_open_firm = NO_FIRM;
    return MISHI_OK;
}

void storefront_free(mishi_sim *sim) {
    free(sim->storefronts);
    sim->storefronts = NULL;
    sim->storefront_capacity = 0;
}
