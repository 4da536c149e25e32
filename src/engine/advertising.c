/*
 * advertising.c — how shoppers come across firms they do not yet know:
 * acquisition spending (ads) and browsing, both weighted by visibility.
 *
 * Seed 000: firms "aggressively pursue new clients while paying little
 * attention to the old"; MISSION mechanism 5: acquisition spending has its
 * own cost per customer reached. A firm's weekly acquisition_budget buys
 * budget / cost_per_reach contacts with shoppers, of which a share
 * `visibility` are noticed (seed 002's "X" brand that search engines bury
 * has low visibility). Contacts are spread evenly over the shoppers of the
 * regions the firm sells in, so a shopper in region r meets
 * Poisson(ads_per_shopper_r) ads, each landing on firm j with probability
 * proportional to j's contacts per shopper. Browsing finds search_firms more
 * firms, drawn by visibility alone. Visibility is per region: outside a
 * firm's home region it is scaled by away_visibility (firms.c).
 *
 * A flash firm's visibility is raised by its buzz, v (1 + b) (flash.c).
 *
 * Both are sampled with Walker alias tables (GSL's gsl_ran_discrete) built
 * once a week per region: O(firms) a week, O(1) a draw, never O(firms) per
 * shopper.
 */
#include "advertising.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "firms.h"

static void region_market_clear(region_market *m) {
    if (m->ads) gsl_ran_discrete_free(m->ads);
    if (m->browse) gsl_ran_discrete_free(m->browse);
    free(m->ad_firm), free(m->browse_firm);
    memset(m, 0, sizeof *m);
}

void advertising_free(mishi_sim *sim) {
    for (int r = 0; r < MISHI_MAX_REGIONS; r++)
        region_market_clear(&sim->regions[r]);
}

static mishi_status count_shoppers(mishi_sim *sim) {
    for (int r = 0; r < sim->params.region_count; r++)
        sim->regions[r].shoppers = 0;
    /* week 0 (no calendar yet) and past the horizon: nobody shops */
    if (!sim->calendar.lane || sim->week >= sim->calendar.weeks) return MISHI_OK;
    uint32_t shoppers = calendar_week_count(&sim->calendar, sim->week + 1);
    if (sim->params.region_count == 1) { /* everyone is in it */
        sim->regions[0].shoppers = shoppers;
        return MISHI_OK;
    }
    const uint32_t *ids; /* unsorted: a count needs no sort */
    if (calendar_list_week(&sim->calendar, sim->week + 1, &ids)) return MISHI_ENOMEM;
    for (uint32_t k = 0; k < shoppers; k++)
        sim->regions[consumer_region(&sim->people, ids[k])].shoppers++;
    return MISHI_OK;
}

static int sells_in(const firm *f, int r) {
    return f->active && (f->region == ALL_REGIONS || f->region == r);
}

/* Contacts are spread over the shoppers of all the firm's regions; those
 * in `region` are noticed at its visibility there. */
static double contacts_per_shopper(const mishi_sim *sim, const firm *f,
                                   int region) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    int64_t shoppers = 0;
    for (int r = 0; r < sim->params.region_count; r++)
        if (sells_in(f, r)) shoppers += sim->regions[r].shoppers;
    if (shoppers == 0) return 0.0;
    double contacts = c->acquisition_budget / c->cost_per_reach *
                      firm_visibility_in(sim, f, region);
    return contacts / (double)shoppers;
}

mishi_status alias_table_build(const double *weight, int n,
                               gsl_ran_discrete_t **table, int **firm_of,
                               double *total) {
    int used = 0;
    double *w = malloc((size_t)(n ? n : 1) * sizeof *w);
    int *ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
    if (!w || !ids) goto fail;
    *total = 0.0;
    for (int j = 0; j < n; j++)
        if (weight[j] > 0.0) w[used] = weight[j], ids[used++] = j, *total += weight[j];
    *table = NULL;
    if (used > 0 && !(*table = gsl_ran_discrete_preproc((size_t)used, w)))
        goto fail;
    free(w);
    *firm_of = ids;
    return MISHI_OK;
fail:
    free(w), free(ids);
    return MISHI_ENOMEM;
}

static mishi_status build_region(mishi_sim *sim, int r, double *ad, double *vis) {
    region_market *m = &sim->regions[r];
    int64_t shoppers = m->shoppers;
    region_market_clear(m);
    m->shoppers = shoppers;
    for (int j = 0; j < sim->firms.count; j++) {
        const firm *f = &sim->firms.at[j];
        ad[j] = sells_in(f, r) ? contacts_per_shopper(sim, f, r) : 0.0;
        vis[j] = sells_in(f, r) ? firm_visibility_in(sim, f, r) : 0.0;
    }
    double ads_per_shopper, total;
    if (alias_table_build(ad, sim->firms.count, &m->ads, &m->ad_firm, &ads_per_shopper))
        return MISHI_ENOMEM;
    m->ads_met = rng_poisson_of(ads_per_shopper);
    return alias_table_build(vis, sim->firms.count, &m->browse, &m->browse_firm, &total);
}

mishi_status advertising_step(mishi_sim *sim, mishi_error *err) {
    int n = sim->firms.count;
    double *ad = malloc((size_t)(n ? n : 1) * sizeof *ad);
    double *vis = malloc((size_t)(n ? n : 1) * sizeof *vis);
    mishi_status rc = (ad && vis) ? count_shoppers(sim) : MISHI_ENOMEM;
    for (int r = 0; r < sim->params.region_count && rc == MISHI_OK; r++)
        rc = build_region(sim, r, ad, vis);
    free(ad), free(vis);
    if (rc) return mishi_error_set(err, rc, "out of memory for ad tables");
    return MISHI_OK;
}

/* The same tables as a week's, with no shoppers counted (there is no
 * calendar yet), so no ads. */
mishi_status advertising_init(mishi_sim *sim, mishi_error *err) {
    return advertising_step(sim, err);
}
