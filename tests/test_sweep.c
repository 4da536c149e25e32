/*
 * test_sweep.c — `mishi sweep`, `summarize` and `sensitivity` end to end,
 * run as a user runs them, with the database read back through SQLite.
 *
 * What a researcher relies on: the database holds every run once; the
 * number of jobs, or of MPI ranks, changes nothing but timings; a sweep
 * killed with -9 and run again ends with the same runs as one that was
 * never interrupted; the `command` of a run repeats it alone with the same
 * numbers; and a database that is not a mishi database, is read-only, is
 * in use, or holds another sweep is refused and left as it was.
 */
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mishi_batch.h"
#include "sweep_read.h"
#include "support.h"
#include "support_sqlite.h"
#include "support_files.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

static char dir[64]; /* this test run's folder */

/* The small sweep every test runs: 2 points x 3 replicates of a small
 * train-station market; `extra` is appended to the file. */
static char *sweep_text(int replicates, const char *extra) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    fprintf(f,
            "name: small\n"
            "scenario: %s/scenarios/train-station.yaml\n"
            "set: {consumers.count: 2000, weeks: 26, firms.local.count: 30}\n"
            "seed: 7\nreplicates: %d\n"
            "vary:\n  consumers.transient_share: [0.1, 0.5]\n"
            "measures:\n"
            "  quality: {column: market.mean_quality, summary: final}\n"
            "  repeat: {column: market.repeat_rate, summary: mean, weeks: [5, 26]}\n"
            "  profit: {column: firms.profit, firms: sum, summary: mean}\n"
            "series: [market.mean_quality]\n%s",
            MISHI_SOURCE_DIR, replicates, extra ? extra : "");
    assert_int_equal(fclose(f), 0);
    return text;
}

static void write_text(const char *name, const char *text) {
    FILE *f = fopen(path_in(dir, name), "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void write_sweep(const char *name, int replicates, const char *extra) {
    char *text = sweep_text(replicates, extra);
    write_text(name, text);
    free(text);
}

/* `text` with its one `from` made `to`, written as `name`: the small
 * sweep with one thing changed. */
static void write_changed(const char *name, const char *text,
                          const char *from, const char *to) {
    const char *at = strstr(text, from);
    if (!at || strstr(at + 1, from)) fail_msg("'%s' is not in the sweep once", from);
    char changed[4096];
    snprintf(changed, sizeof changed, "%.*s%s%s", (int)(at - text), text, to,
             at + strlen(from));
    write_text(name, changed);
}

/* `mishi ARGS` (a printf format and its values) run in the test's folder;
 * its exit status, and what it printed (to free) unless `output` is NULL. */
static int mishi_here(char **output, const char *format, ...) {
    char args[2048], command[3072];
    va_list ap;
    va_start(ap, format);
    vsnprintf(args, sizeof args, format, ap);
    va_end(ap);
    snprintf(command, sizeof command, "cd '%s' && '%s' %s", dir, MISHI_CLI, args);
    return run_shell(command, output);
}

static int sweep(const char *file, const char *db, const char *flags,
                 char **output) {
    return mishi_here(output, "sweep %s --db %s --quiet %s", file, db,
                      flags ? flags : "");
}

/* ---------------------------------------------------------- the database */

static sqlite3 *open_db(const char *name) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path_in(dir, name), &db,
                                     SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

/* Rows of `a` and `b` that differ, over the columns that do not record
 * when or where a run ran. */
static long long differing(const char *a, const char *b) {
    sqlite3 *db = open_db(a);
    char sql[2048];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS other", path_in(dir, b));
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    static const char *const queries[] = {
        "SELECT run, point, replicate, seed, status, params, command, "
        "mishi_version, scenario_digest, idle, \"consumers.transient_share\" FROM %s"
        "runs",
        "SELECT * FROM %sresults", "SELECT * FROM %sseries",
        "SELECT * FROM %spoints", "SELECT * FROM %smeasures",
        "SELECT * FROM %sfactors"};
    long long n = 0;
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
        for (int way = 0; way < 2; way++) {
            char one[512], two[512];
            snprintf(one, sizeof one, queries[i], way ? "other." : "main.");
            snprintf(two, sizeof two, queries[i], way ? "main." : "other.");
            snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)",
                     one, two);
            n += number(db, sql);
        }
    sqlite3_close(db);
    return n;
}

/* ------------------------------------------------------------- the runs */

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mishi-sweep-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    write_sweep("small.yaml", 3, NULL);
    char *out = NULL;
    int rc = sweep("small.yaml", "two-jobs.sqlite", "--jobs 2", &out);
    if (rc) fprintf(stderr, "setup sweep failed: %s\n", out);
    free(out);
    return rc;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(dir);
    return 0;
}

/* The runs table's own columns are the ones the loader keeps a variants
 * factor from taking (sweep_read.h): the schema and the list agree. */
static void the_runs_columns_are_the_reserved_ones(void **state) {
    (void)state;
    sqlite3 *db = open_db("two-jobs.sqlite");
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('runs')",
                                        -1, &q, NULL), SQLITE_OK);
    int columns = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 0);
        int listed = strcmp(name, "consumers.transient_share") == 0 || /* the factor */
                     sweep_column_taken(name, 1);
        if (!listed) fail_msg("runs.%s is in no list of sweep_read.h", name);
        columns++;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_int_equal(columns, 1 + SWEEP_RESERVED_COLUMNS + SWEEP_RUN_RECORD_COLUMNS);
}

/* A measure may share a name with a column of the runs' records: the
 * measures are results' columns, and runs_results says which it means. */
static void a_measure_may_be_named_status(void **state) {
    (void)state;
    char *text = sweep_text(1, NULL), *out = NULL;
    write_changed("status.yaml", text, "  quality: {", "  status: {");
    free(text);
    if (sweep("status.yaml", "status.sqlite", NULL, &out)) fail_msg("%s", out);
    free(out);
    sqlite3 *db = open_db("status.sqlite");
    assert_int_equal(number(db, "SELECT count(*) FROM runs_results WHERE status "
                                "BETWEEN 0 AND 1"), 2);
    sqlite3_close(db);
    assert_int_equal(mishi_here(&out, "summarize status.sqlite --measure status"), 0);
    assert_non_null(strstr(out, " status "));   /* a row of the measure */
    assert_null(strstr(out, "ambiguous")); /* what the view gave before */
    free(out);
}

/* Every run once, done, with its measures and its whole series. */
static void the_database_holds_every_run(void **state) {
    (void)state;
    sqlite3 *db = open_db("two-jobs.sqlite");
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE status = "
                                "'done'"), 6);
    assert_int_equal(number(db, "SELECT count(DISTINCT seed) FROM runs"), 6);
    assert_int_equal(number(db, "SELECT count(*) FROM results WHERE quality "
                                "BETWEEN 0 AND 1"), 6);
    assert_int_equal(number(db, "SELECT count(*) FROM series"), 6 * 26);
    assert_int_equal(number(db, "SELECT count(*) FROM runs_results"), 6);
    assert_int_equal(number(db, "SELECT count(*) FROM points"), 2);
    /* each run says where it ran, as summary.json does */
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE json_valid(platform) "
                                "AND json_type(platform, '$.compiler') = 'text'"), 6);
    /* the quality measure is the series' last week */
    assert_int_equal(number(db, "SELECT count(*) FROM results JOIN series s "
                                "USING (run) WHERE s.week = 26 AND "
                                "abs(s.value - quality) > 1e-12"), 0);
    sqlite3_close(db);
}

