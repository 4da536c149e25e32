/*
 * test_full_information.c — the full-information week (full_information.c)
 * gives the general week's outputs to the bit, and is taken exactly when
 * its conditions hold.
 *
 * Each market below runs four times: on the plain path (which never takes
 * the full-information week), on the usual path on 1 and 2 threads, and on
 * 2 threads with the week's groups worked out without vector lanes
 * (full_information_lanes.c; on a machine without AVX2 they never are).
 * Every week's purchase records, consumer records, memories, firm rows and
 * market row must be the same in all four. Each market also says whether
 * the full-information week should run every week, in some weeks or never:
 * a WKH market with the utility's other terms (the software's among them,
 * which counts without releases), segments, regions and a channel that
 * sells direct, memories too small for every firm, 32 firms (as many as
 * full information allows), firms that go bust part way and prospects
 * still to adopt; and one market for each condition that rules it out
 * (friends, noise, transients, buying nothing, devices that last or fail,
 * complaints, flash sales, pre-orders, resale, posts, software releases).
 * WKH runs once more with memories left idle for weeks.
 */
#include <stdio.h>

#include "float16.h"
#include "sim.h"
#include "support.h"

enum { EVERY_WEEK, SOME_WEEKS, NEVER };

/* 9,001 consumers: two of the tally's blocks of 4,096 and part of a
 * third, each a few groups of 32 and part of one. */
static const char market_yaml[] =
    "name: full-information\nseed: 7\nweeks: 14\n"
    "consumers: {count: 9001, transient_share: 0, friends: 0, consider_all: 1,\n"
    "            failure_rate: 0, device_life_weeks: 1, aspiration: 0,\n"
    "            quality_noise: 0, memory_decay: 0.1, memory_slots: 4}\n"
    "choice: {beta: 5, w_quality: 0, w_loyalty: 1, w_wom: 0, w_brand: 0,\n"
    "         w_price: 0}\n"
    "entry: {rate: 0}\n";

static const char one_class[] = "firms: [{name: seller, count: 5, cash: 1e12}]\n";

typedef struct market {
    const char *name;
    const char *yaml; /* added to market_yaml; one_class if NULL */
    const char *sets[7];
    int taken; /* EVERY_WEEK, SOME_WEEKS or NEVER */
} market;

/* What is done, after week 3, to every third consumer's memory: nothing;
 * made to have last bought two weeks earlier than it did (so that weeks of
 * forgetting are read back); or its first preference turned negative, as
 * a firm that disappointed leaves it (so that WKH's y is read back from
 * preferences of both signs). */
typedef enum memory_tampering { AS_LEARNED, IDLE, DISLIKED } memory_tampering;

/* How a market is run: threads, the plain path, the full-information
 * week's groups in vector lanes where the machine has them
 * (full_information_lanes.c), and what is done to the memories. */
typedef struct way {
    int threads, plain, lanes;
    memory_tampering memories;
} way;

static void tamper(consumers *p, memory_tampering memories) {
    for (int64_t i = 0; memories != AS_LEARNED && i < p->count; i += 3)
        if (memories == IDLE) p->state[i].week_bought -= 2;
        else memory_preferences(p, i)[0] |= FLOAT16_SIGN;
}

/* Every output of every week of the market, bit for bit; the weeks the
 * full-information week ran. */
static uint64_t run(const market *m, way how, int *weeks_taken, int *weeks) {
    char yaml[4096];
    snprintf(yaml, sizeof yaml, "%s%s", market_yaml, m->yaml ? m->yaml : one_class);
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    if (mishi_scenario_load_string(yaml, m->name, &sc, &err)) fail_msg("%s", err.message);
    for (const char *const *set = m->sets; *set; set++)
        if (mishi_scenario_set(sc, *set, &err)) fail_msg("%s: %s", m->name, err.message);
    mishi_sim *sim = NULL;
    mishi_run_options options = {.threads = how.threads, .plain = how.plain};
    if (mishi_sim_new(sc, &options, &sim, &err)) fail_msg("%s: %s", m->name, err.message);
    if (!how.lanes) sim->full_information.lanes = 0;
    consumers *p = &sim->people;
    uint64_t h = 1469598103934665603ull;
    *weeks_taken = 0;
    *weeks = mishi_sim_weeks(sim);
    for (int w = 1; w <= *weeks; w++) {
        step(sim);
        *weeks_taken += sim->full_information.this_week;
        if (w == 3) tamper(p, how.memories);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        h = fingerprint(h, rows, n * sizeof *rows);
        h = fingerprint(h, mishi_sim_market(sim), sizeof(mishi_market_row));
        h = fingerprint(h, sim->purchases, sim->purchase_count * sizeof *sim->purchases);
        h = fingerprint(h, p->state, (size_t)p->count * sizeof *p->state);
        h = fingerprint(h, p->memory, (size_t)p->count * 2 * (size_t)p->slots * sizeof *p->memory);
    }
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return h;
}

