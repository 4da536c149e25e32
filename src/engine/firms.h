/*
 * firms.h — the suppliers: attributes, costs, entry and reach (firms.c).
 */
#ifndef MISHI_FIRMS_H
#define MISHI_FIRMS_H

#include "sim.h"

/* The incumbents at week 0, class by class. */
mishi_status firms_init(mishi_sim *sim, mishi_error *err);
/* This week's entrants: Poisson(entry.rate), of the entry class. */
mishi_status firms_entry_step(mishi_sim *sim, mishi_error *err);
void firms_free(mishi_sim *sim);
/* Cost of making one unit of `quality` after `cumulative_units`. */
double firm_unit_cost(const mishi_firm_class *c, double quality,
                      double cumulative_units);
/* Whether `week` is one of the firm's review weeks: every review_weeks
 * from its first week, at its own phase, never its first week. */
int firm_reviews_in(const mishi_firm_class *c, const firm *f, int week);
/* Whether `consumer` can buy from the firm at all (trading and launched,
 * at home or abroad; region, channel, access). Shoppers ask the same of
 * the week's storefronts (storefront.c). */
int firm_sells_to(const mishi_sim *sim, const firm *f, int64_t consumer);
/* The share of ad contacts and browses that notice the firm in `region`:
 * its visibility, times its class's away_visibility outside its home. */
double firm_visibility_in(const mishi_sim *sim, const firm *f, int region);

#endif
