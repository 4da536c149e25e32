/*
 * population.c — consumers: their compact storage, their state at week 0,
 * their loyalty memory, and the calendar of when each next enters the market.
 *
 * Seed 000: "Most customers stick with a brand due to loyalty to its
 * identity or message and other things such as quality." A consumer's
 * loyalty is a learned preference J for each of the few firms it remembers,
 * in the form of Weisbuch, Kirman & Herreiner (2000): every week J decays by
 * the factor (1 - gamma); each purchase adds the satisfaction it brought.
 * The decay is applied lazily, when the consumer next shops, so idle weeks
 * cost nothing.
 *
 * Invariants: every consumer is in exactly one calendar bucket (or its next
 * event lies past the horizon); a memory slot holding NO_FIRM has
 * preference 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "sim.h"

static mishi_status consumers_alloc(consumers *p, int64_t n) {
    size_t count = (size_t)n;
    p->count = n;
    p->device_firm = malloc(count * sizeof *p->device_firm);
    p->device_quality = malloc(count * sizeof *p->device_quality);
    p->satisfaction = malloc(count * sizeof *p->satisfaction);
    p->week_bought = malloc(count * sizeof *p->week_bought);
    p->flags = malloc(count * sizeof *p->flags);
    p->region = malloc(count * sizeof *p->region);
    p->memory_firm = malloc(count * sizeof *p->memory_firm);
    p->memory_preference = malloc(count * sizeof *p->memory_preference);
    if (!p->device_firm || !p->device_quality || !p->satisfaction ||
        !p->week_bought || !p->flags || !p->region || !p->memory_firm ||
        !p->memory_preference)
        return MISHI_ENOMEM;
    return MISHI_OK;
}

void population_free(consumers *p) {
    free(p->device_firm), free(p->device_quality), free(p->satisfaction);
    free(p->week_bought), free(p->flags), free(p->region);
    free(p->memory_firm), free(p->memory_preference);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------ memory */

double consumer_preference(const consumers *p, int64_t i, int slot) {
    return p->memory_preference[i][slot];
}

/* The preferences of consumer i as of `week`. What is stored is WKH's
 * J(t+1) for the purchase week t (consumer_learn), so the weeks since then
 * are forgotten now: (1 - gamma)^(week - t - 1). A prospect shops in the
 * week it adopts, with nothing stored yet. */
void consumer_forget(mishi_sim *sim, int64_t i, int week,
                     double preference[MEMORY_SLOTS]) {
    const consumers *p = &sim->people;
    int idle = week - p->week_bought[i] - 1;
    double kept = idle > 0 ? sim->memory_kept[idle] : 1.0;
    for (int s = 0; s < MEMORY_SLOTS; s++)
        preference[s] = consumer_preference(p, i, s) * kept;
}

/* The table consumer_forget reads: pow() once per idle length, not once
 * per shopper (it was a tenth of the run time). */
mishi_status memory_init(mishi_sim *sim) {
    int weeks = sim->params.weeks;
    sim->memory_kept = malloc(((size_t)weeks + 1) * sizeof *sim->memory_kept);
    if (!sim->memory_kept) return MISHI_ENOMEM;
    double gamma = sim->params.consumers.memory_decay;
    for (int w = 0; w <= weeks; w++) sim->memory_kept[w] = pow(1.0 - gamma, w);
    return MISHI_OK;
}

/* The slot for firm f: its own, else an empty one, else the weakest
 * memory, which is forgotten to make room. */
static int memory_slot(const consumers *p, int64_t i, uint16_t f,
                       const double preference[MEMORY_SLOTS]) {
    int weakest = 0, empty = -1;
    for (int s = 0; s < MEMORY_SLOTS; s++) {
        if (p->memory_firm[i][s] == f) return s;
        if (p->memory_firm[i][s] == NO_FIRM && empty < 0) empty = s;
        if (fabs(preference[s]) < fabs(preference[weakest])) weakest = s;
    }
    return empty >= 0 ? empty : weakest;
}

/* WKH's update for a purchase in week t, J(t+1) = (1 - gamma) J(t) +
 * satisfaction, from the preferences J(t) the shopper chose with: the
 * satisfaction counts in full at the next choice, and forgetting starts
 * the week after. */
