/*
 * support.h — small helpers shared by the test programs (cmocka).
 */
#ifndef MISHI_TEST_SUPPORT_H
#define MISHI_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mishi.h"

/* A default scenario with each "key=value" of `sets` applied (NULL ends). */
static inline mishi_scenario *scenario_with(const char *const *sets) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_scenario_default(&sc, &err), MISHI_OK);
    for (; sets && *sets; sets++) {
        mishi_status rc = mishi_scenario_set(sc, *sets, &err);
        if (rc) fail_msg("--set %s: %s", *sets, err.message);
    }
    return sc;
}

static inline mishi_sim *sim_with(const mishi_scenario *sc, int threads) {
    mishi_sim *sim = NULL;
    mishi_error err = {0};
    mishi_run_options options = {.threads = threads};
    mishi_status rc = mishi_sim_new(sc, &options, &sim, &err);
    if (rc) fail_msg("mishi_sim_new: %s", err.message);
    return sim;
}

static inline void step(mishi_sim *sim) {
    mishi_error err = {0};
    mishi_status rc = mishi_sim_step(sim, &err);
    if (rc) fail_msg("mishi_sim_step: %s", err.message);
}

/* What a stream gives until its end (a file, or a command's output
 * through popen), as a NUL-terminated string to free; NULL when out of
 * memory. fread returns short only at the end or on an error. */
static inline char *read_stream(FILE *f) {
    size_t size = 0, capacity = 1 << 16;
    char *buf = malloc(capacity);
    while (buf) {
        size += fread(buf + size, 1, capacity - size - 1, f);
        if (size < capacity - 1) break;
        char *grown = realloc(buf, capacity * 2);
        if (!grown) free(buf);
        buf = grown, capacity *= 2;
    }
    if (buf) buf[size] = '\0';
    return buf;
}

/* The whole file as a NUL-terminated string to free, or NULL. */
static inline char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = read_stream(f);
    fclose(f);
    return text;
}

/* FNV-1a over bytes: a fingerprint of a run's rows. */
static inline uint64_t fingerprint(uint64_t h, const void *data, size_t n) {
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* A simulation of the scenario text `yaml` on `threads` threads, to free. */
static inline mishi_sim *sim_from_yaml(const char *yaml, int threads) {
    mishi_scenario *sc = NULL;
    mishi_error err = {0};
    if (mishi_scenario_load_string(yaml, "t.yaml", &sc, &err))
        fail_msg("%s", err.message);
    mishi_sim *sim = sim_with(sc, threads);
    mishi_scenario_free(sc);
    return sim;
}

/* The next `weeks` weeks of sim, every firm row and market row, bit for
 * bit, as the engine keeps them. */
static inline uint64_t weeks_fingerprint(mishi_sim *sim, int weeks) {
    uint64_t h = 1469598103934665603ull;
    for (int w = 1; w <= weeks; w++) {
        step(sim);
        const mishi_firm_row *rows;
        size_t n = mishi_sim_firms(sim, &rows);
        h = fingerprint(h, rows, n * sizeof *rows);
        h = fingerprint(h, mishi_sim_market(sim), sizeof(mishi_market_row));
    }
    return h;
}

#endif
