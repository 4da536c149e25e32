/*
 * full_information.c — a week of a full-information market in one pass:
 * each block of buyers chooses, is counted and takes its devices home
 * before the next block is looked at.
 *
 * The market of Weisbuch, Kirman & Herreiner (2000), and `mishi bench
 * --workload wkh`: every consumer knows every firm and buys every week,
 * hears nothing from friends or posts, and draws nothing but its choice
 * and the rounding of what it learns. The general week (shopping.c, the
 * tally in accounting.c, ownership.c) passes over the week's purchase
 * records three times and builds each shopper's consideration set firm by
 * firm, asking of each whether it can be reached. In such a week the set
 * is known (the firms remembered, in slot order, then the others in id
 * order), and the unit a firm ships and how each segment feels about it
 * are the same for every buyer; the records of a block of buyers are
 * made, counted and taken home while they are in the core's cache, and
 * the week's calendar bucket becomes the next week's whole.
 *
 * Nothing is computed differently: the same formulas (choice.h), draws,
 * learning and rounding (memory.c, ownership.c) and sums in the same
 * order (accounting.c's blocks), so the outputs are those of the general
 * week to the bit, for any number of threads. Each group of buyers goes
 * through the week phase by phase, and on machines with AVX2 three phases
 * (the memories read back, the choice's utilities and logit, the
 * learning) do the same operations four buyers at a time
 * (full_information_lanes.c). tests/test_full_information.c holds it to
 * that, with the lanes and without, on markets on both sides of every
 * condition below. A week that is not such a week is left to the general
 * steps, and the plain path (mishi_run_options.plain) never takes this
 * one.
 */
#include "full_information.h"

#include <assert.h>
#include <inttypes.h>

#include "accounting.h"
#include "calendar.h"
#include "channels.h"
#include "choice.h"
#include "experience.h"
#include "memory.h"
#include "ownership.h"
#include "shopping.h"
#include "storefront.h"

/* Whether the scenario leaves every week's buyer with nothing to draw but
 * its choice and its rounding, and nothing to read but its own record
 * and the firms': no friends, posts, ads or browsing (full information),
 * no buying nothing, no second-hand, flash or pre-order trade, no
 * transients, no draw of the next entry (a device lasts a week and never
 * fails), no noise in the units and no software releases. */
static int scenario_allows(const mishi_sim *sim) {
    const mishi_params *p = &sim->params;
    const mishi_consumer_params *c = &p->consumers;
    if (sim->plain || !c->consider_all || c->friends > 0) return 0;
    if (sim->social.on || p->choice.outside_option || sim->resale.on ||
        sim->software_on)
        return 0;
    if (c->transient_share > 0.0 || c->quality_noise > 0.0) return 0;
    if (sim->next_entry.planned.p < 1.0) return 0;
    for (int q = 0; q <= UINT8_MAX; q++)
        if (sim->next_entry.failure[q].p > 0.0) return 0;
    for (int k = 0; k < p->class_count; k++)
        if (p->classes[k].preorder_weeks > 0 || p->classes[k].flash_batch > 0)
            return 0; /* flash.c and preorders.c are set up after this row */
    return 1;
}

mishi_status full_information_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    sim->full_information.possible = scenario_allows(sim);
    sim->full_information.lanes = full_information_lanes_available();
    return MISHI_OK;
}

/* This week's unit of each firm (experience.c without noise) and each
 * segment's satisfaction with it; 0 if a buyer somewhere would be
 * dissatisfied, and so draw whether it complains. */
static int units_this_week(mishi_sim *sim) {
    full_information_week *w = &sim->full_information;
    for (int f = 0; f < sim->firms.count; f++) {
        w->unit_quality[f] = experience_unit(sim->storefronts[f].shipped_quality);
        for (int g = 0; g < sim->params.segment_count; g++) {
            float s = experience_satisfaction(&sim->tastes[g], w->unit_quality[f]);
            if (s < 0.0f) return 0;
            w->satisfaction[g][f] = s;
        }
    }
    return 1;
}

/* Whether this week is a full-information week: at least two firms, all
 * selling and reaching every consumer without a draw, every consumer in
 * the market (so the week's records are the consumers in id order), no
 * reservation to claim and no buyer who could complain. */
