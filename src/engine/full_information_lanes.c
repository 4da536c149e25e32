/*
 * full_information_lanes.c — the arithmetic of a full-information week's
 * group of buyers (full_information.c) four buyers at a time, in 256-bit
 * vector lanes: reading the memories back from 16 bits (with WKH's y of
 * them), the utilities and the logit's sums and draw, and learning with
 * its rounding to 16 bits.
 *
 * Each phase does, lane by lane, the operations of the general week's
 * functions in their order (named at each), so its results are theirs to
 * the bit: IEEE arithmetic on doubles gives the same result in a lane as
 * alone, and AVX2 has no fused multiply-add for a compiler to contract
 * into; the exponential is the model's own (exp_lanes.h), which is
 * model_exp to the bit.
 * tests/test_full_information.c runs every market with these phases and
 * without them against the plain path. Compiled for AVX2 (LANES_TARGET)
 * and taken only on machines that have it; elsewhere the group's phases
 * are the scalar ones.
 *
 * Vectors are built whole from their four values ({a, b, c, d}), in
 * registers: one filled lane by lane goes through memory, and reading it
 * back waits for the four stores (which took away what the lanes gained).
 */
#include "full_information.h"

#include <math.h>

#include "memory.h"
#include "rng.h"

#if defined(__x86_64__) || defined(__i386__)
#include "exp_lanes.h"
#include "float16_lanes.h"

int full_information_lanes_available(void) {
    return rng_lanes_available(RNG_LANES_AVX2);
}

/* The buyers of lanes g..g+LANES-1; past the group's end, its last buyer
 * again (worked out, never stored). */
static void lane_buyers(const buyer_group *b, int g, int at[LANES]) {
    for (int l = 0; l < LANES; l++) at[l] = g + l < b->count ? g + l : b->count - 1;
}

/* consumer_forget: float16_value(stored) * kept, slot by slot; then
 * choice.h's preference_concentration of their positive parts, summed in
 * the same order. */
LANES_TARGET void full_information_recall_lanes(const mishi_sim *sim, buyer_group *b) {
    const consumers *p = &sim->people;
    int week = sim->week + 1;
    for (int g = 0; g < b->count; g += LANES) {
        int at[LANES];
        lane_buyers(b, g, at);
        const uint16_t *stored[LANES];
        double kept_each[LANES];
        for (int l = 0; l < LANES; l++) {
            kept_each[l] = memory_kept_since_purchase(sim, b->ids[at[l]], week);
            stored[l] = memory_preferences(p, b->ids[at[l]]);
        }
        lane_reals kept = {kept_each[0], kept_each[1], kept_each[2], kept_each[3]};
        lane_reals sum = lane_reals_of(0.0), squares = lane_reals_of(0.0);
        for (int s = 0; s < p->slots; s++) {
            lane_words code = {stored[0][s], stored[1][s], stored[2][s], stored[3][s]};
            lane_reals value = float16_lane_values(code) * kept;
            lane_reals liked = lane_pick_reals(value > 0.0, value, lane_reals_of(0.0));
            sum += liked, squares += liked * liked;
            for (int l = 0; l < LANES && g + l < b->count; l++)
                b->preference[g + l][s] = value[l];
        }
        lane_reals y = squares / (sum * sum);
        for (int l = 0; l < LANES && g + l < b->count; l++)
            b->remembered_concentration[g + l] = sum[l] > 0.0 ? (float)y[l] : NAN;
    }
}

/* rng_uniform of a stream whose first block is `first`: of its first two
 * words. */
static double first_uniform(const uint32_t first[4]) {
    return rng_uniform_of(first[0], first[1]);
}

/* choice.h's logit_draw over the n >= 2 alternatives w (none of them
 * buying nothing), with each buyer's uniform u: the weights exp(v - max v)
 * and their total, the sum of squared shares, and the first alternative at
 * which u * total, less the weights so far, goes below zero (else the
 * last). */
LANES_TARGET static void logit_lanes(lane_reals w[MAX_CONSIDERED], int n, lane_reals u,
                                     lane_mask *chosen, lane_reals *squares) {
    lane_reals top = lane_reals_of(-HUGE_VAL);
    for (int k = 0; k < n; k++) top = lane_pick_reals(w[k] > top, w[k], top);
    lane_reals total = lane_reals_of(0.0);
    for (int k = 0; k < n; k++) {
        lane_reals below = w[k] - top;
        w[k] = lane_exp(below);
        total += w[k];
    }
    lane_reals share = 1.0 / total;
    *squares = lane_reals_of(0.0);
    for (int k = 0; k < n; k++) *squares += (w[k] * share) * (w[k] * share);
    u *= total;
    *chosen = (lane_mask)lane_words_of((uint64_t)(n - 1));
    lane_mask open = (lane_mask)lane_words_of(~UINT64_C(0));
    for (int k = 0; k < n - 1; k++) {
        u -= w[k];
        lane_mask now = (u < 0.0) & open;
        *chosen = (lane_mask)lane_pick_words(now, lane_words_of((uint64_t)k),
                                             (lane_words)*chosen);
        open &= ~now;
    }
}

/* A field of each lane's storefront, taste or consumer, as reals or as
 * words, the vector built whole (above). */
#define LANE_REALS(of, field) \
    ((lane_reals){of[0]->field, of[1]->field, of[2]->field, of[3]->field})
#define LANE_WORDS(of, field) \
    ((lane_words){of[0]->field, of[1]->field, of[2]->field, of[3]->field})

/* What four buyers' utilities read of the buyers themselves, the same
 * for each of their alternatives: their segments' weights, and the maker
 * and quality of the device each holds. */