/* A sweep that ended leaves its database as one file, in rollback-journal
 * mode: a reader of a WAL database must write its -shm beside it, which
 * in a folder the reader may not write (a shared archive) it cannot. */
static void a_finished_sweep_leaves_one_file(void **state) {
    (void)state;
    sqlite3 *db = open_db("two-jobs.sqlite");
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "delete");
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_int_equal(access(path_in(dir, "two-jobs.sqlite-wal"), F_OK), -1);
    assert_int_equal(access(path_in(dir, "two-jobs.sqlite-shm"), F_OK), -1);
}

/* One job or two: the same rows (timings and rank aside). */
static void jobs_change_nothing(void **state) {
    (void)state;
    assert_int_equal(sweep("small.yaml", "one-job.sqlite", "--jobs 1", NULL), 0);
    assert_int_equal(differing("one-job.sqlite", "two-jobs.sqlite"), 0);
}

/* The 0-based index of `name` in the CSV's header line; -1 if absent. */
static int header_column(const char *csv, const char *name) {
    size_t n = strlen(name);
    int column = 0;
    for (const char *c = csv; *c && *c != '\n'; column++) {
        if (strncmp(c, name, n) == 0 && (c[n] == ',' || c[n] == '\n'))
            return column;
        c += strcspn(c, ",\n");
        if (*c == ',') c++;
    }
    return -1;
}

/* A run's `command`, run alone, gives the numbers the sweep stored. */
static void a_run_repeats_alone(void **state) {
    (void)state;
    sqlite3 *db = open_db("two-jobs.sqlite");
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT command FROM runs WHERE "
                                        "run = 4", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    char command[4096];
    snprintf(command, sizeof command, "cd '%s' && '%s'%s --out alone --no-plot "
             "--quiet", dir, MISHI_CLI,
             strstr((const char *)sqlite3_column_text(q, 0), "mishi run") + 5);
    sqlite3_finalize(q);
    assert_int_equal(run_shell(command, NULL), 0);
    char *csv = read_all(path_in(dir, "alone/market.csv"));
    assert_non_null(csv);
    int column = header_column(csv, "mean_quality");
    assert_true(column >= 0);
    char *line = strchr(csv, '\n') + 1; /* %.15g in the CSV */
    for (int week = 1; week <= 26; week++, line = strchr(line, '\n') + 1) {
        char *cell = line;
        for (int c = 0; c < column; c++) cell = strchr(cell, ',') + 1;
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT value FROM series WHERE "
                 "run = 4 AND week = %d", week);
        double stored = real_number(db, sql);
        assert_true(fabs(strtod(cell, NULL) - stored) <= 5e-15 * fabs(stored));
    }
    free(csv);
    sqlite3_close(db);
}

/* ------------------------------------------------------ kill and resume */

