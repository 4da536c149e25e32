/*
 * test_engine.c — the week's invariants, determinism across thread counts,
 * and statistical checks of turnover and replacement, on whole runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "firms.h"
#include "invariants.h"
#include "network.h"
#include "sim.h"
#include "support.h"

#define SMALL "consumers.count=20000", "firms.0.count=40", "weeks=120"

/* Accounting that must hold every week, for every firm and the market. */
static void check_week(const mishi_sim *sim, double *last_cash) {
    const mishi_market_row *m = mishi_sim_market(sim);
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    int64_t units = 0, defections = 0, complaints = 0, resolved = 0;
    double shares = 0.0;
    int active = 0;
    for (size_t k = 0; k < n; k++) {
        const mishi_firm_row *r = &rows[k];
        units += r->units, defections += r->defections, shares += r->share;
        complaints += r->complaints, resolved += r->resolved;
        active += r->active;
        assert_int_equal(r->new_customers + r->repeat_units, r->units);
        assert_true(r->resolved <= r->complaints);
        assert_true(fabs(r->profit - (r->revenue - r->cost)) < 1e-9);
        double before = last_cash[r->firm];
        assert_true(fabs(r->cash - (before + r->profit)) < 1e-9 * (1 + fabs(before)));
        last_cash[r->firm] = r->cash;
        if (!r->active) assert_true(r->cash < 0.0);
        int above = 0; /* rank: 1 + the firms that sold more */
        for (size_t j = 0; j < n; j++) above += rows[j].units > r->units;
        assert_int_equal(r->rank, above + 1);
    }
    assert_int_equal(units, m->units);
    assert_int_equal(defections, m->defections);
    assert_int_equal(complaints, m->complaints);
    assert_int_equal(resolved, m->resolved);
    assert_int_equal(active, m->active_firms);
    /* every shopper bought, chose to buy nothing, or found nothing */
    assert_int_equal(m->units + m->no_purchase + m->unserved, m->shoppers);
    assert_true(m->repeat_units <= m->units);
    assert_true(m->defections <= m->buyers_returning);
    if (m->units > 0) assert_true(fabs(shares - 1.0) < 1e-9);
    if (m->units > 0) assert_true(m->loyalty_index > 0.0 && m->loyalty_index <= 1.0);
    /* WKH's y of each buyer's positive preferences lies in [1/slots, 1],
     * and so does their mean, whatever the signs of the preferences */
    if (!isnan(m->preference_concentration))
        assert_true(m->preference_concentration >= 1.0 / sim->people.slots - 1e-6 &&
                    m->preference_concentration <= 1.0 + 1e-6);
    char why[256];
    if (sim_check_invariants(sim, why, sizeof why)) fail_msg("%s", why);
}

/* The scenario of `sets` run to its last week on 2 threads, every week
 * checked (check_week: the accounts and the engine's invariants); the
 * simulation, for the caller to look into and free. */
static mishi_sim *sim_run_checked(const char *const *sets) {
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    mishi_scenario_free(sc);
    double *cash = calloc(MAX_FIRM_IDS, sizeof *cash);
    for (int id = 0; id < sim->firms.count; id++) cash[id] = sim->firms.at[id].cash;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        /* entrants arrive inside the step, holding their class's cash */
        for (int id = 0; id < sim->firms.count; id++)
            if (sim->firms.at[id].first_week == sim->week)
                cash[id] = sim->params.classes[sim->firms.at[id].firm_class].cash;
        check_week(sim, cash);
    }
    free(cash);
    return sim;
}

static void run_checked(const char *const *sets) { mishi_sim_free(sim_run_checked(sets)); }

static void invariants_fixed(void **state) {
    (void)state;
    const char *sets[] = {SMALL, NULL};
    run_checked(sets);
}

/* Every strategy, transients, entry, exits and complaints all at once. */
static void invariants_busy_market(void **state) {
    (void)state;
    const char *sets[] = {SMALL,
                          "consumers.transient_share=0.5",
                          "firms.0.strategy=train-station",
                          "firms.0.cash=2", "firms.0.fixed_cost=1",
                          "entry.rate=0.5",
                          "consumers.aspiration=0.7",
                          "firms.0.retention_budget=0.05",
                          NULL};
    run_checked(sets);
    const char *fade[] = {SMALL, "firms.0.strategy=fade", NULL};
    run_checked(fade);
    const char *mandate[] = {SMALL, "firms.0.strategy=quantity-mandate", NULL};
    run_checked(mandate);
    const char *seeking[] = {SMALL, "firms.0.strategy=profit-seeking",
                             "firms.0.review_weeks=4", NULL};
    run_checked(seeking);
    const char *prospects[] = {SMALL, "consumers.initial_owners=0.2",
                               "adoption.innovation=0.02",
                               "adoption.imitation=0.3",
                               "consumers.transient_share=0.2", NULL};
    run_checked(prospects);
}

/* Every row of every week of the scenario with `sets`, on `threads`
 * threads, taking the plain reference paths if `plain`. */
static uint64_t run_fingerprint(const char *const *sets, int threads,
                                int plain) {
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = NULL;
    mishi_error err = {0};
    mishi_run_options options = {.threads = threads, .plain = plain};
    if (mishi_sim_new(sc, &options, &sim, &err)) fail_msg("%s", err.message);
    uint64_t h = weeks_fingerprint(sim, mishi_sim_weeks(sim));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return h;
}

