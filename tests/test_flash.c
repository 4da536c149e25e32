/*
 * test_flash.c — pre-orders, flash sales and private reselling (issue 12):
 * their invariants week by week, reservers served first, the lapse rate,
 * buzz, determinism across thread counts, and bad values refused.
 */
#include <math.h>
#include <stdlib.h>

#include "flash_stock.h"
#include "invariants.h"
#include "sim.h"
#include "support.h"

/* Two flash firms (small batches every 3 weeks, pre-orders 2 weeks before
 * launch) among eight open ones; a fifth of flash winners resell. */
#define FLASH_MARKET                                                          \
    "weeks: 60\nconsumers: {count: 30000}\n"                                  \
    "flash: {buzz_gain: 0.2, buzz_decay: 0.3}\n"                              \
    "resale: {reseller_share: 0.2, premium: 0.5, age_discount: 0.01}\n"       \
    "firms:\n"                                                                \
    "  - {name: open, count: 8}\n"                                            \
    "  - {name: flash, count: 2, launch_weeks: 2, preorder_weeks: 2, "        \
    "reservation_lapse: 0.1, flash_batch: 40, flash_every_weeks: 3, "         \
    "flash_patience: 0.5}\n"

static void assert_invariants(const mishi_sim *sim) {
    char why[512];
    if (sim_check_invariants(sim, why, sizeof why))
        fail_msg("week %d: %s", sim->week, why);
}

/* Every shopper is counted once, in exactly one way. */
static void assert_shoppers_counted(const mishi_sim *sim) {
    const mishi_market_row *m = mishi_sim_market(sim);
    assert_int_equal(m->units + m->no_purchase + m->unserved + m->reserved +
                         m->missed + m->resale_units,
                     m->shoppers);
}

/* A flash firm sells at most its batch in a sale week and none between;
 * demand beyond the batch is there to be refused (else the test proves
 * nothing). */
static void flash_sales_never_exceed_the_batch(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(FLASH_MARKET, 2);
    int64_t unmet = 0, sold = 0;
    for (int w = 1; w <= 60; w++) {
        step(sim);
        assert_invariants(sim);
        assert_shoppers_counted(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            if (!flash_firm(sim, f)) continue;
            int sale = w >= f->launch_week && (w - f->launch_week) % 3 == 0;
            assert_true(f->units <= (sale ? 40 : 0));
            assert_true(f->flash_unmet <= f->flash_demand);
            unmet += f->flash_unmet, sold += f->units;
        }
    }
    assert_true(unmet > 0 && sold > 0);
    mishi_sim_free(sim);
}

/* Resale conserves devices (put in = pool change + sold) and money (what
 * buyers paid = what resellers received), and prices stay within
 * [0, p (1 + premium)]. */
static void resale_conserves_devices_and_money(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(FLASH_MARKET, 2);
    int64_t resold = 0, put_in = 0;
    for (int w = 1; w <= 60; w++) {
        step(sim);
        const mishi_market_row *m = mishi_sim_market(sim);
        int64_t units = 0;
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            assert_int_equal(f->resale_in, f->resale_pool - f->resale_pool_before +
                                               f->resale_units);
            units += f->resale_units, put_in += f->resale_in;
            if (f->resale_units)
                assert_true(f->resale_price >= 0.0 &&
                            f->resale_price <= f->price * 1.5 + 1e-12);
        }
        assert_int_equal(units, m->resale_units);
        double paid = m->resale_units ? m->resale_price * (double)m->resale_units : 0.0;
        assert_true(fabs(paid - sim->resale.received) <= 1e-9 * (1.0 + paid));
        resold += units;
    }
    assert_true(put_in > 0 && resold > 0);
    mishi_sim_free(sim);
}

/* A device that joins an empty pool after the week's prices were set
 * (a flash winner's, bought to resell) goes on sale the next week, at that
 * week's price: the shoppers who missed the sale and choose again the same
 * week are not offered it at a price set for another week, or at none.
 * Every winner resells and every misser chooses again at once, so pools
 * fill in the week of each sale. */
