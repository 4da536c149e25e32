/*
 * channels.h — where a firm sells and what a retailer keeps (channels.c).
 */
#ifndef MISHI_CHANNELS_H
#define MISHI_CHANNELS_H

#include "sim.h"

/* Whether consumer i shops online: a fixed fact of the consumer, drawn
 * from the seed with its region's online_share, so it needs no storage. */
int consumer_online(const mishi_sim *sim, int64_t i);
/* Whether a firm selling through `channel` (CHANNEL_*) reaches consumer i
 * (online-only firms reach online shoppers only). */
int channel_reaches(const mishi_sim *sim, uint8_t channel, int64_t i);
/* Whether a unit the firm sells to consumer i is sold direct, in its own
 * online store (no retailer margin, a direct line to the user). */
int channel_direct(const mishi_sim *sim, uint8_t channel, int64_t i);
/* The firm's revenue from this week's units, direct at its price and
 * through retailers at the price less their margin. */
double channel_revenue(const mishi_firm_class *c, const firm *f);
/* Devices in use, per firm, counted from the consumers at week 0. */
void channel_count_installed(mishi_sim *sim);

#endif
