/*
 * test_social.c — social media (social.c), customer service (service.c)
 * and the three challenges (entry.start_week, home_region,
 * away_visibility, away_launch_weeks): posting probabilities, the posts
 * shoppers see, advocates, the service-spend invariant, shares at home and
 * abroad, and that the mechanisms move shares at all.
 *
 * Statistical checks use tolerances of 4 standard errors computed from the
 * sample each test draws; exact checks only where the model is exact.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "firms.h"
#include "invariants.h"
#include "service.h"
#include "sim.h"
#include "social.h"
#include "support.h"


static void check_invariants(const mishi_sim *sim) {
    char why[512];
    if (sim_check_invariants(sim, why, sizeof why)) fail_msg("%s", why);
}

/* Praise and criticism counted from the firms' rows this week. */
static void count_posts(const mishi_sim *sim, int64_t *praise,
                        int64_t *criticism) {
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows);
    int64_t all = 0;
    for (size_t k = 0; k < n; k++) {
        /* only this week's buyers post, each at most once */
        assert_true(rows[k].posts_praise + rows[k].posts_criticism <= rows[k].units);
        *praise += rows[k].posts_praise, *criticism += rows[k].posts_criticism;
        all += rows[k].posts_praise + rows[k].posts_criticism;
    }
    assert_int_equal(all, mishi_sim_market(sim)->posts);
}

/* A buyer posts with probability post_rate, praise when satisfied and
 * criticism when not: praise ~ Binomial(satisfied buyers, rate). With
 * post_extremity 1 the probability is rate x |s|, so the posts' mean is
 * sum rate|s| and their variance sum p(1 - p) over the week's buyers. */
static void posting_probabilities(void **state) {
    (void)state;
    for (int extremity = 0; extremity <= 1; extremity++) {
        char yaml[512];
        /* quality_noise spreads satisfaction both ways from 0, so both
         * kinds of post are common even at post_extremity 1 */
        snprintf(yaml, sizeof yaml, "weeks: 30\nconsumers: {count: 30000, "
                 "aspiration: 0.7, quality_noise: 0.25}\nfirms: [{count: 20, "
                 "post_rate: 0.3, post_extremity: %d}]\n", extremity);
        mishi_sim *sim = sim_from_yaml(yaml, 2);
        double mean[2] = {0}, variance[2] = {0}; /* criticism, praise */
        int64_t praise = 0, criticism = 0;
        for (int w = 1; w <= 30; w++) {
            step(sim);
            for (size_t k = 0; k < sim->purchase_count; k++) {
                const purchase *b = &sim->purchases[k];
                if (b->firm == NO_FIRM) continue;
                double p = extremity ? 0.3 * fabs(b->satisfaction) : 0.3;
                mean[b->satisfaction >= 0.0f] += p;
                variance[b->satisfaction >= 0.0f] += p * (1.0 - p);
            }
            count_posts(sim, &praise, &criticism);
            check_invariants(sim);
        }
        assert_true(variance[0] > 100 && variance[1] > 100); /* both kinds */
        assert_true(fabs((double)praise - mean[1]) < 4.0 * sqrt(variance[1]));
        assert_true(fabs((double)criticism - mean[0]) < 4.0 * sqrt(variance[0]));
        mishi_sim_free(sim);
    }
}

/* Buzz is last week's decayed by social.decay plus this week's posts; and
 * nothing is built or drawn while nobody posts. */
