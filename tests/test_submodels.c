/*
 * test_submodels.c — each submodel's rule on its own: quality fade, the
 * train-station review, costs, loyalty memory, the implicit network.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "choice.h"
#include "firms.h"
#include "large.h"
#include "memory.h"
#include "network.h"
#include "profit_seeking.h"
#include "quality_fade.h"
#include "schema.h"
#include "sim.h"
#include "sort_ids.h"
#include "train_station.h"
#include "support.h"

static mishi_firm_class a_class(void) {
    mishi_firm_class c;
    schema_defaults(SCHEMA_CLASS, &c);
    return c;
}

/* Batch 0 ships the design; each later batch fade_step less; the floor. */
static void fade_schedule(void **state) {
    (void)state;
    mishi_firm_class c = a_class();
    c.batch_weeks = 10, c.fade_step = 0.1, c.quality_floor = 0.45;
    firm f = {.first_week = 1, .design_quality = 0.8};
    assert_true(fade_quality(&c, &f, 1, NULL) == 0.8);
    assert_true(fade_quality(&c, &f, 10, NULL) == 0.8);
    assert_true(fabs(fade_quality(&c, &f, 11, NULL) - 0.7) < 1e-12);
    assert_true(fabs(fade_quality(&c, &f, 21, NULL) - 0.6) < 1e-12);
    assert_true(fade_quality(&c, &f, 500, NULL) == 0.45);
    f.first_week = 100; /* an entrant's batches count from its first week */
    assert_true(fade_quality(&c, &f, 100, NULL) == 0.8);
    assert_true(fade_quality(&c, &f, 109, NULL) == 0.8);
    assert_true(fabs(fade_quality(&c, &f, 110, NULL) - 0.7) < 1e-12);
}

/* Disloyal buyers: cut a step; loyal: restore a step; no sales: nothing. */
static void train_station_rule(void **state) {
    (void)state;
    mishi_firm_class c = a_class();
    c.review_weeks = 13, c.loyalty_threshold = 0.3, c.quality_step = 0.05;
    c.quality_floor = 0.6;
    firm f = {.first_week = 1, .design_quality = 0.7, .shipped_quality = 0.7};
    f.review_units = 100, f.review_repeats = 10;
    train_station_quality(&c, &f, 5, NULL); /* not a review week */
    assert_true(f.shipped_quality == 0.7 && f.review_units == 100);
    train_station_quality(&c, &f, 14, NULL);
    assert_true(fabs(f.shipped_quality - 0.65) < 1e-12);
    assert_int_equal(f.review_units, 0);
    f.review_units = 100, f.review_repeats = 10;
    train_station_quality(&c, &f, 27, NULL);
    f.review_units = 100, f.review_repeats = 10;
    train_station_quality(&c, &f, 40, NULL);
    assert_true(f.shipped_quality == 0.6); /* the floor */
    f.review_units = 100, f.review_repeats = 30; /* at threshold: loyal */
    train_station_quality(&c, &f, 53, NULL);
    assert_true(fabs(f.shipped_quality - 0.65) < 1e-12);
    train_station_quality(&c, &f, 66, NULL); /* no sales this period */
    assert_true(fabs(f.shipped_quality - 0.65) < 1e-12);
    f.shipped_quality = 0.69, f.review_units = 10, f.review_repeats = 10;
    train_station_quality(&c, &f, 79, NULL);
    assert_true(f.shipped_quality == 0.7); /* never above design */
}

/* Profit-seeking: the first move is a cut; it keeps going while profit
 * does not fall, turns when it falls; within [floor, design]. */
