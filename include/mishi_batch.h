/*
 * mishi_batch.h — libmishi_batch: runs a sweep (mishi_sweep.h) into a
 * SQLite database, reads it back, and analyses it: per-point summaries
 * with confidence intervals, Morris elementary effects and Sobol indices,
 * weekly series, and the verdicts of an experiment's claims.
 *
 * A client of libmishi like the validation library. What it adds to a
 * sweep is where the runs happen and where their results go:
 *  - every (point, replicate) runs once; each finished run is one SQLite
 *    transaction (WAL journal), so a sweep killed at any moment (Ctrl-C,
 *    kill -9, power loss) loses at most the runs in flight, and running
 *    the same sweep again finishes only what is missing;
 *  - runs go `jobs` at a time in one process, and over the ranks of an MPI
 *    job when started by mpirun (rank 0 owns the database; the others send
 *    it their results): the database holds the same rows either way;
 *  - the database records the sweep's definition: running a changed sweep
 *    against it is refused with what differs.
 * docs/batch.md documents the database's tables.
 *
 * Copyright (C) 2026 the mishi developers. GPL-3.0-or-later (see LICENSE).
 */
#ifndef MISHI_BATCH_H
#define MISHI_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "mishi.h"
#include "mishi_sweep.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ running */

/* Where a sweep stands, after each finished run (on rank 0, one call at a
 * time, in the order runs finish). */
typedef struct mishi_batch_progress {
    size_t total;   /* runs in the sweep: points x replicates */
    size_t done;    /* finished, by this invocation or an earlier one */
    size_t resumed; /* of those, finished before this invocation */
    size_t failed;  /* runs that failed in this invocation */
    double elapsed; /* seconds since this invocation started */
    /* the run that just finished */
    size_t run, point;
    int replicate;
    int ok;              /* 0: it failed, with `message` */
    const char *message; /* the run's error, or NULL */
    double seconds;      /* how long it took */
    int rank;            /* the MPI rank that ran it; 0 without MPI */
} mishi_batch_progress;

typedef void (*mishi_batch_progress_fn)(void *context,
                                        const mishi_batch_progress *progress);

typedef struct mishi_batch_options {
    int jobs; /* runs at a time in each process; 0: every core of the
                 machine, or 1 per rank under MPI */
    mishi_batch_progress_fn progress; /* may be NULL */
    void *context;                    /* handed to `progress` */
} mishi_batch_options;

/* Run every (point, replicate) of `sweep` that the database at `db` does
 * not hold yet, creating the database if it does not exist. Fails before
 * any run when `db` is not a mishi results database, is read-only, is in
 * use by another sweep, or holds another sweep (the message says which
 * keys differ). Only a refusal of `db` for what it is or holds is
 * MISHI_EARG (no file's name, not mishi results, read-only, another
 * sweep's, made by another mishi or model: another `db` would run the
 * sweep), or no sweep or `db` given; a database that cannot be used
 * (cannot open, in use, a write failing) is MISHI_EIO. A run that fails
 * is recorded as failed, with its message, and tried again by the next
 * invocation; the status is MISHI_OK only if every run is done. `options`
 * may be NULL. Under MPI every rank calls it with the same arguments, and
 * the status is rank 0's: a rank that cannot run its share tells rank 0,
 * whose message then names the rank, its reason and the runs left undone
 * (not written, so the next invocation runs them). A database that fails
 * mid-sweep stops every rank from starting more runs; the message names
 * the failure and counts the runs left undone. */
mishi_status mishi_batch_run(const mishi_sweep *sweep, const char *db,
                             const mishi_batch_options *options,
                             mishi_error *err);

/* 1 if this build can spread a sweep over MPI ranks. */
int mishi_batch_mpi_built(void);
/* How many processes the MPI launcher that started this one started in
 * all, as it says in every one; 1 when none did. */
long mishi_batch_processes_launched(void);
/* This process's rank among them, as the launcher says before MPI is
 * joined; 0 when none did. */
long mishi_batch_launched_rank(void);
/* Join the MPI job when this process was started by mpirun (and the build
 * has MPI); otherwise, or without MPI, a job of one: *rank 0, *ranks 1.
 * Call once before mishi_batch_run and mishi_batch_parallel_end after. */
mishi_status mishi_batch_parallel_begin(int *argc, char ***argv, int *rank,
                                        int *ranks, mishi_error *err);
/* After a step each rank takes alone between mishi_batch_parallel_begin
 * and mishi_batch_run (loading the sweep file), every rank calls this,
 * with `failed` 1 if the step failed there, and learns whether it failed on any rank and whether on rank 0: the
 * same on every rank (one collective; a job of one, its own word). A step
 * failed anywhere is every rank's end, as rank 0 would wait in
 * mishi_batch_run for a rank that never came; said once: by rank 0 if it
 * failed (every rank likely did, alike), else by each rank that did. */
void mishi_batch_parallel_agree(int failed, int *any_failed,
                                int *rank_0_failed);
/* Leave the MPI job. When rank 0 could not take in what the other ranks
 * send (mishi_batch_run's message says so), they may be blocked sending:
 * on rank 0 this then ends the whole job (MPI_Abort, exit status 1) and
 * does not return, so print mishi_batch_run's message first. */
void mishi_batch_parallel_end(void);

/* ------------------------------------------------------------------ reading */

/* A results database, open for reading only. */
typedef struct mishi_results mishi_results;

mishi_status mishi_results_open(const char *db, mishi_results **out,
                                mishi_error *err);
void mishi_results_close(mishi_results *results);

