/*
 * store_schema.c — the tables of a results database, made for one sweep.
 *
 * The varied parameters and the measures become columns, named as the
 * sweep file names them ("consumers.transient_share", "quality"), so that
 * `SELECT * FROM runs_results` in pandas or R gives a tidy table with no
 * renaming. A variants factor's column holds its level's index, as the
 * sweep does; `levels` names each level and says what it sets, and a
 * column "NAME.level" of points and runs_results holds the name. The
 * sweep's definition is stored as the canonical JSON that
 * mishi_sweep_write_json writes, which store_check.c compares part by
 * part with the sweep's now when the database is opened again.
 */
#include "store_schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "mishi_files.h"

/* ---------------------------------------------------------------- SQL */

mishi_status store_fail(sqlite3 *db, const char *path, const char *what,
                        mishi_error *err) {
    return mishi_error_set(err, MISHI_EIO, "%s: cannot %s: %s", path, what,
                           db ? sqlite3_errmsg(db) : "out of memory");
}

mishi_status store_exec(sqlite3 *db, const char *path, const char *sql,
                        const char *what, mishi_error *err) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK) return MISHI_OK;
    return store_fail(db, path, what, err);
}

/* ------------------------------------------------------------- SQL text */

void sql_add(sql_text *t, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (t->failed || n < 0) return;
    if (t->length + (size_t)n + 1 > t->capacity) {
        size_t grown = 2 * (t->length + (size_t)n + 1);
        char *text = realloc(t->text, grown);
        if (!text) {
            t->failed = 1;
            return;
        }
        t->text = text, t->capacity = grown;
    }
    va_start(args, fmt);
    vsnprintf(t->text + t->length, (size_t)n + 1, fmt, args);
    va_end(args);
    t->length += (size_t)n;
}

void sql_add_name(sql_text *t, const char *name) {
    sql_add(t, "\"");
    for (const char *c = name; *c; c++) sql_add(t, *c == '"' ? "\"\"" : "%c", *c);
    sql_add(t, "\"");
}

char *sweep_definition(const mishi_sweep *sweep) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) return NULL;
    mishi_status rc = mishi_sweep_write_json(sweep, f);
    if (fclose(f) != 0 || rc != MISHI_OK) {
        free(text);
        return NULL;
    }
    return text;
}

/* ------------------------------------------------------------ the tables */

/* The column of `points` and `runs_results` that names a variants
 * factor's level at each point, beside the factor's own column (its
 * index): "bets.level". A factor's name has no '.', so no other column
 * can take it. */
static void add_level_column(sql_text *t, const mishi_factor_info *f) {
    char column[256];
    snprintf(column, sizeof column, "%s.level", f->path);
    sql_add_name(t, column);
}

/* Whether any factor is a variants factor. */
static int has_variants(const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    for (size_t k = 0; k < info.factors; k++)
        if (mishi_sweep_factor(sweep, k)->levels) return 1;
    return 0;
}

/* ", "bets.level" TEXT" per variants factor. */
static void add_level_columns(sql_text *t, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    for (size_t k = 0; k < info.factors; k++) {
        const mishi_factor_info *f = mishi_sweep_factor(sweep, k);
        if (!f->levels) continue;
        sql_add(t, ", ");
        add_level_column(t, f);
        sql_add(t, " TEXT");
    }
}

/* ", "f1" REAL, "f2" REAL": a REAL column per factor or per measure. */
static void add_columns(sql_text *t, const mishi_sweep *sweep, int measures) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    size_t n = measures ? info.measures : info.factors;
    for (size_t k = 0; k < n; k++) {
        sql_add(t, ", ");
        sql_add_name(t, measures ? mishi_sweep_measure(sweep, k)->name
                                 : mishi_sweep_factor(sweep, k)->path);
        sql_add(t, " REAL");
    }
}

static void add_tables(sql_text *t, const mishi_sweep *sweep) {
    sql_add(t, "CREATE TABLE sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
               "CREATE TABLE factors (factor INTEGER PRIMARY KEY, path TEXT "
               "NOT NULL UNIQUE, low REAL, high REAL, whole INTEGER NOT NULL);\n"
               "CREATE TABLE measures (measure INTEGER PRIMARY KEY, name TEXT "
               "NOT NULL UNIQUE, quantity TEXT NOT NULL, firms TEXT, class TEXT, "
               "summary TEXT NOT NULL, from_week INTEGER, to_week INTEGER, value "
               "REAL);\n"
               "CREATE TABLE levels (factor INTEGER NOT NULL REFERENCES "
               "factors, level INTEGER NOT NULL, name TEXT NOT NULL, "
               "assignments TEXT NOT NULL, PRIMARY KEY (factor, level));\n"
               "CREATE TABLE points (point INTEGER PRIMARY KEY");
    add_columns(t, sweep, 0);
    add_level_columns(t, sweep);
    sql_add(t, ");\nCREATE TABLE runs (run INTEGER PRIMARY KEY, point INTEGER "
               "NOT NULL REFERENCES points, replicate INTEGER NOT NULL, seed "
               "INTEGER NOT NULL");
    add_columns(t, sweep, 0);
    sql_add(t, ", status TEXT NOT NULL CHECK (status IN ('done', 'failed')), "
               "message TEXT, params TEXT NOT NULL, command TEXT NOT NULL, "
               "mishi_version TEXT NOT NULL, scenario_digest TEXT NOT NULL, "
               "setup_seconds REAL, run_seconds REAL, rank INTEGER, platform TEXT, "
               "idle TEXT, finished TEXT NOT NULL, UNIQUE (point, replicate));\n"
               "CREATE INDEX runs_by_status ON runs (status, point);\n"
               "CREATE TABLE results (run INTEGER PRIMARY KEY REFERENCES runs");
    add_columns(t, sweep, 1);
    sql_add(t, ");\nCREATE TABLE series (run INTEGER NOT NULL REFERENCES runs, "
               "quantity TEXT NOT NULL, week INTEGER NOT NULL, value REAL, "
               "PRIMARY KEY (run, quantity, week)) WITHOUT ROWID;\n");
}

