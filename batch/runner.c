/*
 * runner.c — mishi_batch_run: every missing run of a sweep, `jobs` at a
 * time in each process, over the ranks of an MPI job if there is one.
 *
 * Design. Rank 0 opens the store and lists the runs it lacks; every rank
 * gets the list (ranks.h) and takes every size-th run of it, starting at
 * its own rank: a static share, so no rank waits for a dispatcher, and
 * which runs a rank did never changes what a run computes (its seed comes
 * from the sweep, its scenario too). Within a rank, runs go `jobs` at a
 * time as OpenMP threads, each run's simulation on one thread: runs are
 * the parallel unit, and a simulation is bit-identical on any number of
 * threads anyway. A finished run leaves its thread through one critical
 * section: on rank 0 it is written to the store (one transaction) and the
 * progress callback is called, and any results the other ranks have sent
 * meanwhile are written too; on another rank it is sent to rank 0. When
 * rank 0's own share is done it waits for the rest.
 *
 * So the database holds the same rows whatever the number of jobs or
 * ranks (timings and the `rank` column aside), and a run is in it whole or
 * not at all.
 */
#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mishi_batch.h"
#include "mishi_files.h"
#include "ranks.h"
#include "result_wire.h"
#include "store.h"

typedef struct runner {
    const mishi_sweep *sweep;
    mishi_sweep_info info;
    const mishi_batch_options *options;
    store *store;                /* rank 0 only */
    mishi_batch_progress progress;
    double start;
    /* the store failed: stop starting runs; atomic, as every thread reads
     * it before each run and one may set it outside the critical section */
    atomic_int abandoned;
    mishi_status failure;        /* the first such failure */
    mishi_error failure_message;
    char *platform;              /* this process's, for each of its runs */
} runner;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ------------------------------------------------------------- one run */

/* The run's idle mechanisms as one field of the runs table, "flash sales
 * (xiaomi); resale"; NULL when none was idle (or out of memory). */
static char *idle_text(const mishi_sim *sim) {
    mishi_idle_mechanism idle[MISHI_MAX_MECHANISMS];
    size_t n = mishi_sim_idle_mechanisms(sim, idle, MISHI_MAX_MECHANISMS);
    if (n == 0) return NULL;
    size_t size = 1;
    for (size_t k = 0; k < n; k++)
        size += strlen(idle[k].mechanism->name) + strlen(idle[k].classes) + 5;
    char *text = malloc(size), *at = text;
    for (size_t k = 0; text && k < n; k++)
        at += sprintf(at, "%s%s%s%s%s", k ? "; " : "", idle[k].mechanism->name,
                      idle[k].classes[0] ? " (" : "", idle[k].classes,
                      idle[k].classes[0] ? ")" : "");
    return text;
}

static mishi_status simulate(const runner *r, size_t point, int replicate,
                             mishi_recorder *rec, run_result *out,
                             mishi_error *err) {
    double t0 = now();
    mishi_scenario *sc = NULL;
    mishi_sim *sim = NULL;
    mishi_run_options options = {.threads = 1};
    mishi_status rc = mishi_sweep_scenario(r->sweep, point, replicate, &sc, err);
    if (!rc) rc = mishi_sim_new(sc, &options, &sim, err);
    double t1 = now();
    mishi_recorder_reset(rec);
    while (!rc && mishi_sim_week(sim) < mishi_sim_weeks(sim)) {
        rc = mishi_sim_step(sim, err);
        if (!rc) mishi_recorder_week(rec, sim);
    }
    out->setup_seconds = t1 - t0, out->run_seconds = now() - t1;
    free(out->idle);
    out->idle = rc ? NULL : idle_text(sim);
    mishi_sim_free(sim);
    mishi_scenario_free(sc);
    return rc;
}

/* What the recorder holds, copied into the result. */
static void collect(const runner *r, const mishi_recorder *rec,
                    run_result *out) {
    for (size_t m = 0; m < r->info.measures; m++)
        out->measures[m] = mishi_recorder_measure(rec, m);
    for (size_t k = 0; k < r->info.series; k++) {
        size_t weeks = 0;
        const double *values = mishi_recorder_series(rec, k, &weeks);
        for (size_t w = 0; w < out->weeks; w++)
            out->series[k * out->weeks + w] = w < weeks ? values[w] : NAN;
    }
}

