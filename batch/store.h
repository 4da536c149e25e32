/*
 * store.h — the SQLite database a sweep runs into (store.c, store_runs.c).
 *
 * Tables (docs/batch.md documents them for users):
 *   sweep     key, value: what the database holds — format, mishi_version,
 *             model_digest (mishi_model_digest: which model made it),
 *             name, design, definition (the sweep as canonical JSON),
 *             scenario_digest
 *   factors   factor, path, low, high, whole: the varied parameters (a
 *             variants factor: its name, 0, levels - 1, 1)
 *   levels    factor, level, name, assignments (a JSON array of
 *             "path=value"): each variants factor's levels
 *   points    point, then one column per factor, named by its --set path
 *             (a variants factor's: the level's index), then "NAME.level",
 *             the level's name, per variants factor
 *   measures  measure, name, quantity, firms, summary, from_week, to_week,
 *             value: what each measure is
 *   runs      run, point, replicate, seed, one column per factor, status
 *             ('done' or 'failed'), message, params (the run's whole
 *             scenario as JSON), command (the `mishi run` line that repeats
 *             it), mishi_version, scenario_digest, setup_seconds,
 *             run_seconds, rank, platform, idle (the mechanisms switched
 *             on that never acted, "flash sales (xiaomi); resale"; NULL:
 *             none), finished (UTC)
 *   results   run, then one column per measure (done runs only)
 *   series    run, quantity, week, value: whole weekly series
 *   view runs_results: runs joined with results, done runs only (and
 *             with points for the "NAME.level" columns)
 *
 * A run is written in one transaction (WAL journal, synchronous FULL), so
 * a killed sweep leaves whole runs or none; run ids are point *
 * replicates + replicate, so a run written twice is written once.
 */
#ifndef MISHI_STORE_H
#define MISHI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "mishi.h"
#include "mishi_sweep.h"

typedef struct store store;

/* What a worker hands the store for one run. */
typedef struct run_result {
    size_t run;
    int ok;
    char *message;       /* the failure, or NULL */
    char *platform;      /* where it ran (mishi_platform_text), or NULL */
    char *idle;          /* the mechanisms switched on that never acted, as
                            "flash sales (xiaomi); resale", or NULL: none */
    double setup_seconds, run_seconds;
    int rank;
    double *measures;    /* measure_count values */
    double *series;      /* series_count series, `weeks` values each */
    size_t measure_count, series_count, weeks;
} run_result;

/* Open or create `path` for `sweep`, refusing (before writing anything) a
 * file that is not a mishi results database, a read-only one, one another
 * sweep is using, or one that holds a different sweep. A file unfit for
 * the sweep, for what it is or holds, is MISHI_EARG; one that could not
 * be used now (opened, locked, in use, read) MISHI_EIO. */
mishi_status store_open(const char *path, const mishi_sweep *sweep,
                        store **out, mishi_error *err);
/* Close the store; one that was opened is left as one file (store.c,
 * set_journal), which a reader can open where it may not write. */
void store_close(store *s);
/* Runs not done yet, in id order; `*missing` to free. `*done` counts the
 * runs already done. */
mishi_status store_missing(store *s, size_t **missing, size_t *count,
                           size_t *done, mishi_error *err);
/* Write one finished run (and its measures and series) in one
 * transaction. */
mishi_status store_put(store *s, const run_result *r, mishi_error *err);

/* The open store, shared by store.c (opening) and store_runs.c (runs). */
struct sqlite3;
struct run_writer; /* store_runs.c: its prepared statements */
struct store {
    struct sqlite3 *db;
    char *path;
    int lock_fd;
    const mishi_sweep *sweep;
    struct run_writer *writer; /* made at the first store_put */
    int ready;                 /* it passed every check: ours, this sweep */
};
void writer_free(struct run_writer *w);

#endif