/* runs_results: one row per done run, its factors and its measures, and
 * (from points) the name of each variants factor's level. */
static void add_view(sql_text *t, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sql_add(t, "CREATE VIEW runs_results AS SELECT run, point, replicate, seed");
    for (size_t k = 0; k < info.factors; k++) {
        const mishi_factor_info *f = mishi_sweep_factor(sweep, k);
        sql_add(t, ", runs.");
        sql_add_name(t, f->path);
        if (!f->levels) continue;
        sql_add(t, ", points.");
        add_level_column(t, f);
    }
    for (size_t m = 0; m < info.measures; m++) {
        sql_add(t, ", results.");
        sql_add_name(t, mishi_sweep_measure(sweep, m)->name);
    }
    /* runs.status: a measure may be named `status` (a column of results) */
    sql_add(t, " FROM runs JOIN results USING (run)%s WHERE runs.status = 'done';\n",
            has_variants(sweep) ? " JOIN points USING (point)" : "");
}

/* ------------------------------------------------------------- the rows */

static mishi_status put_key(sqlite3 *db, const char *key, const char *value) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "INSERT INTO sweep VALUES (?1, ?2)", -1, &q,
                           NULL) != SQLITE_OK)
        return MISHI_EIO;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? MISHI_OK : MISHI_EIO;
}

static mishi_status put_keys(sqlite3 *db, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    char *definition = sweep_definition(sweep);
    char number[3][32];
    snprintf(number[0], sizeof number[0], "%d", info.replicates);
    snprintf(number[1], sizeof number[1], "%zu", info.samples);
    snprintf(number[2], sizeof number[2], "%d", info.levels);
    const char *rows[][2] = {
        {"format", STORE_FORMAT}, {"mishi_version", MISHI_VERSION},
        {"model_digest", mishi_model_digest()},
        {"name", info.name}, {"source", info.source},
        {"scenario", info.scenario}, {"design", mishi_design_name(info.design)},
        {"replicates", number[0]}, {"samples", number[1]},
        {"levels", number[2]}, {"definition", definition},
        {"scenario_digest", mishi_sweep_scenario_digest(sweep)}};
    mishi_status rc = definition ? MISHI_OK : MISHI_ENOMEM;
    for (size_t i = 0; !rc && i < sizeof rows / sizeof rows[0]; i++)
        rc = put_key(db, rows[i][0], rows[i][1]);
    free(definition);
    return rc;
}

static mishi_status put_factors(sqlite3 *db, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "INSERT INTO factors VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &q, NULL) != SQLITE_OK)
        return MISHI_EIO;
    int rc = SQLITE_DONE;
    for (size_t k = 0; rc == SQLITE_DONE && k < info.factors; k++) {
        const mishi_factor_info *f = mishi_sweep_factor(sweep, k);
        sqlite3_bind_int64(q, 1, (sqlite3_int64)k);
        sqlite3_bind_text(q, 2, f->path, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, f->low);
        sqlite3_bind_double(q, 4, f->high);
        sqlite3_bind_int(q, 5, f->whole);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? MISHI_OK : MISHI_EIO;
}

static void bind_measure(sqlite3_stmt *q, size_t m, const mishi_measure_info *i) {
    sqlite3_bind_int64(q, 1, (sqlite3_int64)m);
    sqlite3_bind_text(q, 2, i->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, i->quantity.name, -1, SQLITE_STATIC);
    if (strcmp(i->quantity.file, "firms.csv") == 0)
        sqlite3_bind_text(q, 4, mishi_over_firms_name(i->quantity.over_firms),
                          -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, 4);
    if (i->quantity.class_name) /* the firms of one class only */
        sqlite3_bind_text(q, 5, i->quantity.class_name, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, 5);
    sqlite3_bind_text(q, 6, mishi_summary_name(i->summary), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 7, i->from);
    sqlite3_bind_int(q, 8, i->to);
    if (i->summary == MISHI_SUMMARY_FIRST_WEEK_ABOVE ||
        i->summary == MISHI_SUMMARY_FIRST_WEEK_BELOW)
        sqlite3_bind_double(q, 9, i->value);
    else sqlite3_bind_null(q, 9);
}

static mishi_status put_measures(sqlite3 *db, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "INSERT INTO measures VALUES (?1, ?2, ?3, ?4, "
                           "?5, ?6, ?7, ?8, ?9)", -1, &q, NULL) != SQLITE_OK)
        return MISHI_EIO;
    int rc = SQLITE_DONE;
    for (size_t m = 0; rc == SQLITE_DONE && m < info.measures; m++) {
        bind_measure(q, m, mishi_sweep_measure(sweep, m));
        rc = sqlite3_step(q);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? MISHI_OK : MISHI_EIO;
}