/* Bit-identical runs for 1, 2 and 3 threads; a different seed differs. */
static void deterministic_across_threads(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.transient_share=0.3",
                          "firms.0.strategy=train-station", "entry.rate=0.3",
                          "consumers.initial_owners=0.5",
                          "adoption.imitation=0.2", NULL};
    uint64_t one = run_fingerprint(sets, 1, 0);
    assert_true(one == run_fingerprint(sets, 2, 0));
    assert_true(one == run_fingerprint(sets, 3, 0));
    const char *other[] = {SMALL, "consumers.transient_share=0.3",
                           "firms.0.strategy=train-station", "entry.rate=0.3",
                           "seed=2", NULL};
    assert_true(one != run_fingerprint(other, 2, 0));
    /* every consumer shops every week: the tally's sums run over several
     * blocks of purchases, counted by different threads; reputation reads
     * the firms' quality sold, which the threads' counts add up to */
    const char *busy[] = {SMALL, "weeks=30", "consumers.device_life_weeks=1",
                          "consumers.transient_share=0.2",
                          "reputation.weight=0.5", NULL};
    uint64_t busy_one = run_fingerprint(busy, 1, 0);
    assert_true(busy_one == run_fingerprint(busy, 2, 0));
    assert_true(busy_one == run_fingerprint(busy, 3, 0));
}

/* With no failures and no transients, devices are replaced at the rate
 * 1/device_life_weeks: weekly units average N/L. Weeks are independent
 * Binomial(N, 1/L) draws (geometric lives are memoryless), so the mean over
 * W weeks has standard error sqrt(N (1/L)(1 - 1/L) / W). */
static void replacement_rate(void **state) {
    (void)state;
    const char *sets[] = {"consumers.count=50000", "firms.0.count=20",
                          "weeks=200", "consumers.transient_share=0",
                          "consumers.failure_rate=0",
                          "consumers.device_life_weeks=40", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    double total = 0.0;
    int weeks = 0;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        total += (double)mishi_sim_market(sim)->units, weeks++;
    }
    double p = 1.0 / 40.0, expected = 50000 * p;
    double se = sqrt(50000 * p * (1 - p) / weeks);
    assert_true(fabs(total / weeks - expected) < 5.0 * se);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* All buyers transient: no purchase is ever a repeat, all are newcomers. */
static void transients_never_repeat(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.transient_share=1", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    int64_t units = 0;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        const mishi_market_row *m = mishi_sim_market(sim);
        assert_int_equal(m->repeat_units, 0);
        assert_int_equal(m->newcomers, m->units);
        units += m->units;
    }
    assert_true(units > 0);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Transients are through traffic, not a pool that drains: after many
 * turnovers the share of transient consumers is still transient_share
 * (binomial tolerance over the population). */
static void transient_share_is_stationary(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.transient_share=0.3",
                          "consumers.transient_stay_weeks=4", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    int64_t newcomers = 0;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        newcomers += mishi_sim_market(sim)->newcomers;
    }
    int64_t n = sim->people.count, transient = 0;
    for (int64_t i = 0; i < n; i++)
        transient += (sim->people.state[i].flags & CONSUMER_TRANSIENT) != 0;
    assert_true(newcomers > 5 * n * 3 / 10); /* every seat turned over */
    double share = (double)transient / (double)n;
    assert_true(fabs(share - 0.3) < 5.0 * sqrt(0.3 * 0.7 / (double)n));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* A firm confined to one region never sells outside it, and `access` is
 * the share of consumers who can reach it (binomial tolerance). */
static void access_and_regions(void **state) {
    (void)state;
    mishi_scenario *sc = NULL;
    mishi_error err;
    const char *yaml =
        "consumers: {count: 40000}\nweeks: 60\n"
        "regions: [{name: north, share: 1}, {name: south, share: 1}]\n"
        "firms:\n"
        "  - {name: home, count: 20}\n"
        "  - {name: foreign, count: 5, region: north, access: 0.25,"
        " design_quality_min: 0.95, design_quality_max: 0.95}\n";
    if (mishi_scenario_load_string(yaml, "access.yaml", &sc, &err))
        fail_msg("%s", err.message);
    mishi_sim *sim = sim_with(sc, 2);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) step(sim);
    const firm *foreign = &sim->firms.at[20];
    int64_t north = 0, reach = 0;
    for (int64_t i = 0; i < sim->people.count; i++) {
        int f = sim->people.state[i].device_firm;
        int is_north = sim->people.state[i].region == 0;
        if (f >= 20 && f != NO_FIRM) assert_true(is_north);
        if (!is_north) continue;
        north++;
        reach += firm_sells_to(sim, foreign, i);
    }
    double share = (double)reach / (double)north;
    assert_true(fabs(share - 0.25) < 5.0 * sqrt(0.25 * 0.75 / (double)north));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Firms that start in debt exit in week 1 and are never seen again; their
 * owners keep their devices until their own replacement. */
static void exits(void **state) {
    (void)state;
    const char *yaml = "consumers: {count: 5000}\nweeks: 30\n"
                       "firms:\n  - {name: broke, count: 3, cash: -1000}\n"
                       "  - {name: sound, count: 3}\n";
    mishi_scenario *sc = NULL;
    mishi_error err;
    if (mishi_scenario_load_string(yaml, "exits.yaml", &sc, &err))
        fail_msg("%s", err.message);
    mishi_sim *sim = sim_with(sc, 2);
    step(sim);
    assert_int_equal(mishi_sim_market(sim)->active_firms, 3);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) assert_true(rows[k].firm >= 3);
        char why[256];
        if (sim_check_invariants(sim, why, sizeof why)) fail_msg("%s", why);
    }
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Complaints: no budget resolves none; an ample budget resolves all. */
static void complaint_resolution(void **state) {
    (void)state;
    for (int ample = 0; ample <= 1; ample++) {
        const char *sets[] = {SMALL, "consumers.aspiration=0.9",
                              ample ? "firms.0.retention_budget=1000"
                                    : "firms.0.retention_budget=0",
                              NULL};
        mishi_scenario *sc = scenario_with(sets);
        mishi_sim *sim = sim_with(sc, 2);
        int64_t complaints = 0, resolved = 0;
        while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
            step(sim);
            complaints += mishi_sim_market(sim)->complaints;
            resolved += mishi_sim_market(sim)->resolved;
        }
        assert_true(complaints > 0);
        assert_int_equal(resolved, ample ? complaints : 0);
        mishi_sim_free(sim);
        mishi_scenario_free(sc);
    }
}

