/*
 * sim.c — a simulation's life: build it, step it a week at a time, free it.
 *
 * The week is the list below, run in order. Each entry is one submodel's
 * weekly step, in its own file; the schedule is the one place that says
 * what happens before what:
 *
 *   firm entry -> adoption (parallel) -> quality rules -> ads and browsing
 *   -> shopping (parallel:
 *   turnover, consideration, choice, experience) -> tally -> complaints ->
 *   ownership (parallel: resolution, memory, next market entry) ->
 *   calendar -> accounting -> exits -> observation
 *
 * Determinism: the two parallel phases read state fixed before the phase
 * and each writes only its own record or consumer, with draws keyed by
 * (seed, stream, consumer, week); every sum runs serially in a fixed order.
 * So output is bit-identical for any thread count.
 */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static const struct {
    const char *name;
    submodel_step step;
} week_schedule[] = {
    {"firm entry", firms_entry_step},
    {"adoption", adoption_step},
    {"quality rules", strategy_step},
    {"ads and browsing", advertising_step},
    {"shopping", shopping_step},
    {"tally", tally_step},
    {"complaints", complaints_step},
    {"ownership", ownership_step},
    {"calendar", calendar_step},
    {"accounting", accounting_step},
    {"exits", exit_step},
    {"observation", observation_step},
};

static void region_shares(mishi_sim *sim) {
    const mishi_params *p = &sim->params;
    double total = 0.0, running = 0.0;
    for (int r = 0; r < p->region_count; r++) total += p->regions[r].share;
    for (int r = 0; r < p->region_count; r++) {
        running += p->regions[r].share;
        sim->region_cumulative_share[r] = running / total;
    }
}

static mishi_status sim_build(mishi_sim *sim, mishi_error *err) {
    mishi_status rc;
    region_shares(sim);
    if (memory_init(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    if ((rc = firms_init(sim, err))) return rc;
    /* week 0: the quality firms ship and the browsing tables the initial
     * devices are drawn from */
    for (int id = 0; id < sim->firms.count; id++)
        sim->firms.at[id].shipped_quality = sim->firms.at[id].design_quality;
    if ((rc = advertising_step(sim, err))) return rc;
    if ((rc = population_init(sim, err))) return rc;
    return adoption_init(sim, err);
}

mishi_status mishi_sim_new(const mishi_scenario *sc,
                           const mishi_run_options *options, mishi_sim **out,
                           mishi_error *err) {
    *out = NULL;
    if (!sc) return mishi_error_set(err, MISHI_EARG, "no scenario given");
    mishi_sim *sim = calloc(1, sizeof *sim);
    if (!sim) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    sim->params = sc->params;
    sim->threads = options && options->threads > 0 ? options->threads
                                                   : omp_get_max_threads();
    mishi_status rc = sim_build(sim, err);
    if (rc) {
        mishi_sim_free(sim);
        return rc;
    }
    *out = sim;
    return MISHI_OK;
}

mishi_status mishi_sim_step(mishi_sim *sim, mishi_error *err) {
    if (sim->week >= sim->params.weeks)
        return mishi_error_set(err, MISHI_EDONE,
                               "the simulation has reached its horizon of %d weeks",
                               sim->params.weeks);
    size_t n = sizeof week_schedule / sizeof week_schedule[0];
    for (size_t k = 0; k < n; k++) {
        mishi_status rc = week_schedule[k].step(sim, err);
        if (rc) return rc;
    }
    sim->week++;
    return MISHI_OK;
}

int mishi_sim_week(const mishi_sim *sim) { return sim->week; }
int64_t mishi_sim_consumers(const mishi_sim *sim) { return sim->people.count; }

int mishi_sim_weeks(const mishi_sim *sim) { return sim->params.weeks; }

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
        .unit_quality = b->unit_quality / QUALITY_SCALE,
        .satisfaction = b->satisfaction,
        .choice_concentration = b->choice_concentration,
        .preference_concentration = b->preference_concentration};
}

double mishi_sim_bytes_per_consumer(const mishi_sim *sim) {
    const consumers *p = &sim->people;
    double fixed = sizeof *p->device_firm + sizeof *p->device_quality +
                   sizeof *p->satisfaction + sizeof *p->week_bought +
                   sizeof *p->flags + sizeof *p->region +
                   sizeof *p->memory_firm + sizeof *p->memory_preference;
    double slots = (double)sim->calendar.peak_slots * sizeof(uint32_t);
    return fixed + (p->count ? slots / (double)p->count : 0.0);
}

void mishi_sim_free(mishi_sim *sim) {
    if (!sim) return;
    population_free(&sim->people);
    calendar_free(&sim->calendar);
    firms_free(&sim->firms);
    advertising_free(sim);
    free(sim->purchases);
    free(sim->rows);
    free(sim->memory_kept);
    adoption_free(sim);
    free(sim);
}

/* Each consumer is booked exactly once; devices come from firms that
 * existed; memory slots without a firm hold no preference. */
int sim_check_invariants(const mishi_sim *sim, char *why, size_t n) {
    const consumers *p = &sim->people;
    int64_t booked = 0;
    for (int w = sim->week + 1; w <= sim->calendar.weeks; w++)
        booked += sim->calendar.bucket[w].count;
    for (int64_t i = 0; i < p->count; i++) {
        if (p->device_firm[i] != NO_FIRM && p->device_firm[i] >= sim->firms.count)
            return snprintf(why, n, "consumer %lld holds unknown firm %u",
                            (long long)i, p->device_firm[i]), 1;
        /* owners keep an exited firm's device only if bought before it left */
        const firm *maker = p->device_firm[i] == NO_FIRM
                                ? NULL : &sim->firms.at[p->device_firm[i]];
        if (maker && !maker->active && p->week_bought[i] > maker->exit_week)
            return snprintf(why, n, "consumer %lld bought from firm %d in week "
                            "%d, after it exited in week %d", (long long)i,
                            maker->id, p->week_bought[i], maker->exit_week), 1;
        for (int s = 0; s < MEMORY_SLOTS; s++)
            if (p->memory_firm[i][s] == NO_FIRM && p->memory_preference[i][s])
                return snprintf(why, n, "consumer %lld: empty slot with preference",
                                (long long)i), 1;
    }
    for (int64_t k = 0; k < sim->prospect_count; k++) {
        uint32_t i = sim->prospects[k];
        if (!(p->flags[i] & CONSUMER_PROSPECT) || p->device_firm[i] != NO_FIRM)
            return snprintf(why, n, "prospect %u has entered the market", i), 1;
    }
    if (booked + sim->prospect_count > p->count)
        return snprintf(why, n, "%lld bookings and %lld prospects for %lld "
                        "consumers", (long long)booked,
                        (long long)sim->prospect_count, (long long)p->count), 1;
    return 0;
}
