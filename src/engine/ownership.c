/*
 * ownership.c — a buyer takes its device home: complaint resolution,
 * newcomers, memory, and when it will next be in the market.
 *
 * The buyer learns from the unit (memory.c) and draws when it will next be
 * in the market (next_entry.c): a planned replacement, an early failure or,
 * for a transient, its departure; calendar.c books it. A failure is an
 * experience too: it costs the maker failure_penalty of preference when
 * the owner next shops (memory.c, shopper_memory), which is how a fade is
 * found out late. A transient who bought is followed by a transient
 * newcomer who takes its place (seed 000: "all of your clients soon move
 * on").
 *
 * A second-hand device (resale.c) is taken home as a new one is, from its
 * maker; a unit bought to resell is not taken home at all, and reserving
 * (preorders.c) or missing a flash sale (flash.c) is buying nothing, with
 * the next entry set by that submodel.
 *
 * Runs in parallel over this week's purchases; each writes only its own
 * consumer, with draws keyed by (consumer, week).
 */
#include "ownership.h"

#include "memory.h"
#include "next_entry.h"
#include "rng.h"
#include "service.h"

#define OWN_GROUP LOOK_AHEAD /* purchases whose memory draws are made at
                                 once; thread_chunk's least, so a chunk
                                 holds at least one group */

/* A newcomer takes a departed transient's place and is transient too: the
 * station's through traffic is a lasting share of the market, so
 * transient_share stays the share of consumers who are transient. */
static void newcomer_arrives(mishi_sim *sim, int64_t i) {
    consumers *p = &sim->people;
    consumer_empty_handed(p, i);
    /* it takes the place, and the place's segment: the market's mix of
     * tastes stays as drawn */
    p->state[i].flags = (uint8_t)(CONSUMER_TRANSIENT |
                                  (p->state[i].flags & CONSUMER_SEGMENT_MASK));
}

/* A shopper who bought nothing looks again: next week if it found no firm
 * in reach, after a geometric wait if it chose to buy nothing. */
static uint16_t next_look(const mishi_sim *sim, const purchase *b, int week,
                          rng_stream *s) {
    if (!(b->flags & PURCHASE_OUTSIDE)) return (uint16_t)(week + 1);
    uint32_t wait = rng_geometric(
        s, 1.0 / sim->params.consumers.outside_wait_weeks);
    uint32_t horizon = (uint32_t)sim->params.weeks + 1;
    return (uint16_t)(wait < horizon - (uint32_t)week ? week + wait : horizon);
}

static void resolve_complaint(const mishi_sim *sim, purchase *b, rng_stream *s) {
    if (!(b->flags & PURCHASE_COMPLAINED)) return;
    const service_desk *desk = &sim->service_desks[b->firm];
    if (rng_uniform(s) >= desk->resolve_probability) return;
    b->flags |= PURCHASE_RESOLVED;
    if (b->satisfaction < desk->restored) b->satisfaction = (float)desk->restored;
}

void ownership_hand_over(mishi_sim *sim, purchase *b, uint16_t maker, int week,
                         uint32_t wait, int fails) {
    consumer_state *c = &sim->people.state[b->consumer];
    c->week_bought = (uint16_t)week;
    c->device_firm = maker;
    c->device_quality = b->unit_quality;
    c->satisfaction = satisfaction_store(b->satisfaction);
    c->flags = (uint8_t)((c->flags & ~(CONSUMER_DEVICE_FAILS | CONSUMER_DIRECT)) |
                         (fails ? CONSUMER_DEVICE_FAILS : 0) |
                         (b->flags & PURCHASE_DIRECT ? CONSUMER_DIRECT : 0));
    uint32_t horizon = (uint32_t)sim->params.weeks + 1;
    b->next_week = (uint16_t)(wait < horizon - (uint32_t)week ? week + wait : horizon);
}