static long long done_in(const char *name) {
    sqlite3 *db;
    if (sqlite3_open_v2(path_in(dir, name), &db, SQLITE_OPEN_READONLY, NULL) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    sqlite3_busy_timeout(db, 5000); /* the writer holds it for a moment */
    long long n = number(db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                             "'runs'") == 1
        ? number(db, "SELECT count(*) FROM runs WHERE status = 'done'") : 0;
    sqlite3_close(db);
    return n;
}

/* `mishi sweep` in the background; its pid. */
static pid_t start_sweep(const char *file, const char *db) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(dir) != 0) _exit(126);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1), dup2(null, 2);
        execl(MISHI_CLI, MISHI_CLI, "sweep", file, "--db", db, "--jobs", "2",
              (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Killed with -9 part way, run again: the same database as a sweep that
 * was never interrupted, no run missing, none twice. */
static void killed_and_resumed(void **state) {
    (void)state;
    write_sweep("long.yaml", 20, NULL); /* 40 runs */
    assert_int_equal(sweep("long.yaml", "straight.sqlite", NULL, NULL), 0);
    pid_t pid = start_sweep("long.yaml", "killed.sqlite");
    struct timespec tick = {0, 2000000};
    for (int i = 0; i < 5000 && done_in("killed.sqlite") < 8; i++)
        nanosleep(&tick, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    long long before = done_in("killed.sqlite");
    assert_true(before >= 8 && before < 40); /* it was killed part way */
    char *out = NULL, says[128]; /* not on a terminal: a line says it resumed */
    assert_int_equal(mishi_here(&out, "sweep long.yaml --db killed.sqlite"), 0);
    snprintf(says, sizeof says, "mishi: resuming: %lld of 40 runs were done before; "
             "running the other %lld\n", before, 40 - before);
    if (!strstr(out, says)) fail_msg("expected '%s' in: %.300s", says, out);
    free(out);
    assert_int_equal(done_in("killed.sqlite"), 40);
    assert_int_equal(differing("killed.sqlite", "straight.sqlite"), 0);
}

/* Copy database `name` alone, without its write-ahead log, to
 * alone.sqlite: what a user who copies the .sqlite gets. 0 if there was
 * nothing to copy yet. */
static int copy_alone(const char *name) {
    char command[1024];
    snprintf(command, sizeof command, "cd '%s' && rm -f alone.sqlite* && "
             "cp '%s' alone.sqlite 2>/dev/null", dir, name);
    return system(command) == 0;
}

/* The done runs in such a copy. */
static long long done_in_file_alone(const char *name) {
    return copy_alone(name) ? done_in("alone.sqlite") : 0;
}

/* The same, while the sweep may be writing the file: a copy taken in the
 * middle of a checkpoint can be torn ("database disk image is
 * malformed"), and counts as none done yet, to be looked at again. */
static long long done_in_file_alone_so_far(const char *name) {
    if (!copy_alone(name)) return 0;
    sqlite3 *db;
    sqlite3_stmt *q = NULL;
    long long n = 0;
    if (sqlite3_open_v2(path_in(dir, "alone.sqlite"), &db, SQLITE_OPEN_READONLY,
                        NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM runs WHERE status = 'done'",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}

/* Stopped by Ctrl-C, a sweep has every finished run in the database file
 * itself, not only in its write-ahead log: the interrupted process never
 * closes the database, and a copy of the file the message names held
 * none of them. (A run whose commit the signal meets between the log and
 * the file may be in the log alone: one at most.) */
static void interrupted_runs_are_in_the_file(void **state) {
    (void)state;
    write_sweep("long.yaml", 20, NULL); /* 40 runs */
    pid_t pid = start_sweep("long.yaml", "interrupted.sqlite");
    struct timespec tick = {0, 2000000};
    for (int i = 0; i < 2500 && done_in_file_alone_so_far("interrupted.sqlite") < 4;
         i++)
        nanosleep(&tick, NULL);
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
    long long done = done_in("interrupted.sqlite"), alone =
        done_in_file_alone("interrupted.sqlite");
    assert_true(done >= 4 && done < 40); /* it was stopped part way */
    assert_true(alone >= done - 1);
}

/* ---------------------------------------------------------------- MPI */

/* `file` swept into `db` by two MPI ranks. OpenMPI keeps memory it never
 * frees (in components it loads at run time, where no suppression can
 * name them), so in a sanitizer build the ranks run with leak detection
 * off; every other test keeps it on, over the same code but the MPI
 * calls. */
static void mpi_sweep(const char *file, const char *db) {
    char command[2048], *out = NULL;
    snprintf(command, sizeof command, "cd '%s' && ASAN_OPTIONS=detect_leaks=0 "
             "%s --allow-run-as-root --oversubscribe -x ASAN_OPTIONS -np 2 '%s' "
             "sweep %s --db %s --quiet", dir, MISHI_MPIEXEC, MISHI_CLI, file, db);
    int rc = run_shell(command, &out);
    if (rc) fail_msg("mpirun failed (%d): %s", rc, out);
    free(out);
}

/* Two MPI ranks fill the database as one process does. */
static void mpi_ranks_change_nothing(void **state) {
    (void)state;
    skip_without_mpi();
    mpi_sweep("small.yaml", "mpi.sqlite");
    assert_int_equal(differing("mpi.sqlite", "two-jobs.sqlite"), 0);
    sqlite3 *db = open_db("mpi.sqlite");
    assert_int_equal(number(db, "SELECT count(DISTINCT rank) FROM runs"), 2);
    /* rank 1's runs bring their platform with them */
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE rank = 1 AND "
                                "json_valid(platform) AND json_type(platform, "
                                "'$.machine') IS NOT NULL"), 3);
    sqlite3_close(db);
}

/* A mechanism switched on that never acted is named in its runs' `idle`
 * field, the same whether a run came from this process or, over MPI,
 * from another rank; the sweep's closing lines count them, and
 * summarize names where. */
static void idle_mechanisms_are_recorded(void **state) {
    (void)state;
    char *text = sweep_text(2, NULL);
    write_changed("idle.yaml", text, "consumers.transient_share: [0.1, 0.5]",
                  "firms.local.flash_batch: [1, 100000]");
    free(text);
    char command[2048], *out = NULL;
    assert_int_equal(mishi_here(&out, "sweep idle.yaml --db idle.sqlite --jobs 2 "
                                      "| grep -v '^mishi: run '"), 0);
    if (!strstr(out, "\n  flash sales (local): idle in 2 of 4 runs\n"))
        fail_msg("no count of the idle flash sales in:\n%s", out);
    free(out);
    /* summarize says it too, with the point where it was idle throughout */
    assert_int_equal(mishi_here(&out, "summarize idle.sqlite"), 0);
    if (!strstr(out, "\n  flash sales (local): idle in 2 of 4 runs; in every run "
                     "at 1 point: firms.local.flash_batch=100000\n"))
        fail_msg("summarize does not name the idle flash sales:\n%s", out);
    free(out);
    sqlite3 *db = open_db("idle.sqlite");
    /* a sale of 100,000 to 2,000 consumers never sells out; one of 1 does */
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE idle LIKE "
                                "'%flash sales (local)%' AND point = 1"), 2);
    assert_int_equal(number(db, "SELECT count(*) FROM runs WHERE idle LIKE "
                                "'%flash sales%' AND point = 0"), 0);
    sqlite3_close(db);
    if (!mishi_batch_mpi_built() || !*MISHI_MPIEXEC) return; /* as above */
    mpi_sweep("idle.yaml", "idle-mpi.sqlite");
    db = open_db("idle-mpi.sqlite");
    snprintf(command, sizeof command, "ATTACH '%s' AS one", path_in(dir, "idle.sqlite"));
    assert_int_equal(sqlite3_exec(db, command, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(number(db, "SELECT count(*) FROM runs r JOIN one.runs o "
                                "USING (run) WHERE r.idle IS o.idle"), 4);
    assert_true(number(db, "SELECT count(*) FROM runs WHERE rank = 1 AND "
                           "idle IS NOT NULL") > 0);
    sqlite3_close(db);
}

/* ------------------------------------------------------------ refusals */

/* The whole file, NUL bytes and all (to free), and its size. */
static char *file_bytes(const char *name, size_t *size) {
    FILE *f = fopen(path_in(dir, name), "rb");
    if (!f) fail_msg("cannot read %s", name);
    char *bytes = NULL;
    size_t capacity = 0, n;
    *size = 0;
    do {
        if (*size == capacity) bytes = realloc(bytes, capacity += 1 << 16);
        assert_non_null(bytes);
        *size += n = fread(bytes + *size, 1, capacity - *size, f);
    } while (n > 0);
    fclose(f);
    return bytes;
}

/* `mishi sweep FILE` on `db` exits 1 with `expect` in its message, and
 * leaves the file's bytes as they were. */
static void refused_by(const char *file, const char *db, const char *expect) {
    size_t before_size, after_size;
    char *before = file_bytes(db, &before_size), *out = NULL;
    assert_int_equal(sweep(file, db, NULL, &out), 1);
    if (!strstr(out, expect)) fail_msg("expected '%s' in: %s", expect, out);
    char *after = file_bytes(db, &after_size);
    assert_int_equal(before_size, after_size);
    if (memcmp(before, after, before_size) != 0) fail_msg("%s was changed", db);
    free(before), free(after), free(out);
}

static void refused(const char *db, const char *expect) {
    refused_by("small.yaml", db, expect);
}

/* A copy of database `from` named `name`, `sql` run on it (the copy
 * closed, so its WAL folded back in). */
static void altered_copy_of(const char *from, const char *name, const char *sql) {
    char command[1024];
    snprintf(command, sizeof command, "cp '%s/%s' '%s/%s'", dir, from, dir, name);
    assert_int_equal(run_shell(command, NULL), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path_in(dir, name), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* The same of the two-job database. */
static void altered_copy(const char *name, const char *sql) {
    altered_copy_of("two-jobs.sqlite", name, sql);
}

static void a_changed_sweep_is_refused(void **state) {
    (void)state;
    write_sweep("four.yaml", 4, NULL);
    refused_by("four.yaml", "two-jobs.sqlite",
               "replicates: 3 in the database, 4 now");
    refused_by("four.yaml", "two-jobs.sqlite", "mishi: sweep: its results go "
               "to two-jobs.sqlite; give --db another file to run it there\n");
    assert_int_equal(done_in("two-jobs.sqlite"), 6); /* untouched */
}

/* Each change is named down to the value that changed. */
/* A database that fails before any run finished (its disk full: files
 * may grow to 512 blocks, more than a new database of this sweep and less
 * than one run's 0.9 MB; a write past that fails rather than kills) did
 * not refuse the sweep: the message is not told to give --db another
 * file, which would run into the same full disk. */
static void a_full_disk_is_not_a_refusal(void **state) {
    (void)state;
    char text[1024], command[2048], *out = NULL;
    snprintf(text, sizeof text, "name: long\nscenario: %s/scenarios/"
             "train-station.yaml\nset: {consumers.count: 100, weeks: 20000, "
             "entry.rate: 0}\nseed: 7\nreplicates: 2\nmeasures:\n  quality: "
             "{column: market.mean_quality, summary: final}\nseries: "
             "[market.mean_quality]\n", MISHI_SOURCE_DIR);
    write_text("long.yaml", text);
    snprintf(command, sizeof command, "cd '%s' && sh -c \"trap '' XFSZ; "
             "ulimit -f 512; exec '%s' sweep long.yaml --db full.sqlite "
             "--quiet --jobs 1\"", dir, MISHI_CLI);
    assert_int_equal(run_shell(command, &out), 1);
    if (!strstr(out, "mishi: full.sqlite: cannot write a run: ") ||
        !strstr(out, "; 2 of 2 runs are left undone; the finished runs are "
                     "kept in full.sqlite: the same command again runs the "
                     "rest\n"))
        fail_msg("no word of the full disk in: %s", out);
    if (strstr(out, "give --db another file"))
        fail_msg("a database that failed is called a refusal: %s", out);
    free(out);
}

static void a_changed_value_is_named(void **state) {
    (void)state;
    char *text = sweep_text(3, NULL);
    write_changed("value.yaml", text, "[0.1, 0.5]", "[0.1, 0.6]");
    refused_by("value.yaml", "two-jobs.sqlite", "vary consumers.transient_share, "
               "values: [0.1,0.5] in the database, [0.1,0.6] now");
    write_changed("window.yaml", text, "weeks: [5, 26]", "weeks: [5, 20]");
    refused_by("window.yaml", "two-jobs.sqlite",
               "measure repeat, to: 26 in the database, 20 now");
    write_changed("set.yaml", text, "firms.local.count: 30", "firms.local.count: 40");
    refused_by("set.yaml", "two-jobs.sqlite",
               "set firms.local.count: 30 in the database, 40 now");
    write_changed("added.yaml", text, "summary: final}\n", "summary: final}\n"
                  "  units: {column: market.units, summary: mean}\n");
    refused_by("added.yaml", "two-jobs.sqlite",
               "measure units: not in the database, in the sweep now");
    free(text);
}

/* The set value explains the scenario's digest changing with it: the
 * message names the set value alone. */
static void a_set_value_is_not_a_new_scenario(void **state) {
    (void)state;
    char *text = sweep_text(3, NULL), *out = NULL;
    write_changed("set.yaml", text, "consumers.count: 2000", "consumers.count: 2500");
    assert_int_equal(sweep("set.yaml", "two-jobs.sqlite", NULL, &out), 1);
    assert_non_null(strstr(out, "set consumers.count: 2000 in the database, "
                                "2500 now"));
    if (strstr(out, "scenario_digest")) fail_msg("%s", out);
    free(text), free(out);
}

/* A bound of a design's range, in a sweep of its own (latin hypercube). */
static void a_changed_bound_is_named(void **state) {
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "name: bounds\nscenario: %s/scenarios/"
             "train-station.yaml\nset: {consumers.count: 500, weeks: 4, "
             "firms.local.count: 10}\ndesign: latin-hypercube\npoints: 2\n"
             "vary:\n  consumers.transient_share: {min: 0.1, max: 0.5}\n"
             "measures:\n  units: {column: market.units, summary: mean}\n",
             MISHI_SOURCE_DIR);
    write_text("bounds.yaml", text);
    assert_int_equal(sweep("bounds.yaml", "bounds.sqlite", NULL, NULL), 0);
    write_changed("wider.yaml", text, "max: 0.5", "max: 0.6");
    refused_by("wider.yaml", "bounds.sqlite", "vary consumers.transient_share, "
               "max: 0.5 in the database, 0.6 now");
}

/* A database whose runs another model made is not resumed: the message
 * gives both digests and the way out. */
static void another_model_is_refused(void **state) {
    (void)state;
    altered_copy("other-model.sqlite", "UPDATE sweep SET value = "
                 "'feedfacefeedface' WHERE key = 'model_digest'");
    char expect[256];
    snprintf(expect, sizeof expect, "digest is feedfacefeedface, and this "
             "mishi's is %s", mishi_model_digest());
    refused("other-model.sqlite", expect);
    refused("other-model.sqlite", "; resume it with the build that made it");
    refused("other-model.sqlite", "its results go to other-model.sqlite; give --db another file");
}

/* A database from before the digest was recorded: not resumed, since its
 * model cannot be told, but summarize still reads it. */
static void a_database_without_a_model_digest(void **state) {
    (void)state;
    altered_copy("old.sqlite", "DELETE FROM sweep WHERE key = 'model_digest'");
    refused("old.sqlite", "digest is not recorded");
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "summarize old.sqlite"), 0);
    assert_non_null(strstr(out, "6 of 6 runs done"));
    free(out);
}

static void not_a_database_is_refused(void **state) {
    (void)state;
    FILE *f = fopen(path_in(dir, "notes.txt"), "w");
    fputs("these are my notes, not a database\n", f);
    fclose(f);
    refused("notes.txt", "not a SQLite database");
    refused("notes.txt", "its results go to notes.txt; give --db another file");
}

static void another_database_is_refused(void **state) {
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path_in(dir, "mine.sqlite"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE mine (x); INSERT INTO mine "
                                  "VALUES (42)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    refused("mine.sqlite", "not mishi results");
    refused("mine.sqlite", "its results go to mine.sqlite; give --db another file");
}

/* Read-only: without write permission for a user; as root, whom
 * permissions do not stop, with the immutable attribute. Where chattr is
 * refused (some file systems and sandboxes) the test skips, except in CI
 * (MISHI_CI set), which must not pass without the check. */
static int freeze(const char *name, int on) {
    char command[1024];
    if (geteuid() != 0)
        snprintf(command, sizeof command, "chmod %s '%s/%s'", on ? "a-w" : "u+w",
                 dir, name);
    else snprintf(command, sizeof command, "chattr %ci '%s/%s'", on ? '+' : '-',
                  dir, name);
    return run_shell(command, NULL);
}

static void a_read_only_database_is_refused(void **state) {
    (void)state;
    char command[1024];
    snprintf(command, sizeof command, "cp '%s/two-jobs.sqlite' "
             "'%s/frozen.sqlite'", dir, dir);
    assert_int_equal(run_shell(command, NULL), 0);
    if (freeze("frozen.sqlite", 1) != 0) {
        if (getenv("MISHI_CI"))
            fail_msg("MISHI_CI is set and 'chattr +i' failed: CI must check "
                     "that a read-only database is refused");
        print_message("chattr +i refused here: read-only check skipped\n");
        skip();
    }
    size_t size;
    char *before = file_bytes("frozen.sqlite", &size), *out = NULL;
    int rc = sweep("small.yaml", "frozen.sqlite", NULL, &out);
    freeze("frozen.sqlite", 0); /* before any assert, or teardown cannot */
    assert_int_equal(rc, 1);
    if (!strstr(out, "read-only")) fail_msg("%s", out);
    size_t after_size;
    char *after = file_bytes("frozen.sqlite", &after_size);
    assert_int_equal(size, after_size);
    assert_memory_equal(before, after, size);
    free(before), free(after), free(out);
}

/* While another sweep holds the database, a second is refused. */
static void a_database_in_use_is_refused(void **state) {
    (void)state;
    int fd = open(path_in(dir, "two-jobs.sqlite"), O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    refused("two-jobs.sqlite", "in use by another mishi sweep");
    close(fd);
}

/* ------------------------------------------------------------ reading */

static void summarize_agrees_with_sql(void **state) {
    (void)state;
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "summarize two-jobs.sqlite --csv summary.csv"), 0);
    assert_non_null(strstr(out, "quality"));
    free(out);
    /* The reader folds the WAL back as it closes: no -wal file is left. */
    assert_int_equal(access(path_in(dir, "two-jobs.sqlite-wal"), F_OK), -1);
    /* --csv makes its folder, as --out and --db make theirs */
    assert_int_equal(mishi_here(NULL, "summarize two-jobs.sqlite --csv "
                                      "tables/new/summary.csv"), 0);
    assert_int_equal(access(path_in(dir, "tables/new/summary.csv"), F_OK), 0);
    char *csv = read_all(path_in(dir, "summary.csv"));
    assert_non_null(csv);
    int mean = header_column(csv, "mean"), measure = header_column(csv, "measure");
    assert_true(mean > 0 && measure > 0);
    sqlite3 *db = open_db("two-jobs.sqlite");
    int rows = 0;
    for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        char *cell = line, *name = line;
        for (int c = 0; c < mean; c++) {
            if (c == measure) name = cell;
            cell = strchr(cell, ',') + 1;
        }
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT round(avg(%.*s) * 1e6) FROM runs_results"
                 " WHERE point = %d", (int)strcspn(name, ","), name, atoi(line));
        assert_true(fabs(strtod(cell, NULL) * 1e6 - (double)number(db, sql)) <=
                    1e-3 * fabs(strtod(cell, NULL) * 1e6) + 1);
        rows++;
    }
    assert_int_equal(rows, 2 * 3); /* points x measures */
    sqlite3_close(db);
    free(csv);
}

/* A database of another design is bad data, like a missing one (1), not
 * a bad command line (2); the message says what the analyses take. */
static void sensitivity_needs_its_design(void **state) {
    (void)state;
    char *out = NULL;
    const char *expected = "two-jobs.sqlite holds a grid sweep; expected a Morris "
                           "sweep (`design: morris`, elementary effects) or a "
                           "Saltelli sweep (`design: saltelli`, Sobol indices)";
    assert_int_equal(mishi_here(&out, "sensitivity two-jobs.sqlite"), 1);
    if (!strstr(out, expected)) fail_msg("expected '%s' in: %s", expected, out);
    free(out);
    assert_int_equal(mishi_here(&out, "sensitivity no-such.sqlite"), 1);
    free(out);
}

/* A small Morris sweep: every factor gets mu* and sigma with intervals. */
static void sensitivity_of_a_morris_sweep(void **state) {
    (void)state;
    FILE *f = fopen(path_in(dir, "morris.yaml"), "w");
    fprintf(f, "name: morris\nscenario: %s/scenarios/train-station.yaml\n"
               "set: {consumers.count: 1000, weeks: 13, firms.local.count: 20}\n"
               "design: morris\npoints: 6\nlevels: 4\n"
               "vary:\n  consumers.transient_share: {min: 0.05, max: 0.5}\n"
               "  choice.beta: {min: 1, max: 8}\n"
               "measures:\n  units: {column: market.units, summary: mean}\n",
            MISHI_SOURCE_DIR);
    fclose(f);
    assert_int_equal(sweep("morris.yaml", "morris.sqlite", NULL, NULL), 0);
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "sensitivity morris.sqlite --bootstrap 200 "
                                      "--csv indices.csv"), 0);
    assert_non_null(strstr(out, "mu_star"));
    free(out);
    char *csv = read_all(path_in(dir, "indices.csv"));
    assert_non_null(csv);
    int lines = 0;
    for (char *c = csv; *c; c++) lines += *c == '\n';
    assert_int_equal(lines, 1 + 2 * 2); /* header, 2 factors x 2 indices */
    free(csv);
    /* its points scatter: plotted against one parameter they are one
     * series, not a curve per value of the other (one per point) */
    assert_int_equal(mishi_here(&out, "summarize morris.sqlite --plot units "
                                      "--by choice.beta --out morris-plot"), 0);
    free(out);
    char *gp = read_all(path_in(dir, "morris-plot/morris-units-by-choice.beta.gp"));
    assert_non_null(gp);
    assert_non_null(strstr(gp, "title 'a point of the design'"));
    assert_null(strstr(gp, "$c2 << EOD"));
    assert_non_null(strstr(gp, "set ylabel 'units'")); /* its column's unit, said once */
    free(gp);
}