/* Every submodel has a name; a run's time is found in the steps that ran
 * (shopping, at least) and in none that does not exist. */
static void step_seconds(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "weeks=10", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) step(sim);
    size_t n = mishi_submodel_count(), shopping = n;
    assert_true(n > 0 && n <= MISHI_MAX_SUBMODELS);
    for (size_t k = 0; k < n; k++) {
        assert_non_null(mishi_submodel_name(k));
        assert_true(mishi_sim_step_seconds(sim, k) >= 0.0);
        if (strcmp(mishi_submodel_name(k), "shopping") == 0) shopping = k;
    }
    assert_true(shopping < n && mishi_sim_step_seconds(sim, shopping) > 0.0);
    assert_null(mishi_submodel_name(n));
    assert_true(mishi_sim_step_seconds(sim, n) == 0.0);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* The compact layout stays compact: 20 bytes of fields (the 8-byte record
 * and three 4-byte memory slots) and the calendar's 4-byte slot for most
 * consumers. */
static void bytes_per_consumer(void **state) {
    (void)state;
    const char *sets[] = {SMALL, NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) step(sim);
    double bytes = mishi_sim_bytes_per_consumer(sim);
    assert_true(bytes >= 21.0 && bytes <= 25.0);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Prospects: about initial_owners * N adopters at the start (binomial, 5
 * standard errors); adopters only grow, by this week's adoptions; with no
 * innovation and no adopter in sight, nobody adopts. */
static void adoption_counts(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.initial_owners=0.3",
                          "adoption.innovation=0.01", "adoption.imitation=0.2",
                          "adoption.fully_mixed=1", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    double n = (double)mishi_sim_consumers(sim);
    int64_t before = (int64_t)n - sim->prospect_count;
    assert_true(fabs(before - 0.3 * n) < 5.0 * sqrt(n * 0.3 * 0.7));
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        const mishi_market_row *m = mishi_sim_market(sim);
        assert_int_equal(m->adopters, before + m->adoptions);
        before = m->adopters;
    }
    assert_true(before > 0.9 * n); /* Bass: nearly everyone, eventually */
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    const char *none[] = {SMALL, "consumers.initial_owners=0",
                          "adoption.innovation=0", "adoption.imitation=0.5",
                          "adoption.fully_mixed=0", NULL};
    sc = scenario_with(none);
    sim = sim_with(sc, 2);
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        step(sim);
        assert_int_equal(mishi_sim_market(sim)->adopters, 0);
        assert_int_equal(mishi_sim_market(sim)->units, 0);
    }
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* A consumer holding no device remembers no firm, which lets the fast
 * path skip reading its memory (memory_to_read); the weekly check holds
 * a market of prospects to it and catches a consumer that breaks it. */
static void no_device_no_memory(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.initial_owners=0.2", "weeks=10", NULL};
    mishi_sim *sim = sim_run_checked(sets);
    char why[256];
    int64_t empty_handed = -1;
    for (int64_t i = 0; i < sim->people.count && empty_handed < 0; i++)
        if (sim->people.state[i].device_firm == NO_FIRM) empty_handed = i;
    assert_true(empty_handed >= 0); /* prospects are left after 10 weeks */
    memory_firms(&sim->people, empty_handed)[0] = 0;
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "holds no device but remembers"));
    mishi_sim_free(sim);
}

/* On a network, a consumer has a due week if and only if it is a
 * prospect (adoption.c finds the week's adopters by due week alone), and
 * its prospect bit (which the askers' first pass reads) says so; the
 * weekly check catches a breach of either, either way. */
static void due_week_only_for_prospects(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.initial_owners=0.05", "consumers.friends=6",
                          "adoption.innovation=0.01", "adoption.imitation=0.4",
                          "adoption.fully_mixed=0", "weeks=10", NULL};
    mishi_sim *sim = sim_run_checked(sets);
    char why[256];
    int64_t owner = -1, prospect = -1; /* a consumer who is no prospect, one who is */
    for (int64_t i = 0; i < sim->people.count; i++) {
        int is = (sim->people.state[i].flags & CONSUMER_PROSPECT) != 0;
        if (is && prospect < 0) prospect = i;
        if (!is && owner < 0) owner = i;
    }
    assert_true(owner >= 0 && prospect >= 0);
    prospect_state *record = &sim->adoption.prospect[owner];
    record->due = (uint16_t)(mishi_sim_week(sim) + 1);
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "is not a prospect but its due week"));
    record->due = NOT_DUE;
    uint16_t due = sim->adoption.prospect[prospect].due;
    sim->adoption.prospect[prospect].due = NOT_DUE;
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "is a prospect but its due week is 0"));
    sim->adoption.prospect[prospect].due = due;
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 0);
    uint64_t *bits = sim->adoption.prospect_bits, one = UINT64_C(1);
    bits[owner / 64] ^= one << (owner % 64);
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "is not a prospect but its prospect bit"));
    bits[owner / 64] ^= one << (owner % 64);
    bits[prospect / 64] ^= one << (prospect % 64);
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "is a prospect but its prospect bit"));
    mishi_sim_free(sim);
}