typedef struct mishi_results_info {
    const char *sweep;  /* the sweep's name */
    const char *mishi_version;
    mishi_design design;
    size_t samples;     /* the design's `points` */
    int levels;
    int replicates;
    size_t points, factors, measures;
    size_t runs, done;  /* runs in the sweep; runs finished */
    size_t failed;      /* runs whose last attempt failed (kept with the
                           message; a sweep run again retries them) */
    int weeks;          /* the runs' horizon: the length of each series */
} mishi_results_info;

void mishi_results_describe(const mishi_results *results,
                            mishi_results_info *out);
/* The runs at one point: finished, and failed at their last attempt (the
 * rest of its replicates have not run yet); read at open, as the info's
 * totals are. Zeros past the end. */
typedef struct mishi_point_runs {
    size_t done, failed;
} mishi_point_runs;
mishi_point_runs mishi_results_point_runs(const mishi_results *results,
                                          size_t point);
/* Factor `factor`'s --set path; measure `measure`'s name; NULL past end. */
const char *mishi_results_factor(const mishi_results *results, size_t factor);
/* Factor `factor` as the sweep described it: its path (a variants
 * factor's name), bounds and a variants factor's level names, to show a
 * value with mishi_factor_value_text; NULL past end. */
const mishi_factor_info *mishi_results_factor_info(const mishi_results *results,
                                                  size_t factor);
const char *mishi_results_measure(const mishi_results *results,
                                  size_t measure);
/* Measure `measure`'s unit ("units", "share 0..1", "week" for a first week
 * above or below a value), as `mishi outputs` gives its column's; NULL
 * past end or for a column this build does not know. */
const char *mishi_results_measure_unit(const mishi_results *results,
                                       size_t measure);
/* The index of the measure or factor so named; -1 if none is. */
long mishi_results_find_measure(const mishi_results *results,
                                const char *name);
long mishi_results_find_factor(const mishi_results *results, const char *path);
/* Factor `factor`'s value at `point` (a variants factor's: the level's
 * index); its value on the unit cube (for the sensitivity analyses: 0 at
 * the factor's low bound, 1 at its high). */
double mishi_results_value(const mishi_results *results, size_t point,
                           size_t factor);
double mishi_results_unit_value(const mishi_results *results, size_t point,
                                size_t factor);

/* The mechanisms switched on that never acted in some done run (the runs
 * table's `idle`, docs/model.md §7.13): one row per mechanism with the
 * classes it was idle for ("flash sales (xiaomi)"), in the order first
 * met, with how many done runs at each point it was idle in. A database
 * made before runs recorded it has none. */
typedef struct mishi_idle_runs {
    char *mechanism; /* "flash sales (xiaomi)" */
    size_t *runs;    /* at point p: runs[p] */
    size_t total;    /* over every point */
} mishi_idle_runs;
mishi_status mishi_results_idle(const mishi_results *results,
                                mishi_idle_runs **out, size_t *count,
                                mishi_error *err);
void mishi_results_idle_free(mishi_idle_runs *idle, size_t count);

/* `measure` summarised at every point; `out` has room for the points. */
mishi_status mishi_results_summarize(const mishi_results *results,
                                     size_t measure, mishi_point_summary *out,
                                     mishi_error *err);

/* Weekly series `quantity` (as `series:` names it: "market.mean_quality")
 * at `point`, over the replicates that finished there: out[w] summarises
 * week w + 1 as mishi_results_summarize summarises a point (n, mean, sd,
 * 95% Student-t interval), with out[w].point = point; `out` has room for
 * info.weeks. MISHI_EARG when the sweep did not record the quantity. */
mishi_status mishi_results_series(const mishi_results *results,
                                  const char *quantity, size_t point,
                                  mishi_point_summary *out, mishi_error *err);

/* ------------------------------------------------------------------ claims */

/* A claim's verdict in one setting (mishi_sweep.h defines claims). */
#define MISHI_VERDICT_LIST(X)                                                  \
    X(HOLDS, "holds") X(FAILS, "fails") X(UNDECIDED, "undecided")

typedef enum {
#define MISHI_VERDICT_ENUM(id, name) MISHI_VERDICT_##id,
    MISHI_VERDICT_LIST(MISHI_VERDICT_ENUM)
#undef MISHI_VERDICT_ENUM
    MISHI_VERDICT_COUNT
} mishi_verdict;

const char *mishi_verdict_name(mishi_verdict verdict); /* NULL out of range */

/* A claim in one setting: its measure at P against Q, each over the
 * replicates that finished there. */
typedef struct mishi_claim_setting {
    size_t p, q;                    /* mishi_sweep_claim_points */
    mishi_point_summary at_p, at_q; /* n, mean, sd, 95% CI at each */
    mishi_difference difference;    /* mean at P minus mean at Q, with
                                       Welch's 95% interval */
    double relative;  /* difference / |mean at Q|; NaN when that mean is 0 */
    mishi_verdict verdict;
} mishi_claim_setting;

/* Claim `claim` of `sweep` checked in every setting against the runs in
 * `results`, a database of that sweep; `out` has room for the claim's
 * settings. The verdict: HOLDS when the interval lies wholly on the side
 * of 0 the claim expects (below it for `expect: lower`), FAILS when wholly
 * on the other, UNDECIDED when it contains 0 or cannot be computed (fewer
 * than 2 values at P or at Q). Each setting's interval is a 95% interval
 * on its own, with no correction for the number of settings. MISHI_EARG
 * when the database's points or measures are not the sweep's. */
mishi_status mishi_claim_check(const mishi_sweep *sweep, size_t claim,
                               const mishi_results *results,
                               mishi_claim_setting *out, mishi_error *err);

#ifdef __cplusplus
}
#endif
#endif /* MISHI_BATCH_H */