/* The analyses read the points by the design's layout: a points table
 * cut short by hand is refused as edited, where it was read past its end. */
static void sensitivity_refuses_missing_points(void **state) {
    (void)state;
    altered_copy_of("morris.sqlite", "morris-cut.sqlite",
                    "DELETE FROM series WHERE run IN (SELECT run FROM runs "
                    "WHERE point > 1); DELETE FROM results WHERE run IN (SELECT "
                    "run FROM runs WHERE point > 1); DELETE FROM runs WHERE "
                    "point > 1; DELETE FROM points WHERE point > 1");
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "sensitivity morris-cut.sqlite"), 1);
    const char *expected = "morris-cut.sqlite holds 2 points; a morris design "
                           "with `points: 6` and 2 factors has 18: its points "
                           "table is incomplete or edited";
    if (!strstr(out, expected)) fail_msg("expected '%s' in: %s", expected, out);
    free(out);
}

/* --csv naming the database itself is refused: the table was renamed
 * over the results, and every run was lost. */
static void csv_over_the_database_is_refused(void **state) {
    (void)state;
    altered_copy("csv-target.sqlite", "SELECT 1");
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "summarize csv-target.sqlite --csv "
                                      "./csv-target.sqlite"), 2);
    if (!strstr(out, "--csv: './csv-target.sqlite' is the results database "
                     "csv-target.sqlite; give the table a file of its own"))
        fail_msg("not refused: %s", out);
    free(out);
    assert_int_equal(mishi_here(&out, "sensitivity csv-target.sqlite --csv "
                                      "csv-target.sqlite"), 2);
    free(out);
    assert_int_equal(done_in("csv-target.sqlite"), 6); /* untouched */
}