static void profit_seeking_rule(void **state) {
    (void)state;
    mishi_firm_class c = a_class();
    c.review_weeks = 10, c.quality_step = 0.1, c.quality_floor = 0.5;
    firm f = {.first_week = 1, .design_quality = 0.8, .shipped_quality = 0.8,
              .quality_direction = -1};
    f.review_profit = 50.0, f.review_weeks_seen = 10;
    profit_seeking_quality(&c, &f, 5, NULL); /* not a review week */
    assert_true(f.shipped_quality == 0.8 && f.review_weeks_seen == 10);
    profit_seeking_quality(&c, &f, 11, NULL); /* first review: cut */
    assert_true(fabs(f.shipped_quality - 0.7) < 1e-12);
    assert_int_equal(f.review_weeks_seen, 0);
    f.review_profit = 60.0, f.review_weeks_seen = 10; /* profit rose: again */
    profit_seeking_quality(&c, &f, 21, NULL);
    assert_true(fabs(f.shipped_quality - 0.6) < 1e-12);
    f.review_profit = 40.0, f.review_weeks_seen = 10; /* fell: turn round */
    profit_seeking_quality(&c, &f, 31, NULL);
    assert_true(fabs(f.shipped_quality - 0.7) < 1e-12);
    f.review_profit = 45.0, f.review_weeks_seen = 10;
    profit_seeking_quality(&c, &f, 41, NULL);
    f.review_profit = 45.0, f.review_weeks_seen = 10;
    profit_seeking_quality(&c, &f, 51, NULL);
    assert_true(f.shipped_quality == 0.8); /* never above design */
    f.quality_direction = -1, f.shipped_quality = 0.55;
    f.review_profit = 90.0, f.review_weeks_seen = 10;
    profit_seeking_quality(&c, &f, 61, NULL);
    assert_true(f.shipped_quality == 0.5); /* the floor */
}

/* Unit cost rises with quality and falls with cumulative volume. */
static void unit_cost_shape(void **state) {
    (void)state;
    mishi_firm_class c = a_class();
    assert_true(firm_unit_cost(&c, 0.8, 0) > firm_unit_cost(&c, 0.4, 0));
    assert_true(firm_unit_cost(&c, 0.8, 1e5) < firm_unit_cost(&c, 0.8, 0));
    assert_true(fabs(firm_unit_cost(&c, 0.0, 0) - c.cost_base) < 1e-12);
}

static mishi_sim *tiny_sim(void) {
    const char *sets[] = {"consumers.count=1000", "firms.0.count=5", "weeks=10",
                          "consumers.memory_decay=0.1", NULL};
    mishi_scenario *sc = scenario_with(sets);
    mishi_sim *sim = sim_with(sc, 1);
    mishi_scenario_free(sc);
    return sim;
}

/* Stored preferences are 16-bit floats: within `stores` steps of 2^-10
 * of the value (each store rounds by less than one). */
static int near_stored(double got, double want, int stores) {
    return fabs(got - want) <= stores * ldexp(fabs(want), -10) + 1e-12;
}

/* Consumer 0 buys from firm f with `satisfaction` in `week`, learning
 * from its memory as it recalls it that week, as a shopper does. */
static void buy(mishi_sim *sim, uint16_t f, double satisfaction, int week) {
    double recalled[MEMORY_SLOTS_MAX];
    consumer_forget(sim, 0, week, recalled);
    consumer_learn(sim, 0, f, satisfaction, week, recalled, NULL);
    sim->people.state[0].week_bought = (uint16_t)week;
}

/* WKH memory, J(t+1) = (1 - gamma) J(t) + satisfaction: a purchase counts
 * in full at the next week's choice and is forgotten from the week after;
 * a new firm takes the weakest slot. The preferences learned from are
 * left as they were. */
