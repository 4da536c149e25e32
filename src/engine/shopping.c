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

#include "calendar.h"
#include "channels.h"
#include "choice.h"
#include "experience.h"
#include "firms.h"
#include "flash_stock.h"
#include "memory.h"
#include "network.h"
#include "preorders.h"
#include "resale.h"
#include "rng.h"
#include "social.h"
#include "storefront.h"

#define SHOPPER_RUN 1024 /* shoppers a thread takes at a time */

typedef struct considered {
    int count;
    int reach_known; /* reach_known(): consider() need not ask */
    uint64_t may_hold; /* bit f % 64 set for every firm f in the set (a
                          filter: a firm that leaves, drop_sold_out, may
                          leave its bit) */
    uint16_t firm[MAX_CONSIDERED];
    double preference[MAX_CONSIDERED];
    double wom_sum[MAX_CONSIDERED];
    int wom_count[MAX_CONSIDERED];
} considered;

/* Firm f appended to the set, with nothing yet known of it; its index. */
static inline int append(considered *set, uint16_t f) {
    int k = set->count++;
    set->may_hold |= UINT64_C(1) << (f & 63);
    set->firm[k] = f;
    set->preference[k] = set->wom_sum[k] = 0.0;
    set->wom_count[k] = 0;
    return k;
}

/* In a week when every open firm reaches everyone without a draw
 * (storefront.c), consider() need not ask whether an open firm reaches
 * the shopper. The plain path always asks. Asked once a shopper and kept
 * in its set: read from sim at every firm considered, it was 1 % of
 * main's instructions. */
static int reach_known(const mishi_sim *sim) {
    return !sim->plain && sim->open_firms_in_reach;
}

/* Index of firm f in the set, adding it if the shopper can buy from it;
 * -1 if it cannot or the set is full. The set is searched only when
 * may_hold says f could be in it: most firms a shopper comes across are
 * new to its set, and searching for each was 5 % of main's instructions. */
static inline int consider(const mishi_sim *sim, considered *set, int64_t i,
                    uint16_t f) {
    uint64_t bit = UINT64_C(1) << (f & 63);
    if (set->may_hold & bit)
        for (int k = 0; k < set->count; k++)
            if (set->firm[k] == f) return k;
    if (set->count == MAX_CONSIDERED) return -1;
    const storefront *front = &sim->storefronts[f];
    if (!front->open) return -1;
    if (!set->reach_known && !storefront_reaches(sim, front, i)) return -1;
    return append(set, f);
}

/* In a week when every firm is open and reaches everyone without a draw
 * (storefront.c), consider() says yes to every firm not yet in the set:
 * the set can be filled without asking it. The plain path always asks. */
static int every_firm_considered(const mishi_sim *sim) {
    return !sim->plain && sim->every_firm_in_reach;
}

/* The remembered firms, first in an empty set: each slot holds another
 * firm (memory.c), so none is in the set twice. */
static void consider_memory(const mishi_sim *sim, considered *set, int64_t i,
                            const double preference[MEMORY_SLOTS_MAX]) {
    _Static_assert(MEMORY_SLOTS_MAX <= MAX_CONSIDERED, "room for every slot");
    const uint16_t *remembered = memory_firms(&sim->people, i);
    int in_reach = every_firm_considered(sim);
    for (int s = 0; s < sim->people.slots; s++) {
        uint16_t f = remembered[s];
        if (f == NO_FIRM) continue;
        int k = in_reach ? append(set, f) : consider(sim, set, i, f);
        if (k >= 0) set->preference[k] = preference[s];
    }
}