/* summarize --csv gives each point's values as the database holds them, so
 * a reader can join the table to the runs on them: a Morris design's 3.33...
 * was written "3.33333" ("%g"), which matches no run. */
static void summarize_csv_keeps_the_values(void **state) {
    (void)state;
    assert_int_equal(mishi_here(NULL, "summarize morris.sqlite --csv "
                                      "morris-summary.csv"), 0);
    char *csv = read_all(path_in(dir, "morris-summary.csv"));
    assert_non_null(csv);
    int beta = header_column(csv, "choice.beta");
    assert_true(beta > 0);
    sqlite3 *db = open_db("morris.sqlite");
    int whole = 0, rows = 0;
    for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        char *cell = line, sql[128];
        for (int c = 0; c < beta; c++) cell = strchr(cell, ',') + 1;
        snprintf(sql, sizeof sql, "SELECT \"choice.beta\" FROM points WHERE "
                 "point = %d", atoi(line));
        double stored = real_number(db, sql);
        if (strtod(cell, NULL) != stored)
            fail_msg("point %d: choice.beta %.*s in the CSV, %.17g stored",
                     atoi(line), (int)strcspn(cell, ","), cell, stored);
        whole += stored == floor(stored);
        rows++;
    }
    assert_true(rows > 0 && whole < rows); /* some levels are not whole */
    sqlite3_close(db);
    free(csv);
}