static void loyalty_memory(void **state) {
    (void)state;
    mishi_sim *sim = tiny_sim();
    consumers *p = &sim->people;
    for (int s = 0; s < p->slots; s++)
        memory_firms(p, 0)[s] = NO_FIRM, memory_preferences(p, 0)[s] = 0;
    p->state[0].week_bought = 0;
    buy(sim, 1, 0.5, 0); /* purchases in weeks 0, 1 and 2 */
    buy(sim, 2, -0.25, 1);
    buy(sim, 3, 1.0, 2);
    double now[MEMORY_SLOTS_MAX];
    consumer_forget(sim, 0, 3, now);
    assert_true(near_stored(now[0], 0.5 * 0.81, 3));
    assert_true(near_stored(now[1], -0.25 * 0.9, 2));
    assert_true(now[2] == 1.0); /* exact in 16 bits */
    consumer_forget(sim, 0, 12, now);
    double kept = pow(0.9, 9);
    assert_true(fabs(now[2] - kept) < 1e-12); /* 1.0 exactly, forgotten */
    double before[MEMORY_SLOTS_MAX];
    memcpy(before, now, sizeof now);
    consumer_learn(sim, 0, 4, 0.1, 12, now, NULL); /* replaces firm 2, the weakest */
    assert_memory_equal(now, before, sizeof now);
    assert_int_equal(memory_firms(p, 0)[1], 4);
    assert_true(near_stored(consumer_preference(p, 0, 1), 0.1, 1));
    p->state[0].week_bought = 12;
    buy(sim, 1, 0.5, 13); /* adds to its own slot */
    assert_true(near_stored(consumer_preference(p, 0, 0),
                            0.5 * 0.81 * kept * 0.9 * 0.9 + 0.5, 5));
    mishi_sim_free(sim);
}

/* A newcomer's memory is emptied, every slot and nothing beyond them:
 * for every slot count the schema allows, the consumers on either side
 * keep theirs (consumer_empty_handed writes in overlapping stores). */
static void empty_handed_clears_its_slots_alone(void **state) {
    (void)state;
    for (int slots = 1; slots <= MEMORY_SLOTS_MAX; slots++) {
        consumer_state records[3] = {{0}};
        uint16_t memory[3 * 2 * MEMORY_SLOTS_MAX];
        consumers p = {3, records, slots, memory};
        for (int k = 0; k < 3 * 2 * slots; k++) memory[k] = (uint16_t)(0x1234 + k);
        records[1].device_firm = 7;
        consumer_empty_handed(&p, 1);
        for (int k = 0; k < 3 * 2 * slots; k++) {
            int slot = k - 2 * slots; /* of consumer 1's, if 0 .. 2 slots - 1 */
            uint16_t want = slot < 0 || slot >= 2 * slots ? (uint16_t)(0x1234 + k)
                            : slot < slots               ? NO_FIRM
                                                         : 0;
            assert_int_equal(memory[k], want);
        }
        assert_int_equal(records[1].device_firm, NO_FIRM);
    }
}

/* An entrant's first review compares its loyalty with the market's over
 * the same weeks (docs/model.md §7.3): the market's totals it starts from
 * are those of the week it enters, not zero (which made its first bar the
 * market's since week 1). */
static void entrants_measure_the_market_from_their_entry(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 40\nconsumers: {count: 5000}\nentry: {rate: 1}\n"
        "firms:\n  - {name: local, count: 20, strategy: train-station, "
        "loyalty_reference: market}\n", 1);
    int entrants = 0;
    for (int w = 1; w <= 40; w++) {
        market_totals before = sim->totals;
        step(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            if (f->first_week != w || w == 1) continue;
            entrants++;
            /* from the totals it entered with, or a later review's */
            assert_true(f->market_at_review.units >= before.units);
            assert_true(f->market_at_review.units > 0);
        }
    }
    assert_true(entrants > 10);
    mishi_sim_free(sim);
}

/* Friends: never oneself, and with locality 1 always within the window. */
static void implicit_network(void **state) {
    (void)state;
    mishi_sim *sim = tiny_sim();
    sim->params.consumers.network_locality = 1.0;
    sim->params.consumers.network_window = 7;
    for (int64_t i = 0; i < 1000; i++)
        for (int k = 0; k < 8; k++) {
            int64_t f = network_friend(sim, i, k);
            assert_true(f >= 0 && f < 1000 && f != i);
            int64_t d = llabs(f - i);
            if (d > 500) d = 1000 - d; /* the ring wraps */
            assert_true(d >= 1 && d <= 7);
            assert_true(f == network_friend(sim, i, k)); /* fixed ties */
        }
    sim->params.consumers.network_locality = 0.0;
    int far = 0;
    for (int64_t i = 0; i < 1000; i++) {
        int64_t d = llabs(network_friend(sim, i, 0) - i);
        far += (d > 7 && d < 993);
    }
    assert_true(far > 900); /* 14 of 999 places are near: ~98.6% far */
    mishi_sim_free(sim);
}