static void buzz_decays(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml("weeks: 25\nconsumers: {count: 20000}\n"
                              "social: {decay: 0.4}\n"
                              "firms: [{count: 10, post_rate: 0.2}]\n", 2);
    double last[10] = {0};
    for (int w = 1; w <= 20; w++) {
        step(sim);
        for (int id = 0; id < 10; id++) {
            const firm *f = &sim->firms.at[id];
            double expected = 0.6 * last[id] +
                              (double)(f->posts_praise + f->posts_criticism);
            assert_true(fabs(f->buzz - expected) < 1e-9 * (1.0 + expected));
            last[id] = f->buzz;
        }
    }
    assert_true(last[0] > 0.0);
    /* buyers fall silent: buzz only decays, by (1 - decay) a week */
    sim->params.classes[0].post_rate = 0.0;
    for (int w = 1; w <= 5; w++) {
        step(sim);
        assert_int_equal(mishi_sim_market(sim)->posts, 0);
        for (int id = 0; id < 10; id++) {
            double expected = last[id] * pow(0.6, w);
            assert_true(fabs(sim->firms.at[id].buzz - expected) < 1e-9 * (1.0 + expected));
        }
    }
    check_invariants(sim);
    char why[512];
    sim->social.volume[0] = -0.5; /* the weekly check catches it */
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "post volume"));
    mishi_sim_free(sim);
    sim = sim_from_yaml("weeks: 5\nconsumers: {count: 5000}\n", 2);
    for (int w = 1; w <= 5; w++) step(sim);
    assert_false(sim->social.on);
    assert_null(sim->social.volume);
    assert_null(sim->social.regions[0].posts);
    assert_int_equal(mishi_sim_market(sim)->posts, 0);
    mishi_sim_free(sim);
}

/* What M shoppers of region r would see this week: the number of posts
 * is Poisson(reach V_r / consumers_r), each about firm j with probability
 * V_jr / V_r, carrying S_jr / V_jr. */
static void check_seen_in(const mishi_sim *sim, int r) {
    const social_state *s = &sim->social;
    int regions = sim->params.region_count, week = sim->week + 1;
    double total = 0.0, *volume = calloc((size_t)sim->firms.count, sizeof *volume);
    for (int j = 0; j < sim->firms.count; j++)
        if (sim->firms.at[j].active)
            total += volume[j] = s->volume[(size_t)j * regions + r];
    int64_t *seen = calloc((size_t)sim->firms.count, sizeof *seen), draws = 0, M = 0;
    for (int64_t i = 0; i < sim->people.count; i++) {
        if (sim->people.state[i].region != r) continue;
        uint16_t firm_of[MAX_CONSIDERED];
        double satisfaction[MAX_CONSIDERED];
        unsigned n = social_posts_seen(sim, i, week, firm_of, satisfaction);
        for (unsigned d = 0; d < n; d++) {
            size_t at = (size_t)firm_of[d] * regions + r;
            assert_true(fabs(satisfaction[d] - s->satisfaction[at] / s->volume[at]) < 1e-12);
            seen[firm_of[d]]++;
        }
        draws += n, M++;
    }
    double lambda = sim->params.social.reach * total / (double)s->regions[r].consumers;
    assert_true(lambda > 0.2 && lambda < 5.0); /* the cap of 32 never binds */
    assert_true(fabs((double)draws / M - lambda) < 4.0 * sqrt(lambda / M));
    for (int j = 0; j < sim->firms.count; j++) {
        double p = volume[j] / total, sd = sqrt(draws * p * (1.0 - p));
        assert_true(fabs((double)seen[j] - draws * p) <= 4.0 * sd + 1e-9);
    }
    free(volume), free(seen);
}

/* Seen posts follow the posts' volume in the shopper's own region: a firm
 * that sells only in the north is never seen in the south. */
static void seen_posts_follow_volume(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 12\nconsumers: {count: 40000, aspiration: 0.65}\n"
        "regions: [{name: north}, {name: south}]\n"
        "social: {reach: 40}\n"
        "firms:\n  - {name: talkers, count: 8, post_rate: 0.5}\n"
        "  - {name: quiet, count: 8, post_rate: 0.05}\n"
        "  - {name: northern, count: 4, post_rate: 0.5, region: north}\n", 2);
    for (int w = 1; w <= 12; w++) step(sim);
    social_reach_step(sim, NULL); /* the tables next week's shoppers see */
    check_seen_in(sim, 0);
    check_seen_in(sim, 1);
    for (int j = 16; j < 20; j++)
        assert_true(sim->social.volume[(size_t)j * 2 + 1] == 0.0);
    mishi_sim_free(sim);
}

