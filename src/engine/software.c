/*
 * software.c — a firm's software: its quality, separate from the
 * hardware's, raised by releases in proportion to the feedback of the
 * users it hears from; and its users on other makers' phones (a ROM), who
 * exist before the firm sells any hardware and may later buy it.
 *
 * Seed 002: "the first big bet was to use the open-source Android
 * operating system and its continuous and rapid redevelopment according
 * to the feedback of their users, before making any actual hardware to
 * sell"; "releasing a new phone Operating System on every Friday,
 * collecting feedback about the new OS every Tuesday, and incorporating
 * that feedback in new designs and development"; "they started with
 * software before they had hardware".
 *
 * Each week, for every active firm of a class with software, in id order:
 *   decay     S <- S - software_decay (S - S0)            S0: at birth
 *   feedback  m(t) = feedback_rate (installed_direct + rom_users)
 *   release   in its release weeks (every release_weeks, at its phase):
 *             S <- S + software_gain (1 - S) F / (F + feedback_half),
 *             F = the messages of the release_weeks weeks ending
 *             feedback_lag_weeks before this one (lag 0: this week's)
 *   ROM       rom_users <- rom_users (1 - 1/device_life_weeks), then
 *             Poisson(rom_installs S) installs, each on a consumer drawn
 *             uniformly; one who holds another maker's device, lives where
 *             the firm sells and shops online now remembers the firm
 *             (memory.c); any other install is lost.
 * Users with a direct line are the devices in use bought in the firm's
 * own store (channels.c) and the ROM users: retail buyers send nothing.
 * Feedback is counted from the users at the start of the week, as
 * Tuesday's comes before Friday's release. The step runs before shopping,
 * so this week's shoppers see this week's release, and serially in firm
 * id order: installs write consumers' memories, with draws keyed by
 * (firm, week). Choice weighs S (shopping.c); with no class releasing,
 * decaying or installing software, nothing here runs.
 *
 * Invariant: S0 <= S <= 1 (a release closes part of the gap to 1, decay
 * part of the gap to S0); without decay S never falls.
 */
#include "software.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "memory.h"
#include "rng.h"

static int class_has_software(const mishi_firm_class *c) {
    return c->release_weeks > 0 || c->software_decay > 0.0 ||
           c->rom_installs > 0.0;
}

void software_firm_born(const mishi_sim *sim, firm *f) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    f->software_quality = c->software_quality;
    if (c->release_weeks <= 0) return;
    /* firms keep their own release calendars, as their review calendars:
     * quarterly releases are not synchronised across the market */
    double u = rng_pair_uniform(sim->params.seed, RNG_SOFTWARE,
                                (uint64_t)f->id, 0);
    f->release_phase = (int)(u * c->release_weeks);
}

/* The ring holds each firm's last release_weeks + lag weeks of messages,
 * for the longest cycle of any class. */
mishi_status software_init(mishi_sim *sim, mishi_error *err) {
    (void)err;
    const mishi_params *p = &sim->params;
    for (int k = 0; k < p->class_count; k++) {
        const mishi_firm_class *c = &p->classes[k];
        if (class_has_software(c)) sim->software_on = 1;
        int span = c->release_weeks + c->feedback_lag_weeks;
        if (c->release_weeks > 0 && span > sim->feedback_ring)
            sim->feedback_ring = span;
    }
    return MISHI_OK;
}

/* Room for every firm that exists, new entrants' rows zeroed. */
static mishi_status reserve(mishi_sim *sim) {
    int need = sim->firms.count, have = sim->feedback_capacity;
    if (sim->feedback_ring == 0 || need <= have) return MISHI_OK;
    int grown = need > 2 * have ? need : 2 * have;
    size_t ring = (size_t)sim->feedback_ring;
    double *m = realloc(sim->feedback_messages, (size_t)grown * ring * sizeof *m);
    if (!m) return MISHI_ENOMEM;
    memset(m + (size_t)have * ring, 0, (size_t)(grown - have) * ring * sizeof *m);
    sim->feedback_messages = m, sim->feedback_capacity = grown;
    return MISHI_OK;
}

