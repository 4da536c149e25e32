/*
 * store.c — opening the results database: refuse what is not ours, lock it
 * for one sweep at a time, create it, and check it holds this sweep.
 *
 * Nothing is written until the file has passed every check, so a file that
 * is not a mishi database (or a database of another sweep) is never
 * touched. One sweep at a time: an exclusive flock(2) on the database file,
 * held while the store is open. SQLite's own locks are fcntl(2) locks, a
 * separate kind on Linux, so this lock does not disturb them; the kernel
 * drops it when the process dies, so a sweep killed with -9 leaves no
 * stale lock to clear by hand. Rank 0 alone opens the store under MPI.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store_schema.h"

/* ----------------------------------------------------------------- the lock */

/* The file, created empty if missing (an empty file is an empty SQLite
 * database), and locked for this sweep. */
static mishi_status lock_file(store *s, int *created, mishi_error *err) {
    struct stat st;
    *created = stat(s->path, &st) != 0;
    s->lock_fd = open(s->path, O_RDONLY | O_CREAT, 0666);
    if (s->lock_fd < 0)
        return mishi_error_set(err, MISHI_EIO, "%s: cannot open: %s", s->path,
                               strerror(errno));
    if (!*created && !S_ISREG(st.st_mode))
        return mishi_error_set(err, MISHI_EARG, "%s: not a file", s->path);
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) == 0) return MISHI_OK;
    if (errno == EWOULDBLOCK)
        return mishi_error_set(err, MISHI_EIO, "%s: in use by another mishi "
                               "sweep; wait for it to finish, or give this one "
                               "another file", s->path);
    return mishi_error_set(err, MISHI_EIO, "%s: cannot lock: %s", s->path,
                           strerror(errno));
}

/* ------------------------------------------------------------ what it is */

/* 1 if the database has no tables at all (a new or empty file). */
static mishi_status is_empty(store *s, int *empty, mishi_error *err) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_schema", -1, &q,
                           NULL) != SQLITE_OK) {
        mishi_status rc = sqlite3_errcode(s->db) == SQLITE_NOTADB
            ? mishi_error_set(err, MISHI_EARG, "%s: not a SQLite database, "
                              "so not mishi results", s->path)
            : store_fail(s->db, s->path, "read", err);
        return rc;
    }
    int rc = sqlite3_step(q);
    *empty = rc == SQLITE_ROW && sqlite3_column_int(q, 0) == 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? MISHI_OK : store_fail(s->db, s->path, "read", err);
}

static mishi_status check_ours(store *s, mishi_error *err) {
    char *format = schema_value(s->db, "format");
    int ours = format && strcmp(format, STORE_FORMAT) == 0;
    free(format);
    if (ours) return MISHI_OK;
    return mishi_error_set(err, MISHI_EARG, "%s: a SQLite database, but not "
                           "mishi results (no '%s' in its sweep table)",
                           s->path, STORE_FORMAT);
}

/* ----------------------------------------------------------------- open */

static mishi_status open_database(store *s, mishi_error *err) {
    if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK)
        return store_fail(s->db, s->path, "open", err);
    if (sqlite3_db_readonly(s->db, "main") == 1)
        return mishi_error_set(err, MISHI_EARG, "%s: read-only; a sweep writes "
                               "its runs into the database", s->path);
    sqlite3_busy_timeout(s->db, 10000);
    return MISHI_OK;
}

/* Journal settings, only once the file is known to hold this sweep (a
 * file refused is left as it was): WAL, and every commit on disk before
 * the next run is reported done. WAL lets summarize read while the sweep
 * writes, but a reader of a WAL database must write its index (-shm)
 * beside it: in a folder it may not write, such as a shared archive, it
 * could not open the file at all. So a sweep that ends puts the database
 * back in rollback-journal mode, one file at rest (store_close); the next
 * sweep on it sets WAL again. Each run's commit is copied from the log
 * into the file at once (a checkpoint every page), so that the file alone
 * holds the finished runs of a sweep stopped by Ctrl-C, which ends the
 * process before store_close: a user who copies the .sqlite it names gets
 * them all, where the log held every one. The commit holds off Ctrl-C
 * (mishi_hold_signals), which would otherwise leave the file torn by a
 * checkpoint cut short. */
static mishi_status set_journal(store *s, mishi_error *err) {
    return store_exec(s->db, s->path,
                      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                      "PRAGMA wal_autocheckpoint = 1;",
                      "set the journal mode", err);
}

static mishi_status store_start(store *s, int *created, mishi_error *err) {
    int empty = 0;
    mishi_status rc = lock_file(s, created, err);
    if (!rc) rc = open_database(s, err);
    if (!rc) rc = is_empty(s, &empty, err);
    if (!rc && !empty) rc = check_ours(s, err);
    if (!rc && empty) rc = schema_create(s->db, s->path, s->sweep, err);
    if (!rc && !empty) rc = schema_check(s->db, s->path, s->sweep, err);
    if (!rc) rc = set_journal(s, err);
    return rc;
}

/* SQLite reads ":memory:" and "file:..." as no file or as a URI: a sweep
 * would run, report its results stored, and keep none. */
static mishi_status names_a_file(const char *path, mishi_error *err) {
    if (path[0] && strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0)
        return MISHI_OK;
    return mishi_error_set(err, MISHI_EARG, "'%s' is not a file's name: SQLite "
                           "would keep the results in memory or read it as a "
                           "URI; give a path (./%s to mean a file of that name)",
                           path, path);
}

/* The database a failed start made, with its write-ahead log and index. */
static void remove_made(const char *path) {
    static const char *const side[] = {"", "-wal", "-shm"};
    char name[4096];
    for (size_t k = 0; k < sizeof side / sizeof side[0]; k++)
        if (snprintf(name, sizeof name, "%s%s", path, side[k]) < (int)sizeof name)
            unlink(name);
}

mishi_status store_open(const char *path, const mishi_sweep *sweep,
                        store **out, mishi_error *err) {
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    s->lock_fd = -1, s->sweep = sweep;
    int created = 0;
    mishi_status rc = names_a_file(path, err);
    if (!rc) rc = store_start(s, &created, err);
    if (rc) {
        store_close(s); /* SQLite first, so it leaves no journal behind */
        if (created) remove_made(path); /* made by this call, holds nothing */
        return rc;
    }
    s->ready = 1;
    *out = s;
    return MISHI_OK;
}

void store_close(store *s) {
    if (!s) return;
    writer_free(s->writer);
    /* best effort: a reader holding it open keeps it in WAL, which is
     * only where a read-only folder cannot read it */
    if (s->ready) sqlite3_exec(s->db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
    sqlite3_close(s->db);
    if (s->lock_fd >= 0) close(s->lock_fd);
    free(s->path);
    free(s);
}
