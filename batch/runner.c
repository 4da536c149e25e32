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
 * A rank that cannot run the rest of its share (no memory for a run's
 * buffers, a result it cannot send) does not just stop: rank 0 would wait
 * for its runs for ever. It tells rank 0 it gives up, and why (ranks.h);
 * rank 0 keeps an account of each rank's share, stops waiting for one
 * that gave up, writes nothing for the runs it did not send, and ends
 * with a failure that names the rank, its reason and the runs left
 * undone, which the same sweep run again runs. A thread that cannot get
 * its buffers takes no runs, so a rank gives up only when none can.
 *
 * A rank 0 whose database fails records nothing more, so it tells the
 * other ranks to stop (ranks_stop) rather than let them run their whole
 * share for nothing. Each checks for that word before every run, and
 * once told starts no more runs; having run less than its share, it
 * gives up as above, so rank 0 still knows when it has had a rank's last
 * message. Rank 0 keeps taking messages in until then (one may be blocked
 * sending to it), and sends the word, once, to every rank still without
 * it before the final barrier, which each rank passes only with the word
 * received: no message is then left in flight.
 *
 * So the database holds the same rows whatever the number of jobs or
 * ranks (timings and the `rank` column aside), and a run is in it whole or
 * not at all.
 */
#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mishi_batch.h"
#include "mishi_files.h"
#include "ranks.h"
#include "result_wire.h"
#include "store.h"

/* What rank 0 knows of one rank's share, its own included. */
typedef struct rank_account {
    size_t owed;                     /* runs of its share not had yet */
    int gave_up;                     /* it runs none of them */
    char why[RANKS_REASON_MAX + 1];  /* why, in its words */
} rank_account;

typedef struct runner {
    const mishi_sweep *sweep;
    mishi_sweep_info info;
    const mishi_batch_options *options;
    store *store;                /* rank 0 only */
    mishi_batch_progress progress;
    double start;
    /* stop starting runs (the store failed, a result could not be sent);
     * atomic, as every thread reads it before each run and one may set it
     * outside the critical section */
    atomic_int abandoned;
    mishi_status failure;        /* the store's first failure */
    mishi_error failure_message;
    char *platform;              /* this process's, for each of its runs */
    /* under the finish lock: this rank's runs recorded (rank 0) or sent,
     * and why it did fewer than its share, the first reason given */
    size_t delivered;
    char why[RANKS_REASON_MAX + 1];
    rank_account *ranks;         /* rank 0: one per rank */
    size_t unreadable;           /* rank 0: results not of this sweep */
    /* rank 0 could not take a message in, and listens no more: why */
    char deaf[RANKS_REASON_MAX + 1];
} runner;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* A reason into one of the RANKS_REASON_MAX-byte fields below, cut to
 * fit: a reason is a short text, and travels cut anyway (ranks.h). */
static void set_reason(char reason[RANKS_REASON_MAX + 1], const char *text) {
    snprintf(reason, RANKS_REASON_MAX + 1, "%.*s", (int)RANKS_REASON_MAX, text);
}

/* This rank runs fewer runs than its share: why, if no reason was given
 * before. Called under the finish lock, or by one thread. */
static void note_why(runner *r, const char *why) {
    if (!r->why[0]) set_reason(r->why, why);
}

/* This rank starts no more runs, for `why`. */
static void stop(runner *r, const char *why) {
    note_why(r, why);
    r->abandoned = 1;
}

/* How many of `count` runs `rank` of `size` takes: every size-th, from its
 * rank. */