/* The ties of a look-ahead group (network_friends_of, in vector lanes
 * where the machine has them) are network_friends' one consumer at a
 * time: for populations from 2 to 2^32 - 1, windows narrower and wider
 * than the population, all ties local, none and most, odd and even
 * friend counts, and groups that end part way through a vector, with the
 * consumers at the ends of the ring among them. */
static void ties_of_a_group_are_the_ties(void **state) {
    (void)state;
    mishi_sim *sim = tiny_sim();
    mishi_consumer_params *c = &sim->params.consumers;
    const int64_t populations[] = {2, 3, 1000, 123456789, 4294967295};
    const int windows[] = {1, 7, 5000};
    const double localities[] = {0.0, 0.9, 1.0};
    int64_t kept_count = sim->people.count;
    for (size_t p = 0; p < sizeof populations / sizeof *populations; p++)
        for (size_t w = 0; w < sizeof windows / sizeof *windows; w++)
            for (size_t l = 0; l < sizeof localities / sizeof *localities; l++) {
                int64_t n = populations[p];
                sim->people.count = n;
                c->network_window = windows[w], c->network_locality = localities[l];
                c->friends = 7 + (int)(p + w + l) % 2;
                enum { COUNT = 45 }; /* a group and a part vector */
                uint32_t ids[COUNT];
                for (int k = 0; k < COUNT; k++) /* both ends, and spread between */
                    ids[k] = (uint32_t)(k < 3 ? k % n : k < 6 ? n - 1 - (k - 3) % n
                                                          : (int64_t)k * 2654435761u % n);
                int64_t ties[COUNT * MISHI_MAX_FRIENDS];
                network_friends_of(sim, ids, COUNT, ties);
                for (int k = 0; k < COUNT; k++) {
                    int64_t one[MISHI_MAX_FRIENDS];
                    network_friends(sim, ids[k], one);
                    assert_memory_equal(one, ties + k * c->friends,
                                        (size_t)c->friends * sizeof *one);
                }
            }
    sim->people.count = kept_count;
    mishi_sim_free(sim);
}

/* Two ties share a Philox block: network_friends gives network_friend's
 * ties, for odd and even friend counts; of a tie's bits, the local-or-far
 * ones give locality's share of local ties and the side bit both sides
 * equally, each within five standard errors. */
static void implicit_network_ties_share_blocks(void **state) {
    (void)state;
    mishi_sim *sim = tiny_sim();
    sim->params.consumers.network_locality = 0.9;
    sim->params.consumers.network_window = 7;
    int near = 0, above = 0, ties = 0;
    for (int friends = 7; friends <= 8; friends++) {
        sim->params.consumers.friends = friends;
        for (int64_t i = 0; i < 1000; i++) {
            int64_t ids[MISHI_MAX_FRIENDS];
            network_friends(sim, i, ids);
            for (int k = 0; k < friends; k++) {
                assert_true(ids[k] == network_friend(sim, i, k));
                int64_t d = (ids[k] - i + 1000) % 1000; /* 1..999 up the ring */
                near += d <= 7 || d >= 993, above += d <= 7, ties++;
            }
        }
    }
    /* near: a local tie, or a far one that lands in the window (14 of 999) */
    double p = 0.9 + 0.1 * 14.0 / 999.0;
    assert_true(fabs((double)near / ties - p) < 5.0 * sqrt(p * (1 - p) / ties));
    assert_true(fabs((double)above / near - 0.5) < 5.0 * sqrt(0.25 / near));
    mishi_sim_free(sim);
}

/* The consumer arrays' allocator: small sizes are plain malloc; from
 * 2 MiB up the block starts on a 2 MiB boundary (so huge pages can cover
 * it), is usable to its last byte and goes back with free(). */
