/*
 * sim.c — a simulation's life: build it, step it a week at a time, free it.
 *
 * The week is the submodel table below, run in order; building runs the
 * same table's init functions in the same order, and freeing runs it
 * backwards. Each row is one submodel, its functions in one file: this
 * table is the one place that says what happens before what. Where a
 * submodel's week-0 work must come before rows its weekly step follows,
 * that work is a row of its own: the browse tables (advertising.c) that
 * the population's initial devices are drawn from. In a week the
 * full-information row takes (full_information.c), it does the work of
 * the rows marked fused, with the same results, and they do nothing.
 *
 * Determinism: the parallel phases (adoption, shopping, ownership, the
 * full-information week) read state fixed before the phase and each
 * writes only its own record or consumer, with draws keyed by (seed,
 * stream, consumer, week); every sum runs in a fixed order (the tally's
 * by blocks of purchases, added in block order). So output is
 * bit-identical for any thread count.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounting.h"
#include "adoption.h"
#include "advertising.h"
#include "calendar.h"
#include "exp_lanes.h"
#include "firms.h"
#include "flash.h"
#include "full_information.h"
#include "invariants.h"
#include "memory.h"
#include "observation.h"
#include "ownership.h"
#include "population.h"
#include "preorders.h"
#include "pricing.h"
#include "reputation.h"
#include "resale.h"
#include "segments.h"
#include "service.h"
#include "shopping.h"
#include "software.h"
#include "social.h"
#include "strategy.h"

static const submodel submodels[] = {
    /* name                  init                   step                   free              fused */
    {"firm entry",            firms_init,            firms_entry_step,      firms_free,       0},
    {"loyalty memory",        memory_init,           NULL,                  memory_free,      0},
    {"segments",              segments_init,         NULL,                  NULL,             0},
    {"browse tables",         advertising_init,      NULL,                  NULL,             0},
    {"population",            population_init,       NULL,                  population_free,  0},
    {"adoption",              adoption_init,         adoption_step,         adoption_free,    0},
    {"quality rules",         NULL,                  strategy_step,         NULL,             0},
    {"prices",                pricing_init,          pricing_step,          NULL,             0},
    {"software",              software_init,         software_step,         software_free,    0},
    {"ads and browsing",      NULL,                  advertising_step,      advertising_free, 0},
    {"posts seen",            social_init,           social_reach_step,     social_free,      0},
    {"resale prices",         resale_init,           resale_step,           resale_free,      0},
    {"full-information week", full_information_init, full_information_step, NULL,             0},
    {"shopping",              NULL,                  shopping_step,         shopping_free,    1},
    {"flash sales",           flash_init,            flash_step,            flash_free,       0},
    {"pre-orders",            preorders_init,        preorders_step,        preorders_free,   0},
    {"tally",                 NULL,                  tally_step,            NULL,             1},
    {"reputation",            NULL,                  reputation_step,       reputation_free,  0},
    {"customer service",      NULL,                  service_step,          service_free,     0},
    {"ownership",             NULL,                  ownership_step,        NULL,             1},
    {"posts",                 NULL,                  social_post_step,      NULL,             0},
    {"calendar",              NULL,                  calendar_step,         calendar_free,    1},
    {"accounting",            NULL,                  accounting_step,       accounting_free,  0},
    {"exits",                 NULL,                  exit_step,             NULL,             0},
    {"observation",           observation_init,      observation_step,      observation_free, 0},
};
#define SUBMODELS (sizeof submodels / sizeof submodels[0])
_Static_assert(SUBMODELS <= MISHI_MAX_SUBMODELS, "room for every step's time");

size_t mishi_submodel_count(void) { return SUBMODELS; }
const char *mishi_submodel_name(size_t k) {
    return k < SUBMODELS ? submodels[k].name : NULL;
}
double mishi_sim_step_seconds(const mishi_sim *sim, size_t k) {
    return k < SUBMODELS ? sim->step_seconds[k] : 0.0;
}

/* A failure at run time names the scenario it happened in, as a load
 * error names its file: "scenarios/x.yaml: week 65: ...". */
static mishi_status in_scenario(const mishi_sim *sim, mishi_status rc,
                                mishi_error *err) {
    if (!rc || !err) return rc;
    char message[sizeof err->message];
    snprintf(message, sizeof message, "%s", err->message);
    return mishi_error_set(err, rc, "%s: %s", sim->source, message);
}