static void a_pool_is_sold_as_priced(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 60\nconsumers: {count: 20000}\n"
        "resale: {reseller_share: 1, premium: 0.5, age_discount: 0.01}\n"
        "firms:\n  - {name: open, count: 8}\n"
        "  - {name: flash, count: 2, flash_batch: 20, flash_every_weeks: 3, "
        "flash_patience: 0}\n", 2);
    int64_t resold = 0;
    for (int w = 1; w <= 60; w++) {
        step(sim);
        assert_invariants(sim);
        const mishi_market_row *m = mishi_sim_market(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            if (f->resale_units == 0) continue;
            assert_true(f->resale_priced);
            assert_true(f->resale_price > 0.0 && f->resale_price <= f->price * 1.5);
        }
        if (m->resale_units > 0) assert_true(m->resale_price > 0.0);
        resold += m->resale_units;
    }
    assert_true(resold > 0);
    mishi_sim_free(sim);
}

/* A newcomer takes a departed transient's place with nothing in hand: the
 * transient's device left with it, so it is not put up for resale, even
 * by owners who all resell. With every consumer transient, no one replaces
 * a device of its own, and no device is resold. */
static void departed_transients_do_not_resell(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 30\nconsumers: {count: 5000, transient_share: 1}\n"
        "resale: {owner_share: 1}\n"
        "firms:\n  - {name: a, count: 10}\n", 2);
    int64_t put_in = 0, newcomers = 0;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        for (int id = 0; id < sim->firms.count; id++) put_in += sim->firms.at[id].resale_in;
        newcomers += mishi_sim_market(sim)->newcomers;
    }
    assert_true(newcomers > 1000); /* else the test proves nothing */
    assert_int_equal(put_in, 0);
    mishi_sim_free(sim);
}

/* Whether a reserver of f was left waiting this week. */
static int reserver_waits(const mishi_sim *sim, int f) {
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *b = &sim->purchases[k];
        if (b->trade == TRADE_HOLD && b->wanted == f) return 1;
    }
    return 0;
}

/* A unit goes to someone who did not reserve only when no reserver of the
 * same firm is left waiting; pre-orders served never exceed units. */
static void reservers_are_served_first(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 30\nconsumers: {count: 30000}\n"
        "firms:\n  - {name: open, count: 4}\n"
        "  - {name: flash, count: 2, launch_weeks: 6, preorder_weeks: 6, "
        "flash_batch: 10, flash_every_weeks: 2}\n", 2);
    int waited = 0, served = 0;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        assert_invariants(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            assert_true(f->preorders_served <= f->units);
            served += f->preorders_served > 0;
            if (!flash_firm(sim, f) || !reserver_waits(sim, id)) continue;
            waited++;
            assert_int_equal(f->preorders_served, f->units);
        }
    }
    assert_true(waited > 0 && served > 0);
    mishi_sim_free(sim);
}

/* A reservation lapses each week with probability p: the weeks from
 * reserving to lapsing are geometric, mean 1/p, standard deviation
 * sqrt(1-p)/p; the launch is far enough not to cut them. */
static void reservations_lapse_at_their_rate(void **state) {
    (void)state;
    const double p = 0.2;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 200\nconsumers: {count: 20000}\n"
        "firms: [{name: soon, count: 5, launch_weeks: 150, preorder_weeks: 150, "
        "reservation_lapse: 0.2}]\n", 2);
    double sum = 0.0, first = 0.0;
    int64_t n = 0;
    for (int w = 1; w <= 20; w++) {
        step(sim);
        for (size_t k = 0; k < sim->purchase_count; k++) {
            const purchase *b = &sim->purchases[k];
            if (b->trade != TRADE_RESERVE) continue;
            int delay = b->next_week - w;
            assert_true(delay >= 1);
            sum += delay, first += delay == 1, n++;
        }
    }
    assert_true(n > 1000);
    double mean = sum / (double)n, se = sqrt(1.0 - p) / p / sqrt((double)n);
    if (fabs(mean - 1.0 / p) > 4.0 * se)
        fail_msg("mean weeks to lapse %g, expected %g +- %g", mean, 1.0 / p, 4 * se);
    double share = first / (double)n, se1 = sqrt(p * (1.0 - p) / (double)n);
    if (fabs(share - p) > 4.0 * se1)
        fail_msg("lapsed after one week %g, expected %g +- %g", share, p, 4 * se1);
    mishi_sim_free(sim);
}