static int week_allows(mishi_sim *sim) {
    int count = sim->firms.count;
    if (count < 2 || count > MAX_CONSIDERED || !sim->every_firm_in_reach) return 0;
    for (int f = 0; f < count; f++)
        if (!sim->storefronts[f].launched) return 0;
    if (calendar_week_count(&sim->calendar, sim->week + 1) != (uint32_t)sim->people.count)
        return 0;
    return !sim->reservations.count && units_this_week(sim);
}

/* Consumer i's alternatives, as shopping.c's set has them under full
 * information: the firms it remembers, in slot order, then the others in
 * id order; each one's maker and the preference held for it (J). Built
 * without a branch, each candidate written and counted only if it is one
 * (which firms a buyer remembers varies from buyer to buyer without a
 * pattern, and a branch on it cost a third of the week's scalar work);
 * hence the one spare entry at the end. */
static void alternatives(const mishi_sim *sim, int64_t i,
                         const double preference[MEMORY_SLOTS_MAX],
                         uint16_t maker[MAX_CONSIDERED + 1],
                         double held[MAX_CONSIDERED + 1]) {
    const consumers *p = &sim->people;
    const uint16_t *remembered = memory_firms(p, i);
    uint32_t known = 0;
    int n = 0;
    for (int s = 0; s < p->slots; s++) {
        uint32_t is_firm = remembered[s] != NO_FIRM;
        known |= is_firm << (remembered[s] & 31);
        maker[n] = remembered[s], held[n] = preference[s];
        n += (int)is_firm;
    }
    for (int f = 0; f < sim->firms.count; f++) {
        maker[n] = (uint16_t)f, held[n] = 0.0;
        n += (int)(~known >> f & 1);
    }
    assert(n == sim->firms.count); /* week_allows: every firm, to every buyer */
}

/* Beta times each alternative's utility (choice.h's firm_utility), in
 * place of the preference held for it. */
static void utilities(const mishi_sim *sim, int64_t i, const uint16_t *maker, double *v,
                      int n) {
    const consumer_state *c = &sim->people.state[i];
    const taste *t = &sim->tastes[consumer_segment(&sim->people, i)];
    for (int k = 0; k < n; k++) {
        const storefront *f = &sim->storefronts[maker[k]];
        v[k] = sim->params.choice.beta *
               firm_utility(f, t, expected_quality(f, c->device_firm, c), v[k], 0.0,
                            f->id == c->device_firm);
    }
}

/* The group's purchase records opened as shopping opens them, with what
 * each buyer remembers (memory.c's shopper_memory) and WKH's y of it. */
static void buyers_remember(const mishi_sim *sim, buyer_group *b, purchase *made) {
    int week = sim->week + 1;
    const consumers *p = &sim->people;
    for (int g = 0; g < b->count; g++) shopping_record_open(sim, b->ids[g], &made[g]);
    if (sim->full_information.lanes) full_information_recall_lanes(sim, b);
    for (int g = 0; g < b->count; g++) {
        /* the lanes leave a failed device's mark-down */
        int fails = p->state[b->ids[g]].flags & CONSUMER_DEVICE_FAILS;
        if (sim->full_information.lanes && !fails) {
            made[g].preference_concentration = b->remembered_concentration[g];
            continue;
        }
        shopper_memory(sim, b->ids[g], week, b->preference[g]);
        made[g].preference_concentration = preference_concentration(b->preference[g], p->slots);
    }
}

/* Each buyer's alternatives, their utilities and the logit's draw over
 * them (choice.h), with its shopping stream's first block. */
static void buyers_draw(const mishi_sim *sim, buyer_group *b) {
    for (int g = 0; g < b->count; g++)
        alternatives(sim, b->ids[g], b->preference[g], b->maker[g], b->weight[g]);
    if (sim->full_information.lanes) {
        full_information_choice_lanes(sim, b);
        return;
    }
    uint32_t week = (uint32_t)(sim->week + 1);
    for (int g = 0; g < b->count; g++) {
        utilities(sim, b->ids[g], b->maker[g], b->weight[g], b->alternatives);
        rng_stream s;
        rng_stream_init_drawn(&s, sim->params.seed, RNG_SHOPPING, b->ids[g], week,
                              b->first[g], 1);
        b->chosen[g] = logit_draw(b->weight[g], b->alternatives, 0, &s,
                                  &b->concentration[g]);
    }
}

