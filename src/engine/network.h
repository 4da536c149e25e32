/*
 * network.h — who a consumer asks about devices (network.c).
 */
#ifndef MISHI_NETWORK_H
#define MISHI_NETWORK_H

#include "sim.h"

/* The k-th friend of `consumer`, fixed for the run; -1 if none (a
 * population of one). */
int64_t network_friend(const mishi_sim *sim, int64_t consumer, int k);

/* All of `consumer`'s friends, in tie order: friend_ids[k] is
 * network_friend(sim, consumer, k) for k < consumers.friends. */
void network_friends(const mishi_sim *sim, int64_t consumer,
                     int64_t friend_ids[MISHI_MAX_FRIENDS]);

/* network_friends for `count` consumers at once, their ties side by side
 * (`friends` a consumer): the blocks drawn in vector lanes (rng_lanes.c),
 * NETWORK_GROUP consumers at a time. The same ties. */
#define NETWORK_GROUP 32
void network_friends_of(const mishi_sim *sim, const uint32_t *ids, int count,
                        int64_t *friend_ids);

/* Who asks whom, reversed: `out` lists the askers of each consumer among
 * the consumers with `flag` set in their flags, and friends_of[i * stride]
 * (a byte of consumer i's record, filled for those) counts the friends
 * each of them has. */
mishi_status network_followers_build(const mishi_sim *sim, uint8_t flag,
                                     network_followers *out,
                                     uint8_t *friends_of, size_t stride);
void network_followers_free(network_followers *followers);

#endif