static void run_one(const runner *r, size_t run, mishi_recorder *rec,
                    run_result *out) {
    size_t point = run / (size_t)r->info.replicates;
    int replicate = (int)(run % (size_t)r->info.replicates);
    mishi_error err = {0};
    out->run = run, out->rank = ranks_rank();
    out->ok = simulate(r, point, replicate, rec, out, &err) == MISHI_OK;
    free(out->message), free(out->platform);
    out->message = out->ok ? NULL : strdup(err.message);
    out->platform = r->platform ? strdup(r->platform) : NULL;
    if (out->ok) collect(r, rec, out);
}

/* ----------------------------------------------------- finished runs */

/* Rank 0: write a run and say so. A store that fails stops the sweep: the
 * runs in flight finish, no new one starts. */
static void record(runner *r, const run_result *result) {
    if (r->abandoned) return;
    mishi_error err = {0};
    mishi_status rc = store_put(r->store, result, &err);
    if (rc) {
        r->failure = rc, r->failure_message = err;
        r->abandoned = 1;
        return;
    }
    mishi_batch_progress *p = &r->progress;
    p->done += result->ok, p->failed += !result->ok;
    p->elapsed = now() - r->start;
    p->run = result->run, p->point = result->run / (size_t)r->info.replicates;
    p->replicate = (int)(result->run % (size_t)r->info.replicates);
    p->ok = result->ok, p->message = result->message;
    p->seconds = result->setup_seconds + result->run_seconds;
    p->rank = result->rank;
    if (r->options && r->options->progress)
        r->options->progress(r->options->context, p);
}

/* Rank 0: write what the other ranks have sent; with `wait`, block for
 * one message first. Returns how many were taken in. */
static size_t take_in(runner *r, run_result *scratch, int wait) {
    size_t taken = 0;
    for (;;) {
        void *data = NULL;
        size_t size = 0;
        int from = 0;
        mishi_error err = {0};
        if (ranks_receive(wait && !taken, &data, &size, &from, &err) || !data)
            return taken;
        if (wire_read(data, size, scratch) == 0) record(r, scratch);
        free(data);
        taken++;
    }
}

/* A finished run leaves its thread here, one at a time. */
static void finish(runner *r, run_result *result, size_t *owed_to_me) {
    if (ranks_rank() != 0) {
        mishi_error err = {0};
        if (wire_send(result, &err)) r->abandoned = 1;
        return;
    }
    record(r, result);
    *owed_to_me -= take_in(r, result, 0);
}

/* ------------------------------------------------------------- the loop */

static int jobs_for(const mishi_batch_options *options) {
    if (options && options->jobs > 0) return options->jobs;
    return ranks_size() > 1 ? 1 : omp_get_num_procs();
}

/* A result with room for the sweep's measures and series. */
static int result_alloc(const runner *r, run_result *out) {
    memset(out, 0, sizeof *out);
    out->weeks = (size_t)r->info.weeks;
    out->measure_count = r->info.measures;
    out->series_count = r->info.series;
    out->measures = malloc((r->info.measures + 1) * sizeof *out->measures);
    out->series = malloc((r->info.series * out->weeks + 1) * sizeof *out->series);
    return out->measures && out->series ? 0 : -1;
}

static void result_free(run_result *out) {
    free(out->measures), free(out->series), free(out->message), free(out->platform);
    free(out->idle);
}

/* This rank's share of the missing runs: every size-th, from its rank. */
static void run_share(runner *r, const size_t *missing, size_t count,
                      size_t *owed_to_me) {
    int rank = ranks_rank(), size = ranks_size();
    int64_t mine = count > (size_t)rank
        ? (int64_t)((count - (size_t)rank + (size_t)size - 1) / (size_t)size) : 0;
#pragma omp parallel num_threads(jobs_for(r->options))
    {
        run_result result;
        mishi_recorder *rec = NULL;
        int ready = result_alloc(r, &result) == 0 &&
                    mishi_recorder_new(r->sweep, &rec, NULL) == MISHI_OK;
#pragma omp for schedule(dynamic, 1)
        for (int64_t i = 0; i < mine; i++) {
            if (r->abandoned || !ready) continue;
            run_one(r, missing[(size_t)i * (size_t)size + (size_t)rank], rec,
                    &result);
#pragma omp critical(mishi_batch_finish)
            finish(r, &result, owed_to_me);
        }
        if (!ready) r->abandoned = 1;
        mishi_recorder_free(rec);
        result_free(&result);
    }
}