/* Complaints resolved in-house cost inhouse_cost_per_resolution and leave
 * the buyer at inhouse_resolution_satisfaction; outsourced ones cost
 * cost_per_resolution and leave it at resolution_satisfaction. Advocates
 * come only from in-house service: with advocate_share 1 every resolved
 * in-house buyer posts praise, and no outsourced one does. */
static void advocates_only_in_house(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 30\nconsumers: {count: 20000, aspiration: 0.85}\n"
        "firms:\n  - {name: own, count: 10, service: in-house, "
        "advocate_share: 1, retention_budget: 1000}\n"
        "  - {name: contractor, count: 10, advocate_share: 1, "
        "retention_budget: 1000}\n", 2);
    int64_t advocates = 0;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        check_invariants(sim);
        for (size_t k = 0; k < sim->purchase_count; k++) {
            const purchase *b = &sim->purchases[k];
            if (b->firm == NO_FIRM || !(b->flags & PURCHASE_RESOLVED)) continue;
            assert_true(b->satisfaction >= (b->firm < 10 ? 0.5f : 0.3f));
        }
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            const mishi_firm_row *r = &rows[k];
            int inhouse = r->firm_class == 0;
            assert_int_equal(r->advocates, inhouse ? r->resolved : 0);
            assert_int_equal(r->posts_praise, r->advocates);
            assert_int_equal(r->posts_criticism, 0);
            assert_true(r->service_spend == r->resolved * (inhouse ? 0.2 : 0.1));
            advocates += r->advocates;
        }
    }
    assert_true(advocates > 100);
    mishi_sim_free(sim);
}

/* Buyers of both classes post at post_rate; in-house service adds the
 * advocates' praise, so the share of its buyers who praise it is higher.
 * Each share is a binomial proportion; the difference must exceed 4
 * standard errors of the difference. */
static void inhouse_more_praise(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 40\nconsumers: {count: 30000, aspiration: 0.8}\n"
        "firms:\n  - {name: own, count: 10, service: in-house, post_rate: 0.1, "
        "retention_budget: 1000}\n"
        "  - {name: contractor, count: 10, post_rate: 0.1, "
        "retention_budget: 1000}\n", 2);
    double praise[2] = {0}, units[2] = {0};
    int64_t advocates[2] = {0};
    for (int w = 1; w <= 40; w++) {
        step(sim);
        check_invariants(sim);
        for (int id = 0; id < 20; id++) {
            const firm *f = &sim->firms.at[id];
            praise[id >= 10] += (double)f->posts_praise;
            units[id >= 10] += (double)f->units;
            advocates[id >= 10] += f->advocates;
        }
    }
    assert_true(advocates[0] > 0);
    assert_int_equal(advocates[1], 0);
    double p0 = praise[0] / units[0], p1 = praise[1] / units[1];
    double se = sqrt(p0 * (1 - p0) / units[0] + p1 * (1 - p1) / units[1]);
    assert_true(p0 - p1 > 4.0 * se);
    mishi_sim_free(sim);
}

/* With more complaints than the budget pays for, a firm resolves
 * budget / unit cost a week on average (each complaint with probability
 * capacity / complaints): in-house, at twice the cost, half as many. The
 * resolutions over W weeks and F firms are sums of Bernoulli draws, with
 * variance below their mean. */