/* b <- b (1 - decay) + gain U / B each week: buzz grows when demand is
 * unmet and, once nothing adds to it, only decays. */
static void buzz_grows_with_unmet_demand_and_decays(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(FLASH_MARKET, 2);
    int grew = 0;
    double before[64] = {0};
    for (int w = 1; w <= 60; w++) {
        if (w == 40) sim->params.flash.buzz_gain = 0.0; /* nothing adds */
        step(sim);
        for (int id = 0; id < sim->firms.count && id < 64; id++) {
            const firm *f = &sim->firms.at[id];
            if (!flash_firm(sim, f) || w < f->launch_week) continue;
            double expected = before[id] * (1.0 - 0.3) +
                              sim->params.flash.buzz_gain * (double)f->flash_unmet / 40.0;
            assert_true(fabs(f->flash_buzz - expected) < 1e-12);
            if (w < 40 && f->flash_unmet > 0 && f->flash_buzz > before[id]) grew++;
            if (w >= 40) assert_true(f->flash_buzz < before[id] || before[id] == 0.0);
            before[id] = f->flash_buzz;
        }
    }
    assert_true(grew > 0);
    mishi_sim_free(sim);
}

/* Every row, bit for bit, on `threads` threads, taking the plain
 * reference paths if `plain`. */
static uint64_t run_fingerprint(int threads, int plain) {
    mishi_sim *sim = sim_from_yaml(FLASH_MARKET, threads);
    sim->plain = plain;
    uint64_t h = weeks_fingerprint(sim, 60);
    mishi_sim_free(sim);
    return h;
}

/* A shopper who misses a sale and waits is held for the next one, as a
 * reserver is: it comes back to the firm, served before new choosers,
 * rather than shopping afresh and perhaps forgetting the firm. With no
 * pre-orders, every reservation and every pre-order served is a waiter's. */
static void waiters_are_held_for_the_next_sale(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 40\nconsumers: {count: 20000}\n"
        "firms:\n  - {name: open, count: 8}\n"
        "  - {name: flash, count: 2, flash_batch: 20, flash_every_weeks: 4, "
        "flash_patience: 1}\n", 2);
    int64_t held = 0, served = 0;
    for (int w = 1; w <= 40; w++) {
        step(sim);
        assert_invariants(sim);
        assert_shoppers_counted(sim);
        for (int id = 0; id < sim->firms.count; id++) {
            const firm *f = &sim->firms.at[id];
            if (!flash_firm(sim, f)) continue;
            held += f->reservations, served += f->preorders_served;
            assert_true(f->preorders_served <= f->units);
        }
    }
    assert_true(held > 0 && served > 0);
    mishi_sim_free(sim);
}

/* A winner who buys to resell never uses the device, so it does not post
 * about it: with every winner reselling and every buyer posting, the flash
 * firms' posts would come from reservers only (they do not resell), and
 * here there are none: no pre-orders, and no shopper waits for a sale
 * (flash_patience 0), which would hold it as a reserver. */
static void resellers_do_not_post(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 30\nconsumers: {count: 20000}\n"
        "resale: {reseller_share: 1}\n"
        "firms:\n"
        "  - {name: open, count: 8}\n"
        "  - {name: flash, count: 2, flash_batch: 40, flash_patience: 0, "
        "post_rate: 1}\n", 2);
    int64_t units = 0;
    for (int w = 1; w <= 30; w++) {
        step(sim);
        assert_invariants(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            if (rows[k].firm_class != 1) continue;
            units += rows[k].units;
            assert_int_equal(rows[k].posts_praise + rows[k].posts_criticism, 0);
        }
    }
    assert_true(units > 0); /* there were winners, all of them resellers */
    mishi_sim_free(sim);
}

