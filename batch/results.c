/*
 * results.c — a results database read back: what the sweep was, its
 * points, each measure summarised per point over its replicates, and
 * each recorded series per week at a point.
 *
 * Opened for queries only, so `mishi summarize` and `mishi sensitivity`
 * can read a sweep while it is still running (WAL lets a reader see the
 * runs committed so far) and can never change it. The connection is a
 * read-write one with writes refused (query_only), not a read-only one,
 * because only a connection that may write can fold the WAL back into the
 * file when it closes last: a read-only one leaves -wal and -shm files
 * beside the database. A file the user cannot write opens read-only. Everything small (factors,
 * a variants factor's level names, measures, the points' values) is read
 * once at open; the runs' values are read per measure when asked for.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mishi_batch.h"
#include "store.h"
#include "store_schema.h"

struct mishi_results {
    sqlite3 *db;
    char *path, *name, *version;
    mishi_results_info info;
    char **factor, **measure; /* paths; names */
    const char **measure_unit; /* strings of the columns table's, not ours */
    mishi_factor_info *factor_info; /* each factor's bounds and levels */
    char ***levels;           /* a variants factor's level names */
    double *values;           /* point p's factor k at p * factors + k */
    mishi_point_runs *point_runs; /* per point: its runs done and failed */
};

/* ------------------------------------------------------------- reading */

/* The number a one-row query gives; 0 if it gives none. */
static size_t query_number(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q;
    size_t n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) return 0;
    if (sqlite3_step(q) == SQLITE_ROW) n = (size_t)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

static long key_number(sqlite3 *db, const char *key) {
    char *text = schema_value(db, key);
    long n = text ? strtol(text, NULL, 10) : 0;
    free(text);
    return n;
}

static mishi_design design_named(const char *name) {
    for (int d = 0; d < MISHI_DESIGN_COUNT; d++)
        if (name && strcmp(name, mishi_design_name((mishi_design)d)) == 0)
            return (mishi_design)d;
    return MISHI_DESIGN_GRID;
}

static int read_keys(mishi_results *r) {
    char *design = schema_value(r->db, "design");
    r->name = schema_value(r->db, "name");
    r->version = schema_value(r->db, "mishi_version");
    mishi_results_info *i = &r->info;
    i->sweep = r->name, i->mishi_version = r->version;
    i->design = design_named(design);
    i->samples = (size_t)key_number(r->db, "samples");
    i->levels = (int)key_number(r->db, "levels");
    i->replicates = (int)key_number(r->db, "replicates");
    i->weeks = (int)query_number(r->db, "SELECT json_extract(value, '$.weeks') "
                               "FROM sweep WHERE key = 'definition'");
    free(design);
    return r->name && r->version && i->replicates > 0 ? 0 : -1;
}

static int read_factors(mishi_results *r) {
    size_t n = r->info.factors;
    r->factor = calloc(n + 1, sizeof *r->factor);
    r->factor_info = calloc(n + 1, sizeof *r->factor_info);
    r->levels = calloc(n + 1, sizeof *r->levels);
    sqlite3_stmt *q;
    if (!r->factor || !r->factor_info || !r->levels ||
        sqlite3_prepare_v2(r->db, "SELECT path, low, high, whole FROM factors "
                           "ORDER BY factor", -1, &q, NULL) != SQLITE_OK)
        return -1;
    for (size_t k = 0; k < n && sqlite3_step(q) == SQLITE_ROW; k++) {
        r->factor[k] = strdup((const char *)sqlite3_column_text(q, 0));
        r->factor_info[k] = (mishi_factor_info){
            r->factor[k], sqlite3_column_double(q, 1),
            sqlite3_column_double(q, 2), sqlite3_column_int(q, 3), NULL, 0};
    }
    sqlite3_finalize(q);
    for (size_t k = 0; k < n; k++) if (!r->factor[k]) return -1;
    return 0;
}

/* Level `name` after factor k's others. */
static int add_level(mishi_results *r, size_t k, const char *name) {
    mishi_factor_info *f = &r->factor_info[k];
    char **grown = realloc(r->levels[k], (f->level_count + 1) * sizeof *grown);
    if (!grown) return -1;
    r->levels[k] = grown;
    f->levels = (const char *const *)grown;
    if (!(grown[f->level_count] = strdup(name ? name : ""))) return -1;
    f->level_count++;
    return 0;
}

