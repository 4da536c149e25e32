/*
 * test_wkh_week.c — the engine's Weisbuch–Kirman–Herreiner market worked
 * out afresh here, week by week, from the model's equations, and held to
 * the engine's to the bit: every purchase record, consumer record and
 * memory, the market row and the firms' counts.
 *
 * The market is `mishi bench --workload wkh`'s: full information, no word
 * of mouth, every consumer buys every week, utility = J (the learned
 * preference), choice by logit over beta J, and J(t+1) = (1 - gamma) J(t)
 * + satisfaction for the seller chosen (docs/model.md, memory). Here each
 * buyer's week is written out as the model states it, without the
 * engine's consideration sets, calendar or tally passes: the reference a
 * faster kernel for such markets (issue 13's dense kernel) must also meet,
 * and a check that the engine does what docs/model.md says. It uses the
 * engine's draws (rng.h, keyed by stream, buyer and week) and 16-bit
 * rounding (float16.h), which have tests of their own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "float16.h"
#include "rng.h"
#include "sim.h"
#include "support.h"

#define BUYERS 20000 /* several of the tally's blocks of 4,096 purchases */
#define WEEKS 12
#define TALLY_BLOCK 4096
#define BETA 5.0
#define KEPT (1.0 - 0.1) /* 1 - gamma */

/* The week's counts: the firms' and the market's. */
typedef struct week_counts {
    int64_t units[MISHI_MAX_FULL_INFORMATION], repeats[MISHI_MAX_FULL_INFORMATION],
        newcomers[MISHI_MAX_FULL_INFORMATION], defections[MISHI_MAX_FULL_INFORMATION];
    int64_t repeat_units, defected, concentration_buyers;
    double loyalty, concentration, satisfaction, quality; /* market sums */
} week_counts;

/* What the week should give: per purchase, per consumer, and the counts. */
typedef struct expected {
    purchase *purchases;
    consumer_state *state;
    uint16_t *memory;
    size_t memory_bytes; /* the consumers' memories, all of them */
    week_counts n;
} expected;

typedef struct block_sums {
    double loyalty, concentration, satisfaction;
    int64_t quality_steps;
} block_sums;

static mishi_sim *wkh_market(int sellers, int threads) {
    static const char yaml[] =
        "name: wkh-week\nseed: 2000\n"
        "consumers: {transient_share: 0, friends: 0, consider_all: 1,\n"
        "            failure_rate: 0, device_life_weeks: 1, aspiration: 0,\n"
        "            quality_noise: 0, memory_decay: 0.1}\n"
        "choice: {beta: 5, w_quality: 0, w_loyalty: 1, w_wom: 0, w_brand: 0,\n"
        "         w_price: 0}\n"
        "firms: [{name: seller, count: 3, cash: 1e12}]\n";
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    char set[4][64];
    snprintf(set[0], sizeof set[0], "consumers.count=%d", BUYERS);
    snprintf(set[1], sizeof set[1], "firms.0.count=%d", sellers);
    snprintf(set[2], sizeof set[2], "consumers.memory_slots=%d", sellers);
    snprintf(set[3], sizeof set[3], "weeks=%d", WEEKS);
    assert_int_equal(mishi_scenario_load_string(yaml, "wkh-week", &sc, &err), MISHI_OK);
    for (int k = 0; k < 4; k++)
        if (mishi_scenario_set(sc, set[k], &err)) fail_msg("%s", err.message);
    mishi_sim *sim = sim_with(sc, threads);
    mishi_scenario_free(sc);
    return sim;
}

/* WKH's y = sum J^2 / (sum J)^2 over the memory's positive J; NaN unless
 * some J > 0. */
static float preference_concentration(const double *J, int slots) {
    double sum = 0.0, squares = 0.0;
    for (int s = 0; s < slots; s++) {
        double liked = J[s] > 0.0 ? J[s] : 0.0;
        sum += liked, squares += liked * liked;
    }
    return sum > 0.0 ? (float)(squares / (sum * sum)) : NAN;
}

/* The logit over the sellers remembered (in slot order), then the others
 * (in id order), each of weight exp(beta J - max): the seller chosen with
 * the buyer's shopping draw, and the sum of squared shares. */