/* Adoption's fast paths (a calendar of due weeks on a network, threshold
 * order fully mixed) pick the same adopters as asking every prospect every
 * week: every row of every week bit-identical, with a network of local and
 * far ties, and a few owners at the start. */
static void adoption_fast_paths_match_plain(void **state) {
    (void)state;
    const char *network[] = {SMALL, "consumers.initial_owners=0.05",
                             "consumers.friends=6", "consumers.network_locality=0.7",
                             "adoption.innovation=0.005", "adoption.imitation=0.5",
                             "adoption.fully_mixed=0", NULL};
    const char *mixed[] = {SMALL, "consumers.initial_owners=0.05",
                           "adoption.innovation=0.005", "adoption.imitation=0.4",
                           "adoption.fully_mixed=1", NULL};
    assert_true(run_fingerprint(network, 2, 0) == run_fingerprint(network, 1, 1));
    assert_true(run_fingerprint(mixed, 2, 0) == run_fingerprint(mixed, 1, 1));
}

/* The reversed ties (network.c), placed by several threads and then put
 * in order, are the lists one thread places: the same askers of every
 * consumer, each list in ascending asker id, for 1, 2 and 3 threads; a
 * network of local and far ties, so lists mix askers of both threads, and
 * of 20,000 consumers, so each thread's share takes several rounds of
 * posting ties to the other. And they are the ties reversed one by one
 * (network_friends): each prospect is listed as an asker of each of its
 * friends as often as it names the friend. */
static void followers_are_ties_reversed(const mishi_sim *sim, const network_followers *lists,
                                       const uint8_t *friends_of) {
    int64_t n = sim->people.count;
    int friends = sim->params.consumers.friends;
    int64_t *listed = calloc((size_t)n, sizeof *listed);
    assert_non_null(listed);
    for (int64_t i = 0; i < n; i++) {
        if (!(sim->people.state[i].flags & CONSUMER_PROSPECT)) continue;
        int64_t ties[MISHI_MAX_FRIENDS];
        network_friends(sim, i, ties);
        int seen = 0;
        for (int k = 0; k < friends; k++) {
            if (ties[k] < 0) continue;
            seen++;
            int64_t j = ties[k], times = 0, named = 0;
            for (int m = 0; m < friends; m++) named += ties[m] == j;
            for (int64_t at = lists->start[j]; at < lists->start[j + 1]; at++)
                times += lists->id[at] == (uint32_t)i;
            assert_int_equal(times, named);
            listed[j]++;
        }
        assert_int_equal(friends_of[i], seen);
    }
    for (int64_t j = 0; j < n; j++)
        assert_int_equal(listed[j], lists->start[j + 1] - lists->start[j]);
    free(listed);
}

static void followers_same_on_any_thread_count(void **state) {
    (void)state;
    const char *sets[] = {SMALL, "consumers.initial_owners=0.3", "consumers.friends=9",
                          "consumers.network_locality=0.6",
                          "adoption.fully_mixed=0", NULL};
    mishi_scenario *sc = scenario_with(sets);
    network_followers lists[3];
    int64_t n = 0;
    for (int t = 0; t < 3; t++) {
        mishi_sim *sim = sim_with(sc, t + 1);
        n = sim->people.count;
        uint8_t *friends_of = malloc((size_t)n);
        assert_non_null(friends_of);
        assert_int_equal(network_followers_build(sim, CONSUMER_PROSPECT, &lists[t],
                                                 friends_of, 1),
                         MISHI_OK);
        if (t == 0) followers_are_ties_reversed(sim, &lists[0], friends_of);
        free(friends_of);
        mishi_sim_free(sim);
    }
    int64_t total = lists[0].start[n];
    assert_true(total > 0);
    for (int t = 1; t < 3; t++) {
        assert_memory_equal(lists[0].start, lists[t].start, (size_t)(n + 1) * sizeof(int64_t));
        assert_memory_equal(lists[0].id, lists[t].id, (size_t)total * sizeof(uint32_t));
    }
    for (int64_t j = 0; j < n; j++)
        for (int64_t k = lists[0].start[j] + 1; k < lists[0].start[j + 1]; k++)
            assert_true(lists[0].id[k - 1] <= lists[0].id[k]);
    for (int t = 0; t < 3; t++) network_followers_free(&lists[t]);
    mishi_scenario_free(sc);
}

/* Shopping's look-ahead (ties, the shopping streams' first blocks and
 * the units' experience draws made a group of shoppers early, state
 * prefetched) shops with the same ties and draws as making them shopper by
 * shopper: every consumer shops every week, so each week spans many groups
 * and runs of shoppers and ends in a part-filled group. Shoppers whose
 * draws take fewer words than were drawn ahead, and (many ads) more, so
 * that their streams go on past the blocks drawn ahead; and none drawn
 * for the units (no noise). */
static void shopping_look_ahead_matches_plain(void **state) {
    (void)state;
    const char *busy[] = {SMALL, "weeks=20", "consumers.count=5003",
                          "consumers.device_life_weeks=1", "consumers.friends=7",
                          "consumers.network_locality=0.6",
                          "consumers.transient_share=0.2", NULL};
    const char *ads[] = {SMALL, "weeks=20", "consumers.count=5003",
                         "consumers.device_life_weeks=1",
                         "firms.0.acquisition_budget=40", "firms.0.cash=1e6",
                         "consumers.search_firms=3", NULL};
    const char *quiet[] = {SMALL, "weeks=20", "consumers.count=5003",
                           "consumers.device_life_weeks=1",
                           "firms.0.acquisition_budget=0", "consumers.search_firms=0",
                           "consumers.quality_noise=0", NULL};
    const char *const *markets[] = {busy, ads, quiet};
    for (int m = 0; m < 3; m++) {
        uint64_t plain = run_fingerprint(markets[m], 1, 1);
        assert_true(plain == run_fingerprint(markets[m], 1, 0));
        assert_true(plain == run_fingerprint(markets[m], 2, 0));
    }
}