/* Rank 0, its own share done: what the other ranks still owe. */
static void take_the_rest(runner *r, size_t owed) {
    run_result scratch;
    if (result_alloc(r, &scratch)) {
        r->abandoned = 1;
        return;
    }
    while (owed > 0) {
        size_t taken = take_in(r, &scratch, 1);
        if (taken == 0) break;
        owed -= taken < owed ? taken : owed;
    }
    result_free(&scratch);
}

/* ----------------------------------------------------------------- entry */

/* Rank 0: open the store and list what is missing. A failure is shared
 * as a count of SIZE_MAX, so every rank stops. */
static mishi_status plan(runner *r, const char *db, size_t **missing,
                         size_t *count, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    *missing = NULL, *count = SIZE_MAX;
    if (ranks_rank() == 0) {
        rc = store_open(db, r->sweep, &r->store, err);
        if (!rc) rc = store_missing(r->store, missing, count,
                                    &r->progress.resumed, err);
        if (rc) *count = SIZE_MAX;
        r->progress.done = r->progress.resumed;
    }
    mishi_error shared = {0};
    if (ranks_share(missing, count, &shared) && !rc)
        rc = mishi_error_set(err, shared.code, "%s", shared.message);
    if (!rc && *count == SIZE_MAX)
        rc = mishi_error_set(err, MISHI_EIO, "rank 0 could not open %s", db);
    return rc;
}

static mishi_status outcome(const runner *r, const char *db, mishi_error *err) {
    if (r->failure) return mishi_error_set(err, r->failure, "%s",
                                           r->failure_message.message);
    if (r->abandoned)
        return mishi_error_set(err, MISHI_EIO, "the sweep stopped early "
                               "(out of memory, or a rank could not send)");
    if (r->progress.failed)
        return mishi_error_set(err, MISHI_EIO, "%zu of %zu runs failed; %s's "
                               "runs table gives each one's message, and "
                               "running the sweep again retries them",
                               r->progress.failed, r->progress.total, db);
    return MISHI_OK;
}

mishi_status mishi_batch_run(const mishi_sweep *sweep, const char *db,
                             const mishi_batch_options *options,
                             mishi_error *err) {
    if (!sweep || !db || !*db)
        return mishi_error_set(err, MISHI_EARG, "a sweep and a database file");
    runner r = {.sweep = sweep, .options = options, .start = now(),
                .platform = mishi_platform_text()};
    mishi_sweep_describe(sweep, &r.info);
    r.progress.total = r.info.points * (size_t)r.info.replicates;
    size_t *missing = NULL, count = 0;
    mishi_status rc = plan(&r, db, &missing, &count, err);
    if (!rc) {
        int rank = ranks_rank(), size = ranks_size();
        size_t mine = count > (size_t)rank
            ? (count - (size_t)rank + (size_t)size - 1) / (size_t)size : 0;
        size_t owed = rank == 0 ? count - mine : 0;
        run_share(&r, missing, count, &owed);
        if (rank == 0) take_the_rest(&r, owed);
        ranks_wait_all();
        rc = rank == 0 ? outcome(&r, db, err) : MISHI_OK;
    }
    free(missing), free(r.platform);
    store_close(r.store);
    return rc;
}

int mishi_batch_mpi_built(void) { return ranks_built(); }

mishi_status mishi_batch_parallel_begin(int *argc, char ***argv, int *rank,
                                        int *ranks, mishi_error *err) {
    mishi_status rc = ranks_begin(argc, argv, err);
    *rank = ranks_rank(), *ranks = ranks_size();
    return rc;
}

void mishi_batch_parallel_end(void) { ranks_end(); }
