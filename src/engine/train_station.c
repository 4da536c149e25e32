/*
 * train_station.c — the adaptive rule of "build it by a train station".
 *
 * Seed 000: "buyer defection is common. This is seen as lack of loyalty by
 * the suppliers who then reduce quality because there is no need to
 * maintain buyer happiness." And: "In the belief that customers lack
 * loyalty, companies will be less willing to accommodate them."
 *
 * Every review_weeks (at a phase of its own, drawn at birth) the firm reads
 * its buyers' loyalty over the period just ended and compares it with a
 * threshold: below it, buyers look disloyal and the firm cuts quality by
 * quality_step (not below quality_floor); at or above it, it restores a
 * step towards its design quality. A period with nothing to read changes
 * nothing. What it reads (loyalty_measure):
 *  - repeat-share: the share of its units bought by its own former
 *    customers, what a firm reads off its sales ledger. Transients cannot
 *    repeat, so where many buyers pass through it is low whatever the
 *    firm does;
 *  - retention: of its former customers who came back to the market, the
 *    share who chose it again — what the seed's "defection" means, and a
 *    number the firm's own quality can move.
 * What it compares with (loyalty_reference): the threshold itself, or the
 * threshold times the market's own figure over the same weeks, so that
 * "disloyal" means "less loyal than buyers are to others" (issue 11).
 *
 * Nothing here scripts a vicious circle. It can only emerge: cuts lower the
 * quality buyers receive, which lowers their satisfaction and learned
 * preference, which makes them choose more at random, which lowers the
 * firm's loyalty and triggers further cuts. Whether it does depends on
 * transients, beta, memory and the quality delta.
 */
#include "train_station.h"

#include "firms.h"

/* What the measure reads, from counts over a period; 0 when there is
 * nothing to read. */
static int loyalty_of(int measure, int64_t units, int64_t repeats,
                      int64_t returning, double *out) {
    int64_t base = measure == LOYALTY_RETENTION ? returning : units;
    if (base <= 0) return 0;
    *out = (double)repeats / (double)base;
    return 1;
}

/* The bar the firm's loyalty must reach this review. */
static int threshold_of(const mishi_firm_class *c, const firm *f,
                        const market_totals *m, double *out) {
    *out = c->loyalty_threshold;
    if (c->loyalty_reference != LOYALTY_VS_MARKET) return 1;
    const market_totals *was = &f->market_at_review;
    double market;
    if (!m || !loyalty_of(c->loyalty_measure, m->units - was->units,
                          m->repeats - was->repeats,
                          m->returning - was->returning, &market))
        return 0;
    *out *= market;
    return 1;
}

static void move_quality(const mishi_firm_class *c, firm *f, int cut) {
    double q = f->shipped_quality + (cut ? -c->quality_step : c->quality_step);
    if (q > f->design_quality) q = f->design_quality;
    if (q < c->quality_floor) q = c->quality_floor;
    f->shipped_quality = q;
}

double train_station_quality(const mishi_firm_class *c, firm *f, int week,
                             const market_totals *market) {
    if (!firm_reviews_in(c, f, week)) return f->shipped_quality;
    double loyalty, bar;
    if (loyalty_of(c->loyalty_measure, f->review_units, f->review_repeats,
                   f->review_repeats + f->review_defections, &loyalty) &&
        threshold_of(c, f, market, &bar))
        move_quality(c, f, loyalty < bar);
    f->review_units = f->review_repeats = f->review_defections = 0;
    if (market) f->market_at_review = *market;
    return f->shipped_quality;
}
