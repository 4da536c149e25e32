/*
 * rng.c — Philox4x32-10 streams keyed by (seed, stream, id, week).
 *
 * Counter layout: word 0 and 1 hold the id (consumer or firm), word 2 the
 * week, word 3 the stream in its top 8 bits and the block number in its low
 * 24 bits (16M blocks of four words: far more than any submodel draws for
 * one id in one week). The key is the 64-bit seed.
 */
#include "rng.h"

#include <math.h>
#include <string.h>

#include <Random123/philox.h>

#include "exp_log.h"

static void next_block(rng_stream *s) {
    if (s->ahead) { /* all the blocks drawn ahead, as they lie */
        s->word = s->drawn, s->ready = 4 * s->ahead;
        s->counter[3] += s->ahead, s->ahead = 0;
    } else {
        philox4x32_ctr_t c = {{s->counter[0], s->counter[1], s->counter[2],
                               s->counter[3]}};
        philox4x32_key_t k = {{s->key[0], s->key[1]}};
        philox4x32_ctr_t r = philox4x32(c, k);
        for (int i = 0; i < 4; i++) s->block[i] = r.v[i];
        s->word = s->block, s->ready = 4;
        s->counter[3]++;
    }
    s->used = 0;
}

void rng_stream_init(rng_stream *s, uint64_t seed, rng_stream_id stream,
                     uint64_t id, uint32_t week) {
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)(seed >> 32);
    s->counter[0] = (uint32_t)id;
    s->counter[1] = (uint32_t)(id >> 32);
    s->counter[2] = week;
    s->counter[3] = (uint32_t)stream << RNG_BLOCK_BITS;
    s->word = s->block;
    s->used = s->ready = 0;
    s->ahead = 0;
    s->drawn = NULL;
}

void rng_stream_init_drawn(rng_stream *s, uint64_t seed, rng_stream_id stream,
                           uint64_t id, uint32_t week, const uint32_t *drawn,
                           unsigned blocks) {
    rng_stream_init(s, seed, stream, id, week);
    if (drawn) s->drawn = drawn, s->ahead = blocks;
}

void rng_first_block(uint64_t seed, rng_stream_id stream, uint64_t id,
                     uint32_t week, uint32_t out[4]) {
    rng_stream s;
    rng_stream_init(&s, seed, stream, id, week);
    next_block(&s);
    for (int i = 0; i < 4; i++) out[i] = s.block[i];
}

uint32_t rng_u32(rng_stream *s) {
    if (s->used == s->ready) next_block(s);
    return s->word[s->used++];
}

double rng_uniform(rng_stream *s) {
    uint32_t first = rng_u32(s);
    return rng_uniform_of(first, rng_u32(s));
}

double rng_uniform_positive(rng_stream *s) { return 1.0 - rng_uniform(s); }

rng_geometric_law rng_geometric_of(double p) {
    return (rng_geometric_law){p, p < 1.0 ? log1p(-p) : -HUGE_VAL};
}

uint32_t rng_geometric(rng_stream *s, double p) {
    return rng_geometric_from(s, rng_geometric_of(p));
}

uint32_t rng_geometric_from(rng_stream *s, rng_geometric_law law) {
    if (law.p >= 1.0) return 1;
    if (law.p <= 0.0) return UINT32_MAX; /* never, in any horizon we simulate */
    double weeks = model_log(rng_uniform_positive(s)) / law.log_failure; /* >= 0 */
    if (!(weeks <= 4294967295.0)) return UINT32_MAX;
    uint32_t k = (uint32_t)model_ceil(weeks); /* below 2^32, checked above */
    return k > 1 ? k : 1;
}

rng_poisson_law rng_poisson_of(double mean) {
    return (rng_poisson_law){mean, model_exp(-mean)};
}

uint32_t rng_poisson_from(rng_stream *s, rng_poisson_law law, uint32_t cap) {
    double u = rng_uniform(s), p = law.none, below = law.none;
    uint32_t k = 0;
    while (u >= below && k < cap) {
        k++;
        p *= law.mean / k;
        below += p;
    }
    return k;
}

