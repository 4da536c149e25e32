/*
 * memory.c — a consumer's loyalty: a learned preference J for each of the
 * few firms it remembers.
 *
 * Seed 000: "Most customers stick with a brand due to loyalty to its
 * identity or message and other things such as quality." J follows
 * Weisbuch, Kirman & Herreiner (2000): every week J decays by the factor
 * (1 - gamma); each purchase adds the satisfaction it brought. The decay is
 * applied lazily, when the consumer next shops, so idle weeks cost nothing;
 * this is exact for geometric forgetting.
 *
 * Preferences are stored in 16 bits (float16.h), rounded up or down at
 * random in proportion to what is dropped: exact on average, so slow
 * forgetting is neither stalled nor bent by rounding, at 6 bytes per
 * consumer instead of 12 with three slots.
 *
 * Invariant: a memory slot holding NO_FIRM has preference 0.
 */
#include "memory.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exp_log.h"
#include "float16.h"

/* pow() once per idle length, not once per shopper (it was a tenth of the
 * run time). */
mishi_status memory_init(mishi_sim *sim, mishi_error *err) {
    int weeks = sim->params.weeks;
    sim->memory_kept = malloc(((size_t)weeks + 1) * sizeof *sim->memory_kept);
    if (!sim->memory_kept)
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    double gamma = sim->params.consumers.memory_decay;
    for (int w = 0; w <= weeks; w++) sim->memory_kept[w] = model_pow(1.0 - gamma, w);
    return MISHI_OK;
}

void memory_free(mishi_sim *sim) {
    free(sim->memory_kept);
    sim->memory_kept = NULL;
}

/* `bytes` bytes (an even number from 2 to 32) at `to`, each set to the
 * low byte of `word` (all zeros or all ones), in at most two stores that
 * may overlap. A loop over the slots became two calls to memset of a few
 * bytes each, 1.5 % of main's instructions with a newcomer in every
 * other purchase. */
static void fill_slots(void *to, uint64_t word, size_t bytes) {
    _Static_assert(sizeof(uint16_t) * MEMORY_SLOTS_MAX <= 2 * 16, "two stores");
    char *at = to;
    uint64_t pair[2] = {word, word};
    size_t store = bytes >= 16 ? 16 : bytes >= 8 ? 8 : bytes >= 4 ? 4 : 2;
    memcpy(at, pair, store); /* one store each: the sizes are few and known */
    if (store == 16) memcpy(at + bytes - 16, pair, 16);
    else if (store == 8) memcpy(at + bytes - 8, pair, 8);
    else if (store == 4) memcpy(at + bytes - 4, pair, 4);
}

void consumer_empty_handed(consumers *p, int64_t i) {
    _Static_assert(NO_FIRM == UINT16_MAX, "a slot without a firm is all ones");
    size_t bytes = (size_t)p->slots * sizeof(uint16_t);
    fill_slots(memory_firms(p, i), UINT64_MAX, bytes);
    fill_slots(memory_preferences(p, i), 0, bytes); /* float16 zero */
    consumer_state *c = &p->state[i];
    c->device_firm = NO_FIRM, c->device_quality = 0, c->satisfaction = 0;
}

double consumer_preference(const consumers *p, int64_t i, int slot) {
    return float16_value(memory_preferences(p, i)[slot]);
}

/* What is stored is WKH's J(t+1) for the purchase week t (consumer_learn),
 * so the weeks since then are forgotten by `week`: what is kept is
 * (1 - gamma)^(week - t - 1). A prospect shops in the week it adopts, with
 * nothing stored yet. */
double memory_kept_since_purchase(const mishi_sim *sim, int64_t i, int week) {
    int idle = week - sim->people.state[i].week_bought - 1;
    return idle > 0 ? sim->memory_kept[idle] : 1.0;
}

void consumer_forget(const mishi_sim *sim, int64_t i, int week,
                     double preference[MEMORY_SLOTS_MAX]) {
    const consumers *p = &sim->people;
    double kept = memory_kept_since_purchase(sim, i, week);
    for (int s = 0; s < p->slots; s++)
        preference[s] = consumer_preference(p, i, s) * kept;
}

void shopper_memory(const mishi_sim *sim, int64_t i, int week,
                    double preference[MEMORY_SLOTS_MAX]) {
    const consumers *p = &sim->people;
    consumer_forget(sim, i, week, preference);
    if (!(p->state[i].flags & CONSUMER_DEVICE_FAILS)) return;
    const uint16_t *remembered = memory_firms(p, i);
    for (int s = 0; s < p->slots; s++)
        if (remembered[s] == p->state[i].device_firm)
            preference[s] -= sim->params.consumers.failure_penalty;
}

