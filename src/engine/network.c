/*
 * network.c — who a consumer asks about devices: a social network implied by
 * consumer ids and the seed, so it costs no storage at any population size.
 *
 * Seed 002: users "advertise their products on social media"; MISSION
 * mechanism 6: buyers learn of quality "only by experience and word of
 * mouth, with delay". The
 * k-th friend of consumer i is, with probability network_locality, someone
 * within network_window ids of i (a neighbourhood: friends of friends tend
 * to be friends, so opinions cluster), else anyone at all (the long ties of
 * a small world, Watts & Strogatz 1998). Ties are directed — i asks j, j
 * need not ask i — and fixed for the whole run. A newcomer who takes a
 * leaver's place inherits the place's ties: it moved into the neighbourhood.
 *
 * Invariant: a consumer is never its own friend.
 */
#include "network.h"

#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "grow.h"
#include "rng.h"

/* What every tie of a population of n consumers is drawn with, worked
 * out once for a run of ties rather than at each (ties are recomputed at
 * every purchase, so they are a hot path). */
typedef struct tie_law {
    int64_t n;         /* the population */
    double locality;   /* the chance a tie is local */
    double window_ids; /* a local tie is within this many ids */
    double others;     /* n - 1: those a far tie can be */
} tie_law;

static tie_law tie_law_of(const mishi_consumer_params *c, int64_t n) {
    int64_t window = c->network_window < n - 1 ? c->network_window : n - 1;
    return (tie_law){n, c->network_locality, (double)window, (double)(n - 1)};
}

/* Two ties to a Philox block: tie k is the 64 bits of words 2(k%2) and
 * 2(k%2)+1 of block k/2 of the consumer's network stream. Of them, 20
 * bits decide local or far (locality in steps of 2^-20), one the side of a
 * local tie, and 43 the position: uniform to within (n - 1) / 2^43 of the
 * ids, far finer than any population mishi can hold. */
static inline int64_t tie_from_bits(const tie_law *law, int64_t i, uint32_t high,
                                    uint32_t low) {
    double local = (high >> 12) * 0x1.0p-20; /* in [0, 1) */
    double position = ((uint64_t)(high & 0x7FFu) << 32 | low) * 0x1.0p-43;
    int64_t n = law->n, other;
    if (local < law->locality) {
        int64_t offset = 1 + (int64_t)(position * law->window_ids);
        if (high & 0x800u) offset = -offset;
        other = i + offset; /* on the ring: |offset| < n, no division */
        if (other < 0) other += n;
        else if (other >= n) other -= n;
    } else {
        other = (int64_t)(position * law->others);
        if (other >= i) other++; /* skip i itself */
    }
    return other == i ? -1 : other;
}

/* Ties k and, if i has that many friends, k + 1 of consumer i, from
 * block k / 2 of its network stream. */
static void ties_from_block(const tie_law *law, int friends, int64_t i,
                            const uint32_t w[4], int k, int64_t *ties) {
    ties[k] = tie_from_bits(law, i, w[0], w[1]);
    if (k + 1 < friends) ties[k + 1] = tie_from_bits(law, i, w[2], w[3]);
}

int64_t network_friend(const mishi_sim *sim, int64_t i, int k) {
    int64_t n = sim->people.count;
    if (n < 2) return -1;
    uint32_t w[4];
    rng_first_block(sim->params.seed, RNG_NETWORK, (uint64_t)i, (uint32_t)(k / 2), w);
    int half = 2 * (k % 2);
    tie_law law = tie_law_of(&sim->params.consumers, n);
    return tie_from_bits(&law, i, w[half], w[half + 1]);
}

