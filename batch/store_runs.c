/*
 * store_runs.c — which runs a database lacks, and writing a finished run.
 *
 * One run is one transaction: its row in runs, its measures in results
 * and its series, all or nothing, so a sweep killed mid-write leaves the
 * run missing, and the next invocation runs it again. A failed run is
 * written too (status 'failed', with its message), so the database says
 * what went wrong, and it counts as missing next time. The statements are
 * prepared once, at the first run written, and kept.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "mishi_files.h"
#include "store.h"
#include "store_schema.h"

struct run_writer {
    sqlite3_stmt *run, *result, *forget_result, *forget_series, *series;
};

void writer_free(struct run_writer *w) {
    if (!w) return;
    sqlite3_finalize(w->run), sqlite3_finalize(w->result);
    sqlite3_finalize(w->forget_result), sqlite3_finalize(w->forget_series);
    sqlite3_finalize(w->series);
    free(w);
}

/* ------------------------------------------------------------- missing */

mishi_status store_missing(store *s, size_t **missing, size_t *count,
                           size_t *done, mishi_error *err) {
    mishi_sweep_info info;
    mishi_sweep_describe(s->sweep, &info);
    size_t total = info.points * (size_t)info.replicates;
    unsigned char *finished = calloc(total ? total : 1, 1);
    *missing = malloc((total ? total : 1) * sizeof **missing);
    sqlite3_stmt *q = NULL;
    int rc = finished && *missing
        ? sqlite3_prepare_v2(s->db, "SELECT run FROM runs WHERE status = "
                             "'done'", -1, &q, NULL) : SQLITE_NOMEM;
    *done = 0;
    while (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
        sqlite3_int64 run = sqlite3_column_int64(q, 0);
        if (run >= 0 && (size_t)run < total && !finished[run])
            finished[run] = 1, (*done)++;
    }
    sqlite3_finalize(q);
    *count = 0;
    for (size_t run = 0; rc == SQLITE_OK && run < total; run++)
        if (!finished[run]) (*missing)[(*count)++] = run;
    free(finished);
    if (rc == SQLITE_OK) return MISHI_OK;
    free(*missing), *missing = NULL;
    return store_fail(s->db, s->path, "read which runs are done", err);
}

/* ------------------------------------------------------------ statements */

/* INSERT OR REPLACE INTO runs (...) VALUES (?, ...): 16 fixed columns and
 * one per factor, bound in that order by bind_run. */
static char *run_sql(const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sql_text t = {0};
    sql_add(&t, "INSERT OR REPLACE INTO runs (run, point, replicate, seed, "
                "status, message, params, command, mishi_version, "
                "scenario_digest, setup_seconds, run_seconds, rank, platform, idle, "
                "finished");
    for (size_t k = 0; k < info.factors; k++) {
        sql_add(&t, ", ");
        sql_add_name(&t, mishi_sweep_factor(sweep, k)->path);
    }
    sql_add(&t, ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')");
    for (size_t k = 0; k < info.factors; k++) sql_add(&t, ", ?");
    sql_add(&t, ")");
    if (t.failed) free(t.text);
    return t.failed ? NULL : t.text;
}

/* INSERT OR REPLACE INTO results VALUES (?, ...): the run, its measures. */
static char *result_sql(const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sql_text t = {0};
    sql_add(&t, "INSERT OR REPLACE INTO results VALUES (?");
    for (size_t m = 0; m < info.measures; m++) sql_add(&t, ", ?");
    sql_add(&t, ")");
    if (t.failed) free(t.text);
    return t.failed ? NULL : t.text;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **q) {
    return sql && sqlite3_prepare_v2(db, sql, -1, q, NULL) == SQLITE_OK ? 0 : -1;
}

static mishi_status make_writer(store *s, mishi_error *err) {
    struct run_writer *w = s->writer = calloc(1, sizeof *w);
    char *runs = run_sql(s->sweep), *results = result_sql(s->sweep);
    int failed = !w || prepare(s->db, runs, &w->run) ||
                 prepare(s->db, results, &w->result) ||
                 prepare(s->db, "DELETE FROM results WHERE run = ?",
                         &w->forget_result) ||
                 prepare(s->db, "DELETE FROM series WHERE run = ?",
                         &w->forget_series) ||
                 prepare(s->db, "INSERT INTO series VALUES (?, ?, ?, ?)",
                         &w->series);
    free(runs), free(results);
    if (!failed) return MISHI_OK;
    return store_fail(s->db, s->path, "prepare to write runs", err);
}

/* ------------------------------------------------------------- writing */

static void bind_real(sqlite3_stmt *q, int at, double v) {
    if (isfinite(v)) sqlite3_bind_double(q, at, v);
    else sqlite3_bind_null(q, at); /* NA in pandas and R */
}

/* The run's whole scenario as JSON (to free), NULL if it cannot be built. */
static char *run_params(const mishi_sweep *sweep, size_t point, int replicate) {
    mishi_scenario *sc = NULL;
    if (mishi_sweep_scenario(sweep, point, replicate, &sc, NULL)) return NULL;
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    mishi_status rc = f ? mishi_scenario_write_json(sc, f) : MISHI_ENOMEM;
    if (f && fclose(f) != 0) rc = MISHI_ENOMEM;
    mishi_scenario_free(sc);
    if (rc) free(text);
    return rc ? NULL : text;
}

static int bind_run(sqlite3_stmt *q, const store *s, const run_result *r,
                    char *params, char *command) {
    mishi_sweep_info info;
    mishi_sweep_describe(s->sweep, &info);
    size_t point = r->run / (size_t)info.replicates;
    int replicate = (int)(r->run % (size_t)info.replicates);
    sqlite3_bind_int64(q, 1, (sqlite3_int64)r->run);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)point);
    sqlite3_bind_int(q, 3, replicate);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)mishi_sweep_run_seed(s->sweep, point,
                                                                 replicate));
    sqlite3_bind_text(q, 5, r->ok ? "done" : "failed", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, r->message, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, params, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, command, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 9, MISHI_VERSION, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 10, mishi_sweep_scenario_digest(s->sweep), -1,
                      SQLITE_STATIC);
    bind_real(q, 11, r->setup_seconds);
    bind_real(q, 12, r->run_seconds);
    sqlite3_bind_int(q, 13, r->rank);
    sqlite3_bind_text(q, 14, r->platform, -1, SQLITE_STATIC); /* NULL: unknown */
    sqlite3_bind_text(q, 15, r->idle, -1, SQLITE_STATIC);     /* NULL: none */
    for (size_t k = 0; k < info.factors; k++)
        bind_real(q, 16 + (int)k, mishi_sweep_value(s->sweep, point, k));
    return params && command ? 0 : -1;
}

