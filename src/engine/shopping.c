/*
 * shopping.c — a consumer in the market: who moves on, which firms it
 * considers, and which it chooses.
 *
 * Turnover (seed 000: "if you build a business where there are many
 * transient customers then you do not have to worry about repeat business.
 * All of your clients soon move on."): a transient who already bought here
 * moves on when its stay ends, and a newcomer with no device and no memory
 * takes its place and shops at once. Repeat business from a transient is
 * impossible by construction.
 *
 * Consideration: the firms the shopper remembers, the makers of its
 * friends' devices (word of mouth, pulled from the implicit network), the
 * firms of the posts it sees on social media (social.c), the firms whose
 * ads reach it and a few it finds browsing — only firms that still trade
 * and that it can reach (firms.c). At most MAX_CONSIDERED.
 *
 * Choice: multinomial logit over the considered firms with utility
 *   V = w_quality*E + w_loyalty*J + w_wom*W + w_brand*brand - w_price*price
 *       + w_software*S
 * where E is the quality the shopper expects (of its own device for its
 * maker, else the design quality the firm advertises), J its learned
 * preference, W the mean satisfaction its friends hold with the firm's
 * devices and its seen posts about the firm report, one per friend or post,
 * S the firm's software quality (software.c).
 * P(j) = exp(beta V_j) / sum_k exp(beta V_k). With beta large and J
 * dominant, shoppers are loyal; with J small, they search (WKH 2000).
 *
 * This phase only reads consumer state (so a friend who shops this week is
 * seen as of the week's start, whatever the thread order) and writes one
 * purchase record per shopper; ownership.c applies them.
 */
#include "shopping.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "experience.h"
#include "firms.h"
#include "memory.h"
#include "network.h"
#include "reputation.h"
#include "rng.h"
#include "social.h"

typedef struct considered {
    int count;
    uint16_t firm[MAX_CONSIDERED];
    double preference[MAX_CONSIDERED];
    double wom_sum[MAX_CONSIDERED];
    int wom_count[MAX_CONSIDERED];
} considered;

/* Index of firm f in the set, adding it if the shopper can buy from it;
 * -1 if it cannot or the set is full. */
static int consider(const mishi_sim *sim, considered *set, int64_t i,
                    uint16_t f) {
    for (int k = 0; k < set->count; k++)
        if (set->firm[k] == f) return k;
    if (set->count == MAX_CONSIDERED) return -1;
    if (!firm_sells_to(sim, &sim->firms.at[f], i)) return -1;
    int k = set->count++;
    set->firm[k] = f;
    set->preference[k] = set->wom_sum[k] = 0.0;
    set->wom_count[k] = 0;
    return k;
}

static void consider_memory(const mishi_sim *sim, considered *set, int64_t i,
                            const double preference[MEMORY_SLOTS_MAX]) {
    const uint16_t *remembered = memory_firms(&sim->people, i);
    for (int s = 0; s < sim->people.slots; s++) {
        uint16_t f = remembered[s];
        if (f == NO_FIRM) continue;
        int k = consider(sim, set, i, f);
        if (k >= 0) set->preference[k] = preference[s];
    }
}

static void consider_friends(const mishi_sim *sim, considered *set, int64_t i) {
    const consumers *p = &sim->people;
    for (int k = 0; k < sim->params.consumers.friends; k++) {
        int64_t fr = network_friend(sim, i, k);
        if (fr < 0 || p->device_firm[fr] == NO_FIRM) continue;
        int at = consider(sim, set, i, p->device_firm[fr]);
        if (at < 0) continue;
        set->wom_sum[at] += p->satisfaction[fr] / SATISFACTION_SCALE;
        set->wom_count[at]++;
    }
}

/* Each post seen about a firm the shopper can buy from adds the mean
 * satisfaction of the firm's posts to its word of mouth, like a friend. */