typedef struct buyer_lanes {
    lane_reals w_quality, w_loyalty, w_wom, w_brand, w_price, w_software;
    lane_words own_maker;
    lane_reals own_quality; /* expected_quality of one's own maker */
} buyer_lanes;

LANES_TARGET static buyer_lanes buyers_of_lanes(const mishi_sim *sim, const buyer_group *b,
                                                const int at[LANES]) {
    const taste *t[LANES];
    const consumer_state *c[LANES];
    for (int l = 0; l < LANES; l++) {
        c[l] = &sim->people.state[b->ids[at[l]]];
        t[l] = &sim->tastes[consumer_segment(&sim->people, b->ids[at[l]])];
    }
    return (buyer_lanes){LANE_REALS(t, w_quality), LANE_REALS(t, w_loyalty),
                         LANE_REALS(t, w_wom),     LANE_REALS(t, w_brand),
                         LANE_REALS(t, w_price),   LANE_REALS(t, w_software),
                         LANE_WORDS(c, device_firm),
                         {quality_value(c[0]->device_quality),
                          quality_value(c[1]->device_quality),
                          quality_value(c[2]->device_quality),
                          quality_value(c[3]->device_quality)}};
}

/* choice.h's beta * firm_utility of each lane's alternative k, from the
 * preference held for it (b->weight): the terms summed in offer_utility's
 * order (word of mouth 0 under full information), the loyalty reward for
 * the buyer's own maker and the software term where they count, chosen
 * lane by lane rather than branched on. */
LANES_TARGET static lane_reals utility_lanes(const mishi_sim *sim, const buyer_group *b,
                                             const int at[LANES], int k,
                                             const buyer_lanes *w) {
    const storefront *f[LANES];
    for (int l = 0; l < LANES; l++) f[l] = &sim->storefronts[b->maker[at[l]][k]];
    lane_mask own = (lane_mask)(LANE_WORDS(f, id) == w->own_maker);
    lane_reals expected = lane_pick_reals(own, w->own_quality, LANE_REALS(f, expected));
    lane_reals held = {b->weight[at[0]][k], b->weight[at[1]][k], b->weight[at[2]][k],
                       b->weight[at[3]][k]};
    lane_reals v = w->w_quality * expected + w->w_loyalty * held + w->w_wom * 0.0 +
                   w->w_brand * LANE_REALS(f, brand) - w->w_price * LANE_REALS(f, price);
    lane_reals reward = LANE_REALS(f, loyalty_reward);
    v = lane_pick_reals(own & (reward > 0.0), v + reward, v);
    v = lane_pick_reals(w->w_software != 0.0,
                        v + w->w_software * LANE_REALS(f, software_quality), v);
    return sim->params.choice.beta * v;
}

LANES_TARGET void full_information_choice_lanes(const mishi_sim *sim, buyer_group *b) {
    int n = b->alternatives;
    for (int g = 0; g < b->count; g += LANES) {
        int at[LANES];
        lane_buyers(b, g, at);
        buyer_lanes buyers = buyers_of_lanes(sim, b, at);
        lane_reals w[MAX_CONSIDERED];
        for (int k = 0; k < n; k++) w[k] = utility_lanes(sim, b, at, k, &buyers);
        lane_reals u = {first_uniform(b->first[at[0]]), first_uniform(b->first[at[1]]),
                        first_uniform(b->first[at[2]]), first_uniform(b->first[at[3]])};
        lane_mask chosen;
        lane_reals squares;
        logit_lanes(w, n, u, &chosen, &squares);
        for (int l = 0; l < LANES && g + l < b->count; l++)
            b->chosen[g + l] = (int)chosen[l], b->concentration[g + l] = squares[l];
    }
}

/* consumer_learn after memory_take_slot: every slot times (1 - gamma), the
 * purchase's satisfaction added to its slot, each rounded with its word
 * and stored. */
LANES_TARGET void full_information_learn_lanes(mishi_sim *sim, const buyer_group *b) {
    const consumers *p = &sim->people;
    double kept = sim->memory_kept[1];
    for (int g = 0; g < b->count; g += LANES) {
        int at[LANES];
        lane_buyers(b, g, at);
        lane_mask slot = {b->slot[at[0]], b->slot[at[1]], b->slot[at[2]], b->slot[at[3]]};
        lane_reals satisfaction = {b->satisfaction[at[0]], b->satisfaction[at[1]],
                                   b->satisfaction[at[2]], b->satisfaction[at[3]]};
        for (int s = 0; s < p->slots; s++) {
            lane_reals x = {b->preference[at[0]][s], b->preference[at[1]][s],
                            b->preference[at[2]][s], b->preference[at[3]][s]};
            lane_words random = {b->rounding[at[0]][s], b->rounding[at[1]][s],
                                 b->rounding[at[2]][s], b->rounding[at[3]][s]};
            x *= kept;
            x = lane_pick_reals(slot == s, x + satisfaction, x);
            lane_words code = float16_lane_round(x, random);
            for (int l = 0; l < LANES && g + l < b->count; l++)
                memory_preferences(p, b->ids[g + l])[s] = (uint16_t)code[l];
        }
    }
}

#else /* no AVX2 to compile for: the scalar phases only */
int full_information_lanes_available(void) { return 0; }
void full_information_recall_lanes(const mishi_sim *sim, buyer_group *b) {
    (void)sim, (void)b;
}
void full_information_choice_lanes(const mishi_sim *sim, buyer_group *b) {
    (void)sim, (void)b;
}
void full_information_learn_lanes(mishi_sim *sim, const buyer_group *b) {
    (void)sim, (void)b;
}
#endif