static int step_once(sqlite3_stmt *q) {
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int write_run(store *s, const run_result *r) {
    mishi_sweep_info info;
    mishi_sweep_describe(s->sweep, &info);
    size_t point = r->run / (size_t)info.replicates;
    int replicate = (int)(r->run % (size_t)info.replicates);
    char *params = run_params(s->sweep, point, replicate);
    char *command = mishi_sweep_command(s->sweep, point, replicate);
    int failed = bind_run(s->writer->run, s, r, params, command) ||
                 step_once(s->writer->run);
    free(params), free(command);
    return failed;
}

static int write_results(store *s, const run_result *r) {
    mishi_sweep_info info;
    mishi_sweep_describe(s->sweep, &info);
    sqlite3_stmt *q = s->writer->result;
    sqlite3_bind_int64(q, 1, (sqlite3_int64)r->run);
    for (size_t m = 0; m < info.measures; m++)
        bind_real(q, 2 + (int)m, r->measures[m]);
    return step_once(q);
}

static int write_series(store *s, const run_result *r) {
    mishi_sweep_info info;
    mishi_sweep_describe(s->sweep, &info);
    sqlite3_stmt *q = s->writer->series;
    int failed = 0;
    for (size_t k = 0; !failed && k < info.series; k++)
        for (size_t w = 0; !failed && w < r->weeks; w++) {
            sqlite3_bind_int64(q, 1, (sqlite3_int64)r->run);
            sqlite3_bind_text(q, 2, mishi_sweep_series(s->sweep, k)->name, -1,
                              SQLITE_STATIC);
            sqlite3_bind_int64(q, 3, (sqlite3_int64)w + 1);
            bind_real(q, 4, r->series[k * r->weeks + w]);
            failed = step_once(q);
        }
    return failed;
}

/* A run written again (a failed one retried) replaces what was there. */
static int forget(store *s, size_t run) {
    sqlite3_bind_int64(s->writer->forget_result, 1, (sqlite3_int64)run);
    sqlite3_bind_int64(s->writer->forget_series, 1, (sqlite3_int64)run);
    return step_once(s->writer->forget_result) ||
           step_once(s->writer->forget_series);
}

mishi_status store_put(store *s, const run_result *r, mishi_error *err) {
    if (!s->writer) {
        mishi_status rc = make_writer(s, err);
        if (rc) return rc;
    }
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s->db, s->path, "write a run", err);
    int failed = forget(s, r->run) || write_run(s, r) ||
                 (r->ok && (write_results(s, r) || write_series(s, r)));
    if (!failed) { /* the commit checkpoints: see set_journal (store.c) */
        mishi_hold_signals();
        int committed = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
        mishi_release_signals();
        if (committed) return MISHI_OK;
    }
    mishi_status rc = store_fail(s->db, s->path, "write a run", err);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