/* The variants factors' level names, in level order. A database made
 * before sweeps had variants has no `levels` table, and no such factor. */
static int read_levels(mishi_results *r) {
    if (!query_number(r->db, "SELECT count(*) FROM sqlite_master WHERE type "
                             "= 'table' AND name = 'levels'"))
        return 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(r->db, "SELECT factor, name FROM levels ORDER BY "
                           "factor, level", -1, &q, NULL) != SQLITE_OK)
        return -1;
    int failed = 0, step;
    while (!failed && (step = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 k = sqlite3_column_int64(q, 0);
        failed = k < 0 || (size_t)k >= r->info.factors ||
                 add_level(r, (size_t)k,
                           (const char *)sqlite3_column_text(q, 1));
    }
    sqlite3_finalize(q);
    return failed || step != SQLITE_DONE ? -1 : 0;
}

/* A measure's unit: a week for the first week above or below a value,
 * else its column's (a mean, sum, max or min over weeks or firms keeps
 * it); NULL for a quantity this build does not know. */
static const char *unit_of(const char *quantity, const char *summary) {
    if (strcmp(summary, mishi_summary_name(MISHI_SUMMARY_FIRST_WEEK_ABOVE)) == 0 ||
        strcmp(summary, mishi_summary_name(MISHI_SUMMARY_FIRST_WEEK_BELOW)) == 0)
        return "week";
    const mishi_column_info *c = mishi_column_named(quantity);
    return c ? c->unit : NULL;
}

static int read_measures(mishi_results *r) {
    size_t n = r->info.measures;
    r->measure = calloc(n + 1, sizeof *r->measure);
    r->measure_unit = calloc(n + 1, sizeof *r->measure_unit);
    sqlite3_stmt *q;
    if (!r->measure || !r->measure_unit ||
        sqlite3_prepare_v2(r->db, "SELECT name, quantity, summary FROM "
                           "measures ORDER BY measure", -1, &q, NULL) != SQLITE_OK)
        return -1;
    for (size_t m = 0; m < n && sqlite3_step(q) == SQLITE_ROW; m++) {
        r->measure[m] = strdup((const char *)sqlite3_column_text(q, 0));
        r->measure_unit[m] = unit_of((const char *)sqlite3_column_text(q, 1),
                                     (const char *)sqlite3_column_text(q, 2));
    }
    sqlite3_finalize(q);
    for (size_t m = 0; m < n; m++) if (!r->measure[m]) return -1;
    return 0;
}

/* SELECT * FROM points: the point, then its factors in factor order. */
static int read_points(mishi_results *r) {
    size_t factors = r->info.factors, points = r->info.points;
    r->values = calloc(points * factors + 1, sizeof *r->values);
    sqlite3_stmt *q;
    if (!r->values || sqlite3_prepare_v2(r->db, "SELECT * FROM points ORDER BY "
                                         "point", -1, &q, NULL) != SQLITE_OK)
        return -1;
    size_t read = 0;
    for (; read < points && sqlite3_step(q) == SQLITE_ROW; read++)
        for (size_t k = 0; k < factors; k++)
            r->values[read * factors + k] = sqlite3_column_double(q, (int)k + 1);
    sqlite3_finalize(q);
    return read == points ? 0 : -1; /* a step that failed is not a point of zeros */
}

/* Each point's runs done and failed: a plot of some points says whether
 * those have run, whatever the others have. */