/* A variants level's assignments as a JSON array: ["path=value", ...]. */
static char *level_assignments(const mishi_sweep *sweep, size_t k,
                               size_t level) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) return NULL;
    fputc('[', f);
    const char *set;
    for (size_t i = 0; (set = mishi_sweep_level_set(sweep, k, level, i)); i++) {
        if (i) fputs(", ", f);
        mishi_json_string(f, set);
    }
    fputc(']', f);
    if (fclose(f) == 0) return text;
    free(text);
    return NULL;
}

/* Every variants factor's levels: index, name and assignments. */
static mishi_status put_levels(sqlite3 *db, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "INSERT INTO levels VALUES (?1, ?2, ?3, ?4)",
                           -1, &q, NULL) != SQLITE_OK)
        return MISHI_EIO;
    int rc = SQLITE_DONE;
    for (size_t k = 0; rc == SQLITE_DONE && k < info.factors; k++) {
        const mishi_factor_info *f = mishi_sweep_factor(sweep, k);
        for (size_t i = 0; rc == SQLITE_DONE && i < f->level_count; i++) {
            char *assignments = level_assignments(sweep, k, i);
            sqlite3_bind_int64(q, 1, (sqlite3_int64)k);
            sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
            sqlite3_bind_text(q, 3, f->levels[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 4, assignments, -1, SQLITE_TRANSIENT);
            rc = assignments ? sqlite3_step(q) : SQLITE_NOMEM;
            sqlite3_reset(q);
            free(assignments);
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? MISHI_OK : MISHI_EIO;
}

/* Point p's row: the point, its values, then its levels' names. */
static void bind_point(sqlite3_stmt *q, const mishi_sweep *sweep, size_t p,
                       size_t factors) {
    int at = 1;
    sqlite3_bind_int64(q, at++, (sqlite3_int64)p);
    for (size_t k = 0; k < factors; k++)
        sqlite3_bind_double(q, at++, mishi_sweep_value(sweep, p, k));
    for (size_t k = 0; k < factors; k++) {
        const mishi_factor_info *f = mishi_sweep_factor(sweep, k);
        char name[256];
        if (!f->levels) continue;
        mishi_factor_value_text(f, mishi_sweep_value(sweep, p, k),
                                MISHI_VALUE_SHORT, name, sizeof name);
        sqlite3_bind_text(q, at++, name, -1, SQLITE_TRANSIENT);
    }
}

/* INSERT INTO points VALUES (?, ...): a parameter per factor, then a
 * name per variants factor. */
static mishi_status put_points(sqlite3 *db, const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    sql_text t = {0};
    sql_add(&t, "INSERT INTO points VALUES (?");
    for (size_t k = 0; k < info.factors; k++)
        sql_add(&t, mishi_sweep_factor(sweep, k)->levels ? ", ?, ?" : ", ?");
    sql_add(&t, ")");
    sqlite3_stmt *q;
    int rc = t.failed ? SQLITE_NOMEM
                      : sqlite3_prepare_v2(db, t.text, -1, &q, NULL);
    free(t.text);
    if (rc != SQLITE_OK) return MISHI_EIO;
    rc = SQLITE_DONE;
    for (size_t p = 0; rc == SQLITE_DONE && p < info.points; p++) {
        bind_point(q, sweep, p, info.factors);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? MISHI_OK : MISHI_EIO;
}

mishi_status schema_create(sqlite3 *db, const char *path,
                           const mishi_sweep *sweep, mishi_error *err) {
    sql_text t = {0};
    sql_add(&t, "BEGIN;\n");
    add_tables(&t, sweep);
    add_view(&t, sweep);
    if (t.failed) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = store_exec(db, path, t.text, "create its tables", err);
    free(t.text);
    if (!rc && (put_keys(db, sweep) || put_factors(db, sweep) ||
                put_levels(db, sweep) || put_measures(db, sweep) ||
                put_points(db, sweep)))
        rc = store_fail(db, path, "describe the sweep", err);
    if (!rc) return store_exec(db, path, "COMMIT", "create its tables", err);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ------------------------------------------------------------ reading */

char *schema_value(sqlite3 *db, const char *key) {
    sqlite3_stmt *q;
    char *value = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM sweep WHERE key = ?1", -1,
                           &q, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        value = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return value;
}
