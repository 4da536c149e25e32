/*
 * support_sqlite.h — reading a results database in the tests that check
 * one (test_sweep, test_variants).
 */
#ifndef MISHI_TEST_SUPPORT_SQLITE_H
#define MISHI_TEST_SUPPORT_SQLITE_H

#include <sqlite3.h>

#include "support.h"

/* The first column of the first row of `sql`, or -1 with no row. */
static inline long long number(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

#endif