static void inhouse_budget_buys_fewer(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 40\nconsumers: {count: 40000, aspiration: 0.95, "
        "complaint_propensity: 1}\n"
        "firms:\n  - {name: own, count: 10, service: in-house, "
        "retention_budget: 1, inhouse_cost_per_resolution: 0.2}\n"
        "  - {name: contractor, count: 10, retention_budget: 1, "
        "cost_per_resolution: 0.1}\n", 2);
    double resolved[2] = {0}, expected[2] = {0};
    for (int w = 1; w <= 40; w++) {
        step(sim);
        check_invariants(sim);
        for (int id = 0; id < 20; id++) {
            const firm *f = &sim->firms.at[id];
            double capacity = id < 10 ? 5.0 : 10.0;
            expected[id >= 10] += fmin((double)f->complaints, capacity);
            resolved[id >= 10] += (double)f->resolved;
        }
    }
    for (int k = 0; k < 2; k++)
        assert_true(fabs(resolved[k] - expected[k]) < 4.0 * sqrt(expected[k]));
    assert_true(expected[0] < 0.6 * expected[1]);
    mishi_sim_free(sim);
}

/* The invariant: service spend = resolved x unit cost, and the
 * weekly check (invariants.c) catches a spend that is off. */
static void service_spend_invariant(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 10\nconsumers: {count: 10000, aspiration: 0.8}\n"
        "firms:\n  - {name: own, count: 5, service: in-house}\n"
        "  - {name: contractor, count: 5, loyalty_reward: 0.1}\n", 1);
    for (int w = 1; w <= 10; w++) {
        step(sim);
        check_invariants(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            const mishi_firm_class *c = firm_class_of(sim, f);
            assert_true(f->service_spend == (double)f->resolved *
                                                service_cost_per_resolution(c));
            double loyalty = (double)f->repeat_units * c->loyalty_reward * c->loyalty_cost;
            assert_true(fabs(f->retention_spend - f->service_spend - loyalty) < 1e-12);
        }
    }
    int64_t resolved = 0;
    for (int id = 0; id < sim->firms.count; id++) resolved += sim->firms.at[id].resolved;
    assert_true(resolved > 0);
    char why[512];
    sim->firms.at[0].service_spend += 0.01;
    assert_int_equal(sim_check_invariants(sim, why, sizeof why), 1);
    assert_non_null(strstr(why, "on service"));
    mishi_sim_free(sim);
}

/* Units bought by the consumers of each region, of class 0 and in all,
 * over weeks from..to. */
typedef struct regional_units {
    int64_t of_class[2], all[2];
} regional_units;

static regional_units run_regions(const char *yaml, int from, int to) {
    mishi_sim *sim = sim_from_yaml(yaml, 2);
    regional_units u = {{0, 0}, {0, 0}};
    for (int w = 1; w <= to; w++) {
        step(sim);
        if (w < from) continue;
        for (size_t k = 0; k < sim->purchase_count; k++) {
            const purchase *b = &sim->purchases[k];
            if (b->firm == NO_FIRM) continue;
            int r = sim->people.state[b->consumer].region;
            u.all[r]++;
            u.of_class[r] += sim->firms.at[b->firm].firm_class == 0;
        }
    }
    mishi_sim_free(sim);
    return u;
}

static const char *const two_markets =
    "weeks: 40\nseed: %d\nconsumers: {count: 20000, friends: 0}\n"
    "regions: [{name: china}, {name: world}]\n"
    "firms:\n  - {name: x, count: 5, home_region: china, away_visibility: %g}\n"
    "  - {name: others, count: 20}\n";

/* The chance that region r's sampler `table` (index -> firm_of) lands on
 * firm j. */
static double table_chance(const gsl_ran_discrete_t *table, const int *firm_of,
                           int j) {
    for (size_t k = 0; k < table->K; k++)
        if (firm_of[k] == j) return gsl_ran_discrete_pdf(k, table);
    return 0.0;
}

/* Browsing lands on firm j in region r with probability proportional to
 * its visibility there, and ads (equal budgets, every firm in every
 * region) likewise: visibility at home, visibility x away_visibility
 * abroad; firms without a home alike everywhere. */