int software_releases_in(const mishi_firm_class *c, const firm *f, int week) {
    if (c->release_weeks <= 0) return 0;
    int age = week - f->first_week;
    return (age + 1 + f->release_phase) % c->release_weeks == 0;
}

double software_release(double quality, double messages, double gain,
                        double half) {
    double raised = quality + gain * (1.0 - quality) * messages / (messages + half);
    return fmin(1.0, raised);
}

static double *messages_of(const mishi_sim *sim, const firm *f) {
    return sim->feedback_messages + (size_t)f->id * (size_t)sim->feedback_ring;
}

/* The messages of the release_weeks weeks ending lag weeks before `week`;
 * weeks before the firm existed sent none. */
double software_feedback_window(const mishi_sim *sim, const firm *f, int week) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    const double *ring = messages_of(sim, f);
    int last = week - c->feedback_lag_weeks;
    double total = 0.0;
    for (int w = last - c->release_weeks + 1; w <= last; w++)
        if (w >= f->first_week) total += ring[w % sim->feedback_ring];
    return total;
}

/* Consumer i can take firm f's software: it holds another maker's
 * device (the software runs on a phone), lives where f sells and shops
 * online (a ROM is downloaded). */
static int takes_software(const mishi_sim *sim, const firm *f, int64_t i) {
    const consumers *p = &sim->people;
    uint16_t held = p->state[i].device_firm;
    if (held == NO_FIRM || held == (uint16_t)f->id) return 0;
    if (f->region != ALL_REGIONS && f->region != consumer_region(p, i)) return 0;
    return consumer_online(sim, i);
}

/* A user replacing its phone loses the ROM (in expectation); this week's
 * installs land on consumers drawn uniformly. */
static void software_installs(mishi_sim *sim, firm *f, int week) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    f->rom_users *= 1.0 - 1.0 / sim->params.consumers.device_life_weeks;
    if (c->rom_installs <= 0.0 || f->software_quality <= 0.0) return;
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, sim->params.seed, RNG_SOFTWARE, (uint64_t)f->id,
                    (uint32_t)week);
    rng_as_gsl(&s, &r);
    unsigned installs = gsl_ran_poisson(&r, c->rom_installs * f->software_quality);
    for (unsigned k = 0; k < installs; k++) {
        int64_t i = (int64_t)(rng_uniform(&s) * (double)sim->people.count);
        if (!takes_software(sim, f, i)) continue;
        consumer_remember(sim, i, (uint16_t)f->id, c->rom_preference, week);
        f->rom_users += 1.0;
    }
}

static void software_week(mishi_sim *sim, firm *f, int week) {
    const mishi_firm_class *c = firm_class_of(sim, f);
    double born = c->software_quality;
    if (c->software_decay > 0.0)
        f->software_quality = fmax(born, f->software_quality -
                                   c->software_decay * (f->software_quality - born));
    if (c->release_weeks > 0) {
        f->feedback = c->feedback_rate * ((double)f->installed_direct + f->rom_users);
        messages_of(sim, f)[week % sim->feedback_ring] = f->feedback;
        if (software_releases_in(c, f, week))
            f->software_quality = software_release(
                f->software_quality, software_feedback_window(sim, f, week),
                c->software_gain, c->feedback_half);
    }
    software_installs(sim, f, week);
}

mishi_status software_step(mishi_sim *sim, mishi_error *err) {
    if (!sim->software_on) return MISHI_OK;
    if (reserve(sim))
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory for feedback");
    int week = sim->week + 1;
    for (int id = 0; id < sim->firms.count; id++)
        if (sim->firms.at[id].active) software_week(sim, &sim->firms.at[id], week);
    return MISHI_OK;
}

void software_free(mishi_sim *sim) {
    free(sim->feedback_messages);
    sim->feedback_messages = NULL;
    sim->feedback_capacity = 0;
}
