/*
 * storefront.h — what a shopper sees of a firm this week (storefront.c).
 */
#ifndef MISHI_STOREFRONT_H
#define MISHI_STOREFRONT_H

#include "sim.h"

/* The firms' storefronts for the week being simulated: built when the
 * week's shopping starts, after entry, prices, quality and software have
 * moved, and read until the week's last choice (flash.c); and
 * sim->sole_open_firm, the one firm taking orders if there is one. */
mishi_status storefront_build(mishi_sim *sim);
void storefront_free(mishi_sim *sim);
/* Firm f's storefront as of `week`, for a reader outside the week's
 * shopping (population.c at week 0, preorders.c). */
void storefront_of(const mishi_sim *sim, const firm *f, int week,
                   storefront *out);
/* Whether `consumer` can reach the firm at all: region, home, channel and
 * access; the firm's being open or launched is asked separately. */
int storefront_reaches(const mishi_sim *sim, const storefront *s,
                       int64_t consumer);

#endif