/* summarize shows every measure, however many: with 70 it stopped at 64
 * and said nothing. */
static void summarize_shows_every_measure(void **state) {
    (void)state;
    char text[8192];
    int used = snprintf(text, sizeof text, "name: many\nscenario: %s/scenarios/"
                        "train-station.yaml\nset: {consumers.count: 300, weeks: 3, "
                        "firms.local.count: 3}\nvary:\n  consumers.transient_share:"
                        " [0.1, 0.5]\nmeasures:\n", MISHI_SOURCE_DIR);
    for (int m = 0; m < 70; m++)
        used += snprintf(text + used, sizeof text - (size_t)used,
                         "  m%d: {column: market.units, summary: mean}\n", m);
    write_text("many.yaml", text);
    assert_int_equal(sweep("many.yaml", "many.sqlite", NULL, NULL), 0);
    assert_int_equal(mishi_here(NULL, "summarize many.sqlite --csv many.csv"), 0);
    char *csv = read_all(path_in(dir, "many.csv"));
    assert_non_null(csv);
    int lines = 0;
    for (char *c = csv; *c; c++) lines += *c == '\n';
    assert_int_equal(lines, 1 + 70 * 2); /* the header, 70 measures x 2 points */
    free(csv);
}

/* A path that is no results database is named for what it is, with the
 * file most likely meant, not in SQLite's words ("unable to open database
 * file", "file is not a database"). */
static void a_wrong_path_says_what_it_is(void **state) {
    (void)state;
    const char *cases[][2] = {
        {"two-jobs", "two-jobs: no such file; `mishi sweep` makes a results "
                     "database (--db, by default out/<sweep name>.sqlite); did "
                     "you mean two-jobs.sqlite?"},
        {"nosuch.sqlite", "nosuch.sqlite: no such file"},
        {".", ".: a folder, not a results database"},
        {"given.yaml", "given.yaml: a sweep file, not a results database"},
    };
    write_text("given.yaml", "name: given\n");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *out = NULL;
        assert_int_equal(mishi_here(&out, "summarize %s", cases[k][0]), 1);
        if (!strstr(out, cases[k][1])) fail_msg("expected '%s' in: %s", cases[k][1], out);
        free(out);
    }
}

/* A damaged results database is named as damaged, in SQLite's words, not
 * as "not a mishi results database", which sent the reader to the wrong
 * cause; an edited one as edited. */
static void a_damaged_database_says_so(void **state) {
    (void)state;
    char command[1024], *out = NULL;
    snprintf(command, sizeof command, "cd '%s' && head -c 5000 two-jobs.sqlite "
             "> damaged.sqlite && '%s' summarize damaged.sqlite", dir, MISHI_CLI);
    assert_int_equal(run_shell(command, &out), 1);
    if (!strstr(out, "damaged.sqlite: cannot read: database disk image is malformed"))
        fail_msg("not said damaged: %s", out);
    free(out);
    /* an edited sweep table, which SQLite reads happily, is not "not an
     * error" (SQLite's word for its own state then) */
    altered_copy("edited.sqlite", "UPDATE sweep SET value = '-1' WHERE key = 'replicates'");
    assert_int_equal(mishi_here(&out, "summarize edited.sqlite"), 1);
    if (!strstr(out, "edited.sqlite: cannot read: its sweep table is incomplete or edited"))
        fail_msg("not said edited: %s", out);
    free(out);
    /* a run moved to a point the sweep does not have, and a factor
     * renamed: read as they were, they were summarised nowhere, or shown
     * under a name the sweep never varied */
    const char *edits[][2] = {
        {"moved-run.sqlite", "UPDATE runs SET point = 99 WHERE run = 0"},
        {"renamed-factor.sqlite", "UPDATE factors SET path = 'nope.nope' WHERE factor = 0"},
    };
    for (int k = 0; k < 2; k++) {
        altered_copy(edits[k][0], edits[k][1]);
        assert_int_equal(mishi_here(&out, "summarize %s", edits[k][0]), 1);
        if (!strstr(out, "table does not match the sweep it holds (edited since"))
            fail_msg("%s read as written: %s", edits[k][0], out);
        free(out);
    }
    /* a text written by hand where a measure's number was, which SQLite
     * reads as 0, and the same in a series */
    altered_copy("text-value.sqlite", "UPDATE results SET quality = 'abc' WHERE run = 1");
    assert_int_equal(mishi_here(&out, "summarize text-value.sqlite"), 1);
    if (!strstr(out, "text-value.sqlite: quality holds a text at point "))
        fail_msg("a text read as a number: %s", out);
    free(out);
    altered_copy("text-series.sqlite", "UPDATE series SET value = x'00' WHERE week = 3");
    mishi_results *r = NULL;
    mishi_error err = {0};
    assert_int_equal(mishi_results_open(path_in(dir, "text-series.sqlite"), &r, &err),
                     MISHI_OK);
    mishi_results_info info;
    mishi_results_describe(r, &info);
    mishi_point_summary *week = calloc((size_t)info.weeks, sizeof *week);
    assert_non_null(week);
    assert_int_equal(mishi_results_series(r, "market.mean_quality", 0, week, &err),
                     MISHI_EARG);
    if (!strstr(err.message, "market.mean_quality holds a text at week 3"))
        fail_msg("a blob read as a number: %s", err.message);
    free(week);
    mishi_results_close(r);
}

/* A sweep names itself, but its name does not choose where its default
 * database goes: "../../escaped y" is a file in out/, not two folders up;
 * and --db names a file, never SQLite's in-memory database, which would
 * keep nothing of a sweep that reported its results stored. */
static void a_sweep_stays_in_its_folders(void **state) {
    (void)state;
    mkdir(path_in(dir, "nest"), 0755);
    char *text = sweep_text(1, NULL);
    write_changed("nest/named.yaml", text, "name: small", "name: ../../escaped y");
    free(text);
    char command[2048], *out = NULL;
    snprintf(command, sizeof command, "cd '%s/nest' && '%s' sweep named.yaml "
             "--quiet", dir, MISHI_CLI);
    assert_int_equal(run_shell(command, &out), 0);
    free(out);
    assert_int_equal(access(path_in(dir, "nest/out/.._.._escaped_y.sqlite"), F_OK), 0);
    assert_int_not_equal(access(path_in(dir, "../escaped y.sqlite"), F_OK), 0);
    assert_int_not_equal(sweep("nest/named.yaml", "':memory:'", NULL, &out), 0);
    assert_non_null(strstr(out, "is not a file's name"));
    free(out);
    assert_int_not_equal(access(path_in(dir, ":memory:"), F_OK), 0);
}

/* A summary plot's y axis gives the measure's unit: its column's, or a
 * week for the first week above a value, whatever the column; its x axis
 * the parameter's, from the schema. A unit that starts with the measure's
 * name says it once. */