/* In a week when every open firm reaches every consumer without a draw,
 * consider() does not ask the reach (storefront.c): the same rows as the
 * plain path that asks, in a market with firms closed (bust and not yet
 * replaced, which the shortcut must cover: checked to happen) and in one
 * where a firm reaches only some consumers (the reach asked of each). */
static void reach_shortcut_matches_plain(void **state) {
    (void)state;
    const char *turnover[] = {SMALL, "weeks=80", "firms.0.cash=1", "firms.0.fixed_cost=3",
                              "entry.rate=0.2", "consumers.device_life_weeks=4", NULL};
    const char *partial[] = {SMALL, "weeks=30", "firms.0.access=0.4",
                             "consumers.device_life_weeks=4", NULL};
    mishi_scenario *sc = scenario_with(turnover);
    mishi_sim *sim = sim_with(sc, 1);
    int closed_weeks = 0;
    for (int w = 1; w <= mishi_sim_weeks(sim); w++) {
        step(sim);
        closed_weeks += sim->open_firms_in_reach && !sim->every_firm_in_reach;
    }
    assert_true(closed_weeks > 0);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    const char *const *markets[] = {turnover, partial};
    for (int m = 0; m < 2; m++)
        assert_true(run_fingerprint(markets[m], 1, 1) == run_fingerprint(markets[m], 2, 0));
}

/* Advertising at the top of its ranges (a budget of 1e12 a week at
 * 1e-12 a contact: some 1e22 ads met a shopper on average) draws as many
 * blocks ahead as the look-ahead holds, and asks the friends: the same
 * rows as the plain path. The number of blocks had been converted to
 * unsigned from beyond its range, which gave 0, "no friend is asked", and
 * shoppers read ties never drawn. */
static void advertising_at_its_limits_matches_plain(void **state) {
    (void)state;
    const char *loud[] = {"consumers.count=3000", "firms.0.count=20", "weeks=20",
                          "consumers.device_life_weeks=4",
                          "firms.0.acquisition_budget=1e12",
                          "firms.0.cost_per_reach=1e-12", "firms.0.cash=1e12", NULL};
    assert_true(run_fingerprint(loud, 1, 1) == run_fingerprint(loud, 2, 0));
}

/* With one firm open, shoppers skip friends, ads and browsing (a choice
 * among one): the same rows as the plain path that asks them all, for a
 * single product diffusing on a network with transients and word of
 * mouth, and for a monopoly that entrants end part way (the shortcut
 * stops the week a second firm opens). */
static void one_firm_shortcut_matches_plain(void **state) {
    (void)state;
    const char *diffusion[] = {SMALL, "firms.0.count=1", "consumers.friends=7",
                               "consumers.initial_owners=0.1",
                               "adoption.imitation=0.3",
                               "consumers.transient_share=0.2", NULL};
    const char *entered[] = {SMALL, "firms.0.count=1", "weeks=60",
                             "entry.rate=0.05", "consumers.friends=4",
                             "consumers.device_life_weeks=5", NULL};
    uint64_t plain = run_fingerprint(diffusion, 1, 1);
    assert_true(plain == run_fingerprint(diffusion, 2, 0));
    plain = run_fingerprint(entered, 1, 1);
    assert_true(plain == run_fingerprint(entered, 2, 0));
}

/* Full information: in a week when every firm is open and in everyone's
 * reach, shoppers fill their sets without asking each firm (shopping.c);
 * the same rows as the plain path that asks, with friends' firms between
 * the remembered ones and the rest, word of mouth, brands, a loyalty
 * reward, noisy quality, failures and transients, and memories of six
 * slots (two blocks of rounding words, ownership.c). Firms go bust part
 * way, so the run has weeks of both kinds (checked: fewer firms at the
 * end). */
static void full_information_matches_plain(void **state) {
    (void)state;
    const char *sets[] = {"consumers.count=5003", "weeks=40", "firms.0.count=6",
                          "entry.rate=0", "consumers.consider_all=1",
                          "consumers.friends=3", "choice.w_wom=0.5",
                          "choice.w_brand=0.3", "consumers.quality_noise=0.1",
                          "consumers.failure_rate=0.02",
                          "consumers.transient_share=0.2",
                          "firms.0.loyalty_reward=0.2",
                          "consumers.device_life_weeks=2", "firms.0.cash=300",
                          "firms.0.fixed_cost=100", "consumers.memory_slots=6",
                          NULL};
    uint64_t plain = run_fingerprint(sets, 1, 1);
    assert_true(plain == run_fingerprint(sets, 1, 0));
    assert_true(plain == run_fingerprint(sets, 2, 0));
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 2);
    step(sim);
    int first = mishi_sim_market(sim)->active_firms;
    while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) step(sim);
    assert_int_equal(first, 6);
    assert_true(mishi_sim_market(sim)->active_firms < first);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Innovation alone: each prospect adopts in week t with probability
 * p (1 - p)^(t-1), so by week t a share 1 - (1 - p)^t has adopted
 * (binomial over N prospects, 5 standard errors), on a network and fully
 * mixed alike. */