static uint16_t choose(const mishi_sim *sim, int64_t i, int week, const uint16_t *firm_of,
                       const double *J, float *shares_squared) {
    int slots = sim->people.slots, sellers = sim->firms.count, n = 0;
    uint16_t seller[MISHI_MAX_FULL_INFORMATION];
    double v[MISHI_MAX_FULL_INFORMATION], top = -HUGE_VAL, total = 0.0, squares = 0.0;
    uint64_t remembered = 0;
    for (int s = 0; s < slots; s++)
        if (firm_of[s] != NO_FIRM)
            seller[n] = firm_of[s], v[n++] = BETA * J[s], remembered |= 1ull << firm_of[s];
    for (int f = 0; f < sellers; f++)
        if (!(remembered >> f & 1)) seller[n] = (uint16_t)f, v[n++] = BETA * 0.0;
    for (int k = 0; k < n; k++) top = v[k] > top ? v[k] : top;
    for (int k = 0; k < n; k++) total += v[k] = exp(v[k] - top);
    double share = 1.0 / total;
    for (int k = 0; k < n; k++) squares += (v[k] * share) * (v[k] * share);
    *shares_squared = (float)squares;
    rng_stream draw;
    rng_stream_init(&draw, sim->params.seed, RNG_SHOPPING, (uint64_t)i, (uint32_t)week);
    double u = rng_uniform(&draw) * total;
    for (int k = 0; k < n - 1; k++)
        if ((u -= v[k]) < 0.0) return seller[k];
    return seller[n - 1];
}

/* J(t+1) = (1 - gamma) J(t) + satisfaction for seller j, in j's slot (an
 * empty one, else the weakest, for a seller not remembered), each J
 * rounded to 16 bits with its own word of the buyer's memory draws. */
static void learn(const mishi_sim *sim, int64_t i, int week, uint16_t j, double satisfaction,
                  double *J, uint16_t *memory) {
    int slots = sim->people.slots, slot = -1, empty = -1, weakest = 0;
    uint16_t *firm_of = memory, *stored = memory + slots;
    for (int s = 0; s < slots && slot < 0; s++) {
        if (firm_of[s] == j) slot = s;
        if (firm_of[s] == NO_FIRM && empty < 0) empty = s;
        if (fabs(J[s]) < fabs(J[weakest])) weakest = s;
    }
    if (slot < 0) slot = empty >= 0 ? empty : weakest, J[slot] = 0.0, firm_of[slot] = j;
    for (int s = 0; s < slots; s++) J[s] *= KEPT;
    J[slot] += satisfaction;
    rng_stream draw;
    rng_stream_init(&draw, sim->params.seed, RNG_MEMORY, (uint64_t)i, (uint32_t)week);
    for (int s = 0; s < slots; s++) stored[s] = float16_round(J[s], rng_u32(&draw));
}

/* Buyer i's week: its purchase, its record and memory, its counts. */
static void buyer_week(const mishi_sim *sim, int64_t i, int week, expected *e,
                       block_sums *b) {
    int slots = sim->people.slots;
    consumer_state *c = &e->state[i];
    uint16_t *memory = e->memory + i * 2 * slots;
    double J[MEMORY_SLOTS_MAX];
    for (int s = 0; s < slots; s++) J[s] = float16_value(memory[slots + s]);
    purchase *p = &e->purchases[i];
    memset(p, 0, sizeof *p);
    p->consumer = (uint32_t)i, p->previous = c->device_firm, p->wanted = NO_FIRM;
    p->flags = PURCHASE_RETURNING;
    p->preference_concentration = preference_concentration(J, slots);
    p->firm = choose(sim, i, week, memory, J, &p->choice_concentration);
    p->unit_quality = (uint8_t)lrint(sim->firms.at[p->firm].design_quality * 255.0);
    p->satisfaction = (float)(p->unit_quality / 255.0 - 0.0); /* aspiration 0 */
    p->next_week = (uint16_t)(week < WEEKS ? week + 1 : WEEKS + 1);
    learn(sim, i, week, p->firm, p->satisfaction, J, memory);
    uint16_t j = p->firm, before = c->device_firm;
    week_counts *n = &e->n;
    n->units[j]++;
    if (before == j) n->repeats[j]++, n->repeat_units++;
    else n->newcomers[j]++, n->defections[before]++, n->defected++;
    b->loyalty += p->choice_concentration, b->satisfaction += p->satisfaction;
    b->quality_steps += p->unit_quality;
    if (!isnan(p->preference_concentration))
        b->concentration += p->preference_concentration, n->concentration_buyers++;
    c->week_bought = (uint16_t)week, c->device_firm = j, c->device_quality = p->unit_quality;
    c->satisfaction = (int8_t)lrint((double)p->satisfaction * 127.0);
}

/* The week from the records before it, buyer by buyer; the market's sums
 * of reals a block of 4,096 purchases at a time, in block order, as the
 * model's tally defines them. */
