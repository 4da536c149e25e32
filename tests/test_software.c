/*
 * test_software.c — software quality, releases from feedback, software
 * users on other makers' devices (software.c) and services after the sale
 * (services.c), on whole runs and on the release rule alone.
 */
#include <math.h>
#include <stdlib.h>

#include "invariants.h"
#include "sim.h"
#include "software.h"
#include "support.h"

/* One week, then the engine's own invariants (check_software among them). */
static void week(mishi_sim *sim) {
    char why[256];
    step(sim);
    if (sim_check_invariants(sim, why, sizeof why))
        fail_msg("week %d: %s", sim->week, why);
}

/* An online seller that releases from its buyers' feedback, beside
 * retail rivals that would release too but hear from nobody; `extra`
 * adds keys to the online class. */
static mishi_sim *market(const char *extra, int weeks, int threads) {
    char yaml[1024];
    snprintf(yaml, sizeof yaml,
             "weeks: %d\nconsumers: {count: 20000}\n"
             "regions: [{name: all, online_share: 1}]\n"
             "firms:\n"
             " - {name: web, count: 10, channel: online, release_weeks: 4, "
             "feedback_half: 5, software_gain: 0.1%s}\n"
             " - {name: shop, count: 10, channel: retail, release_weeks: 4}\n",
             weeks, extra);
    return sim_from_yaml(yaml, threads);
}

/* The release rule: more feedback, a bigger release, never past 1; half
 * the gain at feedback_half messages; no feedback or no gain, no change. */
static void release_rule(void **state) {
    (void)state;
    double last = 0.3;
    for (double m = 1.0; m < 1e6; m *= 2.0) {
        double s = software_release(0.3, m, 0.2, 10.0);
        assert_true(s > last && s <= 1.0);
        last = s;
    }
    assert_true(fabs(software_release(0.3, 10.0, 0.2, 10.0) - 0.37) < 1e-12);
    assert_true(software_release(0.3, 0.0, 0.2, 10.0) == 0.3);
    assert_true(software_release(0.3, 50.0, 0.0, 10.0) == 0.3);
    assert_true(software_release(0.9, 1e300, 1.0, 1e-9) <= 1.0);
}

/* Without decay software quality never falls, stays in [S0, 1], and
 * changes only in a firm's release weeks, one in release_weeks. */
static void releases_only_in_release_weeks(void **state) {
    (void)state;
    mishi_sim *sim = market(", software_quality: 0.2", 60, 2);
    double before[64];
    int releases = 0, changes = 0;
    for (int w = 1; w <= 60; w++) {
        for (int id = 0; id < sim->firms.count; id++)
            before[id] = sim->firms.at[id].software_quality;
        week(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            const mishi_firm_class *c = firm_class_of(sim, f);
            double s = f->software_quality;
            assert_true(s >= before[id] && s >= c->software_quality && s <= 1.0);
            int release = software_releases_in(c, f, w);
            releases += release;
            if (s != before[id]) assert_true(release), changes++;
            if (c->channel == CHANNEL_RETAIL) assert_true(s == c->software_quality);
        }
    }
    assert_int_equal(releases, 20 * 60 / 4); /* each firm every 4 weeks */
    assert_true(changes > 0);
    mishi_sim_free(sim);
}

/* A release uses the messages of the release_weeks weeks that end
 * feedback_lag_weeks before it: recomputed here from the weekly feedback
 * each firm reported, which is feedback_rate times its direct users at
 * the start of the week. Retail sellers hear nothing. */
static void lagged_window(const char *extra, int lag) {
    enum { WEEKS = 50, FIRMS = 20 };
    mishi_sim *sim = market(extra, WEEKS, 2);
    static double sent[FIRMS][WEEKS + 1];
    for (int w = 1; w <= WEEKS; w++) {
        double start[FIRMS], direct[FIRMS];
        for (int id = 0; id < FIRMS; id++) {
            start[id] = sim->firms.at[id].software_quality;
            direct[id] = (double)sim->firms.at[id].installed_direct;
        }
        week(sim);
        for (int id = 0; id < FIRMS; id++) {
            const firm *f = &sim->firms.at[id];
            const mishi_firm_class *c = firm_class_of(sim, f);
            sent[id][w] = f->feedback;
            assert_true(f->feedback == c->feedback_rate * direct[id]);
            if (c->channel == CHANNEL_RETAIL) assert_true(f->feedback == 0.0);
            if (!software_releases_in(c, f, w)) continue;
            double window = 0.0;
            for (int v = w - lag - 3; v <= w - lag; v++)
                if (v >= 1) window += sent[id][v];
            double expect = software_release(start[id], window, 0.1, 5.0);
            assert_true(fabs(f->software_quality - expect) < 1e-12);
        }
    }
    mishi_sim_free(sim);
}

static void feedback_window_lag_0(void **state) {
    (void)state;
    lagged_window("", 0);
}

static void feedback_window_lag_6(void **state) {
    (void)state;
    lagged_window(", feedback_lag_weeks: 6", 6);
}