static size_t share_of(size_t count, int rank, int size) {
    return count > (size_t)rank
        ? (count - (size_t)rank + (size_t)size - 1) / (size_t)size : 0;
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
    if (r->failure) return;
    mishi_error err = {0};
    mishi_status rc = store_put(r->store, result, &err);
    if (rc) {
        r->failure = rc, r->failure_message = err;
        stop(r, err.message);
        ranks_stop();
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

/* Rank 0: one message from another rank. A run is written (one that does
 * not fit this sweep is counted, not written); a give-up is that rank's
 * last word, so what it still owes is left undone. */
static void hear(runner *r, const ranks_message *m, run_result *scratch) {
    rank_account *a = &r->ranks[m->from];
    if (m->gave_up) {
        a->gave_up = 1;
        int bytes = m->size < RANKS_REASON_MAX ? (int)m->size : RANKS_REASON_MAX;
        snprintf(a->why, sizeof a->why, "%.*s", bytes, (const char *)m->data);
        return;
    }
    a->owed -= a->owed > 0;
    if (wire_read(m->data, m->size, scratch) == 0) record(r, scratch);
    else r->unreadable++;
}

/* Rank 0: take in what the other ranks have sent; with `wait`, block for
 * one message first. One it cannot take in leaves it deaf. */
static void take_in(runner *r, run_result *scratch, int wait) {
    for (int first = 1; !r->deaf[0]; first = 0) {
        ranks_message m;
        mishi_error err = {0};
        if (ranks_receive(wait && first, &m, &err)) {
            set_reason(r->deaf, err.message);
            return;
        }
        if (!m.data) return;
        hear(r, &m, scratch);
        free(m.data);
    }
}

/* A finished run leaves its thread here, one at a time. */
static void finish(runner *r, run_result *result) {
    if (ranks_rank() != 0) {
        mishi_error err = {0};
        if (wire_send(result, &err) == MISHI_OK) r->delivered++;
        else stop(r, err.message);
        return;
    }
    record(r, result);
    r->delivered++;
    take_in(r, result, 0);
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

/* A thread's buffers for its runs; 0, or -1 with why in `err`. */
static int get_ready(const runner *r, run_result *result,
                     mishi_recorder **rec, mishi_error *err) {
    if (result_alloc(r, result)) {
        mishi_error_set(err, MISHI_ENOMEM, "no memory for a run's results "
                        "(%zu measures, %zu series of %d weeks)",
                        r->info.measures, r->info.series, r->info.weeks);
        return -1;
    }
    return mishi_recorder_new(r->sweep, rec, err) ? -1 : 0;
}

/* Whether a thread may start another run: not once this rank stopped,
 * nor once rank 0 has told it to. The word is looked for under the finish
 * lock, as MPI serves this rank's threads one at a time. */
static int may_start(runner *r) {
#pragma omp critical(mishi_batch_finish)
    if (!r->abandoned && ranks_stopped())
        stop(r, "rank 0 recorded no more, and told it to stop");
    return !r->abandoned;
}

/* One thread's runs: the next of the share not taken yet, until none is
 * left or the rank stops. */
static void run_some(runner *r, const size_t *missing, size_t mine,
                     atomic_size_t *next, run_result *result,
                     mishi_recorder *rec) {
    size_t rank = (size_t)ranks_rank(), size = (size_t)ranks_size(), i;
    while (may_start(r) && (i = atomic_fetch_add(next, 1)) < mine) {
        run_one(r, missing[i * size + rank], rec, result);
#pragma omp critical(mishi_batch_finish)
        finish(r, result);
    }
}

/* This rank's share of the missing runs: every size-th, from its rank.
 * A thread that cannot get its buffers says why and takes no runs: the
 * others take them all. */
static void run_share(runner *r, const size_t *missing, size_t mine) {
    atomic_size_t next = 0;
    if (mine == 0) return; /* no buffers to get for no runs */
#pragma omp parallel num_threads(jobs_for(r->options))
    {
        run_result result;
        mishi_recorder *rec = NULL;
        mishi_error err = {0};
        if (get_ready(r, &result, &rec, &err) == 0)
            run_some(r, missing, mine, &next, &result, rec);
        else {
#pragma omp critical(mishi_batch_finish)
            note_why(r, err.message);
        }
        mishi_recorder_free(rec);
        result_free(&result);
    }
}

/* Whether another rank still owes rank 0 runs. */
static int others_owe(const runner *r) {
    for (int k = 1; k < ranks_size(); k++)
        if (r->ranks[k].owed > 0 && !r->ranks[k].gave_up) return 1;
    return 0;
}

/* Rank 0, its own share done: every other rank's runs, or its word that
 * it gives up. */
static void take_the_rest(runner *r) {
    if (!others_owe(r)) return;
    run_result scratch;
    if (result_alloc(r, &scratch))
        set_reason(r->deaf, "no memory for a run's results");
    while (!r->deaf[0] && others_owe(r)) take_in(r, &scratch, 1);
    result_free(&scratch);
}

/* ----------------------------------------------------------------- entry */

/* Rank 0: an account of each rank's share of the `count` missing runs. */
static mishi_status open_accounts(runner *r, size_t count, mishi_error *err) {
    int size = ranks_size();
    r->ranks = calloc((size_t)size, sizeof *r->ranks);
    if (!r->ranks)
        return mishi_error_set(err, MISHI_ENOMEM, "no memory to account for "
                               "%d ranks", size);
    for (int k = 0; k < size; k++) r->ranks[k].owed = share_of(count, k, size);
    return MISHI_OK;
}

/* Rank 0: open the store, list what is missing, and open the accounts. */
static mishi_status list_missing(runner *r, const char *db, size_t **missing,
                                 size_t *count, mishi_error *err) {
    mishi_status rc = store_open(db, r->sweep, &r->store, err);
    if (!rc) rc = store_missing(r->store, missing, count,
                                &r->progress.resumed, err);
    r->progress.done = r->progress.resumed;
    return rc ? rc : open_accounts(r, *count, err);
}

/* Every rank learns what is missing. A failure on rank 0 is shared as a
 * count of SIZE_MAX, so every rank stops; another rank that cannot hold
 * the list still learns the count, and gives up its share (settle). */
static mishi_status plan(runner *r, const char *db, size_t **missing,
                         size_t *count, mishi_error *err) {
    mishi_status rc = MISHI_OK;
    *missing = NULL, *count = SIZE_MAX;
    if (ranks_rank() == 0 && (rc = list_missing(r, db, missing, count, err)))
        *count = SIZE_MAX;
    mishi_error shared = {0};
    if (ranks_share(missing, count, &shared) && !rc)
        rc = mishi_error_set(err, shared.code, "%s", shared.message);
    if (!rc && *count == SIZE_MAX)
        rc = mishi_error_set(err, MISHI_EIO, "rank 0 could not open %s", db);
    return rc;
}

/* Rank 0: why runs were left undone, in `text`: the ranks that gave up,
 * the first three with their reasons. */
static void say_who_stopped(const runner *r, char *text, size_t size) {
    int said = 0, more = 0;
    if (r->deaf[0])
        mishi_text_append(text, size, "rank 0 could not take in the other ranks' "
                          "runs (%s), so it ends the MPI job", r->deaf), said++;
    for (int k = 0; k < ranks_size(); k++) {
        const rank_account *a = &r->ranks[k];
        if (!a->gave_up) continue;
        if (said == 3) more++;
        else if (ranks_size() == 1)
            mishi_text_append(text, size, "the sweep stopped: %s", a->why), said++;
        else mishi_text_append(text, size, "%srank %d gave up: %s",
                               said++ ? "; " : "", k, a->why);
    }
    if (more) mishi_text_append(text, size, "; %d more ranks gave up", more);
    if (r->unreadable)
        mishi_text_append(text, size, "%s%zu results sent by other ranks were not "
                          "of this sweep (do all ranks read the same sweep file?)",
                          text[0] ? "; " : "", r->unreadable);
}

static size_t runs_undone(const runner *r) {
    size_t undone = r->unreadable;
    for (int k = 0; k < ranks_size(); k++) undone += r->ranks[k].owed;
    return undone;
}

/* Rank 0: `undone` runs are not in the database. As an interrupted
 * sweep's note, it says that the same command again runs them. */
static mishi_status say_undone(const runner *r, size_t undone, const char *db,
                               mishi_error *err) {
    char text[sizeof err->message] = "";
    say_who_stopped(r, text, sizeof text);
    mishi_text_append(text, sizeof text, "; %zu of %zu runs are left undone", undone,
                      r->progress.total);
    if (r->progress.failed)
        mishi_text_append(text, sizeof text, " and %zu failed (%s's runs table "
                          "gives each one's message)", r->progress.failed, db);
    mishi_text_append(text, sizeof text, "; the finished runs are kept in %s: the "
                      "same command again runs the rest", db);
    return mishi_error_set(err, MISHI_EIO, "%s", text);
}

/* Rank 0: its database failed, so the runs it did not record, whoever
 * ran them, are left undone; the same command again runs them. */
static mishi_status say_store_failed(const runner *r, const char *db,
                                     mishi_error *err) {
    const mishi_batch_progress *p = &r->progress;
    return mishi_error_set(err, r->failure, "%s; %zu of %zu runs are left "
                           "undone; the finished runs are kept in %s: the "
                           "same command again runs the rest",
                           r->failure_message.message,
                           p->total - p->done - p->failed, p->total, db);
}

static mishi_status outcome(const runner *r, const char *db, mishi_error *err) {
    if (r->failure) return say_store_failed(r, db, err);
    size_t undone = runs_undone(r);
    if (undone) return say_undone(r, undone, db, err);
    if (r->progress.failed)
        return mishi_error_set(err, MISHI_EIO, "%zu of %zu runs failed; %s's "
                               "runs table gives each one's message, and "
                               "running the sweep again retries them",
                               r->progress.failed, r->progress.total, db);
    return MISHI_OK;
}

/* A rank other than 0 that did not send its whole share says so; its last
 * message, so rank 0 has had every run it sent. */
static void give_up_if_short(const runner *r, size_t mine) {
    if (r->delivered >= mine) return;
    mishi_error err = {0};
    (void)ranks_give_up(r->why[0] ? r->why : "it stopped, saying no more", &err);
}

/* After this rank's share of `mine` runs: another rank that ran short
 * gives up, and waits for rank 0's word to stop; rank 0 enters its own
 * runs left undone in its account, takes in the rest, tells the ranks
 * not told yet to stop, and says how the sweep went. A rank 0 that could
 * not take the rest in leaves the job to be ended when it leaves MPI,
 * after the caller has said why. */
static mishi_status settle(runner *r, size_t mine, const char *db,
                           mishi_error *err) {
    if (ranks_rank() != 0) {
        give_up_if_short(r, mine);
        ranks_await_stop();
        ranks_wait_all();
        return MISHI_OK;
    }
    rank_account *own = &r->ranks[0];
    own->owed = mine - r->delivered;
    if (own->owed) {
        own->gave_up = 1;
        set_reason(own->why, r->why);
    }
    take_the_rest(r);
    /* a rank may be blocked sending to a deaf rank 0: at the barrier, or
     * in MPI_Finalize, rank 0 would wait for it for ever */
    if (r->deaf[0]) ranks_abort_at_end();
    else {
        ranks_stop(); /* every rank's last message is in: none waits */
        ranks_wait_all();
    }
    return outcome(r, db, err);
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
    if (count != SIZE_MAX) { /* every rank goes on; one without the list gives up */
        size_t mine = share_of(count, ranks_rank(), ranks_size());
        if (rc) note_why(&r, err->message);
        else run_share(&r, missing, mine);
        rc = settle(&r, mine, db, err);
    }
    free(missing), free(r.platform), free(r.ranks);
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

void mishi_batch_parallel_agree(int failed, int *any_failed,
                                int *rank_0_failed) {
    ranks_agree(failed, any_failed, rank_0_failed);
}

void mishi_batch_parallel_end(void) { ranks_end(); }
