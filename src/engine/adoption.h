/*
 * adoption.h — prospects take up the category (Bass diffusion) (adoption.c).
 */
#ifndef MISHI_ADOPTION_H
#define MISHI_ADOPTION_H

#include "sim.h"

mishi_status adoption_init(mishi_sim *sim, mishi_error *err);
mishi_status adoption_step(mishi_sim *sim, mishi_error *err);
void adoption_free(mishi_sim *sim);
/* On a network, whether consumer i is still a prospect, from a bit a
 * consumer kept beside its record's flag: the askers' first pass asks it
 * of every follower of every adopter, and the bits stay in cache where
 * the 8-byte records do not (4 % of the adoption step at 10^7); the weekly
 * invariant check holds each bit to its flag. */
static inline int adoption_still_prospect(const adoption_state *a, uint32_t i) {
    return a->prospect_bits[i / 64] >> (i % 64) & 1;
}
/* Memory the prospects' state holds, at most, in bytes. */
double adoption_bytes(const mishi_sim *sim);

#endif