static mishi_status sim_build(mishi_sim *sim, mishi_error *err) {
    for (size_t k = 0; k < SUBMODELS; k++) {
        if (!submodels[k].init) continue;
        mishi_status rc = submodels[k].init(sim, err);
        if (rc) return rc;
    }
    return MISHI_OK;
}

mishi_status mishi_sim_new(const mishi_scenario *sc,
                           const mishi_run_options *options, mishi_sim **out,
                           mishi_error *err) {
    *out = NULL;
    if (!sc) return mishi_error_set(err, MISHI_EARG, "no scenario given");
    mishi_sim *sim = calloc(1, sizeof *sim);
    if (!sim) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    sim->params = sc->params;
    snprintf(sim->source, sizeof sim->source, "%s", sc->source);
    sim->threads = options && options->threads > 0 ? options->threads
                                                   : omp_get_max_threads();
    sim->plain = options ? options->plain : 0;
    sim->exp_lanes = !sim->plain && exp_lanes_available();
    mishi_status rc = in_scenario(sim, sim_build(sim, err), err);
    if (rc) {
        mishi_sim_free(sim);
        return rc;
    }
    *out = sim;
    return MISHI_OK;
}

/* In debug builds every week ends with the engine's invariants checked: a
 * broken one is a bug, reported as MISHI_EINTERNAL with what broke. */
static mishi_status check_week(const mishi_sim *sim, mishi_error *err) {
#ifdef NDEBUG
    (void)sim, (void)err;
    return MISHI_OK;
#else
    char why[512];
    if (!sim_check_invariants(sim, why, sizeof why)) return MISHI_OK;
    return mishi_error_set(err, MISHI_EINTERNAL, "week %d: %s", sim->week, why);
#endif
}

/* Each step is timed (two clock reads a step a week: nothing next to a
 * step's work), so that a run can say where its time went. */
static mishi_status sim_week(mishi_sim *sim, mishi_error *err) {
    for (size_t k = 0; k < SUBMODELS; k++) {
        if (!submodels[k].step) continue;
        if (submodels[k].fused && sim->full_information.this_week) continue;
        double start = omp_get_wtime();
        mishi_status rc = submodels[k].step(sim, err);
        sim->step_seconds[k] += omp_get_wtime() - start;
        if (rc) return rc;
    }
    sim->week++;
    return check_week(sim, err);
}

mishi_status mishi_sim_step(mishi_sim *sim, mishi_error *err) {
    if (sim->week >= sim->params.weeks)
        return mishi_error_set(err, MISHI_EDONE,
                               "the simulation has reached its horizon of %d weeks",
                               sim->params.weeks);
    return in_scenario(sim, sim_week(sim, err), err);
}

int mishi_sim_week(const mishi_sim *sim) { return sim->week; }
int mishi_sim_weeks(const mishi_sim *sim) { return sim->params.weeks; }
int64_t mishi_sim_consumers(const mishi_sim *sim) { return sim->people.count; }

const mishi_market_row *mishi_sim_market(const mishi_sim *sim) {
    return &sim->market;
}

size_t mishi_sim_firms(const mishi_sim *sim, const mishi_firm_row **rows) {
    *rows = sim->rows;
    return sim->row_count;
}

size_t mishi_sim_purchase_count(const mishi_sim *sim) {
    return sim->purchase_count;
}

static int public_firm(uint16_t f) { return f == NO_FIRM ? -1 : f; }

void mishi_sim_purchase(const mishi_sim *sim, size_t k, mishi_purchase_row *out) {
    const purchase *b = &sim->purchases[k];
    *out = (mishi_purchase_row){
        .consumer = b->consumer, .firm = public_firm(b->firm),
        .previous = public_firm(b->previous),
        .newcomer = !!(b->flags & PURCHASE_NEWCOMER),
        .unit_quality = quality_value(b->unit_quality),
        .satisfaction = b->satisfaction,
        .choice_concentration = b->choice_concentration,
        .preference_concentration = b->preference_concentration};
}

void mishi_sim_free(mishi_sim *sim) {
    if (!sim) return;
    for (size_t k = SUBMODELS; k-- > 0;)
        if (submodels[k].free) submodels[k].free(sim);
    free(sim);
}