static void large_alloc_aligns_big_blocks(void **state) {
    (void)state;
    size_t sizes[] = {0, 100, (size_t)2 << 20, ((size_t)5 << 20) + 3};
    for (int k = 0; k < 4; k++) {
        unsigned char *p = large_alloc(sizes[k]);
        assert_non_null(p);
        if (sizes[k] >= ((size_t)2 << 20))
            assert_int_equal((uintptr_t)p % ((size_t)2 << 20), 0);
        if (sizes[k]) p[0] = 1, p[sizes[k] - 1] = 2;
        free(p);
    }
}

/* A week's bucket in id order: the same ids, ascending, for populations
 * that need one, two and three radix passes (and chunks of 256 and 16384
 * ids); a bucket in order already is left as it is. */
static void calendar_sorts_a_week(void **state) {
    (void)state;
    const int64_t populations[] = {1000, 3000000, 100000000};
    for (size_t k = 0; k < 3; k++) {
        calendar cal = {0};
        assert_int_equal(calendar_open(&cal, 3, populations[k], 1), MISHI_OK);
        uint64_t sum = 0, x = 12345 + k;
        for (int n = 0; n < 5000; n++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            uint32_t id = (uint32_t)((x >> 33) % (uint64_t)populations[k]);
            sum += id;
            assert_int_equal(calendar_add(&cal, 0, 2, id), MISHI_OK);
        }
        const uint32_t *ids;
        assert_int_equal(calendar_sort_week(&cal, 2, populations[k], 2, &ids), MISHI_OK);
        uint64_t after = ids[0];
        for (uint32_t n = 1; n < calendar_week_count(&cal, 2); n++) {
            assert_true(ids[n - 1] <= ids[n]);
            after += ids[n];
        }
        assert_int_equal(calendar_week_count(&cal, 2), 5000);
        assert_true(after == sum);
        assert_int_equal(calendar_sort_week(&cal, 2, populations[k], 2, &ids), MISHI_OK);
        assert_true(ids[0] <= ids[1]);
        calendar_close(&cal);
    }
}

/* A long list sorted by 1, 2 or 3 threads: ascending, the same ids, and
 * the same array whatever the threads (lists long enough to be shared,
 * with repeats): a list shorter than a million ids in one, two and three
 * passes of up to 11 bits, and a longer one in passes of up to 14, ids up
 * to 2^32 - 1. */
static void sort_ids_shares_the_work(void **state) {
    (void)state;
    enum { POPULATIONS = 4, LENGTHS = 2 };
    const int64_t populations[POPULATIONS] = {2000, 3000000, 100000000, 4294967296};
    const uint32_t lengths[LENGTHS] = {200000, 1100000};
    uint32_t *ids = malloc(lengths[1] * sizeof *ids), *first = malloc(lengths[1] * sizeof *first);
    assert_non_null(ids), assert_non_null(first);
    for (size_t l = 0; l < LENGTHS; l++)
        for (size_t k = 0; k < POPULATIONS; k++)
            for (int threads = 1; threads <= 3; threads++) {
                uint32_t count = lengths[l];
                uint64_t x = 777 + k, sum = 0, after = 0;
                for (uint32_t n = 0; n < count; n++) {
                    x = x * 6364136223846793005ull + 1442695040888963407ull;
                    ids[n] = (uint32_t)((x >> 33) % (uint64_t)populations[k]);
                    sum += ids[n];
                }
                assert_int_equal(sort_ids(ids, count, populations[k], threads), MISHI_OK);
                for (uint32_t n = 0; n < count; n++) {
                    assert_true(n == 0 || ids[n - 1] <= ids[n]);
                    after += ids[n];
                }
                assert_true(after == sum);
                if (threads == 1) memcpy(first, ids, count * sizeof *ids);
                else assert_memory_equal(first, ids, count * sizeof *ids);
            }
    free(ids), free(first);
}

/* A week's list is its bookings in the order made, across chunks, lane
 * by lane, and a lane's alone can be appended to a list; a released
 * week's chunks take later bookings in their own lane, so the calendar
 * holds no more than its bookings need; a moved week keeps its lanes and
 * order. */