static int read_point_runs(mishi_results *r) {
    r->point_runs = calloc(r->info.points + 1, sizeof *r->point_runs);
    sqlite3_stmt *q;
    if (!r->point_runs ||
        sqlite3_prepare_v2(r->db, "SELECT point, status = 'done', count(*) FROM "
                           "runs GROUP BY point, status", -1, &q, NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 p = sqlite3_column_int64(q, 0);
        size_t n = (size_t)sqlite3_column_int64(q, 2);
        if (p < 0 || (size_t)p >= r->info.points) continue; /* check_agreement
                                                               refuses it */
        if (sqlite3_column_int(q, 1)) r->point_runs[p].done = n;
        else r->point_runs[p].failed = n;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* What mishi wrote agrees with itself: every run at a point and replicate
 * the sweep has, every factor one its definition varies. A run moved by
 * hand to a point that is not there was summarised nowhere, and a factor
 * renamed was shown under the new name: both refused as edited. */
static const char runs_outside[] =
    "SELECT count(*) FROM runs WHERE point < 0 OR point >= (SELECT count(*) "
    "FROM points) OR replicate < 0 OR replicate >= CAST((SELECT value FROM "
    "sweep WHERE key = 'replicates') AS INTEGER)";
static const char factors_unknown[] =
    "SELECT count(*) FROM factors WHERE path NOT IN (SELECT atom FROM json_tree("
    "(SELECT value FROM sweep WHERE key = 'definition')) WHERE type = 'text')";

static mishi_status check_agreement(const mishi_results *r, mishi_error *err) {
    const char *which = query_number(r->db, runs_outside) ? "runs"
                        : query_number(r->db, factors_unknown) ? "factors"
                                                                : NULL;
    if (!which) return MISHI_OK;
    return mishi_error_set(err, MISHI_EIO, "%s: cannot read: its %s table does "
                           "not match the sweep it holds (edited since mishi "
                           "wrote it)", r->path, which);
}

static mishi_status read_all(mishi_results *r, mishi_error *err) {
    char *format = schema_value(r->db, "format");
    int ours = format && strcmp(format, STORE_FORMAT) == 0;
    free(format);
    /* a damaged file, or one SQLite cannot read here: it says why */
    int code = sqlite3_errcode(r->db);
    if (!ours && code == SQLITE_READONLY)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot read: %s (a database "
                               "left in write-ahead-log mode by a sweep that did "
                               "not end needs its -shm file written beside it: "
                               "copy it to a folder you can write, or run its "
                               "sweep again to finish it)", r->path,
                               sqlite3_errmsg(r->db));
    if (!ours && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB ||
                  code == SQLITE_CANTOPEN || code == SQLITE_IOERR ||
                  code == SQLITE_PERM || code == SQLITE_BUSY))
        return mishi_error_set(err, MISHI_EIO, "%s: cannot read: %s", r->path,
                               sqlite3_errmsg(r->db));
    if (!ours)
        return mishi_error_set(err, MISHI_EIO, "%s: not a mishi results "
                               "database (made by `mishi sweep`)", r->path);
    mishi_results_info *i = &r->info;
    i->factors = query_number(r->db, "SELECT count(*) FROM factors");
    i->measures = query_number(r->db, "SELECT count(*) FROM measures");
    i->points = query_number(r->db, "SELECT count(*) FROM points");
    i->done = query_number(r->db, "SELECT count(*) FROM runs WHERE status = 'done'");
    i->failed = query_number(r->db, "SELECT count(*) FROM runs WHERE status = 'failed'");
    if (read_keys(r) || read_factors(r) || read_levels(r) || read_measures(r) ||
        read_points(r) || read_point_runs(r)) {
        if (sqlite3_errcode(r->db) != SQLITE_OK)
            return store_fail(r->db, r->path, "read", err);
        /* SQLite read it all: what it holds is not what a sweep wrote */
        return mishi_error_set(err, MISHI_EIO, "%s: cannot read: its sweep "
                               "table is incomplete or edited (name, version "
                               "or replicates missing or not positive), or "
                               "memory ran out", r->path);
    }
    i->runs = i->points * (size_t)i->replicates;
    return check_agreement(r, err);
}

/* -------------------------------------------------------------- public */

/* "; did you mean GUESS?" when the file GUESS is there, else "": what a
 * user most likely meant by a path that is no results database (an
 * experiment's folder, for its results.sqlite; a database's name without
 * ".sqlite"). */
static void guess_hint(const char *guess, char *hint, size_t size) {
    hint[0] = '\0';
    if (access(guess, R_OK) == 0) snprintf(hint, size, "; did you mean %s?", guess);
}

static int names_a_sweep_file(const char *path) {
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0);
}

/* A path that is no results database is refused in words a user reads,
 * before SQLite says "unable to open database file" or "file is not a
 * database" of it. */
static mishi_status check_path(const char *db, mishi_error *err) {
    struct stat st;
    char guess[4200], hint[4300];
    if (stat(db, &st) != 0) {
        snprintf(guess, sizeof guess, "%s.sqlite", db);
        guess_hint(guess, hint, sizeof hint);
        if (errno != ENOENT)
            return mishi_error_set(err, MISHI_EIO, "%s: %s", db, strerror(errno));
        return mishi_error_set(err, MISHI_EIO, "%s: no such file; `mishi sweep` "
                               "makes a results database (--db, by default "
                               "out/<sweep name>.sqlite)%s", db, hint);
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(guess, sizeof guess, "%s/results.sqlite", db);
        guess_hint(guess, hint, sizeof hint);
        return mishi_error_set(err, MISHI_EIO, "%s: a folder, not a results "
                               "database%s", db, hint);
    }
    if (names_a_sweep_file(db))
        return mishi_error_set(err, MISHI_EIO, "%s: a sweep file, not a results "
                               "database: give the database `mishi sweep` wrote "
                               "its runs into (--db, by default out/<sweep "
                               "name>.sqlite)", db);
    return MISHI_OK;
}

mishi_status mishi_results_open(const char *db, mishi_results **out,
                                mishi_error *err) {
    *out = NULL;
    mishi_results *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(db))) {
        free(r);
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    mishi_status rc = check_path(db, err);
    if (!rc && sqlite3_open_v2(db, &r->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        rc = store_fail(r->db, db, "open", err);
    if (!rc) rc = store_exec(r->db, db, "PRAGMA query_only = ON;",
                             "refuse writes", err);
    if (!rc) rc = read_all(r, err);
    if (rc) mishi_results_close(r);
    else *out = r;
    return rc;
}

void mishi_results_close(mishi_results *r) {
    if (!r) return;
    for (size_t k = 0; r->factor && k < r->info.factors; k++) free(r->factor[k]);
    for (size_t k = 0; r->levels && r->factor_info && k < r->info.factors; k++) {
        for (size_t i = 0; i < r->factor_info[k].level_count; i++)
            free(r->levels[k][i]);
        free(r->levels[k]);
    }
    for (size_t m = 0; r->measure && m < r->info.measures; m++) free(r->measure[m]);
    free(r->factor), free(r->measure), free(r->factor_info), free(r->levels);
    free(r->measure_unit);
    free(r->values), free(r->point_runs);
    free(r->name), free(r->version), free(r->path);
    sqlite3_close(r->db);
    free(r);
}

void mishi_results_describe(const mishi_results *r, mishi_results_info *out) {
    *out = r->info;
}

mishi_point_runs mishi_results_point_runs(const mishi_results *r, size_t point) {
    mishi_point_runs none = {0, 0};
    return point < r->info.points ? r->point_runs[point] : none;
}

const char *mishi_results_factor(const mishi_results *r, size_t k) {
    return k < r->info.factors ? r->factor[k] : NULL;
}

const mishi_factor_info *mishi_results_factor_info(const mishi_results *r,
                                                  size_t k) {
    return k < r->info.factors ? &r->factor_info[k] : NULL;
}

const char *mishi_results_measure(const mishi_results *r, size_t m) {
    return m < r->info.measures ? r->measure[m] : NULL;
}

const char *mishi_results_measure_unit(const mishi_results *r, size_t m) {
    return m < r->info.measures ? r->measure_unit[m] : NULL;
}

long mishi_results_find_measure(const mishi_results *r, const char *name) {
    for (size_t m = 0; m < r->info.measures; m++)
        if (strcmp(r->measure[m], name) == 0) return (long)m;
    return -1;
}

long mishi_results_find_factor(const mishi_results *r, const char *path) {
    for (size_t k = 0; k < r->info.factors; k++)
        if (strcmp(r->factor[k], path) == 0) return (long)k;
    return -1;
}

double mishi_results_value(const mishi_results *r, size_t point, size_t k) {
    if (point >= r->info.points || k >= r->info.factors) return NAN;
    return r->values[point * r->info.factors + k];
}

double mishi_results_unit_value(const mishi_results *r, size_t point, size_t k) {
    double v = mishi_results_value(r, point, k);
    if (k >= r->info.factors) return NAN;
    double low = r->factor_info[k].low, high = r->factor_info[k].high;
    return high == low ? NAN : (v - low) / (high - low);
}

/* ------------------------------------------------------------ summaries */

static void empty_summaries(mishi_point_summary *out, size_t n) {
    for (size_t i = 0; i < n; i++)
        out[i] = (mishi_point_summary){i, 0, NAN, NAN, NAN, NAN};
}

/* Group g's summary from its values in x[0..n), if g is one of out's. */
static void summarize_group(size_t g, const double *x, size_t n,
                            size_t groups, mishi_point_summary *out) {
    if (g >= groups) return;
    mishi_mean_interval(x, n, 0.95, &out[g]);
    out[g].point = g;
}

enum { ROWS_READ = 0, ROWS_FAILED = -1, ROWS_NOT_NUMBERS = -2 };

/* The rows of `q`, (key, value) ordered by key, summarised per group
 * (key - first) into out[0..groups); at most `cap` values of a group are
 * read (a point's replicates), into x. ROWS_READ, ROWS_FAILED, or
 * ROWS_NOT_NUMBERS with the key in *bad: mishi writes a number or NULL
 * (NA), and SQLite reads a text someone wrote there since as 0. */
static int summarize_rows(sqlite3_stmt *q, sqlite3_int64 first, size_t groups,
                          double *x, size_t cap, mishi_point_summary *out,
                          sqlite3_int64 *bad) {
    empty_summaries(out, groups);
    size_t group = SIZE_MAX, n = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 key = sqlite3_column_int64(q, 0);
        size_t g = key - first < 0 ? SIZE_MAX - 1 : (size_t)(key - first);
        int type = sqlite3_column_type(q, 1);
        if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
            *bad = key;
            return ROWS_NOT_NUMBERS;
        }
        if (g != group) summarize_group(group, x, n, groups, out);
        if (g != group) group = g, n = 0;
        if (n < cap) x[n++] = type == SQLITE_NULL ? NAN : sqlite3_column_double(q, 1);
    }
    summarize_group(group, x, n, groups, out);
    return rc == SQLITE_DONE ? ROWS_READ : ROWS_FAILED;
}