static void consider_posts(const mishi_sim *sim, considered *set, int64_t i,
                           int week) {
    uint16_t firm_of[MAX_CONSIDERED];
    double satisfaction[MAX_CONSIDERED];
    unsigned seen = social_posts_seen(sim, i, week, firm_of, satisfaction);
    for (unsigned d = 0; d < seen; d++) {
        int at = consider(sim, set, i, firm_of[d]);
        if (at < 0) continue;
        set->wom_sum[at] += satisfaction[d];
        set->wom_count[at]++;
    }
}

static void consider_draws(const mishi_sim *sim, considered *set, int64_t i,
                           const gsl_ran_discrete_t *table, const int *firm_of,
                           unsigned draws, gsl_rng *r) {
    if (!table) return;
    if (draws > MAX_CONSIDERED) draws = MAX_CONSIDERED;
    for (unsigned d = 0; d < draws; d++)
        consider(sim, set, i, (uint16_t)firm_of[gsl_ran_discrete(r, table)]);
}

static void consider_outside(const mishi_sim *sim, considered *set, int64_t i,
                             gsl_rng *r) {
    const region_market *m = &sim->regions[sim->people.region[i]];
    unsigned ads = m->ads ? gsl_ran_poisson(r, m->ads_per_shopper) : 0;
    consider_draws(sim, set, i, m->ads, m->ad_firm, ads, r);
    consider_draws(sim, set, i, m->browse, m->browse_firm,
                   (unsigned)sim->params.consumers.search_firms, r);
}

/* Full information (consumers.consider_all): every firm within reach, as
 * the textbook logit assumes. O(firms) per shopper, which is why the
 * scenario check caps it at MAX_CONSIDERED firms: it is for validation
 * against analytical results, not for markets of hundreds of firms. */
static void consider_every_firm(const mishi_sim *sim, considered *set,
                                int64_t i) {
    for (int f = 0; f < sim->firms.count; f++)
        consider(sim, set, i, (uint16_t)f);
}

static double utility(const mishi_sim *sim, const considered *set, int k,
                      int64_t i, uint16_t own_maker, const taste *w) {
    const firm *f = &sim->firms.at[set->firm[k]];
    double expected = set->firm[k] == own_maker
                          ? sim->people.device_quality[i] / QUALITY_SCALE
                          : reputation_expected(sim, f);
    double wom = set->wom_count[k] ? set->wom_sum[k] / set->wom_count[k] : 0.0;
    double v = w->w_quality * expected + w->w_loyalty * set->preference[k] +
               w->w_wom * wom + w->w_brand * f->brand - w->w_price * f->price;
    /* the loyalty programme: coming back to one's maker is worth more */
    double reward = firm_class_of(sim, f)->loyalty_reward;
    if (set->firm[k] == own_maker && reward > 0.0) v += reward;
    /* software: its updates reach every device, so owners and others
     * alike value it (software.c); skipped when it does not count */
    if (w->w_software != 0.0) v += w->w_software * f->software_quality;
    return v;
}

#define CHOSE_OUTSIDE (-1) /* choose(): the shopper buys nothing */

/* Logit draw over the considered firms and, with choice.outside_option,
 * buying nothing, the last alternative; also the sum of squared choice
 * probabilities (the loyalty index). The index of the firm chosen, or
 * CHOSE_OUTSIDE. */
static int choose(const mishi_sim *sim, const considered *set, int64_t i,
                  uint16_t own_maker, rng_stream *s, double *concentration) {
    const mishi_choice_params *c = &sim->params.choice;
    const taste *t = &sim->tastes[consumer_segment(&sim->people, i)];
    int n = set->count, outside = c->outside_option;
    double v[MAX_CONSIDERED + 1], top = -HUGE_VAL, total = 0.0, squares = 0.0;
    for (int k = 0; k < n; k++) v[k] = c->beta * utility(sim, set, k, i, own_maker, t);
    if (outside) v[n++] = c->beta * t->outside_utility;
    for (int k = 0; k < n; k++) if (v[k] > top) top = v[k];
    for (int k = 0; k < n; k++) total += v[k] = exp(v[k] - top);
    for (int k = 0; k < n; k++) squares += (v[k] / total) * (v[k] / total);
    *concentration = squares;
    double u = rng_uniform(s) * total;
    int chosen = n - 1;
    for (int k = 0; k < n - 1; k++)
        if ((u -= v[k]) < 0.0) {
            chosen = k;
            break;
        }
    return outside && chosen == n - 1 ? CHOSE_OUTSIDE : chosen;
}

