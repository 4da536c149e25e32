/*
 * social.h — buyers' posts on social media and the shoppers they reach
 * (social.c).
 */
#ifndef MISHI_SOCIAL_H
#define MISHI_SOCIAL_H

#include "sim.h"

/* Whether any firm's buyers post, and the consumers of each region. */
mishi_status social_init(mishi_sim *sim, mishi_error *err);
/* This week's sampler of the posts a shopper sees, per region. */
mishi_status social_reach_step(mishi_sim *sim, mishi_error *err);
/* Posts decay; this week's buyers post (and advocates); each firm's buzz. */
mishi_status social_post_step(mishi_sim *sim, mishi_error *err);
void social_free(mishi_sim *sim);
/* The posts shopper i sees in `week`: how many, and for each the firm it
 * is about and the mean satisfaction of that firm's posts in i's region.
 * 0 while nobody posts. */
unsigned social_posts_seen(const mishi_sim *sim, int64_t i, int week,
                           uint16_t firm_of[MAX_CONSIDERED],
                           double satisfaction[MAX_CONSIDERED]);

#endif
