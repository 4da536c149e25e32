/*
 * sweep_runs.c — a loaded sweep seen from outside: what it holds, and for
 * each run (a point and a replicate) its seed, its scenario and the
 * `mishi run` command that repeats it alone.
 *
 * A run's seed is a pure function of (sweep seed, point, replicate): one
 * Philox block keyed by the sweep's seed, on the stream RNG_SWEEP with the
 * point and the replicate as its counter. Philox is a bijection of the
 * counter for a given key, so distinct runs get distinct blocks; taking 63
 * of the block's 128 bits (a seed fits a signed 64-bit column) leaves a
 * chance collision of about n^2 / 2^64 among n runs. The order runs
 * happen to run in, or how many ranks run them, never enters.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "sweep.h"

/* ------------------------------------------------------------- contents */

void mishi_sweep_describe(const mishi_sweep *s, mishi_sweep_info *out) {
    if (s) *out = s->info;
    else memset(out, 0, sizeof *out);
}

const mishi_factor_info *mishi_sweep_factor(const mishi_sweep *s,
                                            size_t factor) {
    return s && factor < s->info.factors ? &s->factors[factor].info : NULL;
}

const char *mishi_sweep_level_set(const mishi_sweep *s, size_t factor,
                                  size_t level, size_t i) {
    const sweep_factor *f = s && factor < s->info.factors ? &s->factors[factor]
                                                         : NULL;
    if (!f || !f->levels || level >= f->count ||
        i >= f->levels[level].set_count)
        return NULL;
    return f->levels[level].sets[i].assignment;
}

const mishi_measure_info *mishi_sweep_measure(const mishi_sweep *s,
                                              size_t measure) {
    return s && measure < s->info.measures ? &s->measures[measure] : NULL;
}

const mishi_quantity *mishi_sweep_series(const mishi_sweep *s, size_t series) {
    return s && series < s->info.series ? &s->series[series] : NULL;
}

const char *mishi_sweep_scenario_digest(const mishi_sweep *s) {
    return s ? s->digest : NULL;
}

/* The file's cap on runs holds for a number given later as well: a
 * replicate count meant for one point must not ask for a billion runs. */
mishi_status mishi_sweep_set_replicates(mishi_sweep *s, int replicates,
                                        mishi_error *err) {
    if (!s) return mishi_error_set(err, MISHI_EARG, "no sweep");
    double runs = (double)s->info.points * replicates;
    if (replicates < 1 || runs > SWEEP_MAX_RUNS)
        return mishi_error_set(err, MISHI_EARG, "%d replicates of %zu points: "
                               "expected 1 to %.0f (a sweep holds at most "
                               "%.0f runs)", replicates, s->info.points,
                               floor(SWEEP_MAX_RUNS / (double)s->info.points),
                               SWEEP_MAX_RUNS);
    s->info.replicates = replicates;
    return MISHI_OK;
}

/* --------------------------------------------------------------- a run */

uint64_t mishi_sweep_run_seed(const mishi_sweep *s, size_t point,
                              int replicate) {
    if (!s) return 0;
    rng_stream stream;
    rng_stream_init(&stream, s->info.seed, RNG_SWEEP, point,
                    (uint32_t)replicate);
    uint64_t high = rng_u32(&stream);
    uint64_t low = rng_u32(&stream);
    return ((high << 32) | low) & (UINT64_MAX >> 1);
}

static int is_run(const mishi_sweep *s, size_t point, int replicate) {
    return s && point < s->info.points && replicate >= 0 &&
           replicate < s->info.replicates;
}

mishi_status mishi_sweep_scenario(const mishi_sweep *s, size_t point,
                                  int replicate, mishi_scenario **out,
                                  mishi_error *err) {
    if (!out) return mishi_error_set(err, MISHI_EARG, "no place for the scenario");
    *out = NULL;
    if (!is_run(s, point, replicate))
        return mishi_error_set(err, MISHI_EARG, "no run (point %zu, replicate "
                               "%d) in the sweep", point, replicate);
    mishi_scenario *sc = NULL;
    sweep_point_sets sets = {0};
    mishi_status rc = sweep_point_sets_make(s, point, &sets, err);
    if (!rc) rc = sweep_point_scenario(s, &sets, &sc, err);
    sweep_point_sets_free(&sets);
    char seed[32];
    snprintf(seed, sizeof seed, "seed=%" PRIu64,
             mishi_sweep_run_seed(s, point, replicate));
    if (!rc) rc = mishi_scenario_set(sc, seed, err);
    if (rc) mishi_scenario_free(sc);
    else *out = sc;
    return rc;
}

/* ------------------------------------------------------------- command */

/* A word for a POSIX shell: as it is when every character is safe there,
 * else in single quotes, a quote inside written '\''. */
static void put_word(FILE *f, const char *word) {
    static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-=+,:";
    if (*word && strspn(word, safe) == strlen(word)) {
        fputs(word, f);
        return;
    }
    fputc('\'', f);
    for (; *word; word++)
        if (*word == '\'') fputs("'\\''", f);
        else fputc(*word, f);
    fputc('\'', f);
}

static void put_command(FILE *f, const mishi_sweep *s, size_t point,
                        int replicate, const sweep_point_sets *sets) {
    fputs("mishi run ", f);
    put_word(f, s->scenario);
    for (size_t i = 0; i < s->set_count; i++) {
        fputs(" --set ", f);
        put_word(f, s->sets[i].assignment);
    }
    for (size_t i = 0; i < sets->count; i++) {
        fputs(" --set ", f);
        put_word(f, sets->set[i]);
    }
    fprintf(f, " --seed %" PRIu64, mishi_sweep_run_seed(s, point, replicate));
}

char *mishi_sweep_command(const mishi_sweep *s, size_t point, int replicate) {
    if (!is_run(s, point, replicate)) return NULL;
    /* the point's assignments (a variants level's as its own --sets), in
     * file order: `mishi run` takes its --sets as one change */
    sweep_point_sets sets = {0};
    if (sweep_point_sets_make(s, point, &sets, NULL) != MISHI_OK) return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (f) put_command(f, s, point, replicate, &sets);
    sweep_point_sets_free(&sets);
    if (f && fclose(f) == 0) return text;
    free(text); /* no stream, or it could not be finished */
    return NULL;
}