/* What a failed summarize_rows says: `what` of `where` (a measure and
 * its point, a series and its week) holds a text, or the read failed. */
static mishi_status rows_failure(const mishi_results *r, int failed,
                                 const char *what, const char *where,
                                 sqlite3_int64 bad, const char *reading,
                                 mishi_error *err) {
    if (failed != ROWS_NOT_NUMBERS) return store_fail(r->db, r->path, reading, err);
    return mishi_error_set(err, MISHI_EARG, "%s: %s holds a text at %s %lld, where "
                           "mishi wrote a number or NULL: the database has been "
                           "edited since", r->path, what, where, (long long)bad);
}

/* SELECT point, "measure" FROM runs_results ORDER BY point, replicate. */
static sqlite3_stmt *measure_query(const mishi_results *r, size_t measure) {
    sql_text t = {0};
    sql_add(&t, "SELECT point, ");
    sql_add_name(&t, r->measure[measure]);
    sql_add(&t, " FROM runs_results ORDER BY point, replicate");
    sqlite3_stmt *q = NULL;
    if (!t.failed) sqlite3_prepare_v2(r->db, t.text, -1, &q, NULL);
    free(t.text);
    return q;
}

mishi_status mishi_results_summarize(const mishi_results *r, size_t measure,
                                     mishi_point_summary *out,
                                     mishi_error *err) {
    if (measure >= r->info.measures)
        return mishi_error_set(err, MISHI_EARG, "no measure %zu", measure);
    size_t cap = (size_t)r->info.replicates;
    double *x = malloc((cap + 1) * sizeof *x);
    sqlite3_stmt *q = x ? measure_query(r, measure) : NULL;
    sqlite3_int64 bad = 0;
    int failed = !q ? ROWS_FAILED
                    : summarize_rows(q, 0, r->info.points, x, cap, out, &bad);
    sqlite3_finalize(q);
    free(x);
    return failed ? rows_failure(r, failed, r->measure[measure], "point", bad,
                                 "read the runs", err)
                  : MISHI_OK;
}