static void check_visibility_tables(const mishi_sim *sim, double away) {
    for (int r = 0; r < 2; r++) {
        double total = 0.0;
        for (int j = 0; j < sim->firms.count; j++) {
            const firm *f = &sim->firms.at[j];
            int abroad = f->firm_class == 0 && r == 1;
            double expected = f->visibility * (abroad ? away : 1.0);
            assert_true(firm_visibility_in(sim, f, r) == expected);
            total += expected;
        }
        const region_market *m = &sim->regions[r];
        for (int j = 0; j < sim->firms.count; j++) {
            double p = firm_visibility_in(sim, &sim->firms.at[j], r) / total;
            assert_true(fabs(table_chance(m->browse, m->browse_firm, j) - p) < 1e-9);
            assert_true(fabs(table_chance(m->ads, m->ad_firm, j) - p) < 1e-9);
        }
    }
}

/* A name that search engines bury (away_visibility 0.1) scales the
 * firm's visibility abroad only (the samplers, exactly), and lowers its
 * share abroad: the shares of R replicates (the same seeds for both
 * settings) must fall by more than 4 standard errors of the paired
 * differences. (Home sales are not identical: prices and quality rules
 * answer to the firm's sales in both markets.) */
static void away_visibility_abroad(void **state) {
    (void)state;
    char yaml[512];
    snprintf(yaml, sizeof yaml, two_markets, 1, 0.1);
    mishi_sim *sim = sim_from_yaml(yaml, 2);
    for (int w = 1; w <= 3; w++) step(sim), check_visibility_tables(sim, 0.1);
    mishi_sim_free(sim);
    enum { R = 4 };
    double diff[R], mean = 0.0, var = 0.0;
    for (int k = 0; k < R; k++) {
        snprintf(yaml, sizeof yaml, two_markets, k + 1, 1.0);
        regional_units seen = run_regions(yaml, 10, 40);
        snprintf(yaml, sizeof yaml, two_markets, k + 1, 0.1);
        regional_units buried = run_regions(yaml, 10, 40);
        diff[k] = (double)buried.of_class[1] / buried.all[1] -
                  (double)seen.of_class[1] / seen.all[1];
        mean += diff[k] / R;
    }
    for (int k = 0; k < R; k++) var += (diff[k] - mean) * (diff[k] - mean) / (R - 1);
    assert_true(mean < -4.0 * sqrt(var / R));
}

/* Abroad, a firm with a home region sells only away_launch_weeks after
 * its launch; at home from the start. Buzz abroad starts at zero. */
static void away_launch_waits(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 30\nconsumers: {count: 20000}\n"
        "regions: [{name: china}, {name: world}]\n"
        "firms:\n  - {name: x, count: 5, home_region: china, "
        "away_launch_weeks: 15, post_rate: 0.5}\n"
        "  - {name: others, count: 20}\n", 2);
    int64_t home = 0, abroad_early = 0, abroad_late = 0;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        for (size_t k = 0; k < sim->purchase_count; k++) {
            const purchase *b = &sim->purchases[k];
            if (b->firm == NO_FIRM || b->firm >= 5) continue;
            int abroad = sim->people.state[b->consumer].region == 1;
            home += !abroad;
            abroad_early += abroad && w < 16;
            abroad_late += abroad && w >= 16;
        }
        for (int j = 0; j < 5 && w < 16; j++)
            assert_true(sim->social.volume[(size_t)j * 2 + 1] == 0.0);
        check_invariants(sim);
    }
    assert_true(home > 0 && abroad_late > 0);
    assert_int_equal(abroad_early, 0);
    mishi_sim_free(sim);
}

/* entry.start_week holds entrants back until that week. */
static void entry_waits_for_its_week(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml("weeks: 20\nconsumers: {count: 5000}\n"
                              "entry: {rate: 2, start_week: 12}\n"
                              "firms: [{count: 10}]\n", 2);
    for (int w = 1; w <= 20; w++) {
        step(sim);
        if (w < 12) assert_int_equal(sim->firms.count, 10);
    }
    assert_true(sim->firms.count > 10);
    for (int id = 10; id < sim->firms.count; id++)
        assert_true(sim->firms.at[id].first_week >= 12);
    mishi_sim_free(sim);
}

