/*
 * firms.c — the suppliers: their attributes, costs, entry and reach.
 *
 * Seed 000: "China has literally thousands of cell phone suppliers. If the
 * quality delta between them is minimal, then why not defect?" Firms are
 * drawn class by class, each with a design quality and brand identity drawn
 * uniformly from its class's range, so the quality delta between them is a
 * scenario setting. Unit cost rises with quality and falls with cumulative
 * volume (an experience curve). Entrants arrive as a Poisson stream and
 * draw their attributes the same way.
 *
 * "Due to governmental controls which restrict access to western goods,
 * Chinese consumers have fewer well known and higher quality choices":
 * a firm can be confined to one region and, within it, be reachable by only
 * a share `access` of consumers — a fixed fact per (consumer, firm) pair,
 * drawn from the seed, so it needs no storage.
 *
 * Seed 002's challenges abroad: "possible missteps in the global market
 * such as using a name that begins with "X" which is hard to find on
 * international search engines". A firm can have a home region; in every
 * other region its visibility is scaled by its class's away_visibility
 * (advertising.c reads firm_visibility_in), and it starts selling there
 * away_launch_weeks after its launch. Domestic challengers that come
 * later: entrants arrive from entry.start_week. docs/model.md §7.23.
 *
 * Invariant: firm ids are dense, 0..count-1, never reused.
 */
#include "firms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_log.h"
#include "rng.h"
#include "software.h"
#include "storefront.h"

double firm_unit_cost(const mishi_firm_class *c, double quality,
                      double cumulative_units) {
    double make = c->cost_base + c->cost_quality * model_pow(quality, c->cost_quality_exponent);
    return make * model_pow(1.0 + cumulative_units / c->volume_ref, -c->scale_elasticity);
}

int firm_reviews_in(const mishi_firm_class *c, const firm *f, int week) {
    int age = week - f->first_week;
    return age != 0 && (age + f->review_phase) % c->review_weeks == 0;
}

int firm_sells_to(const mishi_sim *sim, const firm *f, int64_t consumer) {
    storefront s;
    storefront_of(sim, f, sim->week + 1, &s);
    return s.launched && storefront_reaches(sim, &s, consumer);
}

/* Visibility where it is seen: scaled abroad (a name search engines bury),
 * and raised by the buzz of sold-out flash sales (flash.c) everywhere. */
double firm_visibility_in(const mishi_sim *sim, const firm *f, int region) {
    double v = f->visibility * (1.0 + f->flash_buzz);
    if (f->home == ALL_REGIONS || f->home == region) return v;
    return v * firm_class_of(sim, f)->away_visibility;
}

static double draw_between(rng_stream *s, double lo, double hi) {
    return lo + (hi - lo) * rng_uniform(s);
}

/* "" is every region (for `region`) or none (for `home_region`); a named
 * region was checked by the scenario. */
static uint8_t region_named(const mishi_sim *sim, const char *name) {
    int r = name[0] ? params_region_index(&sim->params, name) : -1;
    return r >= 0 ? (uint8_t)r : ALL_REGIONS;
}

static mishi_status firms_grow(firms *fs) {
    if (fs->count < fs->capacity) return MISHI_OK;
    int grown = fs->capacity ? fs->capacity * 2 : 64;
    firm *at = realloc(fs->at, (size_t)grown * sizeof *at);
    if (!at) return MISHI_ENOMEM;
    fs->at = at, fs->capacity = grown;
    return MISHI_OK;
}

/* Add a firm of class k that first trades in `week`; its attributes come from its own
 * stream, keyed by its id, so entrants never shift incumbents' draws. */
