/*
 * train_station.c — the adaptive rule of "build it by a train station".
 *
 * Seed 000: "buyer defection is common. This is seen as lack of loyalty by
 * the suppliers who then reduce quality because there is no need to
 * maintain buyer happiness." And: "In the belief that customers lack
 * loyalty, companies will be less willing to accommodate them."
 *
 * Every review_weeks (at a phase of its own, drawn at birth) the firm reads
 * its repeat-purchase rate over the period just ended: the share of its units bought by its own former
 * customers. Below loyalty_threshold buyers look disloyal and the firm cuts
 * quality by quality_step (not below quality_floor); at or above it, the
 * firm restores quality by a step towards its design quality. A period with
 * no sales teaches nothing and changes nothing.
 *
 * Nothing here scripts a vicious circle. It can only emerge: cuts lower the
 * quality buyers receive, which lowers their satisfaction and learned
 * preference (population.c), which makes them choose more at random
 * (shopping.c), which lowers repeat rates and triggers further cuts. Whether
 * it does depends on transients, beta, memory and the quality delta.
 */
#include "train_station.h"

double train_station_quality(const mishi_firm_class *c, firm *f, int week) {
    int age = week - f->first_week;
    if (age == 0 || (age + f->review_phase) % c->review_weeks != 0)
        return f->shipped_quality;
    if (f->review_units > 0) {
        double repeat_rate = (double)f->review_repeats / (double)f->review_units;
        double q = f->shipped_quality;
        if (repeat_rate < c->loyalty_threshold) q -= c->quality_step;
        else q += c->quality_step;
        if (q > f->design_quality) q = f->design_quality;
        if (q < c->quality_floor) q = c->quality_floor;
        f->shipped_quality = q;
    }
    f->review_units = f->review_repeats = 0;
    return f->shipped_quality;
}