static const char *const bets =
    "weeks: 60\nseed: %d\nconsumers: {count: 20000, aspiration: 0.6}\n"
    "firms:\n  - {name: bet, count: 5, post_rate: %g, service: %s}\n"
    "  - {name: plain, count: 5}\n";

/* The share of class 0 ("bet") in units over weeks 11..60. */
static double bet_share(int seed, double post_rate, const char *service) {
    char yaml[512];
    snprintf(yaml, sizeof yaml, bets, seed, post_rate, service);
    mishi_sim *sim = sim_from_yaml(yaml, 2);
    int64_t bet = 0, all = 0;
    for (int w = 1; w <= 60; w++) {
        step(sim);
        if (w <= 10) continue;
        for (int id = 0; id < sim->firms.count; id++) {
            all += sim->firms.at[id].units;
            bet += id < 5 ? sim->firms.at[id].units : 0;
        }
    }
    mishi_sim_free(sim);
    return (double)bet / (double)all;
}

/* The mechanisms matter: firms whose buyers post and whose service is
 * in-house gain share over identical firms without, by more than 4
 * standard errors of the replicates' paired differences (the same seeds
 * with both mechanisms off). */
static void posting_inhouse_gains_share(void **state) {
    (void)state;
    enum { R = 5 };
    double diff[R], mean = 0.0, var = 0.0;
    for (int k = 0; k < R; k++) {
        diff[k] = bet_share(k + 1, 0.3, "in-house") -
                  bet_share(k + 1, 0.0, "outsourced");
        mean += diff[k] / R;
    }
    for (int k = 0; k < R; k++) var += (diff[k] - mean) * (diff[k] - mean) / (R - 1);
    assert_true(mean > 4.0 * sqrt(var / R));
}

/* Posts, advocates, regions and late entry give bit-identical runs on
 * 1, 2 and 3 threads. */
static uint64_t social_fingerprint(int threads) {
    mishi_sim *sim = sim_from_yaml(
        "weeks: 40\nconsumers: {count: 20000, aspiration: 0.7}\n"
        "regions: [{name: china}, {name: world}]\n"
        "entry: {rate: 0.2, start_week: 5}\n"
        "firms:\n  - {name: x, count: 5, post_rate: 0.3, post_extremity: 1, "
        "service: in-house, home_region: china, away_visibility: 0.3, "
        "away_launch_weeks: 10}\n  - {name: others, count: 20, post_rate: 0.1}\n",
        threads);
    uint64_t h = 1469598103934665603ull;
    for (int w = 1; w <= 40; w++) {
        step(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            double f[] = {rows[k].buzz, rows[k].share, rows[k].service_spend};
            int64_t c[] = {rows[k].units, rows[k].posts_praise,
                           rows[k].posts_criticism, rows[k].advocates};
            h = fingerprint(fingerprint(h, f, sizeof f), c, sizeof c);
        }
    }
    mishi_sim_free(sim);
    return h;
}

static void deterministic_with_posts(void **state) {
    (void)state;
    uint64_t one = social_fingerprint(1);
    assert_true(one == social_fingerprint(2));
    assert_true(one == social_fingerprint(3));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(posting_probabilities),
        cmocka_unit_test(buzz_decays),
        cmocka_unit_test(seen_posts_follow_volume),
        cmocka_unit_test(advocates_only_in_house),
        cmocka_unit_test(inhouse_more_praise),
        cmocka_unit_test(inhouse_budget_buys_fewer),
        cmocka_unit_test(service_spend_invariant),
        cmocka_unit_test(away_visibility_abroad),
        cmocka_unit_test(away_launch_waits),
        cmocka_unit_test(entry_waits_for_its_week),
        cmocka_unit_test(posting_inhouse_gains_share),
        cmocka_unit_test(deterministic_with_posts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