static unsigned long gsl_get(void *state) { return rng_u32(state); }
static double gsl_get_double(void *state) { return rng_uniform(state); }
static void gsl_set(void *state, unsigned long seed) { (void)state, (void)seed; }

static const gsl_rng_type philox_type = {
    "mishi-philox4x32", 0xffffffffUL, 0, sizeof(rng_stream),
    gsl_set, gsl_get, gsl_get_double};

void rng_as_gsl(rng_stream *s, gsl_rng *out) {
    out->type = &philox_type;
    out->state = s;
}

double rng_gaussian(rng_stream *s, const rng_ziggurat *z, double sigma) {
    if (s->used == s->ready) next_block(s);
    uint32_t word = s->word[s->used], strip = word & 0x7fu, j = word >> 8;
    if (j < z->at_once_below[strip]) {
        s->used++;
        int sign = word & 0x80u ? +1 : -1;
        return sign * sigma * (j * z->width[strip]); /* as GSL rounds it */
    }
    gsl_rng r; /* GSL reads this word again, and the rest it needs */
    rng_as_gsl(s, &r);
    return gsl_ran_gaussian_ziggurat(&r, sigma);
}

/* A gsl_rng that gives a chosen word, then words taken at once in any
 * strip GSL has (point 0, the strips in turn), so that GSL's draw ends;
 * it counts what GSL read. */
typedef struct ziggurat_probe {
    uint32_t asked;
    unsigned reads;
} ziggurat_probe;

static unsigned long probe_get(void *state) {
    ziggurat_probe *p = state;
    return p->reads++ ? 0x80u | (p->reads & 0x7fu) : p->asked;
}
static double probe_get_double(void *state) { return (double)probe_get(state) * 0x1.0p-32; }

static const gsl_rng_type probe_type = {
    "mishi-ziggurat-probe", 0xffffffffUL, 0, sizeof(ziggurat_probe),
    gsl_set, probe_get, probe_get_double};

/* Whether GSL's draw (sigma 1) on a stream whose next word is `word`
 * reads that word alone; what it returns. */
static int taken_at_once(uint32_t word, double *x) {
    ziggurat_probe p = {word, 0};
    gsl_rng r = {&probe_type, &p};
    *x = gsl_ran_gaussian_ziggurat(&r, 1.0);
    return p.reads == 1;
}

/* Strip `strip`'s bound, found by bisection (GSL takes the points below
 * it at once), and its width, from the point 1; 0 if GSL does not take
 * points 1 and bound - 1 at once as rng_gaussian would. */
static uint32_t strip_bound(uint32_t strip, double *width) {
    double minus, x;
    if (!taken_at_once(1u << 8 | 0x80u | strip, width) ||
        !taken_at_once(1u << 8 | strip, &minus) || minus != -*width)
        return 0;
    uint32_t yes = 1, no = 1u << 24;
    while (no - yes > 1) {
        uint32_t mid = yes + (no - yes) / 2;
        if (taken_at_once(mid << 8 | 0x80u | strip, &x)) yes = mid;
        else no = mid;
    }
    taken_at_once(yes << 8 | 0x80u | strip, &x);
    return x == yes * *width ? no : 0;
}

void rng_ziggurat_learn(rng_ziggurat *z) {
    for (uint32_t strip = 0; strip < RNG_ZIGGURAT_STRIPS; strip++) {
        z->width[strip] = 0.0;
        z->at_once_below[strip] = strip_bound(strip, &z->width[strip]);
    }
}

double rng_pair_uniform(uint64_t seed, rng_stream_id stream, uint64_t a,
                        uint32_t b) {
    rng_stream s;
    /* b rides in the week word: pair facts are fixed, not weekly */
    rng_stream_init(&s, seed, stream, a, b);
    return rng_uniform(&s);
}