/* ROM users: each week the last week's count loses those who replaced
 * their phone (1/device_life_weeks) and gains a whole number of installs;
 * with no installs there are none. Installs begin before the firm sells
 * a phone (launch_weeks), its feedback with them, and services earn from
 * them: service revenue is its rate times devices in use plus ROM users,
 * every week, and part of revenue. */
static void rom_users_and_services(void **state) {
    (void)state;
    mishi_sim *sim = market(", software_quality: 0.5, rom_installs: 40, "
                            "launch_weeks: 20, service_revenue: 0.01", 40, 2);
    double kept = 1.0 - 1.0 / sim->params.consumers.device_life_weeks;
    double last[64] = {0};
    for (int w = 1; w <= 40; w++) {
        week(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            const mishi_firm_row *r = &rows[k];
            const firm *f = &sim->firms.at[r->firm];
            const mishi_firm_class *c = firm_class_of(sim, f);
            double installs = r->rom_users - last[r->firm] * kept;
            assert_true(installs > -1e-9 && fabs(installs - round(installs)) < 1e-9);
            if (c->rom_installs == 0.0) assert_true(r->rom_users == 0.0);
            if (f->firm_class == 0 && w < 20) assert_int_equal(r->units, 0);
            if (f->firm_class == 0 && w == 19) {
                assert_true(r->rom_users > 0.0 && r->feedback > 0.0);
                assert_true(r->service_revenue > 0.0 && r->revenue > 0.0);
            }
            double users = (double)r->installed + r->rom_users;
            assert_true(r->service_revenue == c->service_revenue * users);
            assert_true(fabs(r->revenue - (r->units * r->price + r->service_revenue)) <
                        1e-9 * (1.0 + r->revenue));
            last[r->firm] = r->rom_users;
        }
    }
    mishi_sim_free(sim);
}

/* With decay, quality still stays in [S0, 1] (the invariants check it
 * every week) and falls between releases once it has risen. */
static void decay_between_releases(void **state) {
    (void)state;
    mishi_sim *sim = market(", software_decay: 0.05", 60, 2);
    int falls = 0;
    for (int w = 1; w <= 60; w++) {
        double before = sim->firms.at[0].software_quality;
        week(sim);
        falls += sim->firms.at[0].software_quality < before;
    }
    assert_true(falls > 0);
    mishi_sim_free(sim);
}

/* Every row of a run with everything on, as one number. */
static uint64_t run_fingerprint(int threads) {
    mishi_sim *sim = market(", software_quality: 0.1, rom_installs: 30, "
                            "software_decay: 0.02, feedback_lag_weeks: 2, "
                            "service_revenue: 0.01", 60, threads);
    uint64_t h = weeks_fingerprint(sim, 60);
    mishi_sim_free(sim);
    return h;
}

static void same_for_any_thread_count(void **state) {
    (void)state;
    assert_true(run_fingerprint(1) == run_fingerprint(2));
}

/* Two classes alike but for a software quality held fixed (0.8 against 0):
 * the units the better software's class sells, out of all, in the first
 * weeks. */
static double better_software_share(double w_software, int64_t *units) {
    char yaml[768];
    snprintf(yaml, sizeof yaml,
             "weeks: 8\nconsumers: {count: 40000}\n"
             "choice: {w_software: %g}\n"
             "firms:\n"
             " - {name: good, count: 10, software_quality: 0.8, "
             "design_quality_min: 0.7, design_quality_max: 0.7, brand_max: 0}\n"
             " - {name: stock, count: 10, "
             "design_quality_min: 0.7, design_quality_max: 0.7, brand_max: 0}\n",
             w_software);
    mishi_sim *sim = sim_from_yaml(yaml, 2);
    int64_t good = 0, all = 0;
    for (int w = 1; w <= 8; w++) {
        week(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            int64_t u = sim->firms.at[id].units;
            all += u;
            if (sim->firms.at[id].firm_class == 0) good += u;
        }
    }
    mishi_sim_free(sim);
    *units = all;
    return (double)good / (double)all;
}

/* Weighing software raises the better software's share. Without the
 * weight the classes are alike, so its share is 1/2 within sampling
 * error: a binomial standard error sqrt(1/4 n) over n units, doubled for
 * the buyers who buy twice and friends who tell friends, at 4 of them.
 * With weight 1 the logit gives it exp(beta 0.8) times the odds in each
 * choice, so its share is far above 1/2: asked here only to clear the
 * same band. */
static void software_weight_raises_share(void **state) {
    (void)state;
    int64_t n0, n1;
    double off = better_software_share(0.0, &n0);
    double on = better_software_share(1.0, &n1);
    double band = 4.0 * 2.0 * sqrt(0.25 / (double)n0);
    assert_true(n0 > 1000 && n1 > 1000);
    assert_true(fabs(off - 0.5) < band);
    assert_true(on > 0.5 + band);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(release_rule),
        cmocka_unit_test(releases_only_in_release_weeks),
        cmocka_unit_test(feedback_window_lag_0),
        cmocka_unit_test(feedback_window_lag_6),
        cmocka_unit_test(rom_users_and_services),
        cmocka_unit_test(decay_between_releases),
        cmocka_unit_test(same_for_any_thread_count),
        cmocka_unit_test(software_weight_raises_share),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