static void a_plot_axis_gives_the_unit(void **state) {
    (void)state;
    write_text("unit.yaml", "name: unit\nscenario: " MISHI_SOURCE_DIR
               "/scenarios/train-station.yaml\n"
               "set: {consumers.count: 500, weeks: 8, firms.local.count: 5}\n"
               "vary:\n  consumers.memory_decay: [0.01, 0.02]\n"
               "measures:\n  busy_from: {column: market.units, summary: "
               "first_week_above, value: 0}\n"
               "  share: {column: firms.share, firms: max}\n");
    assert_int_equal(sweep("unit.yaml", "unit.sqlite", NULL, NULL), 0);
    const char *measures[] = {"busy_from", "share"};
    const char *axes[] = {"set ylabel 'busy_from (week)'",
                          "set ylabel 'share (0..1)'"};
    for (int m = 0; m < 2; m++) {
        char file[256], *out = NULL;
        assert_int_equal(mishi_here(&out, "summarize unit.sqlite --plot %s "
                                          "--out unit-plot", measures[m]), 0);
        free(out);
        snprintf(file, sizeof file, "unit-plot/unit-%s-by-"
                 "consumers.memory_decay.gp", measures[m]);
        char *gp = read_all(path_in(dir, file));
        assert_non_null(gp);
        if (!strstr(gp, axes[m])) fail_msg("no \"%s\" in %s", axes[m], file);
        if (!strstr(gp, "set xlabel 'consumers.memory_decay (1/week)'"))
            fail_msg("no x axis with the parameter's unit in %s", file);
        free(gp);
    }
}

/* A sweep with no finished run (stopped before the first finished, as a
 * sweep killed early leaves its database, or every run failed) has nothing
 * to plot: the plot's panel says why, in the table's words, and gnuplot
 * draws it. It had been handed a plot of key entries alone, failed with
 * "Assertion failed: uses_axis[SECOND_X_AXIS]", and summarize exited 0. */
static void a_plot_of_no_finished_runs_says_so(void **state) {
    (void)state;
    static const char *const cases[][3] = {
        {"none-done", "DELETE FROM series; DELETE FROM results; "
         "DELETE FROM runs", "no finished runs: 0 of 6 runs done"},
        {"all-failed", "UPDATE runs SET status = 'failed', message = "
         "'failed by hand'; DELETE FROM series; DELETE FROM results",
         "no finished runs: 0 of 6 runs done; 6 failed"},
        {"all-na", "UPDATE results SET quality = NULL",
         "no values: quality is NA in every finished run"}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char db[64], *out = NULL, gp_name[256], png[256], said[256];
        snprintf(db, sizeof db, "%s.sqlite", cases[k][0]);
        altered_copy(db, cases[k][1]);
        assert_int_equal(mishi_here(&out, "summarize %s --plot quality --out "
                                          "empty-plot", db), 0);
        snprintf(said, sizeof said, "note: the plot draws no curve (%s)", cases[k][2]);
        if (!strstr(out, said)) fail_msg("expected '%s' in: %s", said, out);
        if (strstr(out, "gnuplot failed")) fail_msg("gnuplot failed: %s", out);
        free(out);
        snprintf(gp_name, sizeof gp_name, "empty-plot/%s-quality-by-"
                 "consumers.transient_share.gp", cases[k][0]);
        snprintf(png, sizeof png, "empty-plot/%s-quality-by-"
                 "consumers.transient_share.png", cases[k][0]);
        char *gp = read_all(path_in(dir, gp_name));
        assert_non_null(gp);
        snprintf(said, sizeof said, "set label 1 '%s' at graph 0.5, 0.5 center", cases[k][2]);
        if (!strstr(gp, said)) fail_msg("expected \"%s\" in %s", said, gp_name);
        assert_null(strstr(gp, "keyentry")); /* a key of curves with no values */
        assert_null(strstr(gp, "one run a point")); /* said of points with none */
        free(gp);
        if (gnuplot_installed()) assert_true(file_size(path_in(dir, png)) > 0);
    }
}

/* `mishi COMMAND DB ARGS` exits 2 with `expect` in its message and
 * prints no table first. */
static void rejected(const char *command, const char *db, const char *args,
                     const char *expect) {
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "%s %s %s", command, db, args), 2);
    if (!strstr(out, expect)) fail_msg("%s: expected '%s' in: %s", args, expect, out);
    if (strstr(out, "runs done") || strstr(out, "bootstrap resamples"))
        fail_msg("%s: printed its table before refusing: %s", args, out);
    free(out);
}

/* Unknown names are refused with the names there are, before any output. */
static void summarize_refuses_unknown_names(void **state) {
    (void)state;
    const char *measures = "(measures: quality, repeat, profit)";
    rejected("summarize", "two-jobs.sqlite", "--measure nosuch", measures);
    rejected("summarize", "two-jobs.sqlite", "--plot nosuch", measures);
    rejected("summarize", "two-jobs.sqlite", "--measure quality --plot nosuch",
             "--plot: no measure 'nosuch'");
    rejected("summarize", "two-jobs.sqlite", "--plot quality --by nosuch",
             "(varied: consumers.transient_share)");
    /* a near miss is named */
    rejected("summarize", "two-jobs.sqlite", "--measure qualty",
             "no measure 'qualty' in this sweep; did you mean 'quality'?");
    rejected("summarize", "two-jobs.sqlite", "--plot quality --by "
             "consumers.transient_shar", "did you mean 'consumers.transient_share'?");
    /* a CSV file that is no file's name is the flag's fault, found first */
    rejected("summarize", "two-jobs.sqlite", "--csv ''", "--csv: expected a file's name");
    rejected("summarize", "two-jobs.sqlite", "--csv .", "got '.', a folder");
    rejected("summarize", "two-jobs.sqlite", "--out elsewhere", "--out: the "
             "folder for --plot's picture"); /* ignored without a word before */
}

/* A sweep may record any number of measures: a name not among them is
 * met with the nearest of all of them and the list of all of them (the
 * first 64 alone were searched and listed, and the list cut at 1,024
 * characters, without a word). */
static void unknown_measure_among_many(void **state) {
    (void)state;
    enum { MEASURES = 70 };
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    fprintf(f, "name: many_measures\nscenario: %s/scenarios/train-station.yaml\n"
               "set: {consumers.count: 500, weeks: 4, firms.local.count: 5}\n"
               "vary:\n  consumers.transient_share: [0.1]\nmeasures:\n",
            MISHI_SOURCE_DIR);
    for (int m = 0; m < MEASURES; m++)
        fprintf(f, "  units_sold_in_week_%02d: {column: market.units, summary: "
                   "final, weeks: [1, %d]}\n", m, 1 + m % 4);
    assert_int_equal(fclose(f), 0);
    write_text("many-measures.yaml", text);
    free(text);
    char *out = NULL;
    if (sweep("many-measures.yaml", "many-measures.sqlite", NULL, &out))
        fail_msg("%s", out);
    free(out);
    const char *db = "many-measures.sqlite";
    rejected("summarize", db, "--measure units_sold_in_week_69x",
             "did you mean 'units_sold_in_week_69'?");
    rejected("summarize", db, "--plot units_sold_in_week_69x",
             "did you mean 'units_sold_in_week_69'?");
    rejected("summarize", db, "--measure nosuch",
             "(measures: units_sold_in_week_00, units_sold_in_week_01, ");
    rejected("summarize", db, "--measure nosuch",
             ", units_sold_in_week_68, units_sold_in_week_69)");
    rejected("summarize", db, "--plot units_sold_in_week_00 --by consumers.transient_sharex",
             "--by: 'consumers.transient_sharex' is not varied in this sweep; did "
             "you mean 'consumers.transient_share'? (varied: consumers.transient_share)");
}

