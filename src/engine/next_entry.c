/*
 * next_entry.c — when a consumer who just got a device will next be in the
 * market: the one rule the week-0 population and every purchase share.
 *
 * Replacement (MISSION 1, 6): a device is replaced after a planned life,
 * geometric with mean device_life_weeks (the Chinese replacement cycle is
 * about 20 months, Kantar 2015), or earlier if it fails: failures arrive
 * at the weekly hazard failure_rate * (1 - quality)^failure_exponent, so
 * worse units fail sooner. Both waiting times are drawn at purchase
 * (skip-ahead sampling), and the consumer is booked for the earlier one.
 *
 * A transient is booked for its departure instead, after a geometric stay
 * of mean transient_stay_weeks (seed 000: "all of your clients soon move
 * on").
 */
#include "next_entry.h"

#include <math.h>

#include "exp_log.h"
#include "rng.h"

/* The three waiting-time laws, the failure one for each stored quality:
 * pow, expm1 and log1p once per run, not once per purchase. */
void next_entry_init(mishi_sim *sim) {
    const mishi_consumer_params *c = &sim->params.consumers;
    next_entry_laws *laws = &sim->next_entry;
    laws->stay = rng_geometric_of(1.0 / c->transient_stay_weeks);
    laws->planned = rng_geometric_of(1.0 / c->device_life_weeks);
    for (int q = 0; q <= UINT8_MAX; q++) {
        double quality = quality_value((uint8_t)q);
        double hazard = c->failure_rate * model_pow(1.0 - quality, c->failure_exponent);
        laws->failure[q] = rng_geometric_of(-model_expm1(-hazard));
    }
}

uint32_t next_entry_wait(const mishi_sim *sim, uint8_t quality, int transient,
                         gsl_rng *r, int *fails) {
    const next_entry_laws *laws = &sim->next_entry;
    rng_stream *s = r->state;
    *fails = 0;
    if (transient) return rng_geometric_from(s, laws->stay);
    uint32_t planned = rng_geometric_from(s, laws->planned);
    uint32_t failure = rng_geometric_from(s, laws->failure[quality]);
    *fails = failure < planned;
    return *fails ? failure : planned;
}