/* The slot for firm f: its own, else an empty one, else the weakest
 * memory, which is forgotten to make room. */
static int memory_slot(const consumers *p, int64_t i, uint16_t f,
                       const double preference[MEMORY_SLOTS_MAX]) {
    const uint16_t *remembered = memory_firms(p, i);
    int empty = -1;
    for (int s = 0; s < p->slots; s++) {
        if (remembered[s] == f) return s;
        if (remembered[s] == NO_FIRM && empty < 0) empty = s;
    }
    if (empty >= 0) return empty;
    int weakest = 0; /* looked for only when every slot is taken */
    for (int s = 1; s < p->slots; s++)
        if (fabs(preference[s]) < fabs(preference[weakest])) weakest = s;
    return weakest;
}

void memory_rounding_words(const mishi_sim *sim, const uint32_t *ids, int count,
                           uint32_t week, uint32_t words[][MEMORY_SLOTS_MAX]) {
    _Static_assert(MEMORY_SLOTS_MAX % 4 == 0, "whole blocks of slots");
    rng_blocks_each(sim->params.seed, RNG_MEMORY, 0, (sim->people.slots + 3) / 4, ids,
                    count, week, words[0], MEMORY_SLOTS_MAX);
}

/* memory_slot's slot for firm f, given to it; *fresh: it held another
 * firm's preference (or none), which the purchase does not add to. */
static int give_slot(consumers *p, int64_t i, uint16_t f,
                     const double preference[MEMORY_SLOTS_MAX], int *fresh) {
    uint16_t *remembered = memory_firms(p, i);
    int slot = memory_slot(p, i, f, preference);
    *fresh = remembered[slot] != f;
    remembered[slot] = f;
    return slot;
}

int memory_take_slot(consumers *p, int64_t i, uint16_t f,
                     double preference[MEMORY_SLOTS_MAX]) {
    int fresh, slot = give_slot(p, i, f, preference, &fresh);
    if (fresh) preference[slot] = 0.0;
    return slot;
}

/* J(t+1) = (1 - gamma) J(t) + satisfaction for a purchase in week t: the
 * satisfaction counts in full at the next choice, and forgetting starts
 * the week after. Each slot is stored rounded with its own word of the
 * (consumer, week) stream, word k for slot k: those in `rounding`, or
 * drawn now. A slot's new value is worked out as it is stored, not in
 * `preference` first: that loop, vectorised, loaded two slots at a time
 * from the scalar stores that had just written them (the memory read back,
 * or zeroed), which a load cannot take its value from until they reach
 * the cache, and waited (a quarter of the samples here in Bass). */
void consumer_learn(mishi_sim *sim, int64_t i, uint16_t f, double satisfaction,
                    int week, const double preference[MEMORY_SLOTS_MAX],
                    const uint32_t *rounding) {
    consumers *p = &sim->people;
    uint16_t *stored = memory_preferences(p, i);
    int fresh, slot = give_slot(p, i, f, preference, &fresh);
    double kept = sim->memory_kept[1];
    rng_stream s;
    if (!rounding)
        rng_stream_init(&s, sim->params.seed, RNG_MEMORY, (uint64_t)i, (uint32_t)week);
    for (int k = 0; k < p->slots; k++) {
        double learned = (k == slot && fresh ? 0.0 : preference[k]) * kept;
        if (k == slot) learned += satisfaction;
        stored[k] = float16_round(learned, rounding ? rounding[k] : rng_u32(&s));
    }
}

/* Between purchases (software.c: a ROM installed in `week`), consumer i
 * comes to prefer firm f by `preference` now. Stored values are as of
 * week_bought and shrink by (1 - gamma) a week until read, so what is
 * stored is the value now divided by the decay since then; a firm already
 * preferred more keeps its preference. With gamma = 1 (or an idle stretch
 * whose decay takes the stored value out of float16's range) nothing is
 * kept between purchases, so nothing is written. */
void consumer_remember(mishi_sim *sim, int64_t i, uint16_t f, double preference,
                       int week) {
    consumers *p = &sim->people;
    double now[MEMORY_SLOTS_MAX];
    consumer_forget(sim, i, week, now);
    double kept = memory_kept_since_purchase(sim, i, week);
    if (!(kept > 0.0) || fabs(preference / kept) >= FLOAT16_MAX) return;
    int slot = memory_slot(p, i, f, now);
    uint16_t *remembered = memory_firms(p, i);
    if (remembered[slot] == f && now[slot] >= preference) return;
    remembered[slot] = f;
    rng_stream s;
    rng_stream_init(&s, sim->params.seed, RNG_REMEMBER, (uint64_t)i, (uint32_t)week);
    memory_preferences(p, i)[slot] = float16_round(preference / kept, rng_u32(&s));
}
