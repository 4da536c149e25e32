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

#include "rng.h"

/* Four words, one Philox block per tie (ties are recomputed at every
 * purchase, so they are a hot path): word 0 decides local or far, words 1
 * and 2 make a 53-bit uniform for the position, word 3 the side. */
int64_t network_friend(const mishi_sim *sim, int64_t i, int k) {
    const mishi_consumer_params *c = &sim->params.consumers;
    int64_t n = sim->people.count;
    if (n < 2) return -1;
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_NETWORK, (uint64_t)i, (uint32_t)k);
    uint32_t w[4];
    for (int j = 0; j < 4; j++) w[j] = rng_u32(&s);
    double local = w[0] * 0x1.0p-32; /* in [0, 1) */
    double position = ((w[1] >> 5) * 67108864.0 + (w[2] >> 6)) * 0x1.0p-53;
    int64_t other;
    if (local < c->network_locality) {
        int64_t window = c->network_window < n - 1 ? c->network_window : n - 1;
        int64_t offset = 1 + (int64_t)(position * (double)window);
        if (w[3] & 1u) offset = -offset;
        other = ((i + offset) % n + n) % n;
    } else {
        other = (int64_t)(position * (double)(n - 1));
        if (other >= i) other++; /* skip i itself */
    }
    return other == i ? -1 : other;
}