void consumer_learn(mishi_sim *sim, int64_t i, uint16_t f, double satisfaction,
                    double preference[MEMORY_SLOTS]) {
    consumers *p = &sim->people;
    int slot = memory_slot(p, i, f, preference);
    if (p->memory_firm[i][slot] != f) preference[slot] = 0.0;
    p->memory_firm[i][slot] = f;
    for (int s = 0; s < MEMORY_SLOTS; s++) preference[s] *= sim->memory_kept[1];
    preference[slot] += satisfaction;
    for (int s = 0; s < MEMORY_SLOTS; s++)
        p->memory_preference[i][s] = (float)preference[s];
}

/* ---------------------------------------------------------- calendar */

mishi_status calendar_add(calendar *cal, int week, uint32_t consumer) {
    if (week > cal->weeks) return MISHI_OK; /* past the horizon */
    calendar_bucket *b = &cal->bucket[week];
    if (b->count == b->capacity) {
        /* 1.5x keeps the calendar near its live size; exact-sized buckets
         * from calendar_fill may be tiny, hence the floor */
        uint32_t grown = b->capacity < 16 ? 16 : b->capacity + b->capacity / 2;
        uint32_t *ids = realloc(b->ids, grown * sizeof *ids);
        if (!ids) return MISHI_ENOMEM;
        cal->slots += grown - b->capacity;
        if (cal->slots > cal->peak_slots) cal->peak_slots = cal->slots;
        b->ids = ids, b->capacity = grown;
    }
    b->ids[b->count++] = consumer;
    return MISHI_OK;
}

void calendar_free(calendar *cal) {
    if (cal->bucket)
        for (int w = 0; w <= cal->weeks; w++) free(cal->bucket[w].ids);
    free(cal->bucket);
    cal->bucket = NULL;
}

/* Serial, in purchase order, so bucket contents never depend on threads. */
mishi_status calendar_step(mishi_sim *sim, mishi_error *err) {
    calendar_bucket *done = &sim->calendar.bucket[sim->week + 1];
    for (size_t k = 0; k < sim->purchase_count; k++) {
        const purchase *p = &sim->purchases[k];
        if (calendar_add(&sim->calendar, p->next_week, p->consumer))
            return mishi_error_set(err, MISHI_ENOMEM,
                                   "out of memory growing the calendar");
    }
    sim->calendar.slots -= done->capacity;
    free(done->ids);
    memset(done, 0, sizeof *done);
    return MISHI_OK;
}

/* ----------------------------------------------------- week 0 state */

static uint8_t draw_region(const mishi_sim *sim, rng_stream *s) {
    double u = rng_uniform(s);
    for (int r = 0; r < sim->params.region_count - 1; r++)
        if (u < sim->region_cumulative_share[r]) return (uint8_t)r;
    return (uint8_t)(sim->params.region_count - 1);
}

/* The device a consumer holds at week 0: from a firm it can buy from,
 * drawn by visibility as a browse would (a few tries, else none). */
enum { INITIAL_DEVICE_TRIES = 8 };

static uint16_t draw_initial_maker(const mishi_sim *sim, int64_t i,
                                   gsl_rng *r) {
    const region_market *m = &sim->regions[sim->people.region[i]];
    if (!m->browse) return NO_FIRM;
    for (int t = 0; t < INITIAL_DEVICE_TRIES; t++) {
        int f = m->browse_firm[gsl_ran_discrete(r, m->browse)];
        if (firm_sells_to(sim, &sim->firms.at[f], i)) return (uint16_t)f;
    }
    return NO_FIRM;
}

void consumer_empty_handed(consumers *p, int64_t i) {
    for (int s = 0; s < MEMORY_SLOTS; s++)
        p->memory_firm[i][s] = NO_FIRM, p->memory_preference[i][s] = 0;
    p->device_firm[i] = NO_FIRM;
    p->device_quality[i] = 0, p->satisfaction[i] = 0;
}