static void adoption_by_innovation_alone(void **state) {
    (void)state;
    for (int mixed = 0; mixed <= 1; mixed++) {
        const char *sets[] = {SMALL, "consumers.initial_owners=0",
                              "adoption.innovation=0.02", "adoption.imitation=0",
                              mixed ? "adoption.fully_mixed=1"
                                    : "adoption.fully_mixed=0", NULL};
        mishi_scenario *sc = scenario_with(sets);
        mishi_sim *sim = sim_with(sc, 2);
        double n = (double)mishi_sim_consumers(sim);
        for (int week = 1; week <= 60; week++) {
            step(sim);
            double share = 1.0 - pow(0.98, week);
            double adopters = (double)mishi_sim_market(sim)->adopters;
            assert_true(fabs(adopters - share * n) <
                        5.0 * sqrt(n * share * (1.0 - share)));
        }
        mishi_sim_free(sim);
        mishi_scenario_free(sc);
    }
}

/* Stepping past the horizon is an error, not a crash. */
static void horizon(void **state) {
    (void)state;
    const char *sets[] = {"consumers.count=100", "firms.0.count=2", "weeks=2", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 1);
    step(sim), step(sim);
    mishi_error err;
    assert_int_equal(mishi_sim_step(sim, &err), MISHI_EDONE);
    assert_non_null(strstr(err.message, "horizon"));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    mishi_sim_free(NULL);
}

/* A failure in the middle of a run names the scenario's file, as a load
 * error does: here more firms are expected to enter than 16-bit ids can
 * number, as profit draws them in (profit_response times a huge profit),
 * and the run fails at once rather than after GSL's Poisson has drawn a
 * mean above 2^32 for hours. Entry that expects too many firms from its
 * base rate alone is refused at load. */
static void runtime_error_names_the_scenario(void **state) {
    (void)state;
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    const char *yaml = "weeks: 20\nconsumers: {count: 2000}\n"
                       "entry: {rate: 0.2, profit_response: 1e6}\n"
                       "firms: [{count: 3, price: 1e9, price_max: 1e9}]\n";
    assert_int_equal(mishi_scenario_load_string(yaml, "crowded.yaml", &sc, &err),
                     MISHI_OK);
    mishi_sim *sim = sim_with(sc, 1);
    mishi_status rc = MISHI_OK;
    while (rc == MISHI_OK) rc = mishi_sim_step(sim, &err);
    assert_int_equal(rc, MISHI_ELIMIT);
    if (strncmp(err.message, "crowded.yaml: week ", 19) != 0)
        fail_msg("the message does not name the scenario: %s", err.message);
    assert_non_null(strstr(err.message, "entrants expected"));
    assert_non_null(strstr(err.message, "entry.rate"));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    yaml = "weeks: 200\nconsumers: {count: 100}\nentry: {rate: 1000}\n";
    assert_int_equal(mishi_scenario_load_string(yaml, "crowded.yaml", &sc, &err),
                     MISHI_ESCENARIO);
    assert_non_null(strstr(err.message, "200100 expected"));
    /* at the limit on average, half the seeds would end past it: refused */
    yaml = "weeks: 650\nconsumers: {count: 100}\nentry: {rate: 100}\nfirms: [{count: 0}]\n";
    assert_int_equal(mishi_scenario_load_string(yaml, "crowded.yaml", &sc, &err),
                     MISHI_ESCENARIO);
    assert_non_null(strstr(err.message, "65000 expected, and six standard deviations"));
}

/* With the outside option, a dearer "nothing" keeps more shoppers buying:
 * the share who buy nothing rises with its utility, and every shopper is
 * accounted for (check_week). */
static void outside_option(void **state) {
    (void)state;
    double share[2];
    const char *utility[2] = {"choice.outside_utility=-1",
                              "choice.outside_utility=0.5"};
    for (int k = 0; k < 2; k++) {
        const char *sets[] = {SMALL, "weeks=40", "choice.outside_option=1",
                              utility[k], NULL};
        run_checked(sets);
        mishi_scenario *sc = scenario_with(sets);
        mishi_sim *sim = sim_with(sc, 1);
        int64_t shoppers = 0, none = 0;
        while (mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
            step(sim);
            shoppers += mishi_sim_market(sim)->shoppers;
            none += mishi_sim_market(sim)->no_purchase;
        }
        share[k] = (double)none / (double)shoppers;
        mishi_sim_free(sim);
        mishi_scenario_free(sc);
    }
    assert_true(share[0] > 0.0 && share[0] < share[1] && share[1] < 1.0);
}

/* Segments: consumers fall into them by share, within their region, and
 * newcomers keep the place's segment. */
static void segments_by_share(void **state) {
    (void)state;
    const char *yaml =
        "weeks: 30\nconsumers: {count: 40000, transient_share: 0.5}\n"
        "regions: [{name: north}, {name: south}]\n"
        "segments: [{name: thrifty, share: 1, price_weight: 3},\n"
        "           {name: picky, share: 3, quality_weight: 2},\n"
        "           {name: local, region: south, share: 4}]\n"
        "firms: [{count: 20}]\n";
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_load_string(yaml, "s.yaml", &sc, &err),
                     MISHI_OK);
    mishi_sim *sim = sim_with(sc, 2);
    int64_t count[2][3] = {{0}};
    for (int w = 0; w < 30; w++) step(sim);
    const consumers *p = &sim->people;
    for (int64_t i = 0; i < p->count; i++)
        count[p->state[i].region][consumer_segment(p, i)]++;
    assert_int_equal(count[0][2], 0); /* "local" lives only in the south */
    /* north: thrifty 1/4; south: thrifty 1/8, picky 3/8, local 1/2; each
     * within 4 binomial standard deviations */
    int64_t north = count[0][0] + count[0][1];
    int64_t south = count[1][0] + count[1][1] + count[1][2];
    assert_true(fabs(count[0][0] - north / 4.0) < 4 * sqrt(north * 3 / 16.0));
    assert_true(fabs(count[1][2] - south / 2.0) < 4 * sqrt(south / 4.0));
    assert_true(fabs(count[1][0] - south / 8.0) < 4 * sqrt(south * 7 / 64.0));
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Reputation: with a memory of one week, a firm's reputation is exactly
 * the mean quality of what it sold `delay` weeks before, and it stays in
 * the range of quality while a fading firm's quality falls. */