/* WKH's order parameter y = sum_j J_j^2 / (sum_j J_j)^2 over the firms the
 * shopper remembers: 1 when one firm holds all its preference, 1/n when n
 * firms share it equally. Defined only for a positive total. */
static float preference_concentration(const double preference[MEMORY_SLOTS_MAX],
                                      int slots) {
    double sum = 0.0, squares = 0.0;
    for (int s = 0; s < slots; s++)
        sum += preference[s], squares += preference[s] * preference[s];
    return sum > 0.0 ? (float)(squares / (sum * sum)) : NAN;
}

static int shopper_departs(const consumers *p, int64_t i) {
    return (p->flags[i] & CONSUMER_TRANSIENT) && p->device_firm[i] != NO_FIRM;
}

static void shop(mishi_sim *sim, int64_t i, purchase *out) {
    const consumers *p = &sim->people;
    int week = sim->week + 1;
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, sim->params.seed, RNG_SHOPPING, (uint64_t)i, (uint32_t)week);
    rng_as_gsl(&s, &r);
    memset(out, 0, sizeof *out);
    out->consumer = (uint32_t)i;
    out->firm = out->previous = NO_FIRM;
    out->preference_concentration = NAN;
    considered set = {0};
    uint16_t own = NO_FIRM;
    if (shopper_departs(p, i)) {
        out->flags |= PURCHASE_NEWCOMER;
    } else {
        double preference[MEMORY_SLOTS_MAX];
        own = out->previous = p->device_firm[i];
        if (p->flags[i] & CONSUMER_DEVICE_FAILS) out->flags |= PURCHASE_FAILED;
        if (own != NO_FIRM && sim->firms.at[own].active)
            out->flags |= PURCHASE_RETURNING;
        shopper_memory(sim, i, week, preference);
        consider_memory(sim, &set, i, preference);
        out->preference_concentration = preference_concentration(preference, p->slots);
    }
    consider_friends(sim, &set, i);
    if (sim->social.on) consider_posts(sim, &set, i, week);
    if (sim->params.consumers.consider_all) consider_every_firm(sim, &set, i);
    else consider_outside(sim, &set, i, &r);
    if (set.count == 0) return; /* nothing within reach: shops next week */
    double concentration;
    int chosen = choose(sim, &set, i, own, &s, &concentration);
    out->choice_concentration = (float)concentration;
    if (chosen == CHOSE_OUTSIDE) {
        out->flags |= PURCHASE_OUTSIDE;
        return;
    }
    out->firm = set.firm[chosen];
    if (channel_direct(sim, &sim->firms.at[out->firm], i)) out->flags |= PURCHASE_DIRECT;
    experience_receive(sim, &sim->firms.at[out->firm], i, week, out);
}

static mishi_status purchases_reserve(mishi_sim *sim, size_t n) {
    if (n <= sim->purchase_capacity) return MISHI_OK;
    size_t grown = n + n / 2;
    purchase *p = realloc(sim->purchases, grown * sizeof *p);
    if (!p) return MISHI_ENOMEM;
    sim->purchases = p, sim->purchase_capacity = grown;
    return MISHI_OK;
}

mishi_status shopping_step(mishi_sim *sim, mishi_error *err) {
    const calendar_bucket *b = &sim->calendar.bucket[sim->week + 1];
    if (purchases_reserve(sim, b->count))
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for %u shoppers", b->count);
    sim->purchase_count = b->count;
    int64_t n = b->count;
#pragma omp parallel for schedule(dynamic, 1024) num_threads(sim->threads)
    for (int64_t k = 0; k < n; k++) shop(sim, b->ids[k], &sim->purchases[k]);
    return MISHI_OK;
}

void shopping_free(mishi_sim *sim) {
    free(sim->purchases);
    sim->purchases = NULL;
    sim->purchase_count = sim->purchase_capacity = 0;
}
