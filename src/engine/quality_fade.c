/*
 * quality_fade.c — the fade rule: later batches skimp on quality.
 *
 * Seed 000, after Midler's "Poorly Made in China": "the first product is
 * made with as much precision as possible. Unfortunately it will be the only
 * one made as such. Over time, the Chinese manufacturers tend to skimp on
 * quality and retain the savings from doing so."
 *
 * Production runs in batches of batch_weeks weeks from the firm's first
 * week of trading.
 * Batch 0 ships the design quality; batch k ships fade_step * k less, never
 * below quality_floor. Buyers see only the design quality in ads; they learn
 * the fade by experience (the unit they receive, its failures) and from
 * friends, with the delay of their own replacement cycles.
 */
#include "quality_fade.h"

double fade_quality(const mishi_firm_class *c, firm *f, int week,
                    const market_totals *market) {
    (void)market;
    int batch = (week - f->first_week) / c->batch_weeks;
    double q = f->design_quality - c->fade_step * batch;
    return q > c->quality_floor ? q : c->quality_floor;
}