void network_friends(const mishi_sim *sim, int64_t i,
                     int64_t friend_ids[MISHI_MAX_FRIENDS]) {
    const mishi_consumer_params *c = &sim->params.consumers;
    int64_t n = sim->people.count;
    if (n < 2) { /* no one else to ask */
        for (int k = 0; k < c->friends; k++) friend_ids[k] = -1;
        return;
    }
    tie_law law = tie_law_of(c, n);
    for (int k = 0; k < c->friends; k += 2) {
        uint32_t w[4];
        rng_first_block(sim->params.seed, RNG_NETWORK, (uint64_t)i, (uint32_t)(k / 2), w);
        ties_from_block(&law, c->friends, i, w, k, friend_ids);
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "float16_lanes.h" /* the lane types and LANES_TARGET */

/* Toward zero, as a cast to int64_t does, each lane's x in [0, 2^52):
 * rounded to a whole number and put into the fraction of 2^52. */
LANES_TARGET static inline lane_mask lanes_truncated(lane_reals x) {
    lane_reals whole = (lane_reals)_mm256_round_pd((__m256d)x, _MM_FROUND_TO_ZERO |
                                                                  _MM_FROUND_NO_EXC);
    return (lane_mask)(whole + 0x1.0p52) - (lane_mask)lane_reals_of(0x1.0p52);
}

/* lanes of `yes` where `mask` is set, else of `no` */
LANES_TARGET static inline lane_mask lanes_pick(lane_mask mask, lane_mask yes,
                                                lane_mask no) {
    return (lane_mask)lane_pick_words(mask, (lane_words)yes, (lane_words)no);
}

/* tie_from_bits for four consumers `i` at once, lane by lane the same
 * operations on the same doubles (whose conversions are exact: every
 * whole number here is below 2^52), so the same ties. */
LANES_TARGET static lane_mask ties_lanes(const tie_law *law, lane_mask i,
                                         lane_words high, lane_words low) {
    lane_reals local = lane_reals_from(high >> 12) * 0x1.0p-20;
    lane_reals position = lane_reals_from((high & 0x7FFu) << 32 | low) * 0x1.0p-43;
    lane_mask n = (lane_mask){law->n, law->n, law->n, law->n};
    lane_mask offset = 1 + lanes_truncated(position * law->window_ids);
    offset = lanes_pick(((high & 0x800u) != 0), -offset, offset);
    lane_mask near = i + offset; /* on the ring */
    near += (near < 0) & n;
    near -= (near >= n) & n;
    lane_mask far = lanes_truncated(position * law->others);
    far -= far >= i; /* skip i itself: a true comparison is -1 */
    lane_mask other = lanes_pick(local < law->locality, near, far);
    return lanes_pick(other == i, (lane_mask){-1, -1, -1, -1}, other);
}

/* network_friends_of's ties, four consumers a vector: ties k and k + 1 of
 * each from its block of w. About 24 instructions a tie, against 38 one
 * consumer at a time (callgrind, main), where the doubles' conversions
 * and the ring's wrap took most. */
LANES_TARGET static void group_ties_lanes(const tie_law *law, int friends,
                                          const uint32_t *ids, int count, int k,
                                          const uint32_t (*w)[4], int64_t *friend_ids) {
    for (int g = 0; g < count; g += LANES) {
        int at[LANES]; /* past the end, the last consumer again, not kept */
        for (int l = 0; l < LANES; l++) at[l] = g + l < count ? g + l : count - 1;
        lane_mask i = {ids[at[0]], ids[at[1]], ids[at[2]], ids[at[3]]};
        for (int half = 0; half < 2 && k + half < friends; half++) {
            lane_words high = {w[at[0]][2 * half], w[at[1]][2 * half], w[at[2]][2 * half],
                               w[at[3]][2 * half]};
            lane_words low = {w[at[0]][2 * half + 1], w[at[1]][2 * half + 1],
                              w[at[2]][2 * half + 1], w[at[3]][2 * half + 1]};
            lane_mask tie = ties_lanes(law, i, high, low);
            for (int l = 0; l < LANES && g + l < count; l++)
                friend_ids[(int64_t)(g + l) * friends + k + half] = tie[l];
        }
    }
}

/* Ties in lanes on machines with AVX2; the plain path draws them one
 * consumer at a time (network_friends). */
static int ties_in_lanes(const mishi_sim *sim) {
    return !sim->plain && rng_lanes_available(RNG_LANES_AVX2);
}
#else
static int ties_in_lanes(const mishi_sim *sim) { return (void)sim, 0; }
static void group_ties_lanes(const tie_law *law, int friends, const uint32_t *ids,
                             int count, int k, const uint32_t (*w)[4],
                             int64_t *friend_ids) {
    (void)law, (void)friends, (void)ids, (void)count, (void)k, (void)w, (void)friend_ids;
}
#endif

void network_friends_of(const mishi_sim *sim, const uint32_t *ids, int count,
                        int64_t *friend_ids) {
    const mishi_consumer_params *c = &sim->params.consumers;
    int64_t n = sim->people.count;
    int friends = c->friends;
    if (n < 2) {
        for (int t = 0; t < count * friends; t++) friend_ids[t] = -1;
        return;
    }
    tie_law law = tie_law_of(c, n);
    int lanes = ties_in_lanes(sim);
    for (int first = 0; first < count; first += NETWORK_GROUP) {
        int in_group = count - first < NETWORK_GROUP ? count - first : NETWORK_GROUP;
        int64_t *ties = friend_ids + (int64_t)first * friends;
        for (int k = 0; k < friends; k += 2) {
            uint32_t w[NETWORK_GROUP][4];
            rng_blocks(sim->params.seed, RNG_NETWORK, 0, ids + first, in_group,
                       (uint32_t)(k / 2), w);
            if (lanes) {
                group_ties_lanes(&law, friends, ids + first, in_group, k,
                                 (const uint32_t(*)[4])w, ties);
                continue;
            }
            for (int g = 0; g < in_group; g++)
                ties_from_block(&law, friends, ids[first + g], w[g], k,
                                ties + (int64_t)g * friends);
        }
    }
}

/* Ascending ids, in place: a follower list is a handful of ids, so
 * insertion sort, unless it is long (a consumer many ask). */
static int ascending(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static void sort_list(uint32_t *id, int64_t count) {
    if (count > 32) {
        qsort(id, (size_t)count, sizeof *id, ascending);
        return;
    }
    for (int64_t k = 1; k < count; k++) {
        uint32_t v = id[k];
        int64_t at = k;
        for (; at > 0 && id[at - 1] > v; at--) id[at] = id[at - 1];
        id[at] = v;
    }
}

/* The consumers first..first+NETWORK_GROUP-1 (below n) with `flag` into
 * ids[], their ties side by side into ties[] (network_friends_of); how
 * many. */
static int askers_in_group(const mishi_sim *sim, uint8_t flag, int64_t first,
                           int64_t n, uint32_t ids[NETWORK_GROUP], int64_t *ties) {
    const consumer_state *state = sim->people.state;
    int count = 0;
    for (int64_t i = first; i < n && i < first + NETWORK_GROUP; i++)
        if (state[i].flags & flag) ids[count++] = (uint32_t)i;
    network_friends_of(sim, ids, count, ties);
    return count;
}

/* The ties are reversed in two passes over the askers, in which each
 * thread draws the ties of its own share of ids: the first counts each
 * consumer's askers, the second places them. A consumer's count and list
 * are written only by the thread whose share holds it (its owner), so
 * neither pass needs an atomic: a tie to a consumer of another share is
 * posted to its owner, who takes in its post after each of MAIL_ROUNDS
 * rounds. Atomic increments had cost a third of the first pass even on
 * one thread. A round's post holds at most 8 bytes a tie of a sixteenth of
 * the askers, 5 bytes a consumer with 10 friends, and fewer as more ties
 * are local; rounds at a fixed count keep the threads' meetings few, each
 * a wait for the slowest on a busy machine. */
enum { MAIL_ROUNDS = 16 };

typedef struct tie_post {
    uint32_t asked, asker;
} tie_post;

/* The posts from one thread to one owner, alone in their cache line. */
typedef struct mailbox {
    _Alignas(64) tie_post *post;
    size_t count, capacity;
} mailbox;

static mishi_status post(mailbox *box, int64_t asked, uint32_t asker) {
    if (box->count == box->capacity &&
        grow_array((void **)&box->post, &box->capacity, sizeof *box->post, 1024))
        return MISHI_ENOMEM;
    box->post[box->count++] = (tie_post){(uint32_t)asked, asker};
    return MISHI_OK;
}

/* What a pass does with a tie, in the owner of the consumer asked:
 * counts it (the first pass) or places the asker in the next free place
 * of that consumer's list (the second, in which start[j] is that place). */
typedef struct tie_pass {
    network_followers *out;
    int placing;
} tie_pass;

static inline void take_tie(const tie_pass *pass, int64_t asked, uint32_t asker) {
    if (pass->placing) pass->out->id[pass->out->start[asked]++] = asker;
    else pass->out->start[asked + 1]++;
}

/* Thread t of `teams` owns groups [groups t / teams, groups (t + 1) /
 * teams); the owner of group g is the last thread whose share starts at
 * or before it. */
static int64_t share_start(int64_t groups, int t, int teams) {
    return groups * t / teams;
}
static int owner_of(int64_t consumer, int64_t groups, int teams) {
    int64_t g = consumer / NETWORK_GROUP;
    return (int)(((g + 1) * teams + groups - 1) / groups - 1);
}

/* Groups from..to-1 of thread t's share: each asker's ties taken or
 * posted, and (first pass) how many friends it has in friends_of. */
static mishi_status draw_round(const mishi_sim *sim, uint8_t flag, const tie_pass *pass,
                               int64_t from, int64_t to, int t, int teams,
                               mailbox *outbox, uint8_t *friends_of, size_t stride) {
    int friends = sim->params.consumers.friends;
    int64_t n = sim->people.count, groups = (n + NETWORK_GROUP - 1) / NETWORK_GROUP;
    int64_t own_from = share_start(groups, t, teams) * NETWORK_GROUP;
    int64_t own_to = share_start(groups, t + 1, teams) * NETWORK_GROUP;
    for (int64_t g = from; g < to; g++) {
        uint32_t ids[NETWORK_GROUP];
        int64_t ties[NETWORK_GROUP * MISHI_MAX_FRIENDS];
        int count = askers_in_group(sim, flag, g * NETWORK_GROUP, n, ids, ties);
        for (int a = 0; a < count; a++) {
            int seen = 0;
            for (int k = 0; k < friends; k++) {
                int64_t j = ties[a * friends + k];
                if (j < 0) continue;
                seen++;
                if (j >= own_from && j < own_to) take_tie(pass, j, ids[a]);
                else if (post(&outbox[owner_of(j, groups, teams)], j, ids[a]))
                    return MISHI_ENOMEM;
            }
            if (!pass->placing) friends_of[(size_t)ids[a] * stride] = (uint8_t)seen;
        }
    }
    return MISHI_OK;
}

/* One pass over every asker's ties, in rounds: each thread draws a
 * round of its share, then takes in what the others posted it. */
static mishi_status pass_ties(const mishi_sim *sim, uint8_t flag, const tie_pass *pass,
                              uint8_t *friends_of, size_t stride) {
    int64_t n = sim->people.count, groups = (n + NETWORK_GROUP - 1) / NETWORK_GROUP;
    size_t boxes = (size_t)sim->threads * (size_t)sim->threads;
    mailbox *box = aligned_alloc(_Alignof(mailbox), boxes * sizeof *box);
    if (!box) return MISHI_ENOMEM;
    memset(box, 0, boxes * sizeof *box);
    int failed = 0;
#pragma omp parallel num_threads(sim->threads) reduction(|| : failed)
    {
        int t = omp_get_thread_num(), teams = omp_get_num_threads();
        int64_t first = share_start(groups, t, teams);
        int64_t share = share_start(groups, t + 1, teams) - first;
        mailbox *outbox = box + (size_t)t * (size_t)teams; /* t's, one to each owner */
        for (int round = 0; round < MAIL_ROUNDS; round++) {
            int64_t from = first + share * round / MAIL_ROUNDS;
            int64_t to = first + share * (round + 1) / MAIL_ROUNDS;
            if (!failed && from < to)
                failed = draw_round(sim, flag, pass, from, to, t, teams, outbox, friends_of,
                                    stride) != MISHI_OK;
#pragma omp barrier
            for (int u = 0; u < teams; u++) { /* the post from thread u */
                mailbox *in = &box[(size_t)u * (size_t)teams + (size_t)t];
                for (size_t k = 0; k < in->count; k++)
                    take_tie(pass, in->post[k].asked, in->post[k].asker);
                in->count = 0;
            }
#pragma omp barrier
        }
    }
    for (size_t b = 0; b < boxes; b++) free(box[b].post);
    free(box);
    return failed ? MISHI_ENOMEM : MISHI_OK;
}

/* Each list by asker id, as one thread places them: with several, the
 * askers of other shares, taken in by post after each round, break the
 * order. */
static void sort_lists(const mishi_sim *sim, network_followers *out) {
    int64_t n = sim->people.count;
    if (sim->threads < 2) return;
#pragma omp parallel for schedule(dynamic, 65536) num_threads(sim->threads)
    for (int64_t j = 0; j < n; j++)
        sort_list(out->id + out->start[j], out->start[j + 1] - out->start[j]);
}

/* The ties are recomputed in the second pass rather than kept, which
 * halves the peak memory at the price of a second pass of Philox blocks.
 * The second pass moves each start[j] on to the end of j's list, where
 * j + 1's starts: shifted up by one place, they are the starts again, with
 * no array of next places (8 bytes a consumer more while the lists are
 * built). */
mishi_status network_followers_build(const mishi_sim *sim, uint8_t flag,
                                     network_followers *out,
                                     uint8_t *friends_of, size_t stride) {
    int64_t n = sim->people.count;
    out->start = calloc((size_t)n + 1, sizeof *out->start);
    if (!out->start) return MISHI_ENOMEM;
    tie_pass count = {out, 0}, place = {out, 1};
    if (pass_ties(sim, flag, &count, friends_of, stride)) return MISHI_ENOMEM;
    for (int64_t j = 0; j < n; j++) out->start[j + 1] += out->start[j];
    out->id = malloc((size_t)out->start[n] * sizeof *out->id + 1);
    if (!out->id || pass_ties(sim, flag, &place, friends_of, stride)) return MISHI_ENOMEM;
    memmove(out->start + 1, out->start, (size_t)n * sizeof *out->start);
    out->start[0] = 0;
    sort_lists(sim, out);
    return MISHI_OK;
}

void network_followers_free(network_followers *f) {
    free(f->start), free(f->id);
    f->start = NULL, f->id = NULL;
}
