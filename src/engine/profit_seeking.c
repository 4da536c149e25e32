/*
 * profit_seeking.c — the profit-seeking rule: a firm free to choose its
 * quality, learning from its own books which quality pays.
 *
 * Seed 000: "Over time, the Chinese manufacturers tend to skimp on quality
 * and retain the savings from doing so." Whether skimping pays is not
 * assumed: every review_weeks (at its own phase) the firm compares its mean
 * weekly profit over the period just ended with the period before. If
 * profit did not fall it moves quality another quality_step the same way;
 * if it fell, it turns round (a hill-climber, "win-stay, lose-shift"). The
 * first move is a cut, the experiment the seed describes. Quality stays
 * within [quality_floor, design quality].
 *
 * When buyers cannot see quality before buying and remember nothing, a cut
 * only saves cost, so quality slides to the floor (Akerlof 1970). When
 * they remember and tell friends, a cut also loses repeat business; which
 * of the two is larger decides (Klein & Leffler 1981; docs/validation.md).
 */
#include "profit_seeking.h"

#include "firms.h"

double profit_seeking_quality(const mishi_firm_class *c, firm *f, int week,
                              const market_totals *market) {
    (void)market;
    if (!firm_reviews_in(c, f, week)) return f->shipped_quality;
    if (f->review_weeks_seen > 0) {
        double profit = f->review_profit / f->review_weeks_seen;
        if (f->reviews_done > 0 && profit < f->last_review_profit)
            f->quality_direction = -f->quality_direction;
        double q = f->shipped_quality + f->quality_direction * c->quality_step;
        if (q > f->design_quality) q = f->design_quality;
        if (q < c->quality_floor) q = c->quality_floor;
        f->shipped_quality = q;
        f->last_review_profit = profit;
        f->reviews_done++;
    }
    f->review_profit = 0.0;
    f->review_weeks_seen = 0;
    return f->shipped_quality;
}
