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

#include "rng.h"

/* Four words, one Philox block per tie (ties are recomputed at every
 * purchase, so they are a hot path): word 0 decides local or far, words 1
 * and 2 make a 53-bit uniform for the position, word 3 the side. */
int64_t network_friend(const mishi_sim *sim, int64_t i, int k) {
    const mishi_consumer_params *c = &sim->params.consumers;
    int64_t n = sim->people.count;
    if (n < 2) return -1;
    uint32_t w[4];
    rng_first_block(sim->params.seed, RNG_NETWORK, (uint64_t)i, (uint32_t)k, w);
    double local = w[0] * 0x1.0p-32; /* in [0, 1) */
    double position = ((w[1] >> 5) * 67108864.0 + (w[2] >> 6)) * 0x1.0p-53;
    int64_t other;
    if (local < c->network_locality) {
        int64_t window = c->network_window < n - 1 ? c->network_window : n - 1;
        int64_t offset = 1 + (int64_t)(position * (double)window);
        if (w[3] & 1u) offset = -offset;
        other = i + offset; /* on the ring: |offset| < n, no division */
        if (other < 0) other += n;
        else if (other >= n) other -= n;
    } else {
        other = (int64_t)(position * (double)(n - 1));
        if (other >= i) other++; /* skip i itself */
    }
    return other == i ? -1 : other;
}

void network_friends(const mishi_sim *sim, int64_t i,
                     int64_t friend_ids[MISHI_MAX_FRIENDS]) {
    for (int k = 0; k < sim->params.consumers.friends; k++)
        friend_ids[k] = network_friend(sim, i, k);
}

/* Two passes over the ties of the askers with `flag` set: count each
 * consumer's askers (in parallel: counts do not depend on the order), then
 * list them in asker id order (serially, so the lists do not depend on the
 * threads either). The ties are recomputed rather than kept, which halves
 * the peak memory at the price of a second pass of Philox blocks. */
mishi_status network_followers_build(const mishi_sim *sim, uint8_t flag,
                                     network_followers *out,
                                     uint8_t *friends_of, size_t stride) {
    int64_t n = sim->people.count;
    int friends = sim->params.consumers.friends;
    const consumer_state *state = sim->people.state;
    out->start = calloc((size_t)n + 1, sizeof *out->start);
    if (!out->start) return MISHI_ENOMEM;
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t i = 0; i < n; i++) {
        int seen = 0;
        if (state[i].flags & flag)
            for (int k = 0; k < friends; k++) {
                int64_t j = network_friend(sim, i, k);
                if (j < 0) continue;
                seen++;
#pragma omp atomic
                out->start[j + 1]++;
            }
        friends_of[(size_t)i * stride] = (uint8_t)seen;
    }
    for (int64_t j = 0; j < n; j++) out->start[j + 1] += out->start[j];
    out->id = malloc((size_t)out->start[n] * sizeof *out->id + 1);
    int64_t *next = malloc((size_t)n * sizeof *next);
    if (!out->id || !next) return free(next), MISHI_ENOMEM;
    memcpy(next, out->start, (size_t)n * sizeof *next);
    for (int64_t i = 0; i < n; i++)
        if (state[i].flags & flag)
            for (int k = 0; k < friends; k++) {
                int64_t j = network_friend(sim, i, k);
                if (j >= 0) out->id[next[j]++] = (uint32_t)i;
            }
    free(next);
    return MISHI_OK;
}

void network_followers_free(network_followers *f) {
    free(f->start), free(f->id);
    f->start = NULL, f->id = NULL;
}