/* ---------------------------------------------------------------- series */

/* 1 if the sweep recorded `quantity` week by week (its `series:`). */
static int records_series(const mishi_results *r, const char *quantity) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(r->db, "SELECT count(*) FROM sweep, json_each("
                           "sweep.value, '$.series') AS s WHERE sweep.key = "
                           "'definition' AND json_extract(s.value, "
                           "'$.column') = ?1", -1, &q, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(q, 1, quantity, -1, SQLITE_STATIC);
    int found = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
    sqlite3_finalize(q);
    return found;
}

/* A point's few runs by the runs_by_status index, then each run's weeks
 * by the series table's key (run, quantity, week). */
static const char series_sql[] =
    "SELECT s.week, s.value FROM runs JOIN series AS s USING (run) "
    "WHERE runs.status = 'done' AND runs.point = ?1 AND s.quantity = ?2 "
    "ORDER BY s.week, runs.replicate";

mishi_status mishi_results_series(const mishi_results *r, const char *quantity,
                                  size_t point, mishi_point_summary *out,
                                  mishi_error *err) {
    if (point >= r->info.points || !records_series(r, quantity))
        return mishi_error_set(err, MISHI_EARG, "%s: no series '%s' at point "
                               "%zu (the sweep's `series:` lists what it "
                               "records)", r->path, quantity, point);
    size_t cap = (size_t)r->info.replicates, weeks = (size_t)r->info.weeks;
    double *x = malloc((cap + 1) * sizeof *x);
    sqlite3_stmt *q = NULL;
    sqlite3_int64 bad = 0;
    int failed = !x || sqlite3_prepare_v2(r->db, series_sql, -1, &q, NULL)
                     ? ROWS_FAILED : ROWS_READ;
    if (!failed) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)point);
        sqlite3_bind_text(q, 2, quantity, -1, SQLITE_STATIC);
        failed = summarize_rows(q, 1, weeks, x, cap, out, &bad);
    }
    for (size_t w = 0; !failed && w < weeks; w++) out[w].point = point;
    sqlite3_finalize(q);
    free(x);
    return failed ? rows_failure(r, failed, quantity, "week", bad,
                                 "read the series", err)
                  : MISHI_OK;
}