/* Owners who replace a working phone sell the old one, and every shopper
 * may buy second hand, with no flash sale anywhere: devices change hands,
 * pools and money balance every week (the invariants), and a second-hand
 * price is the maker's less the age discount (no unmet demand, so no
 * premium). */
static void owners_resell_without_flash_sales(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 80\nconsumers: {count: 20000}\n"
        "resale: {owner_share: 0.5, age_discount: 0.01}\n"
        "firms:\n  - {name: a, count: 6, price: 1}\n", 2);
    int64_t resold = 0;
    for (int w = 1; w <= 80; w++) {
        step(sim);
        assert_invariants(sim);
        assert_shoppers_counted(sim);
        const mishi_market_row *m = mishi_sim_market(sim);
        resold += m->resale_units;
        if (m->resale_units > 0)
            assert_true(m->resale_price > 0.0 && m->resale_price <= 1.0);
    }
    assert_true(resold > 100);
    mishi_sim_free(sim);
}

/* Software runs on a second-hand device as on a new one (docs/model.md
 * §7.19), so shoppers who value it buy a good maker's used phones too: of
 * two makers alike but for software, the one with software sells
 * second-hand devices per new unit at 0.15 of the other's rate (10,000
 * consumers, 60 weeks; 0.46 while departing transients' devices were
 * resold too); priced without its software, its used phones are the poor
 * relations of its new ones (0.017). */
static void second_hand_devices_carry_their_software(void **state) {
    (void)state;
    mishi_sim *sim = sim_from_yaml(
        "weeks: 60\nconsumers: {count: 10000}\nchoice: {w_software: 1}\n"
        "resale: {owner_share: 1, age_discount: 0.01}\n"
        "firms:\n  - {name: soft, count: 2, software_quality: 1}\n"
        "  - {name: plain, count: 2}\n", 2);
    double units[2] = {0, 0}, second_hand[2] = {0, 0};
    for (int w = 1; w <= 60; w++) {
        step(sim);
        assert_invariants(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        for (size_t k = 0; k < n; k++) {
            units[rows[k].firm_class] += (double)rows[k].units;
            second_hand[rows[k].firm_class] += (double)rows[k].resale_units;
        }
    }
    assert_true(units[0] > 0 && units[1] > 0 && second_hand[1] > 0);
    double relative = (second_hand[0] / units[0]) / (second_hand[1] / units[1]);
    assert_true(relative > 0.05);
    mishi_sim_free(sim);
}

/* The same rows whatever the number of threads, and as the plain paths
 * give (reservers claiming their units with draws made ahead, shoppers
 * choosing again without). */
static void same_result_on_one_and_two_threads(void **state) {
    (void)state;
    uint64_t plain = run_fingerprint(1, 1);
    assert_true(plain == run_fingerprint(1, 0));
    assert_true(plain == run_fingerprint(2, 0));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flash_sales_never_exceed_the_batch),
        cmocka_unit_test(resale_conserves_devices_and_money),
        cmocka_unit_test(reservers_are_served_first),
        cmocka_unit_test(reservations_lapse_at_their_rate),
        cmocka_unit_test(buzz_grows_with_unmet_demand_and_decays),
        cmocka_unit_test(waiters_are_held_for_the_next_sale),
        cmocka_unit_test(resellers_do_not_post),
        cmocka_unit_test(owners_resell_without_flash_sales),
        cmocka_unit_test(a_pool_is_sold_as_priced),
        cmocka_unit_test(departed_transients_do_not_resell),
        cmocka_unit_test(second_hand_devices_carry_their_software),
        cmocka_unit_test(same_result_on_one_and_two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