/* Sobol indices from a handful of base samples come with intervals wider
 * than half their range, and the command says what that means. (The runs
 * are pinned by the seed, so this small design's intervals are too.) */
static void sensitivity_says_when_samples_are_few(void **state) {
    (void)state;
    write_text("saltelli.yaml", "name: saltelli\nscenario: " MISHI_SOURCE_DIR
               "/scenarios/train-station.yaml\n"
               "set: {consumers.count: 1000, weeks: 13, firms.local.count: 20}\n"
               "design: saltelli\npoints: 4\n"
               "vary:\n  consumers.transient_share: {min: 0.05, max: 0.5}\n"
               "  choice.beta: {min: 1, max: 8}\n"
               "measures:\n  units: {column: market.units, summary: mean}\n"
               "  last_week: {column: market.week}\n");
    assert_int_equal(sweep("saltelli.yaml", "saltelli.sqlite", NULL, NULL), 0);
    char *out = NULL;
    assert_int_equal(mishi_here(&out, "sensitivity saltelli.sqlite --bootstrap 200"), 0);
    if (!strstr(out, "half the range of a Sobol index: 4 base samples are too few"))
        fail_msg("no note of too few samples in: %s", out);
    /* the week, 13 in every run, has no variance: its indices are NA,
     * said why, where a bare "nan" was printed */
    if (!strstr(out, "note: the Sobol indices of last_week are NA: it has the "
                     "same value at every base sample, so no variance to apportion"))
        fail_msg("no note of the constant measure in: %s", out);
    assert_null(strstr(out, "nan"));
    free(out);
}

/* One sample (`points: 1`) gives an index no spread to rest on: every
 * Sobol index, and Morris's sigma, is NA with a note naming `points:` and
 * the least that gives one. They were printed "nan", without a word. */
static void sensitivity_of_one_sample_says_why(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"saltelli", "note: every Sobol index is NA: an index apportions the "
         "variance of the output over the base samples, and 1 base sample "
         "(`points: 1`) has none; a sweep needs `points: 2` or more"},
        {"morris", "note: sigma is NA: it is the spread of a parameter's "
         "elementary effects, one per trajectory, and 1 trajectory (`points: "
         "1`) has none"}};
    for (size_t k = 0; k < 2; k++) {
        char file[64], db[64], *out = NULL;
        snprintf(file, sizeof file, "one-%s.yaml", cases[k][0]);
        snprintf(db, sizeof db, "one-%s.sqlite", cases[k][0]);
        FILE *f = fopen(path_in(dir, file), "w");
        assert_non_null(f);
        fprintf(f, "name: one\nscenario: %s/scenarios/train-station.yaml\n"
                   "set: {consumers.count: 300, weeks: 4, firms.local.count: 5}\n"
                   "design: %s\npoints: 1\n"
                   "vary:\n  consumers.transient_share: {min: 0.05, max: 0.5}\n"
                   "  choice.beta: {min: 1, max: 8}\n"
                   "measures:\n  units: {column: market.units, summary: mean}\n",
                MISHI_SOURCE_DIR, cases[k][0]);
        assert_int_equal(fclose(f), 0);
        assert_int_equal(sweep(file, db, NULL, NULL), 0);
        assert_int_equal(mishi_here(&out, "sensitivity %s --bootstrap 200", db), 0);
        if (!strstr(out, cases[k][1])) fail_msg("expected '%s' in: %s", cases[k][1], out);
        assert_non_null(strstr(out, "NA .. NA"));
        assert_null(strstr(out, "nan"));
        free(out);
    }
}

/* sensitivity has no --plot or --by: refused with the flags it has; nor
 * does it take so few resamples that its intervals would mean nothing. */
static void sensitivity_refuses_unknown_names(void **state) {
    (void)state;
    rejected("sensitivity", "morris.sqlite", "--measure nosuch",
             "no measure 'nosuch' in this sweep (measures: units)");
    const char *flags = "(its flags: --measure, --bootstrap, --seed, --csv";
    rejected("sensitivity", "morris.sqlite", "--plot units", flags);
    rejected("sensitivity", "morris.sqlite", "--by choice.beta", flags);
    /* too few resamples for a 95% interval's tails */
    rejected("sensitivity", "morris.sqlite", "--bootstrap 1", "--bootstrap");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_database_holds_every_run),
        cmocka_unit_test(the_runs_columns_are_the_reserved_ones),
        cmocka_unit_test(a_measure_may_be_named_status),
        cmocka_unit_test(a_finished_sweep_leaves_one_file),
        cmocka_unit_test(jobs_change_nothing),
        cmocka_unit_test(a_run_repeats_alone),
        cmocka_unit_test(killed_and_resumed),
        cmocka_unit_test(interrupted_runs_are_in_the_file),
        cmocka_unit_test(mpi_ranks_change_nothing),
        cmocka_unit_test(idle_mechanisms_are_recorded),
        cmocka_unit_test(a_changed_sweep_is_refused),
        cmocka_unit_test(a_full_disk_is_not_a_refusal),
        cmocka_unit_test(a_changed_value_is_named),
        cmocka_unit_test(a_set_value_is_not_a_new_scenario),
        cmocka_unit_test(a_changed_bound_is_named),
        cmocka_unit_test(another_model_is_refused),
        cmocka_unit_test(a_database_without_a_model_digest),
        cmocka_unit_test(not_a_database_is_refused),
        cmocka_unit_test(another_database_is_refused),
        cmocka_unit_test(a_read_only_database_is_refused),
        cmocka_unit_test(a_database_in_use_is_refused),
        cmocka_unit_test(summarize_agrees_with_sql),
        cmocka_unit_test(sensitivity_needs_its_design),
        cmocka_unit_test(sensitivity_of_a_morris_sweep),
        cmocka_unit_test(sensitivity_refuses_missing_points),
        cmocka_unit_test(summarize_csv_keeps_the_values),
        cmocka_unit_test(csv_over_the_database_is_refused),
        cmocka_unit_test(sensitivity_says_when_samples_are_few),
        cmocka_unit_test(sensitivity_of_one_sample_says_why),
        cmocka_unit_test(a_plot_axis_gives_the_unit),
        cmocka_unit_test(a_sweep_stays_in_its_folders),
        cmocka_unit_test(a_damaged_database_says_so),
        cmocka_unit_test(a_wrong_path_says_what_it_is),
        cmocka_unit_test(summarize_shows_every_measure),
        cmocka_unit_test(summarize_refuses_unknown_names),
        cmocka_unit_test(a_plot_of_no_finished_runs_says_so),
        cmocka_unit_test(sensitivity_refuses_unknown_names),
        cmocka_unit_test(unknown_measure_among_many),
    };
    return cmocka_run_group_tests_name("sweep", tests, setup, teardown);
}