static void expect_week(const mishi_sim *sim, int week, expected *e) {
    memcpy(e->state, sim->people.state, BUYERS * sizeof *e->state);
    memcpy(e->memory, sim->people.memory, e->memory_bytes);
    e->n = (week_counts){0};
    for (int64_t first = 0; first < BUYERS; first += TALLY_BLOCK) {
        block_sums b = {0};
        for (int64_t i = first; i < first + TALLY_BLOCK && i < BUYERS; i++) {
            assert_int_equal(e->state[i].week_bought, week - 1); /* buys every week */
            buyer_week(sim, i, week, e, &b);
        }
        e->n.loyalty += b.loyalty, e->n.concentration += b.concentration;
        e->n.satisfaction += b.satisfaction, e->n.quality += b.quality_steps / 255.0;
    }
}

static void same_purchase(const purchase *want, const purchase *got) {
    assert_int_equal(got->consumer, want->consumer);
    assert_int_equal(got->firm, want->firm);
    assert_int_equal(got->previous, want->previous);
    assert_int_equal(got->wanted, want->wanted);
    assert_int_equal(got->flags, want->flags);
    assert_int_equal(got->trade, want->trade);
    assert_int_equal(got->unit_quality, want->unit_quality);
    assert_int_equal(got->next_week, want->next_week);
    assert_memory_equal(&got->satisfaction, &want->satisfaction, sizeof(float));
    assert_memory_equal(&got->choice_concentration, &want->choice_concentration, sizeof(float));
    assert_memory_equal(&got->preference_concentration, &want->preference_concentration,
                        sizeof(float));
}

static void same_rows(const mishi_sim *sim, const week_counts *e) {
    const mishi_market_row *m = mishi_sim_market(sim);
    const mishi_firm_row *rows = NULL;
    double hhi = 0.0;
    assert_int_equal(mishi_sim_firms(sim, &rows), sim->firms.count);
    for (int f = 0; f < sim->firms.count; f++) {
        assert_int_equal(rows[f].firm, f);
        assert_int_equal(rows[f].units, e->units[f]);
        assert_int_equal(rows[f].repeat_units, e->repeats[f]);
        assert_int_equal(rows[f].new_customers, e->newcomers[f]);
        assert_int_equal(rows[f].defections, e->defections[f]);
        hhi += ((double)e->units[f] / BUYERS) * ((double)e->units[f] / BUYERS);
    }
    assert_int_equal(m->units, BUYERS);
    assert_int_equal(m->repeat_units, e->repeat_units);
    assert_int_equal(m->defections, e->defected);
    assert_true(m->loyalty_index == e->loyalty / BUYERS);
    assert_true(m->preference_concentration == e->concentration / (double)e->concentration_buyers);
    assert_true(m->mean_satisfaction == e->satisfaction / BUYERS);
    assert_true(m->mean_quality == e->quality / BUYERS);
    assert_true(m->hhi == hhi);
    assert_true(m->repeat_rate == (double)e->repeat_units / BUYERS);
    assert_true(m->defection_rate == (double)e->defected / BUYERS);
}

/* Each week worked out here, then by the engine, and compared. */
static void weeks_as_the_model_says(int sellers, int threads) {
    mishi_sim *sim = wkh_market(sellers, threads);
    size_t memory_bytes = (size_t)BUYERS * 2 * (size_t)sim->people.slots * sizeof(uint16_t);
    expected e = {.purchases = malloc(BUYERS * sizeof *e.purchases),
                  .state = malloc(BUYERS * sizeof *e.state), .memory = malloc(memory_bytes),
                  .memory_bytes = memory_bytes};
    assert_non_null(e.purchases), assert_non_null(e.state), assert_non_null(e.memory);
    assert_true(sim->people.slots >= sellers); /* every seller remembered */
    for (int week = 1; week <= WEEKS; week++) {
        expect_week(sim, week, &e);
        step(sim);
        assert_int_equal(sim->purchase_count, BUYERS);
        for (int64_t i = 0; i < BUYERS; i++) same_purchase(&e.purchases[i], &sim->purchases[i]);
        assert_memory_equal(sim->people.state, e.state, BUYERS * sizeof *e.state);
        assert_memory_equal(sim->people.memory, e.memory, memory_bytes);
        same_rows(sim, &e.n);
    }
    free(e.purchases), free(e.state), free(e.memory);
    mishi_sim_free(sim);
}

static void three_sellers_two_threads(void **state) {
    (void)state;
    weeks_as_the_model_says(3, 2);
}

static void ten_sellers_one_thread(void **state) {
    (void)state;
    weeks_as_the_model_says(10, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_sellers_two_threads),
        cmocka_unit_test(ten_sellers_one_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
