/*
 * quality_fade.h — the fade rule (quality_fade.c).
 */
#ifndef MISHI_QUALITY_FADE_H
#define MISHI_QUALITY_FADE_H

#include "sim.h"

/* The quality a fade firm ships in `week`. */
double fade_quality(const mishi_firm_class *c, firm *f, int week,
                    const market_totals *market);

#endif
