/*
 * population.c — consumers: their compact storage and their state at
 * week 0 (region, transient status, the device held, when each first
 * enters the market).
 *
 * Seed 000: "if you build a business where there are many transient
 * customers then you do not have to worry about repeat business": a share
 * transient_share of consumers are transient. The rest hold a device drawn
 * as a browse would draw it (by visibility, among the firms they can
 * reach), remember its maker (memory.c) and are booked for their first
 * replacement (next_entry.c, calendar.c). With initial_owners below 1,
 * the rest are prospects who enter only by adopting (adoption.c).
 */
#include "population.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "adoption.h"
#include "calendar.h"
#include "channels.h"
#include "experience.h"
#include "firms.h"
#include "large.h"
#include "memory.h"
#include "next_entry.h"
#include "rng.h"
#include "segments.h"
#include "storefront.h"

static mishi_status consumers_alloc(consumers *p, int64_t n) {
    size_t count = (size_t)n;
    p->count = n;
    p->state = large_alloc(count * sizeof *p->state);
    p->memory = large_alloc(count * 2 * (size_t)p->slots * sizeof *p->memory);
    return p->state && p->memory ? MISHI_OK : MISHI_ENOMEM;
}

void population_free(mishi_sim *sim) {
    consumers *p = &sim->people;
    free(p->state), free(p->memory);
    memset(p, 0, sizeof *p);
}

/* ----------------------------------------------------- week 0 state */

static uint8_t draw_region(const mishi_sim *sim, rng_stream *s) {
    double u = rng_uniform(s);
    for (int r = 0; r < sim->params.region_count - 1; r++)
        if (u < sim->region_cumulative_share[r]) return (uint8_t)r;
    return (uint8_t)(sim->params.region_count - 1);
}

/* The device a consumer holds at week 0: from a firm it can buy from,
 * drawn by visibility as a browse would (a few tries, else none). */
enum { INITIAL_DEVICE_TRIES = 8 };

static uint16_t draw_initial_maker(const mishi_sim *sim, int64_t i,
                                   gsl_rng *r) {
    const region_market *m = &sim->regions[consumer_region(&sim->people, i)];
    if (!m->browse) return NO_FIRM;
    for (int t = 0; t < INITIAL_DEVICE_TRIES; t++) {
        int f = m->browse_firm[gsl_ran_discrete(r, m->browse)];
        if (firm_sells_to(sim, &sim->firms.at[f], i)) return (uint16_t)f;
    }
    return NO_FIRM;
}

static void give_initial_device(mishi_sim *sim, int64_t i, gsl_rng *r) {
    consumers *p = &sim->people;
    uint16_t f = draw_initial_maker(sim, i, r);
    consumer_empty_handed(p, i);
    p->state[i].device_firm = f;
    if (f == NO_FIRM) return;
    purchase bought = {.consumer = (uint32_t)i, .firm = f};
    storefront front;
    storefront_of(sim, &sim->firms.at[f], 0, &front);
    experience_receive(sim, &front, i, 0, NULL, &bought); /* week 0 */
    p->state[i].device_quality = bought.unit_quality;
    if (channel_direct(sim, front.channel, i)) p->state[i].flags |= CONSUMER_DIRECT;
    p->state[i].satisfaction = satisfaction_store(bought.satisfaction);
    double none[MEMORY_SLOTS_MAX] = {0};
    consumer_learn(sim, i, f,
                   bought.satisfaction + sim->params.consumers.initial_loyalty,
                   0, none, NULL);
}

/* Consumers set up a group at a time, the first blocks of their streams
 * drawn at once in vector lanes (rng_lanes.c): two blocks, the three
 * uniforms a prospect takes (region, transient, owner), which one at a
 * time had been a third of a Bass setup's own work at 10^7. The plain
 * path draws each block as its consumer needs it. */
enum { INIT_GROUP = 32, INIT_BLOCKS = 2 };

/* A prospect has never owned a device: nothing held, nothing remembered,
 * and no market entry until it adopts (adoption.c). */
static uint16_t make_prospect(mishi_sim *sim, int64_t i) {
    consumer_empty_handed(&sim->people, i);
    sim->people.state[i].flags |= CONSUMER_PROSPECT;
    return (uint16_t)(sim->params.weeks + 1); /* never, unless it adopts */
}

/* `drawn`: the first INIT_BLOCKS blocks of i's stream, or NULL. */
static uint16_t init_consumer(mishi_sim *sim, int64_t i, const uint32_t *drawn) {
    consumers *p = &sim->people;
    rng_stream s;
    gsl_rng r;
    rng_stream_init_drawn(&s, sim->params.seed, RNG_INIT, (uint64_t)i, 0, drawn,
                          drawn ? INIT_BLOCKS : 0);
    rng_as_gsl(&s, &r);
    consumer_state *c = &p->state[i];
    c->region = draw_region(sim, &s);
    int transient = rng_uniform(&s) < sim->params.consumers.transient_share;
    c->flags = transient ? CONSUMER_TRANSIENT : 0;
    /* drawn only when there are segments to choose from, so that scenarios
     * with one keep their streams */
    if (sim->params.segment_count > 1)
        c->flags |= (uint8_t)(segment_draw(sim, c->region, rng_uniform(&s))
                              << CONSUMER_SEGMENT_SHIFT);
    c->week_bought = 0;
    /* drawn only when there are prospects, so that scenarios without them
     * keep their streams */
    double owners = sim->params.consumers.initial_owners;
    if (owners < 1.0 && rng_uniform(&s) >= owners) return make_prospect(sim, i);
    give_initial_device(sim, i, &r);
    int fails = 0;
    uint32_t wait = next_entry_wait(sim, c->device_quality, transient, &r, &fails);
    /* without a device there is nothing to fail (and no maker to blame):
     * the consumer just enters the market when its wait is up */
    if (fails && c->device_firm != NO_FIRM) c->flags |= CONSUMER_DEVICE_FAILS;
    /* a device held at week 0 is of any age: with geometric lives the
     * residual life is the same geometric (memoryless), so `wait` stands */
    return wait > (uint32_t)sim->params.weeks ? (uint16_t)(sim->params.weeks + 1)
                                              : (uint16_t)wait;
}