static void take_home(mishi_sim *sim, purchase *b, uint16_t maker, int week,
                      gsl_rng *r, const uint32_t *rounding) {
    consumers *p = &sim->people;
    int64_t i = b->consumer;
    double preference[MEMORY_SLOTS_MAX];
    if (memory_to_read(sim, i, b->flags & PURCHASE_NEWCOMER))
        shopper_memory(sim, i, week, preference);
    else /* nothing remembered: only the consumer's own slots are read,
          * and only they are zeroed (the whole array, GCC zeroes with rep
          * stos, which the loads that follow wait on: ownership took 10 %
          * longer in Bass, whose buyers all remember nothing) */
        for (int s = 0; s < p->slots; s++) preference[s] = 0.0;
    consumer_learn(sim, i, maker, b->satisfaction, week, preference, rounding);
    int fails, transient = p->state[i].flags & CONSUMER_TRANSIENT;
    uint32_t wait = next_entry_wait(sim, b->unit_quality, transient, r, &fails);
    ownership_hand_over(sim, b, maker, week, wait, fails);
}

/* The first blocks of a buyer's streams drawn before it takes its device
 * home (own_group), each NULL if not drawn. */
typedef struct drawn_first {
    const uint32_t *ownership, *memory;
} drawn_first;

static void own(mishi_sim *sim, purchase *b, drawn_first first) {
    int week = sim->week + 1;
    rng_stream s;
    gsl_rng r;
    rng_stream_init_drawn(&s, sim->params.seed, RNG_OWNERSHIP, b->consumer,
                          (uint32_t)week, first.ownership, 1);
    rng_as_gsl(&s, &r);
    if (b->flags & PURCHASE_NEWCOMER) newcomer_arrives(sim, b->consumer);
    uint16_t maker = purchase_device(b);
    if (maker == NO_FIRM) {
        /* a trade's next week was set by the submodel that made it */
        if (!b->trade) b->next_week = next_look(sim, b, week, &s);
        return;
    }
    if (b->firm != NO_FIRM) resolve_complaint(sim, b, &s);
    take_home(sim, b, maker, week, &r, first.memory);
}

/* Whether every buyer who is not a transient draws from its ownership
 * stream (a planned device life longer than a week: next_entry.c), so
 * that drawing the streams' first blocks ahead is not wasted. */
static int buyers_draw_their_lives(const mishi_sim *sim) {
    return sim->next_entry.planned.p < 1.0;
}

/* Purchases from..to-1 (at most OWN_GROUP): the words of their buyers'
 * memory streams, and the first blocks of their ownership streams when
 * they will be drawn from, drawn at once in vector lanes (rng_lanes.c);
 * drawn one at a time, the memory blocks alone were a tenth of a WKH
 * week's instructions. The plain path draws each as its buyer needs it. */
static void own_group(mishi_sim *sim, int64_t from, int64_t to) {
    uint32_t ids[OWN_GROUP] = {0}; /* GCC's -O0 warns it may be read unset */
    uint32_t memory[OWN_GROUP][MEMORY_SLOTS_MAX], ownership[OWN_GROUP][4];
    uint32_t week = (uint32_t)(sim->week + 1);
    int count = (int)(to - from), lives = buyers_draw_their_lives(sim);
    for (int g = 0; g < count; g++) ids[g] = sim->purchases[from + g].consumer;
    if (!sim->plain) {
        memory_rounding_words(sim, ids, count, week, memory);
        if (lives) rng_blocks(sim->params.seed, RNG_OWNERSHIP, 0, ids, count, week, ownership);
    }
    for (int g = 0; g < count; g++) {
        int64_t k = from + g;
        if (k + LOOK_AHEAD < (int64_t)sim->purchase_count)
            consumer_prefetch(&sim->people, sim->purchases[k + LOOK_AHEAD].consumer, 1);
        drawn_first first = {NULL, NULL};
        if (!sim->plain) first = (drawn_first){lives ? ownership[g] : NULL, memory[g]};
        own(sim, &sim->purchases[k], first);
    }
}

mishi_status ownership_step(mishi_sim *sim, mishi_error *err) {
    (void)err;
    int64_t n = (int64_t)sim->purchase_count;
    int64_t groups = (n + OWN_GROUP - 1) / OWN_GROUP;
    int64_t chunk = thread_chunk(n, sim->threads, 1024) / OWN_GROUP; /* >= 1 */
#pragma omp parallel for schedule(dynamic, chunk) num_threads(sim->threads)
    for (int64_t g = 0; g < groups; g++) {
        int64_t from = g * OWN_GROUP;
        own_group(sim, from, from + OWN_GROUP < n ? from + OWN_GROUP : n);
    }
    return MISHI_OK;
}