/* Each buyer's choice written into its record, with the channel, the unit
 * and the satisfaction it brings. */
static void buyers_choose(const mishi_sim *sim, buyer_group *b, purchase *made) {
    buyers_draw(sim, b);
    const full_information_week *w = &sim->full_information;
    for (int g = 0; g < b->count; g++) {
        uint16_t j = b->maker[g][b->chosen[g]];
        purchase *out = &made[g];
        out->choice_concentration = (float)b->concentration[g];
        out->firm = j;
        if (channel_direct(sim, sim->storefronts[j].channel, b->ids[g]))
            out->flags |= PURCHASE_DIRECT;
        out->unit_quality = w->unit_quality[j];
        out->satisfaction = w->satisfaction[consumer_segment(&sim->people, b->ids[g])][j];
    }
}

/* Each buyer takes its device home (ownership.c's work, with nothing to
 * draw): it learns from the preferences it chose with (memory.c's
 * consumer_learn), rounding with its memory words, and is back in the
 * market next week. */
static void buyers_take_home(mishi_sim *sim, buyer_group *b, purchase *made) {
    int week = sim->week + 1;
    if (sim->full_information.lanes) {
        for (int g = 0; g < b->count; g++) {
            b->slot[g] = memory_take_slot(&sim->people, b->ids[g], made[g].firm,
                                          b->preference[g]);
            b->satisfaction[g] = made[g].satisfaction;
        }
        full_information_learn_lanes(sim, b);
    } else {
        for (int g = 0; g < b->count; g++)
            consumer_learn(sim, b->ids[g], made[g].firm, made[g].satisfaction, week,
                           b->preference[g], b->rounding[g]);
    }
    for (int g = 0; g < b->count; g++)
        ownership_hand_over(sim, &made[g], made[g].firm, week, 1, 0);
}

/* Consumers from..to-1 (a block of the tally's) choose, are counted and
 * take their devices home, LOOK_AHEAD at a time: the group's shopping and
 * memory draws are made at once in vector lanes (rng_lanes.c), then it
 * goes through the phases above, its preferences kept from the choice to
 * the learning. */
static void make_week(mishi_sim *sim, size_t from, size_t to,
                      const tally_counter *counter) {
    buyer_group b;
    b.alternatives = sim->firms.count; /* week_allows: every firm, to every buyer */
    uint32_t week = (uint32_t)(sim->week + 1);
    for (size_t group = from; group < to; group += LOOK_AHEAD) {
        b.count = (int)(to - group < LOOK_AHEAD ? to - group : LOOK_AHEAD);
        purchase *made = &sim->purchases[group];
        for (int g = 0; g < b.count; g++) b.ids[g] = (uint32_t)(group + (size_t)g);
        /* the next group's records (8 to a cache line), which opening
         * their purchase records reads first: waiting for them was a tenth
         * of this function's time at 10^6 buyers (perf). Their memories,
         * asked for too, made 2 threads slower with 10 sellers. */
        if (group + 2 * LOOK_AHEAD <= to)
            for (size_t k = group + LOOK_AHEAD; k < group + 2 * LOOK_AHEAD; k += 8)
                __builtin_prefetch(sim->people.state + k, 1);
        rng_blocks(sim->params.seed, RNG_SHOPPING, 0, b.ids, b.count, week, b.first);
        memory_rounding_words(sim, b.ids, b.count, week, b.rounding);
        buyers_remember(sim, &b, made);
        buyers_choose(sim, &b, made);
        tally_count(counter, group, group + (size_t)b.count);
        buyers_take_home(sim, &b, made);
    }
}

mishi_status full_information_step(mishi_sim *sim, mishi_error *err) {
    full_information_week *w = &sim->full_information;
    w->this_week = 0;
    if (!w->possible) return MISHI_OK;
    if (storefront_build(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for %d firms' storefronts",
                               sim->firms.count);
    if (!week_allows(sim)) return MISHI_OK;
    if (purchases_reserve(sim, (size_t)sim->people.count))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for %" PRId64 " shoppers",
                               sim->people.count);
    sim->purchase_count = (size_t)sim->people.count;
    w->this_week = 1;
    mishi_status rc = tally_step_making(sim, make_week, err);
    /* every buyer is back next week, in id order (ownership_hand_over) */
    if (!rc) calendar_move_week(&sim->calendar, sim->week + 1);
    return rc;
}