static void calendar_lists_a_week_in_booking_order(void **state) {
    (void)state;
    calendar cal = {0};
    assert_int_equal(calendar_open(&cal, 4, 1000, 2), MISHI_OK);
    assert_int_equal(cal.chunk_ids, 64); /* the smallest: 250 ids fill 4 */
    for (uint32_t n = 0; n < 1000; n++) /* weeks 1 and 2, interleaved, lane 1 first */
        assert_int_equal(calendar_add(&cal, n < 500, 1 + (int)(n % 2), 999 - n), MISHI_OK);
    assert_int_equal(calendar_add(&cal, 0, 5, 7), MISHI_OK); /* past the horizon */
    assert_int_equal(calendar_peak_slots(&cal), 2 * 2 * 4 * 64);
    const uint32_t *ids;
    assert_int_equal(calendar_list_week(&cal, 2, &ids), MISHI_OK);
    assert_int_equal(calendar_week_count(&cal, 2), 500);
    for (uint32_t k = 0; k < 250; k++) { /* lane 0 (n from 500) before lane 1 */
        assert_int_equal(ids[k], 498 - 2 * k);
        assert_int_equal(ids[250 + k], 998 - 2 * k);
    }
    id_list lane = {0}; /* one lane alone, after what the list held */
    assert_int_equal(id_list_add(&lane, 4242), MISHI_OK);
    assert_int_equal(calendar_append_lane(&cal, 1, 2, &lane), MISHI_OK);
    assert_int_equal(lane.count, 251);
    assert_int_equal(lane.id[0], 4242);
    for (uint32_t k = 0; k < 250; k++) assert_int_equal(lane.id[1 + k], 998 - 2 * k);
    free(lane.id);
    calendar_release_week(&cal, 1);
    assert_int_equal(calendar_week_count(&cal, 1), 0);
    for (uint32_t n = 0; n < 512; n++)
        assert_int_equal(calendar_add(&cal, n % 2, 3, n), MISHI_OK);
    assert_int_equal(calendar_peak_slots(&cal), 2 * 2 * 4 * 64); /* week 1's 4 + 4 chunks */
    assert_int_equal(calendar_list_week(&cal, 3, &ids), MISHI_OK);
    for (uint32_t k = 0; k < 256; k++) {
        assert_int_equal(ids[k], 2 * k);
        assert_int_equal(ids[256 + k], 2 * k + 1);
    }
    calendar_release_week(&cal, 2);
    calendar_move_week(&cal, 3);
    assert_int_equal(calendar_week_count(&cal, 3), 0);
    assert_int_equal(calendar_week_count(&cal, 4), 512);
    assert_int_equal(calendar_list_week(&cal, 4, &ids), MISHI_OK);
    for (uint32_t k = 0; k < 256; k++) assert_int_equal(ids[256 + k], 2 * k + 1);
    calendar_close(&cal);
}

/* The train-station rule reading retention, against a bar of its own or
 * relative to the market's retention over the same weeks. */
static void train_station_retention(void **state) {
    (void)state;
    mishi_firm_class c = a_class();
    c.review_weeks = 10, c.quality_step = 0.1, c.quality_floor = 0.2;
    c.loyalty_measure = LOYALTY_RETENTION, c.loyalty_threshold = 0.8;
    firm f = {.first_week = 1, .design_quality = 0.9, .shipped_quality = 0.9};
    /* 30 came back to it, 10 went elsewhere: retention 0.75 < 0.8 */
    f.review_units = 100, f.review_repeats = 30, f.review_defections = 10;
    train_station_quality(&c, &f, 11, NULL);
    assert_true(fabs(f.shipped_quality - 0.8) < 1e-12);
    assert_int_equal(f.review_defections, 0);
    /* against the market: it kept 0.5 of its returning buyers, so the bar
     * is 0.8 x 0.5 = 0.4 and 0.75 clears it */
    c.loyalty_reference = LOYALTY_VS_MARKET;
    market_totals m = {.units = 1000, .repeats = 200, .returning = 400};
    f.market_at_review = (market_totals){0};
    f.review_units = 100, f.review_repeats = 30, f.review_defections = 10;
    train_station_quality(&c, &f, 21, &m);
    assert_true(fabs(f.shipped_quality - 0.9) < 1e-12);
    assert_int_equal(f.market_at_review.returning, 400); /* next window */
    /* no former buyer came back: nothing to read, nothing changes */
    f.review_units = 50, f.review_repeats = 0, f.review_defections = 0;
    train_station_quality(&c, &f, 31, &m);
    assert_true(fabs(f.shipped_quality - 0.9) < 1e-12);
}