static mishi_status firm_add(mishi_sim *sim, int k, int week) {
    firms *fs = &sim->firms;
    if (fs->count >= MAX_FIRM_IDS) return MISHI_ELIMIT;
    if (firms_grow(fs)) return MISHI_ENOMEM;
    const mishi_firm_class *c = &sim->params.classes[k];
    firm *f = &fs->at[fs->count];
    memset(f, 0, sizeof *f);
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_FIRM, (uint64_t)fs->count, 0);
    f->id = fs->count++;
    f->firm_class = k, f->first_week = week, f->strategy = c->strategy;
    f->launch_week = week + c->launch_weeks, f->channel = (uint8_t)c->channel;
    f->open_week = f->launch_week - c->preorder_weeks; /* <= launch_weeks */
    f->active = 1, f->region = region_named(sim, c->region);
    f->home = region_named(sim, c->home_region);
    f->away_launch_week = f->launch_week +
                          (f->home == ALL_REGIONS ? 0 : c->away_launch_weeks);
    f->design_quality = draw_between(&s, c->design_quality_min, c->design_quality_max);
    f->brand = draw_between(&s, c->brand_min, c->brand_max);
    f->review_phase = (int)(rng_uniform(&s) * c->review_weeks);
    f->shipped_quality = f->design_quality;
    f->reputation = f->design_quality; /* its claim, until buyers say */
    f->quality_direction = -1; /* a profit-seeker's first experiment: skimp */
    f->price_direction = -1;   /* and on price: undercut */
    f->price = c->price, f->visibility = c->visibility, f->access = c->access;
    f->cash = c->cash_weeks > 0.0 ? c->cash_weeks * c->fixed_cost : c->cash;
    f->unit_cost = firm_unit_cost(c, f->shipped_quality, 0.0);
    /* an entrant's first review weighs the market since it entered, not
     * since week 1 (train_station.c's reference to the market) */
    f->market_at_review = sim->totals;
    software_firm_born(sim, f);
    return MISHI_OK;
}

mishi_status firms_init(mishi_sim *sim, mishi_error *err) {
    const mishi_params *p = &sim->params;
    /* "" (a named class was checked by the scenario): the first class */
    int entry = params_class_index(p, p->entry.firm_class);
    sim->entry_class = entry >= 0 ? entry : 0;
    for (int k = 0; k < p->class_count; k++)
        for (int j = 0; j < p->classes[k].count; j++)
            if (firm_add(sim, k, 1)) /* incumbents trade from week 1 */
                return mishi_error_set(err, MISHI_ENOMEM,
                                       "out of memory for the firms");
    return MISHI_OK;
}

/* Entrants a week: entry.rate, plus, with free entry, profit_response per
 * unit of the mean weekly profit incumbents have been making (MISSION 2:
 * "hundreds to thousands" of suppliers come because the market pays). */
static double entry_rate(const mishi_sim *sim) {
    const mishi_entry_params *e = &sim->params.entry;
    if (e->profit_response <= 0.0) return e->rate;
    return e->rate + e->profit_response * fmax(0.0, sim->profit_memory);
}

/* Entrants this week: Poisson(entry rate), from the entry class, from
 * entry.start_week on. */
mishi_status firms_entry_step(mishi_sim *sim, mishi_error *err) {
    int week = sim->week + 1;
    double rate = entry_rate(sim);
    if (rate <= 0.0 || week < sim->params.entry.start_week) return MISHI_OK;
    /* a mean beyond the ids is a run that fails anyway, and GSL's Poisson
     * would take ages to draw it (its count is an unsigned) */
    if (rate > (double)MAX_FIRM_IDS)
        return mishi_error_set(err, MISHI_ELIMIT,
            "week %d: %g entrants expected this week, more than the %d firms "
            "that can ever exist (lower entry.rate or entry.profit_response)",
            week, rate, MAX_FIRM_IDS);
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, sim->params.seed, RNG_ENTRY, 0, (uint32_t)week);
    rng_as_gsl(&s, &r);
    unsigned entrants = gsl_ran_poisson(&r, rate);
    for (unsigned e = 0; e < entrants; e++) {
        mishi_status rc = firm_add(sim, sim->entry_class, week);
        if (rc == MISHI_ELIMIT)
            return mishi_error_set(err, rc,
                "week %d: more than %d firms have existed; firm ids are 16-bit"
                " (lower entry.rate or weeks)", week, MAX_FIRM_IDS);
        if (rc) return mishi_error_set(err, rc, "out of memory for entrants");
    }
    return MISHI_OK;
}

void firms_free(mishi_sim *sim) {
    firms *fs = &sim->firms;
    free(fs->at);
    memset(fs, 0, sizeof *fs);
}
