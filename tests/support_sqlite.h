/*
 * support_sqlite.h — reading a results database in the tests that check
 * one (test_sweep, test_variants, test_ranks), and skipping the MPI checks
 * in a build without MPI.
 */
#ifndef MISHI_TEST_SUPPORT_SQLITE_H
#define MISHI_TEST_SUPPORT_SQLITE_H

#include <sqlite3.h>

#include "mishi_batch.h"
#include "support.h"

/* The first row of `sql`, ready to read, or NULL with no row. */
static inline sqlite3_stmt *first_row(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(q) == SQLITE_ROW) return q;
    sqlite3_finalize(q);
    return NULL;
}

/* The first column of the first row of `sql`, or -1 with no row. */
static inline long long number(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q = first_row(db, sql);
    long long n = q ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

/* The same as a real, or NaN with no row. */
static inline double real_number(sqlite3 *db, const char *sql) {
    sqlite3_stmt *q = first_row(db, sql);
    double x = q ? sqlite3_column_double(q, 0) : NAN;
    sqlite3_finalize(q);
    return x;
}

#ifndef MISHI_MPIEXEC /* CMake defines it: mpiexec's path, "" without MPI */
#define MISHI_MPIEXEC ""
#endif

/* A build without MPI skips the calling test, except in CI (MISHI_CI
 * set), which must not pass without the MPI checks. */
static inline void skip_without_mpi(void) {
    if (!mishi_batch_mpi_built() || !*MISHI_MPIEXEC) {
        if (getenv("MISHI_CI"))
            fail_msg("MISHI_CI is set and this build has no MPI (built: %d, "
                     "mpiexec: '%s'): install libopenmpi-dev and openmpi-bin",
                     mishi_batch_mpi_built(), MISHI_MPIEXEC);
        print_message("no MPI in this build: the MPI check is skipped\n");
        skip();
    }
}

#endif