/* The logit's draw is the first alternative at which the uniform times
 * the total, less the weights so far, goes below zero, else the last; with
 * the outside option, the last is buying nothing. Held to a loop that
 * leaves at that alternative, on the same uniforms, for weights of every
 * size and ties, some of them 0 (a weight that underflowed). */
static void logit_draw_is_the_first_crossing(void **state) {
    (void)state;
    uint64_t words = 88172645463325252u;
    for (int trial = 0; trial < 100000; trial++) {
        int n = 1 + trial % 12, outside = trial % 5 == 0;
        double v[EXP_LANES_ROOM(12)], w[12];
        for (int k = 0; k < n; k++) {
            words ^= words << 13, words ^= words >> 7, words ^= words << 17;
            v[k] = trial % 3 ? (double)(words % 1000) / 100.0 - 5.0 : (double)(words % 3);
            if (trial % 11 == 0 && k % 4 == 1) v[k] = -HUGE_VAL; /* a weight of 0 */
        }
        memcpy(w, v, sizeof w);
        rng_stream drawn, plain;
        rng_stream_init(&drawn, 3, RNG_SHOPPING, (uint64_t)trial, 1);
        rng_stream_init(&plain, 3, RNG_SHOPPING, (uint64_t)trial, 1);
        double concentration;
        int chosen = logit_draw(v, n, outside, &drawn, &concentration);
        if (n == 1) {
            assert_int_equal(chosen, outside ? CHOSE_OUTSIDE : 0);
            continue;
        }
        double top = -HUGE_VAL, total = 0.0;
        for (int k = 0; k < n; k++) top = w[k] > top ? w[k] : top;
        for (int k = 0; k < n; k++) total += w[k] = model_exp(w[k] - top);
        double u = rng_uniform(&plain) * total;
        int want = n - 1;
        for (int k = 0; k < n - 1; k++)
            if ((u -= w[k]) < 0.0) {
                want = k;
                break;
            }
        assert_int_equal(chosen, outside && want == n - 1 ? CHOSE_OUTSIDE : want);
    }
}

/* The tables a stored quality or satisfaction is read back through hold
 * the quotients the divisions give, for every byte. */
static void stored_values_are_the_quotients(void **state) {
    (void)state;
    for (int k = 0; k <= UINT8_MAX; k++) {
        assert_true(quality_value((uint8_t)k) == k / QUALITY_SCALE);
        int8_t stored = (int8_t)(k - 128);
        assert_true(satisfaction_value(stored) == stored / SATISFACTION_SCALE);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fade_schedule),   cmocka_unit_test(train_station_rule),
        cmocka_unit_test(unit_cost_shape), cmocka_unit_test(loyalty_memory),
        cmocka_unit_test(empty_handed_clears_its_slots_alone),
        cmocka_unit_test(entrants_measure_the_market_from_their_entry),
        cmocka_unit_test(implicit_network),
        cmocka_unit_test(implicit_network_ties_share_blocks),
        cmocka_unit_test(ties_of_a_group_are_the_ties),
        cmocka_unit_test(large_alloc_aligns_big_blocks),
        cmocka_unit_test(calendar_sorts_a_week),
        cmocka_unit_test(sort_ids_shares_the_work),
        cmocka_unit_test(calendar_lists_a_week_in_booking_order),
        cmocka_unit_test(profit_seeking_rule),
        cmocka_unit_test(logit_draw_is_the_first_crossing),
        cmocka_unit_test(stored_values_are_the_quotients),
        cmocka_unit_test(train_station_retention),
    };
    return cmocka_run_group_tests_name("submodels", tests, NULL, NULL);
}