static void reputation_follows_reviews(void **state) {
    (void)state;
    enum { DELAY = 3, WEEKS = 40, FIRMS = 4 };
    const char *sets[] = {"consumers.count=20000", "firms.0.count=4",
                          "weeks=40", "firms.0.strategy=fade",
                          "firms.0.batch_weeks=5", "firms.0.fade_step=0.1",
                          "reputation.weight=0.5", "reputation.memory_weeks=1",
                          "reputation.delay_weeks=3", NULL};
    run_checked(sets);
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 1);
    double sold[WEEKS + 1][FIRMS] = {{0}};
    for (int w = 1; w <= WEEKS; w++) {
        step(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            const firm *f = &sim->firms.at[rows[k].firm];
            assert_true(f->reputation >= 0.0 && f->reputation <= 1.0);
            if (rows[k].units) sold[w][rows[k].firm] = f->quality_sold / rows[k].units;
            if (w > DELAY && rows[k].units && sold[w - DELAY][rows[k].firm] > 0)
                assert_true(fabs(rows[k].reputation - sold[w - DELAY][rows[k].firm])
                            < 1e-12);
        }
    }
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
}

/* Runs `yaml` to its horizon through check_week; the sim, to free. */
static mishi_sim *run_yaml(const char *yaml) { return sim_from_yaml(yaml, 2); }

/* Price rules: cost-plus is unit cost times (1 + markup), undercut the
 * market's last mean price less the share, and every rule stays within
 * [price_min, price_max]. */
static void prices_follow_their_rules(void **state) {
    (void)state;
    mishi_sim *sim = run_yaml(
        "weeks: 30\nconsumers: {count: 20000}\nfirms:\n"
        "  - {name: plus, count: 5, price_rule: cost-plus, markup: 0.5, "
        "review_weeks: 1}\n"
        "  - {name: capped, count: 5, price_rule: cost-plus, markup: 5, "
        "price_max: 1.5, review_weeks: 1}\n"
        "  - {name: under, count: 5, price_rule: undercut, undercut: 0.1, "
        "review_weeks: 1}\n"
        "  - {name: seeker, count: 5, price_rule: profit-seeking, "
        "price_min: 0.8, price_max: 1.2, review_weeks: 2}\n");
    double market = sim->market_price;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            const mishi_firm_class *c = &sim->params.classes[f->firm_class];
            assert_true(f->price >= c->price_min && f->price <= c->price_max);
            if (w < 2) continue; /* the first week is no review */
            if (f->firm_class == 0)
                assert_true(fabs(f->price - f->unit_cost * 1.5) < 1e-12);
            if (f->firm_class == 1) assert_true(f->price == 1.5);
            if (f->firm_class == 2) assert_true(fabs(f->price - 0.9 * market) < 1e-12);
        }
        market = sim->market_price;
    }
    mishi_sim_free(sim);
}

/* The market's mean price, which match and undercut read, is what buyers
 * paid, units times price over units, whatever share of it a retailer
 * keeps: read from the firms' revenue net of the margin, a matcher set
 * its price at (1 - margin) of the market's each review, down and down. */
static void market_price_is_what_buyers_paid(void **state) {
    (void)state;
    mishi_sim *sim = run_yaml(
        "weeks: 20\nconsumers: {count: 20000}\nfirms:\n"
        "  - {name: shop, count: 5, price: 1.2, retailer_margin: 0.25}\n"
        "  - {name: matcher, count: 5, price_rule: match, retailer_margin: 0.25, "
        "review_weeks: 1}\n");
    for (int w = 1; w <= 20; w++) {
        step(sim);
        double paid = 0.0, units = 0.0;
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            if (!f->active) continue;
            paid += (double)f->units * f->price, units += (double)f->units;
        }
        assert_true(units > 0.0);
        assert_true(fabs(sim->market_price - paid / units) < 1e-12 * sim->market_price);
        assert_true(sim->market_price >= 1.0 - 1e-12); /* no price below the lowest */
    }
    mishi_sim_free(sim);
}

/* Exit after exit_loss_weeks losing weeks, cash or no cash; starting cash
 * in weeks of fixed cost. */
static void exit_on_losses(void **state) {
    (void)state;
    mishi_sim *sim = run_yaml(
        "weeks: 20\nconsumers: {count: 2000}\n"
        "firms: [{count: 10, fixed_cost: 50, cash_weeks: 100, "
        "exit_loss_weeks: 6}]\n");
    for (int id = 0; id < sim->firms.count; id++)
        assert_true(sim->firms.at[id].cash == 5000.0);
    for (int w = 1; w <= 20; w++) step(sim);
    for (int id = 0; id < sim->firms.count; id++) {
        const firm *f = &sim->firms.at[id];
        assert_false(f->active); /* every week a loss: out after 6 */
        assert_int_equal(f->exit_week, 6);
        assert_true(f->cash > 0.0);
    }
    mishi_sim_free(sim);
}

/* Free entry: the same market with entrants drawn to its profits gets
 * more of them than one with a fixed rate. */
static void free_entry(void **state) {
    (void)state;
    const char *base = "weeks: 52\nconsumers: {count: 20000}\n"
                       "firms: [{count: 10, price: 2}]\nentry: {rate: 0.1";
    char yaml[512];
    int count[2];
    for (int k = 0; k < 2; k++) {
        snprintf(yaml, sizeof yaml, "%s%s}\n", base,
                 k ? ", profit_response: 0.05" : "");
        mishi_sim *sim = run_yaml(yaml);
        for (int w = 1; w <= 52; w++) step(sim);
        assert_true(k == 0 || sim->profit_memory > 0.0);
        count[k] = sim->firms.count;
        mishi_sim_free(sim);
    }
    assert_true(count[1] > count[0] + 5);
}