static void init_group(mishi_sim *sim, int64_t from, int count, uint16_t *first) {
    uint32_t ids[INIT_GROUP], drawn[INIT_GROUP][4 * INIT_BLOCKS];
    for (int g = 0; g < count; g++) ids[g] = (uint32_t)(from + g);
    if (!sim->plain)
        rng_blocks_each(sim->params.seed, RNG_INIT, 0, INIT_BLOCKS, ids, count, 0,
                        &drawn[0][0], 4 * INIT_BLOCKS);
    for (int g = 0; g < count; g++)
        first[from + g] = init_consumer(sim, from + g, sim->plain ? NULL : drawn[g]);
}

static void region_shares(mishi_sim *sim) {
    const mishi_params *p = &sim->params;
    double total = 0.0, running = 0.0;
    for (int r = 0; r < p->region_count; r++) total += p->regions[r].share;
    for (int r = 0; r < p->region_count; r++) {
        running += p->regions[r].share;
        sim->region_cumulative_share[r] = running / total;
    }
}

/* The week-0 devices are drawn from the browse tables, which the browse
 * tables row (advertising_init) built before this one. */
mishi_status population_init(mishi_sim *sim, mishi_error *err) {
    int64_t n = sim->params.consumers.count;
    region_shares(sim);
    next_entry_init(sim);
    rng_ziggurat_learn(&sim->ziggurat); /* for the units held at week 0 too */
    uint16_t *first = malloc((size_t)n * sizeof *first);
    sim->people.slots = sim->params.consumers.memory_slots;
    if (!first || consumers_alloc(&sim->people, n)) {
        free(first);
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for %lld consumers", (long long)n);
    }
    int64_t groups = (n + INIT_GROUP - 1) / INIT_GROUP;
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t g = 0; g < groups; g++) {
        int64_t from = g * INIT_GROUP;
        init_group(sim, from, (int)(n - from < INIT_GROUP ? n - from : INIT_GROUP), first);
    }
    channel_count_installed(sim);
    mishi_status rc = calendar_fill(sim, first, err);
    free(first);
    return rc;
}

double mishi_sim_bytes_per_consumer(const mishi_sim *sim) {
    const consumers *p = &sim->people;
    double fixed = sizeof *p->state + 2.0 * p->slots * sizeof *p->memory;
    double slots = (double)calendar_peak_slots(&sim->calendar) * sizeof(uint32_t) +
                   adoption_bytes(sim);
    return fixed + (p->count ? slots / (double)p->count : 0.0);
}

/* k / scale for the 256 values of a byte: k from 0 for quality, the
 * byte read as int8_t for satisfaction (128 to 255 are -128 to -1).
 * test_submodels holds the tables to the divisions. */
#define VALUE_OF(k, scale, is_signed) \
    ((double)((is_signed) && (k) > 127 ? (k) - 256 : (k)) / (scale))
#define VALUES_4(k, scale, is_signed)                                       \
    VALUE_OF(k, scale, is_signed), VALUE_OF(k + 1, scale, is_signed),       \
        VALUE_OF(k + 2, scale, is_signed), VALUE_OF(k + 3, scale, is_signed)
#define VALUES_16(k, scale, is_signed)                                      \
    VALUES_4(k, scale, is_signed), VALUES_4(k + 4, scale, is_signed),       \
        VALUES_4(k + 8, scale, is_signed), VALUES_4(k + 12, scale, is_signed)
#define VALUES_64(k, scale, is_signed)                                      \
    VALUES_16(k, scale, is_signed), VALUES_16(k + 16, scale, is_signed),    \
        VALUES_16(k + 32, scale, is_signed), VALUES_16(k + 48, scale, is_signed)
#define VALUES_256(scale, is_signed)                                        \
    VALUES_64(0, scale, is_signed), VALUES_64(64, scale, is_signed),        \
        VALUES_64(128, scale, is_signed), VALUES_64(192, scale, is_signed)

const double quality_values[256] = {VALUES_256(QUALITY_SCALE, 0)};
const double satisfaction_values[256] = {VALUES_256(SATISFACTION_SCALE, 1)};
#undef VALUES_256
#undef VALUES_64
#undef VALUES_16
#undef VALUES_4
#undef VALUE_OF

double mishi_stored_quality(double quality) {
    return quality_value(quality_store(quality));
}

double mishi_stored_satisfaction(double satisfaction) {
    return satisfaction_value(satisfaction_store(satisfaction));
}
