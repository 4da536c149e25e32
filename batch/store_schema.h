/*
 * store_schema.h — the results database's tables for one sweep
 * (store_schema.c), the check that a database holds this sweep
 * (store_check.c), and the SQL helpers the store shares (errors, a
 * statement run, a text built), below the store so it calls none of it.
 */
#ifndef MISHI_STORE_SCHEMA_H
#define MISHI_STORE_SCHEMA_H

#include "mishi.h"
#include "mishi_sweep.h"

struct sqlite3;

/* The `format` the sweep table records: a database of mishi results,
 * in this layout. */
#define STORE_FORMAT "mishi-results-1"

/* Create every table for `sweep` and record what it is, in one
 * transaction. */
mishi_status schema_create(struct sqlite3 *db, const char *path,
                           const mishi_sweep *sweep, mishi_error *err);
/* Refuse a database made for another sweep (or by another version of
 * mishi, or from other model sources), naming each parameter, bound,
 * level, measure field or set value that differs, with both values. */
mishi_status schema_check(struct sqlite3 *db, const char *path,
                          const mishi_sweep *sweep, mishi_error *err);

/* The `sweep` table's value for `key` (to free); NULL if there is none
 * (or no such table: a database that is not ours). */
char *schema_value(struct sqlite3 *db, const char *key);

/* "The message" of the database's last error, for `what` on `path`. */
mishi_status store_fail(struct sqlite3 *db, const char *path, const char *what,
                        mishi_error *err);
/* Run `sql` (no rows wanted); on failure the message names `what`. */
mishi_status store_exec(struct sqlite3 *db, const char *path, const char *sql,
                        const char *what, mishi_error *err);

/* A growing SQL text; `failed` once out of memory. */
typedef struct sql_text {
    char *text;
    size_t length, capacity;
    int failed;
} sql_text;

void sql_add(sql_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* An identifier, double-quoted, quotes doubled: a --set path such as
 * firms.local.price becomes a column name as written. */
void sql_add_name(sql_text *t, const char *name);
/* The sweep's definition as canonical JSON (to free), NULL when out of
 * memory. */
char *sweep_definition(const mishi_sweep *sweep);

#endif