/* The loyalty programme: its cost is loyalty_reward × loyalty_cost per
 * repeat buyer, on top of complaints resolved (nothing without a reward),
 * and its reward brings more buyers back. */
static void loyalty_programme(void **state) {
    (void)state;
    double repeat[2];
    for (int k = 0; k < 2; k++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, "weeks: 60\nconsumers: {count: 20000}\n"
                 "firms: [{count: 20, loyalty_reward: %g, loyalty_cost: 0.4}]\n",
                 k ? 0.5 : 0.0);
        mishi_sim *sim = run_yaml(yaml);
        int64_t repeats = 0, units = 0;
        for (int w = 1; w <= 60; w++) {
            step(sim);
            const mishi_firm_row *rows;
            size_t n = mishi_sim_firms(sim, &rows);
            for (size_t i = 0; i < n; i++) {
                double want = rows[i].resolved * 0.1 +
                              rows[i].repeat_units * (k ? 0.5 * 0.4 : 0.0);
                assert_true(fabs(rows[i].retention_spend - want) < 1e-9);
            }
            repeats += mishi_sim_market(sim)->repeat_units;
            units += mishi_sim_market(sim)->units;
        }
        repeat[k] = (double)repeats / (double)units;
        mishi_sim_free(sim);
    }
    assert_true(repeat[1] > repeat[0] + 0.05);
}

/* Channels and launch: a retail firm sells nothing direct and keeps the
 * price less the retailer's margin; an online-only firm sells only direct
 * and reaches nobody when nobody shops online; a firm selling both keeps
 * the whole price of its direct units; nothing sells before launch; and
 * the devices in use are the consumers' (sim_check_invariants). */
static void check_channel_row(const mishi_firm_row *r, int week) {
    double direct = (double)r->units_direct, units = (double)r->units;
    if (r->firm_class == 0) assert_int_equal(r->units_direct, 0);
    if (r->firm_class == 1) assert_int_equal(r->units_direct, r->units);
    if (r->firm_class == 2 && week <= 10) assert_int_equal(r->units, 0);
    double kept = r->firm_class == 1 ? units : direct + (units - direct) * 0.75;
    assert_true(fabs(r->revenue - kept * r->price) < 1e-9 * (1.0 + r->revenue));
}

static void channels_and_launch(void **state) {
    (void)state;
    for (int k = 0; k < 2; k++) {
        char yaml[768];
        snprintf(yaml, sizeof yaml, "weeks: 40\nconsumers: {count: 20000}\n"
                 "regions: [{name: all, online_share: %g}]\n"
                 "firms: [{name: shop, count: 10, retailer_margin: 0.25},\n"
                 " {name: web, count: 10, channel: online},\n"
                 " {name: mixed, count: 10, channel: both, retailer_margin: 0.25,"
                 " launch_weeks: 10}]\n", k ? 0.4 : 0.0);
        mishi_sim *sim = run_yaml(yaml);
        int64_t sold[3] = {0};
        for (int w = 1; w <= 40; w++) {
            step(sim);
            const mishi_firm_row *rows;
            size_t n = mishi_sim_firms(sim, &rows);
            for (size_t i = 0; i < n; i++) {
                check_channel_row(&rows[i], w);
                sold[rows[i].firm_class] += rows[i].units;
            }
            char why[256];
            if (sim_check_invariants(sim, why, sizeof why)) fail_msg("%s", why);
        }
        assert_true(sold[0] > 0 && sold[2] > 0);
        assert_true(k ? sold[1] > 0 : sold[1] == 0);
        mishi_sim_free(sim);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invariants_fixed),
        cmocka_unit_test(invariants_busy_market),
        cmocka_unit_test(deterministic_across_threads),
        cmocka_unit_test(replacement_rate),
        cmocka_unit_test(transients_never_repeat),
        cmocka_unit_test(transient_share_is_stationary),
        cmocka_unit_test(access_and_regions),
        cmocka_unit_test(exits),
        cmocka_unit_test(complaint_resolution),
        cmocka_unit_test(bytes_per_consumer),
        cmocka_unit_test(step_seconds),
        cmocka_unit_test(horizon),
        cmocka_unit_test(adoption_counts),
        cmocka_unit_test(adoption_fast_paths_match_plain),
        cmocka_unit_test(no_device_no_memory),
        cmocka_unit_test(due_week_only_for_prospects),
        cmocka_unit_test(followers_same_on_any_thread_count),
        cmocka_unit_test(shopping_look_ahead_matches_plain),
        cmocka_unit_test(one_firm_shortcut_matches_plain),
        cmocka_unit_test(advertising_at_its_limits_matches_plain),
        cmocka_unit_test(reach_shortcut_matches_plain),
        cmocka_unit_test(full_information_matches_plain),
        cmocka_unit_test(adoption_by_innovation_alone),
        cmocka_unit_test(runtime_error_names_the_scenario),
        cmocka_unit_test(outside_option),
        cmocka_unit_test(segments_by_share),
        cmocka_unit_test(reputation_follows_reviews),
        cmocka_unit_test(prices_follow_their_rules),
        cmocka_unit_test(market_price_is_what_buyers_paid),
        cmocka_unit_test(exit_on_losses),
        cmocka_unit_test(channels_and_launch),
        cmocka_unit_test(free_entry),
        cmocka_unit_test(loyalty_programme),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