static void give_initial_device(mishi_sim *sim, int64_t i, gsl_rng *r) {
    consumers *p = &sim->people;
    uint16_t f = draw_initial_maker(sim, i, r);
    consumer_empty_handed(p, i);
    p->device_firm[i] = f;
    if (f == NO_FIRM) return;
    purchase bought = {.consumer = (uint32_t)i, .firm = f};
    experience_receive(sim, &sim->firms.at[f], i, 0, &bought); /* week 0 */
    p->device_quality[i] = bought.unit_quality;
    p->satisfaction[i] = (int8_t)lrint(bought.satisfaction * SATISFACTION_SCALE);
    double none[MEMORY_SLOTS] = {0};
    consumer_learn(sim, i, f,
                   bought.satisfaction + sim->params.consumers.initial_loyalty,
                   none);
}

/* A prospect has never owned a device: nothing held, nothing remembered,
 * and no market entry until it adopts (adoption.c). */
static uint16_t make_prospect(mishi_sim *sim, int64_t i) {
    consumer_empty_handed(&sim->people, i);
    sim->people.flags[i] |= CONSUMER_PROSPECT;
    return (uint16_t)(sim->params.weeks + 1); /* never, unless it adopts */
}

static uint16_t init_consumer(mishi_sim *sim, int64_t i) {
    consumers *p = &sim->people;
    rng_stream s;
    gsl_rng r;
    rng_stream_init(&s, sim->params.seed, RNG_INIT, (uint64_t)i, 0);
    rng_as_gsl(&s, &r);
    p->region[i] = draw_region(sim, &s);
    int transient = rng_uniform(&s) < sim->params.consumers.transient_share;
    p->flags[i] = transient ? CONSUMER_TRANSIENT : 0;
    p->week_bought[i] = 0;
    /* drawn only when there are prospects, so that scenarios without them
     * keep their streams */
    double owners = sim->params.consumers.initial_owners;
    if (owners < 1.0 && rng_uniform(&s) >= owners) return make_prospect(sim, i);
    give_initial_device(sim, i, &r);
    int fails = 0;
    double q = p->device_quality[i] / QUALITY_SCALE;
    uint32_t wait = ownership_weeks_until_next(sim, i, q, transient, &r, &fails);
    /* without a device there is nothing to fail (and no maker to blame):
     * the consumer just enters the market when its wait is up */
    if (fails && p->device_firm[i] != NO_FIRM) p->flags[i] |= CONSUMER_DEVICE_FAILS;
    /* a device held at week 0 is of any age: with geometric lives the
     * residual life is the same geometric (memoryless), so `wait` stands */
    return wait > (uint32_t)sim->params.weeks ? (uint16_t)(sim->params.weeks + 1)
                                              : (uint16_t)wait;
}

/* Counting sort of first market entries into exact-size buckets. */
static mishi_status calendar_fill(mishi_sim *sim, const uint16_t *first) {
    calendar *cal = &sim->calendar;
    int64_t n = sim->people.count;
    cal->weeks = sim->params.weeks;
    cal->bucket = calloc((size_t)cal->weeks + 2, sizeof *cal->bucket);
    if (!cal->bucket) return MISHI_ENOMEM;
    for (int64_t i = 0; i < n; i++) cal->bucket[first[i]].capacity++;
    for (int w = 1; w <= cal->weeks; w++) {
        calendar_bucket *b = &cal->bucket[w];
        if (b->capacity && !(b->ids = malloc(b->capacity * sizeof *b->ids)))
            return MISHI_ENOMEM;
        cal->slots += b->capacity;
    }
    cal->peak_slots = cal->slots;
    cal->bucket[cal->weeks + 1].capacity = 0; /* "never" holds no ids */
    for (int64_t i = 0; i < n; i++)
        if (first[i] <= cal->weeks) calendar_add(cal, first[i], (uint32_t)i);
    return MISHI_OK;
}

mishi_status population_init(mishi_sim *sim, mishi_error *err) {
    int64_t n = sim->params.consumers.count;
    uint16_t *first = malloc((size_t)n * sizeof *first);
    if (!first || consumers_alloc(&sim->people, n)) {
        free(first);
        return mishi_error_set(err, MISHI_ENOMEM,
                               "out of memory for %lld consumers", (long long)n);
    }
#pragma omp parallel for schedule(static) num_threads(sim->threads)
    for (int64_t i = 0; i < n; i++) first[i] = init_consumer(sim, i);
    mishi_status rc = calendar_fill(sim, first);
    free(first);
    if (rc) return mishi_error_set(err, rc, "out of memory for the calendar");
    return MISHI_OK;
}