static void consider_friends(const mishi_sim *sim, considered *set, int64_t i,
                             const int64_t *friend_ids) {
    const consumers *p = &sim->people;
    for (int k = 0; k < sim->params.consumers.friends; k++) {
        int64_t fr = friend_ids[k];
        if (fr < 0 || p->state[fr].device_firm == NO_FIRM) continue;
        int at = consider(sim, set, i, p->state[fr].device_firm);
        if (at < 0) continue;
        set->wom_sum[at] += satisfaction_value(p->state[fr].satisfaction);
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

static inline void consider_draws(const mishi_sim *sim, considered *set, int64_t i,
                                  const gsl_ran_discrete_t *table, const int *firm_of,
                                  unsigned draws, rng_stream *s) {
    if (!table) return;
    if (draws > MAX_CONSIDERED) draws = MAX_CONSIDERED;
    for (unsigned d = 0; d < draws; d++)
        consider(sim, set, i, (uint16_t)firm_of[rng_alias_draw(table, rng_uniform(s))]);
}

static void consider_outside(const mishi_sim *sim, considered *set, int64_t i,
                             rng_stream *s) {
    const region_market *m = &sim->regions[consumer_region(&sim->people, i)];
    unsigned ads = m->ads ? rng_poisson_from(s, m->ads_met, MAX_CONSIDERED) : 0;
    consider_draws(sim, set, i, m->ads, m->ad_firm, ads, s);
    consider_draws(sim, set, i, m->browse, m->browse_firm,
                   (unsigned)sim->params.consumers.search_firms, s);
}

/* Full information (consumers.consider_all): every firm within reach, as
 * the textbook logit assumes. O(firms) per shopper, which is why the
 * scenario check caps it at MAX_CONSIDERED firms: it is for validation
 * against analytical results, not for markets of hundreds of firms.
 * When every firm is in reach, those not yet in the set are appended in
 * id order, as consider() would, found from a bit per firm. */
static void consider_every_firm(const mishi_sim *sim, considered *set,
                                int64_t i) {
    _Static_assert(MAX_CONSIDERED <= 32, "a firm of the set is a bit of 32");
    if (!every_firm_considered(sim) || sim->firms.count > MAX_CONSIDERED) {
        for (int f = 0; f < sim->firms.count; f++)
            consider(sim, set, i, (uint16_t)f);
        return;
    }
    uint32_t in_set = 0;
    for (int k = 0; k < set->count; k++) in_set |= UINT32_C(1) << set->firm[k];
    for (int f = 0; f < sim->firms.count; f++)
        if (!(in_set >> f & 1)) append(set, (uint16_t)f);
}

/* What friends and posts say of firm k of the set: the mean of what
 * each reported, 0 if none did. */
static double word_of_mouth(const considered *set, int k) {
    return set->wom_count[k] ? set->wom_sum[k] / set->wom_count[k] : 0.0;
}

/* A second-hand device of firm k of the set, of `expected` quality at
 * `price`: valued as its maker's new one (its software runs on it), without
 * the loyalty reward, which only a purchase from the maker earns. */
static double second_hand_utility(const mishi_sim *sim, const considered *set,
                                  int k, double expected, double price,
                                  const taste *w) {
    const storefront *f = &sim->storefronts[set->firm[k]];
    return with_software(f, w, offer_utility(w, expected, set->preference[k],
                                             word_of_mouth(set, k), f->brand, price));
}

static double utility(const mishi_sim *sim, const considered *set, int k,
                      int64_t i, uint16_t own_maker, const taste *w) {
    const storefront *f = &sim->storefronts[set->firm[k]];
    return firm_utility(f, w, expected_quality(f, own_maker, &sim->people.state[i]),
                        set->preference[k], word_of_mouth(set, k), f->id == own_maker);
}

/* A market of one firm (a single product diffusing, adoption.c): with
 * that firm the only one open and nothing else to choose between (no
 * buying nothing, no second-hand offers), friends, posts, ads and
 * browsing could add only that firm again and what is said of it, and a
 * choice among one does not hang on what is said. The shopper then skips
 * them: the same set and the same choice, without ten friends' ties and
 * records. The plain path asks them all. */
static int one_firm_to_choose(const mishi_sim *sim) {
    return !sim->plain && sim->sole_open_firm != NO_FIRM &&
           !sim->params.choice.outside_option && !sim->resale.on;
}

static int shopper_departs(const consumers *p, int64_t i) {
    return (p->state[i].flags & CONSUMER_TRANSIENT) && p->state[i].device_firm != NO_FIRM;
}

/* The firms the shopper considers this week, drawn from its own stream
 * (whose first `blocks` blocks `drawn` may hold already, or be NULL), so
 * that built again (a second choice, flash.c) it is the same set; the
 * maker of the device it holds (NO_FIRM for a newcomer). */
static uint16_t shopper_considers(const mishi_sim *sim, int64_t i,
                                  const int64_t *friend_ids, const uint32_t *drawn,
                                  unsigned blocks, purchase *out, considered *set,
                                  rng_stream *s) {
    int week = sim->week + 1;
    rng_stream_init_drawn(s, sim->params.seed, RNG_SHOPPING, (uint64_t)i,
                          (uint32_t)week, drawn, blocks);
    set->count = 0, set->may_hold = 0, set->reach_known = reach_known(sim);
    uint16_t own = NO_FIRM;
    if (memory_to_read(sim, i, out->flags & PURCHASE_NEWCOMER)) {
        double preference[MEMORY_SLOTS_MAX];
        own = sim->people.state[i].device_firm;
        shopper_memory(sim, i, week, preference);
        consider_memory(sim, set, i, preference);
        out->preference_concentration =
            preference_concentration(preference, sim->people.slots);
    }
    if (one_firm_to_choose(sim)) {
        consider(sim, set, i, sim->sole_open_firm);
        return own;
    }
    consider_friends(sim, set, i, friend_ids);
    if (sim->social.on) consider_posts(sim, set, i, week);
    if (sim->params.consumers.consider_all) consider_every_firm(sim, set, i);
    else consider_outside(sim, set, i, s);
    return own;
}

/* The shopper orders from firm j (trading: it was considered, or holds
 * the shopper's reservation): a reservation if j has not launched
 * (preorders.c), else a unit, received now (`received`: its experience
 * stream's first block if drawn ahead, else NULL). */
static void take_order(const mishi_sim *sim, int64_t i, uint16_t j,
                       const uint32_t *received, purchase *out) {
    const storefront *f = &sim->storefronts[j];
    if (!f->launched) {
        preorder_reserve(sim, i, &sim->firms.at[j], out);
        return;
    }
    out->firm = j;
    if (channel_direct(sim, f->channel, i)) out->flags |= PURCHASE_DIRECT;
    experience_receive(sim, f, i, sim->week + 1, received, out);
}

/* A reserver back in the market takes its reserved device without
 * choosing (its choice was made when it reserved). */
static int claim_reservation(const mishi_sim *sim, int64_t i,
                             const uint32_t *received, purchase *out) {
    if (out->flags & PURCHASE_NEWCOMER) return 0;
    uint16_t j = preorder_claim(sim, i);
    if (j == NO_FIRM) return 0;
    out->trade = TRADE_PREORDER;
    out->choice_concentration = 1.0f; /* a certain choice */
    take_order(sim, i, j, received, out);
    return 1;
}

/* The second-hand devices on offer of the considered firms (resale.c),
 * each valued as its maker's own at the resale price and the pool's mean
 * quality: their makers and beta times their utilities; how many. */
static int resale_offers(const mishi_sim *sim, const considered *set,
                         const taste *t, uint16_t *offered, double *v) {
    int offers = 0;
    for (int k = 0; k < set->count; k++) {
        const firm *f = &sim->firms.at[set->firm[k]];
        if (!resale_offered(f)) continue;
        offered[offers] = set->firm[k];
        v[offers++] = sim->params.choice.beta *
                      second_hand_utility(sim, set, k, f->resale_quality, f->resale_price, t);
    }
    return offers;
}

/* Logit over the considered firms, `offers` second-hand devices (their
 * makers and beta times their utilities) and, with the outside option,
 * nothing; the order, if any, written into out. */
static void choose_with_offers(const mishi_sim *sim, const considered *set,
                               int64_t i, uint16_t own, const uint16_t *offered,
                               const double *resale, int offers, rng_stream *s,
                               const uint32_t *received, purchase *out) {
    const mishi_choice_params *c = &sim->params.choice;
    const taste *t = &sim->tastes[consumer_segment(&sim->people, i)];
    int n = set->count, alternatives = n + offers;
    double v[EXP_LANES_ROOM(2 * MAX_CONSIDERED + 1)], top = -HUGE_VAL;
    for (int k = 0; k < n; k++) {
        v[k] = c->beta * utility(sim, set, k, i, own, t);
        if (v[k] > top) top = v[k];
    }
    for (int m = 0; m < offers; m++) v[n + m] = resale[m];
    if (c->outside_option) v[alternatives++] = c->beta * t->outside_utility;
    for (int k = n; k < alternatives; k++)
        if (v[k] > top) top = v[k];
    double concentration;
    int chosen =
        logit_draw_below(v, alternatives, top, c->outside_option, sim->exp_lanes, s,
                         &concentration);
    out->choice_concentration = (float)concentration;
    if (chosen == CHOSE_OUTSIDE) out->flags |= PURCHASE_OUTSIDE;
    else if (chosen >= n)
        out->trade = TRADE_SECOND_HAND, out->wanted = offered[chosen - n];
    else take_order(sim, i, set->firm[chosen], received, out);
}

/* Shopper i, whose ties network_friends drew (shopping_step draws them
 * early, to ask for the friends' devices before they are read), and whose
 * shopping stream's first block `first` holds if it was drawn early too. */
void shopping_record_open(const mishi_sim *sim, int64_t i, purchase *out) {
    const consumers *p = &sim->people;
    memset(out, 0, sizeof *out);
    out->consumer = (uint32_t)i;
    out->firm = out->previous = out->wanted = NO_FIRM;
    out->preference_concentration = NAN;
    if (shopper_departs(p, i)) {
        out->flags |= PURCHASE_NEWCOMER;
    } else {
        out->previous = p->state[i].device_firm;
        if (p->state[i].flags & CONSUMER_DEVICE_FAILS) out->flags |= PURCHASE_FAILED;
        if (out->previous != NO_FIRM && sim->firms.at[out->previous].active)
            out->flags |= PURCHASE_RETURNING;
    }
}

/* A shopper's share of what its group drew ahead (drawn_ahead): NULL
 * where nothing was. */
typedef struct shopper_drawn {
    const uint32_t *shopping; /* its shopping stream's first blocks */
    unsigned blocks;          /* how many */
    const uint32_t *received; /* its experience stream's first block */
} shopper_drawn;

static void shop(mishi_sim *sim, int64_t i, const int64_t *friend_ids,
                 shopper_drawn drawn, purchase *out) {
    const consumers *p = &sim->people;
    shopping_record_open(sim, i, out);
    considered set;
    rng_stream s;
    uint16_t own = shopper_considers(sim, i, friend_ids, drawn.shopping, drawn.blocks,
                                     out, &set, &s);
    if (sim->reservations.count && claim_reservation(sim, i, drawn.received, out))
        return;
    if (set.count == 0) return; /* nothing within reach: shops next week */
    /* with devices up for resale (resale.c), second-hand ones too */
    uint16_t offered[MAX_CONSIDERED];
    double resale[MAX_CONSIDERED];
    int offers = 0;
    if (sim->resale.on) {
        const taste *t = &sim->tastes[consumer_segment(p, i)];
        offers = resale_offers(sim, &set, t, offered, resale);
    }
    choose_with_offers(sim, &set, i, own, offered, resale, offers, &s,
                       drawn.received, out);
}

/* The firms sold out this week leave the set (keeping the order of the
 * rest). */
static void drop_sold_out(const mishi_sim *sim, considered *set) {
    int kept = 0;
    for (int k = 0; k < set->count; k++) {
        if (flash_sold_out(sim, &sim->firms.at[set->firm[k]])) continue;
        set->firm[kept] = set->firm[k];
        set->preference[kept] = set->preference[k];
        set->wom_sum[kept] = set->wom_sum[k];
        set->wom_count[kept++] = set->wom_count[k];
    }
    set->count = kept;
}

/* A second choice (flash.c): the shopper missed a flash sale and chooses
 * again among the same firms less those sold out, plus each considered
 * firm's second-hand devices on offer (resale.c), valued as the firm's own
 * at the resale price and the pool's mean quality; buying nothing stays an
 * alternative. `choice` is the draw's own stream. */
void shopping_choose_again(const mishi_sim *sim, purchase *out,
                           rng_stream *choice) {
    int64_t i = out->consumer;
    const taste *t = &sim->tastes[consumer_segment(&sim->people, i)];
    considered set;
    rng_stream s;
    int64_t friend_ids[MISHI_MAX_FRIENDS];
    network_friends(sim, i, friend_ids);
    uint16_t own = shopper_considers(sim, i, friend_ids, NULL, 0, out, &set, &s);
    /* second-hand offers before the sold out leave the set: the firm sold
     * out is the one whose resellers have what the shopper missed */
    uint16_t offered[MAX_CONSIDERED];
    double resale[MAX_CONSIDERED];
    int offers = resale_offers(sim, &set, t, offered, resale);
    drop_sold_out(sim, &set);
    out->firm = NO_FIRM, out->trade = TRADE_NONE;
    out->flags &= (uint8_t)~(PURCHASE_OUTSIDE | PURCHASE_DIRECT | PURCHASE_COMPLAINED);
    if (set.count + offers == 0) { /* all it knew of is sold out */
        out->trade = TRADE_MISSED, out->next_week = (uint16_t)(sim->week + 2);
        return;
    }
    choose_with_offers(sim, &set, i, own, offered, resale, offers, choice, NULL, out);
}

mishi_status purchases_reserve(mishi_sim *sim, size_t n) {
    if (n <= sim->purchase_capacity) return MISHI_OK;
    size_t grown = n + n / 2;
    purchase *p = realloc(sim->purchases, grown * sizeof *p);
    if (!p) return MISHI_ENOMEM;
    sim->purchases = p, sim->purchase_capacity = grown;
    return MISHI_OK;
}

/* At most this many blocks of a shopper's stream are drawn ahead. */
#define SHOPPING_BLOCKS_AHEAD 4

/* What is drawn for a group of shoppers before they shop: their ties
 * (`friends` a shopper, side by side), the first `blocks` blocks of their
 * shopping streams and the first block of the experience stream of the
 * unit each would receive, all in vector lanes (rng_lanes.c). */
typedef struct drawn_ahead {
    int64_t ties[LOOK_AHEAD * MISHI_MAX_FRIENDS];
    uint32_t shopping[LOOK_AHEAD][4 * SHOPPING_BLOCKS_AHEAD];
    uint32_t received[LOOK_AHEAD][4];
    unsigned blocks;  /* 0 when no shopper will draw (one firm to choose) */
    int has_received; /* 0 when a unit received takes no draw for sure */
} drawn_ahead;

/* How many blocks of each shopper's stream to draw ahead: as many as a
 * shopper's draws take on average, at two words a draw (the number of ads
 * met and each ad, each firm browsed, the choice). Drawn in lanes, a block
 * costs about a quarter of one drawn alone (callgrind, AVX2: 33
 * instructions against 125 to 143), so a block drawn and not used costs
 * less than one used and not drawn, which is then drawn alone. */
static unsigned shopping_blocks_ahead(const mishi_sim *sim) {
    if (one_firm_to_choose(sim)) return 0; /* no friend is asked, no draw is made */
    double ads = 0.0;
    for (int r = 0; r < sim->params.region_count; r++)
        if (sim->regions[r].ads && 1.0 + sim->regions[r].ads_met.mean > ads)
            ads = 1.0 + sim->regions[r].ads_met.mean;
    double words = 2.0 * (ads + sim->params.consumers.search_firms + 1.0);
    double blocks = ceil(words / 4.0); /* compared as a double: a budget of
                                        * 1e12 meets ~1e22 ads, past unsigned */
    return blocks < SHOPPING_BLOCKS_AHEAD ? (unsigned)blocks : SHOPPING_BLOCKS_AHEAD;
}

/* The records of shoppers ids[from..to-1], asked for a group before
 * look_ahead reads them. Always inlined: a function that only prefetches
 * has no effect GCC can see, and if it is not inlined early GCC finds it
 * pure and deletes the call. */
static inline __attribute__((always_inline)) void ask_for_records(
    const consumers *p, const uint32_t *ids, int64_t from, int64_t to) {
    for (int64_t k = from; k < to; k++) __builtin_prefetch(p->state + ids[k], 0);
}

/* The draws of shoppers ids[from..to-1], then the memories of those who
 * will read theirs and their friends' records asked of the memory system
 * all at once: at 10^8 consumers a friend anywhere in the population is a
 * miss all the way to memory, and a prefetch holds the core up until its
 * page is found, so misses asked for one shopper at a time were waited on
 * one at a time (a quarter of the run); asked for together, they overlap.
 * Whether a memory will be read is in the shopper's record, asked for a
 * group earlier (ask_for_records): memories asked for and not read cost
 * Bass, whose shoppers read none, a third of its shopping step. A unit
 * received takes a draw for sure when its quality is noisy. */
static void look_ahead(const mishi_sim *sim, const uint32_t *ids, int64_t from,
                       int64_t to, unsigned blocks, drawn_ahead *a) {
    const consumers *p = &sim->people;
    uint32_t week = (uint32_t)(sim->week + 1);
    int count = (int)(to - from);
    for (int64_t k = from; k < to; k++)
        if (memory_to_read(sim, ids[k], shopper_departs(p, ids[k])))
            memory_prefetch(p, ids[k], 0);
    a->has_received = sim->params.consumers.quality_noise > 0.0;
    if (a->has_received)
        rng_blocks(sim->params.seed, RNG_EXPERIENCE, 0, ids + from, count, week,
                   a->received);
    a->blocks = blocks;
    if (!blocks) return; /* no friend is asked, no draw is made */
    rng_blocks_each(sim->params.seed, RNG_SHOPPING, 0, (int)blocks, ids + from, count,
                    week, a->shopping[0], 4 * SHOPPING_BLOCKS_AHEAD);
    int friends = sim->params.consumers.friends;
    network_friends_of(sim, ids + from, count, a->ties);
    for (int64_t t = 0; t < (to - from) * friends; t++)
        if (a->ties[t] >= 0) __builtin_prefetch(p->state + a->ties[t], 0);
}

/* Shopper k of a group's draws. */
static shopper_drawn drawn_for(const drawn_ahead *a, int64_t k) {
    return (shopper_drawn){a->blocks ? a->shopping[k] : NULL, a->blocks,
                           a->has_received ? a->received[k] : NULL};
}

/* The end of the group of shoppers that starts at `from`, in a run that
 * ends at `to`. */
static int64_t group_end(int64_t from, int64_t to) {
    return from + LOOK_AHEAD < to ? from + LOOK_AHEAD : to;
}

/* Shoppers from..to-1 in order, in groups of LOOK_AHEAD: each group's
 * records are asked for two groups ahead, and the group is looked ahead
 * while the one before it shops, and shops with what was drawn then. The
 * plain path (mishi_run_options.plain) looks nowhere ahead: each shopper's
 * ties and draws are made as it shops. */
static void shop_run(mishi_sim *sim, const uint32_t *ids, int64_t from,
                     int64_t to) {
    int friends = sim->params.consumers.friends;
    if (sim->plain) {
        for (int64_t k = from; k < to; k++) {
            int64_t friend_ids[MISHI_MAX_FRIENDS];
            network_friends(sim, ids[k], friend_ids);
            shop(sim, ids[k], friend_ids, (shopper_drawn){NULL, 0, NULL},
                 &sim->purchases[k]);
        }
        return;
    }
    drawn_ahead ahead[2];
    unsigned blocks = shopping_blocks_ahead(sim);
    int64_t end = group_end(from, to);
    ask_for_records(&sim->people, ids, from, group_end(end, to));
    look_ahead(sim, ids, from, end, blocks, &ahead[0]);
    for (int64_t group = from, b = 0; group < to; group = end, b ^= 1) {
        end = group_end(group, to);
        int64_t next_end = group_end(end, to);
        ask_for_records(&sim->people, ids, next_end, group_end(next_end, to));
        look_ahead(sim, ids, end, next_end, blocks, &ahead[b ^ 1]);
        const drawn_ahead *a = &ahead[b];
        for (int64_t k = group; k < end; k++)
            shop(sim, ids[k], a->ties + (k - group) * friends,
                 drawn_for(a, k - group), &sim->purchases[k]);
    }
}

/* The week's shoppers are visited in id order: the consumer records are
 * then read front to back (a friend's too, on a local network) rather
 * than at random, and the purchases come out in an order that does not
 * depend on when each shopper was booked. Threads take runs of
 * SHOPPER_RUN shoppers. */
mishi_status shopping_step(mishi_sim *sim, mishi_error *err) {
    const uint32_t *ids;
    uint32_t shoppers = calendar_week_count(&sim->calendar, sim->week + 1);
    if (storefront_build(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for %d firms' storefronts",
                               sim->firms.count);
    if (calendar_sort_week(&sim->calendar, sim->week + 1, sim->people.count,
                           sim->threads, &ids) ||
        purchases_reserve(sim, shoppers))
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for %u shoppers", shoppers);
    sim->purchase_count = shoppers;
    int64_t length = thread_chunk(shoppers, sim->threads, SHOPPER_RUN);
    int64_t runs = ((int64_t)shoppers + length - 1) / length;
#pragma omp parallel for schedule(dynamic, 1) num_threads(sim->threads)
    for (int64_t run = 0; run < runs; run++) {
        int64_t from = run * length;
        int64_t to = from + length < shoppers ? from + length : shoppers;
        shop_run(sim, ids, from, to);
    }
    return MISHI_OK;
}

void shopping_free(mishi_sim *sim) {
    storefront_free(sim);
    free(sim->purchases);
    sim->purchases = NULL;
    sim->purchase_count = sim->purchase_capacity = 0;
}