static void same_as_the_general_week(const market *m, memory_tampering memories) {
    int plain_taken, one_taken, two_taken, scalar_taken, weeks;
    uint64_t plain = run(m, (way){1, 1, 1, memories}, &plain_taken, &weeks);
    uint64_t one = run(m, (way){1, 0, 1, memories}, &one_taken, &weeks);
    uint64_t two = run(m, (way){2, 0, 1, memories}, &two_taken, &weeks);
    uint64_t scalar = run(m, (way){2, 0, 0, memories}, &scalar_taken, &weeks);
    if (one != plain || two != plain || scalar != plain)
        fail_msg("%s: outputs differ from the plain path's (1 thread %s, 2 threads %s, "
                 "2 threads without lanes %s)",
                 m->name, one == plain ? "same" : "differ", two == plain ? "same" : "differ",
                 scalar == plain ? "same" : "differ");
    assert_int_equal(plain_taken, 0);
    assert_int_equal(one_taken, two_taken);
    assert_int_equal(one_taken, scalar_taken);
    if (m->taken == EVERY_WEEK && one_taken != weeks)
        fail_msg("%s: the full-information week ran %d of %d weeks, not all", m->name,
                 one_taken, weeks);
    if (m->taken == SOME_WEEKS && (one_taken == 0 || one_taken == weeks))
        fail_msg("%s: the full-information week ran %d of %d weeks, not some", m->name,
                 one_taken, weeks);
    if (m->taken == NEVER && one_taken != 0)
        fail_msg("%s: the full-information week ran %d weeks, not none", m->name, one_taken);
}

static const market taken[] = {
    {"wkh", NULL, {NULL}, EVERY_WEEK},
    {"every term of the utility",
     "firms: [{name: seller, count: 3, cash: 1e12},\n"
     "        {name: coder, count: 2, cash: 1e12, software_quality: 0.5}]\n",
     {"choice.w_quality=0.6", "choice.w_brand=0.3", "choice.w_price=0.2",
      "choice.w_wom=0.5", "firms.0.loyalty_reward=0.2", "choice.w_software=0.4", NULL},
     EVERY_WEEK},
    {"memories of two firms of five", NULL, {"consumers.memory_slots=2", NULL}, EVERY_WEEK},
    {"as many firms as full information allows", "firms: [{name: seller, count: 32, cash: 1e12}]\n",
     {"consumers.memory_slots=16", "consumers.count=3001", NULL}, EVERY_WEEK},
    {"segments, regions and a direct channel",
     "firms: [{name: seller, count: 4, cash: 1e12, channel: both}]\n"
     "regions: [{name: north, online_share: 0.5}, {name: south, share: 2, online_share: 0.2}]\n"
     "segments: [{name: keen, share: 1, aspiration_shift: 0.2, quality_weight: 2},\n"
     "           {name: thrifty, share: 2, price_weight: 3, loyalty_weight: 0.5}]\n",
     {"choice.w_quality=0.5", "choice.w_price=0.1", NULL},
     EVERY_WEEK},
    {"firms going bust",
     "firms: [{name: seller, count: 3, cash: 1e12},\n"
     "        {name: doomed, count: 2, cash: 3e6, fixed_cost: 1e6}]\n",
     {NULL},
     SOME_WEEKS},
    {"prospects still to adopt",
     NULL,
     {"consumers.initial_owners=0.6", "adoption.innovation=0.9", NULL},
     SOME_WEEKS},
};

static const market ruled_out[] = {
    {"friends", NULL, {"consumers.friends=2", NULL}, NEVER},
    {"noisy units", NULL, {"consumers.quality_noise=0.05", NULL}, NEVER},
    {"transients", NULL, {"consumers.transient_share=0.2", NULL}, NEVER},
    {"buying nothing", NULL, {"choice.outside_option=1", NULL}, NEVER},
    {"devices that last", NULL, {"consumers.device_life_weeks=2", NULL}, NEVER},
    {"devices that fail", NULL, {"consumers.failure_rate=0.01", NULL}, NEVER},
    {"complaints", NULL, {"consumers.aspiration=0.95", "firms.0.design_quality_max=0.8", NULL},
     NEVER},
    {"flash sales", NULL, {"firms.0.flash_batch=500", NULL}, NEVER},
    {"pre-orders", NULL, {"firms.0.launch_weeks=3", "firms.0.preorder_weeks=2", NULL}, NEVER},
    {"resale", NULL, {"resale.reseller_share=0.1", NULL}, NEVER},
    {"posts", NULL, {"firms.0.post_rate=0.2", NULL}, NEVER},
    {"software", NULL, {"firms.0.release_weeks=3", NULL}, NEVER},
};

static void markets_it_takes(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof taken / sizeof taken[0]; k++)
        same_as_the_general_week(&taken[k], AS_LEARNED);
}

/* In a full-information week every consumer bought the week before, so
 * its memory is read back without a week of forgetting; made to have
 * bought earlier, it is read back with them, alike on every path. */
static void memories_idle_for_weeks(void **state) {
    (void)state;
    same_as_the_general_week(&taken[0], IDLE);
}

/* A preference turned negative is read back, and left out of WKH's y,
 * alike on every path. */
static void memories_of_both_signs(void **state) {
    (void)state;
    same_as_the_general_week(&taken[0], DISLIKED);
}

static void markets_it_leaves(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof ruled_out / sizeof ruled_out[0]; k++)
        same_as_the_general_week(&ruled_out[k], AS_LEARNED);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markets_it_takes),
        cmocka_unit_test(memories_idle_for_weeks),
        cmocka_unit_test(memories_of_both_signs),
        cmocka_unit_test(markets_it_leaves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