/* ------------------------------------------------------ idle mechanisms */

/* The row of `*idle` for the item of `n` bytes at `at`, added if new;
 * NULL when out of memory. */
static mishi_idle_runs *idle_row(mishi_idle_runs **idle, size_t *count,
                                 size_t points, const char *at, size_t n) {
    for (size_t k = 0; k < *count; k++)
        if (strlen((*idle)[k].mechanism) == n && !strncmp((*idle)[k].mechanism, at, n))
            return &(*idle)[k];
    mishi_idle_runs *grown = realloc(*idle, (*count + 1) * sizeof *grown);
    if (!grown) return NULL;
    *idle = grown;
    mishi_idle_runs *row = &grown[*count];
    *row = (mishi_idle_runs){strndup(at, n), calloc(points + 1, sizeof(size_t)), 0};
    if (!row->mechanism || !row->runs) {
        free(row->mechanism), free(row->runs);
        return NULL;
    }
    ++*count;
    return row;
}

/* Count one run's field, "flash sales (xiaomi); resale", at `point`. */
static int tally_idle(mishi_idle_runs **idle, size_t *count, size_t points,
                      size_t point, const char *text) {
    for (const char *at = text; *at;) {
        size_t n = strcspn(at, ";");
        mishi_idle_runs *row = idle_row(idle, count, points, at, n);
        if (!row) return -1;
        row->runs[point]++, row->total++;
        at += n + strspn(at + n, "; ");
    }
    return 0;
}

static int has_idle_column(sqlite3 *db) {
    return query_number(db, "SELECT count(*) FROM pragma_table_info('runs') "
                            "WHERE name = 'idle'") == 1;
}

mishi_status mishi_results_idle(const mishi_results *r, mishi_idle_runs **out,
                                size_t *count, mishi_error *err) {
    *out = NULL, *count = 0;
    if (!has_idle_column(r->db)) return MISHI_OK;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(r->db, "SELECT point, idle FROM runs WHERE status = "
                           "'done' AND idle IS NOT NULL ORDER BY run", -1, &q,
                           NULL) != SQLITE_OK)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot read the runs' idle "
                               "mechanisms: %s", r->path, sqlite3_errmsg(r->db));
    int rc = SQLITE_DONE, failed = 0;
    while (!failed && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        sqlite3_int64 point = sqlite3_column_int64(q, 0);
        const char *text = (const char *)sqlite3_column_text(q, 1);
        if (point < 0 || (size_t)point >= r->info.points || !text) continue;
        failed = tally_idle(out, count, r->info.points, (size_t)point, text);
    }
    sqlite3_finalize(q);
    if (!failed && rc == SQLITE_DONE) return MISHI_OK;
    mishi_results_idle_free(*out, *count);
    *out = NULL, *count = 0;
    return failed ? mishi_error_set(err, MISHI_ENOMEM, "out of memory")
                  : mishi_error_set(err, MISHI_EIO, "%s: cannot read the runs' "
                                    "idle mechanisms: %s", r->path,
                                    sqlite3_errmsg(r->db));
}

void mishi_results_idle_free(mishi_idle_runs *idle, size_t count) {
    for (size_t k = 0; idle && k < count; k++) free(idle[k].mechanism), free(idle[k].runs);
    free(idle);
}
