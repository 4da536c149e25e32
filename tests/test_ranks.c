/*
 * test_ranks.c — an MPI sweep one of whose ranks fails (batch/ranks.h,
 * batch/runner.c): the job ends instead of waiting for ever, says which
 * rank failed and why, exits 1, writes nothing for the runs left undone,
 * and the same command run again does them. A rank 0 whose database
 * fails stops the other ranks instead of letting them run for nothing.
 * A sweep or experiment file that does not load is said once, and no
 * rank starts the sweep.
 *
 * The failures are real, not staged by a hook in mishi: OpenMPI gives each
 * part of an MPMD job (`mpirun -np 1 A : -np 1 B`) its own command, so one
 * rank runs under a limit that lets MPI start but not a run of this test's
 * sweep get its buffers, or not a run be written. Every mpirun is bounded by `timeout`, so a rank
 * that waits for ever fails the test instead of hanging the suite.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "mishi_batch.h"
#include "support.h"
#include "support_files.h"
#include "support_sqlite.h"

#ifndef MISHI_CLI
#error "CMake defines MISHI_CLI, the path of the built mishi binary"
#endif

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Seconds an mpirun may take: the runs take a few (half a minute under
 * the sanitizers); a rank left waiting would take for ever. */
#define MPI_SECONDS 240

/* A shell prefix under which a rank starts MPI but cannot get a run's
 * buffers. `ulimit -d` limits a process's heap and private maps, not
 * MPI's shared memory: with 8 MB stacks (each of MPI's threads maps one)
 * OpenMPI 4.1 starts in 19 MB on Debian 12 and not in 18, and a run of
 * this sweep needs 27 more (40 with its sending); 40 MB leaves room both
 * ways. A sanitizer build maps shadow memory that no such limit allows,
 * so there ASan refuses any one allocation over 8 MB instead. */
#ifdef UNDER_ASAN
#define SHORT_OF_MEMORY "export ASAN_OPTIONS=detect_leaks=0:" \
                        "allocator_may_return_null=1:max_allocation_size_mb=8; "
#else
#define SHORT_OF_MEMORY "ulimit -s 8192; ulimit -d 40000; "
#endif

static char dir[64]; /* this test run's folder */

/* The sweep both tests run: 2 runs, one for each rank, whose buffers are
 * large next to what MPI needs: 26 series (every column of market.csv but
 * the week) of 65,000 weeks, 13.5 MB for a run's results and as much for
 * its recorder. 100 consumers and 3 firms, none entering, so that a run
 * takes about a second, and writing its 1.7 million series rows two. */
static void write_big_sweep(void) {
    FILE *f = fopen(path_in(dir, "big.yaml"), "w");
    assert_non_null(f);
    fprintf(f, "name: big\nscenario: %s/scenarios/train-station.yaml\n"
            "set: {consumers.count: 100, weeks: 65000, firms.local.count: 3, "
            "entry.rate: 0}\nseed: 7\nreplicates: 2\nmeasures:\n"
            "  quality: {column: market.mean_quality, summary: final}\n"
            "series: [", MISHI_SOURCE_DIR);
    const char *comma = "";
    for (size_t k = 0; k < mishi_column_count(); k++) {
        const mishi_column_info *c = mishi_column_at(k);
        if (strcmp(c->file, "market.csv") != 0 || c->names_row) continue;
        fprintf(f, "%smarket.%s", comma, c->name);
        comma = ", ";
    }
    fprintf(f, "]\n");
    assert_int_equal(fclose(f), 0);
}

/* A sweep of many runs, each 0.2 s (more under the sanitizers) and 0.9
 * MB in the database: 20,000 weeks of one series. */
enum { LONG_RUNS = 2000 };
static void write_long_sweep(void) {
    FILE *f = fopen(path_in(dir, "long.yaml"), "w");
    assert_non_null(f);
    fprintf(f, "name: long\nscenario: %s/scenarios/train-station.yaml\n"
            "set: {consumers.count: 100, weeks: 20000, firms.local.count: 3, "
            "entry.rate: 0}\nseed: 7\nreplicates: %d\nmeasures:\n"
            "  quality: {column: market.mean_quality, summary: final}\n"
            "series: [market.mean_quality]\n", MISHI_SOURCE_DIR, LONG_RUNS);
    assert_int_equal(fclose(f), 0);
}

/* A sweep (and experiment) file that names a scenario file not there. */
static void write_bad_sweep(void) {
    FILE *f = fopen(path_in(dir, "bad.yaml"), "w");
    assert_non_null(f);
    fprintf(f, "scenario: nope.yaml\n");
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/mishi-ranks-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    write_big_sweep();
    write_long_sweep();
    write_bad_sweep();
    return 0;
}

static int teardown(void **state) {
    (void)state;
    remove_tree(dir);
    return 0;
}

/* A sweep on two ranks: each rank's command starts with its shell
 * prefix (limits), and mpirun with `options`; bounded by `seconds`. */
typedef struct two_ranks {
    const char *sweep, *db;
    const char *prefix[2];
    const char *options; /* mpirun's own */
    const char *flags;   /* mishi sweep's */
    int seconds;
    const char *after[2]; /* shell commands once mishi has ended, or NULL */
} two_ranks;

/* The sweep's exit status, and what it printed (to free). OpenMPI keeps
 * memory it never frees, so leak detection is off (as in test_sweep). */
static int sweep_two(const two_ranks *job, char **out) {
    char rank_command[2][1024], command[3072];
    for (int k = 0; k < 2; k++)
        if (job->after[k]) /* with mishi's exit status */
            snprintf(rank_command[k], sizeof rank_command[k],
                     "sh -c \"%s'%s' sweep %s --db %s --quiet %s; status=\\$?; "
                     "%s; exit \\$status\"", job->prefix[k], MISHI_CLI,
                     job->sweep, job->db, job->flags, job->after[k]);
        else
            snprintf(rank_command[k], sizeof rank_command[k],
                     "sh -c \"%sexec '%s' sweep %s --db %s --quiet %s\"",
                     job->prefix[k], MISHI_CLI, job->sweep, job->db, job->flags);
    snprintf(command, sizeof command, "cd '%s' && ASAN_OPTIONS=detect_leaks=0 "
             "timeout %d %s --allow-run-as-root --oversubscribe -x ASAN_OPTIONS "
             "%s -np 1 %s : -np 1 %s", dir, job->seconds, MISHI_MPIEXEC,
             job->options, rank_command[0], rank_command[1]);
    int rc = run_shell(command, out);
    if (rc == 124)
        fail_msg("the sweep did not end in %d s: a rank waits for one that "
                 "failed, or runs for nothing:\n%s", job->seconds, *out);
    return rc;
}

/* big.yaml swept into `db` by two ranks, rank `short_rank` short of
 * memory (-1: neither). */
static int sweep_on_two_ranks(const char *db, int short_rank, char **out) {
    two_ranks job = {"big.yaml", db, {"", ""}, "", "", MPI_SECONDS, {NULL, NULL}};
    if (short_rank >= 0) job.prefix[short_rank] = SHORT_OF_MEMORY;
    return sweep_two(&job, out);
}

static long long runs_in(const char *name, const char *where) {
    sqlite3 *db;
    char sql[256];
    assert_int_equal(sqlite3_open_v2(path_in(dir, name), &db,
                                     SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE %s", where);
    long long n = number(db, sql);
    sqlite3_close(db);
    return n;
}

/* The same command again, with memory for all: it runs what was left. */
static void run_again_finishes(const char *db) {
    char *out = NULL;
    if (sweep_on_two_ranks(db, -1, &out)) fail_msg("run again: %s", out);
    free(out);
    assert_int_equal(runs_in(db, "status = 'done'"), 2);
}

/* The CPU seconds of the programs a shell ran, from what its `times`
 * wrote to `name`: the second line, their user and system time, each as
 * "<minutes>m<seconds>s". */
static double children_cpu_seconds(const char *name) {
    char *text = read_all(path_in(dir, name));
    assert_non_null(text);
    const char *line = strchr(text, '\n');
    double minutes[2], seconds[2];
    if (!line || sscanf(line + 1, "%lfm%lfs %lfm%lfs", &minutes[0], &seconds[0],
                        &minutes[1], &seconds[1]) != 4)
        fail_msg("no CPU times in '%s'", text);
    free(text);
    return 60.0 * (minutes[0] + minutes[1]) + seconds[0] + seconds[1];
}

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

/* Rank 1 cannot get its run's buffers: it tells rank 0, which does its
 * own run, writes nothing for rank 1's, and says who gave up, why, and
 * what is left. Before rank 1 could give up, rank 0 waited for its run
 * for ever. Rank 1 then waits for rank 0 without keeping a core busy:
 * MPI's own barrier polled without pause for the seconds rank 0 ran. */
static void a_rank_that_gives_up_is_not_waited_for(void **state) {
    (void)state;
    skip_without_mpi();
    char *out = NULL;
    /* as soon as one process exits non-zero (rank 0, here), mpirun ends the
     * others: rank 0 waits for rank 1 to have written its times */
    two_ranks job = {"big.yaml", "gave-up.sqlite", {"", SHORT_OF_MEMORY}, "", "",
                     MPI_SECONDS, {"sleep 2", "times > rank-1.times"}};
    double start = seconds_now();
    int rc = sweep_two(&job, &out);
    double took = seconds_now() - start, busy = children_cpu_seconds("rank-1.times");
    if (busy > 0.25 * took) /* 0.02 of it waiting politely; over 0.5 polling */
        fail_msg("rank 1 gave up at once, yet was busy %.2f s of the job's %.2f s",
                 busy, took);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    if (!strstr(out, "mishi: rank 1 gave up: ") ||
        !strstr(out, "no memory for") ||
        !strstr(out, "; 1 of 2 runs are left undone; the finished runs are "
                     "kept in gave-up.sqlite: the same command again runs "
                     "the rest\n"))
        fail_msg("no word of rank 1 giving up in:\n%s", out);
    if (strstr(out, "give --db another file"))
        fail_msg("a sweep that ran is called refused:\n%s", out);
    free(out);
    assert_int_equal(runs_in("gave-up.sqlite", "1"), 1);
    assert_int_equal(runs_in("gave-up.sqlite", "rank = 0 AND status = 'done'"), 1);
    run_again_finishes("gave-up.sqlite");
}

/* Rank 0 cannot get the memory to take in rank 1's run: it says so and
 * ends the job, rather than leave rank 1 blocked in sending to it for
 * ever (a result of 13.5 MB is not sent until it is received), and writes
 * nothing of rank 1's. Before, both waited for ever. */
static void a_rank_0_that_cannot_listen_ends_the_job(void **state) {
    (void)state;
    skip_without_mpi();
    char *out = NULL;
    int rc = sweep_on_two_ranks("deaf.sqlite", 0, &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    if (!strstr(out, "mishi: rank 0 could not take in the other ranks' runs (") ||
        !strstr(out, "), so it ends the MPI job; ") ||
        !strstr(out, "runs are left undone; the finished runs are kept in "
                     "deaf.sqlite: the same command again runs the rest\n"))
        fail_msg("no word of rank 0 ending the job in:\n%s", out);
    free(out);
    assert_int_equal(runs_in("deaf.sqlite", "rank = 1"), 0);
}

/* A shell prefix under which rank 0 starts MPI and its database, but
 * cannot write a run into it: files may grow to 512 blocks (256 KB in
 * dash, 512 in bash), more than a new database of long.yaml (60 KB) and
 * less than one run of it; a write past that fails (EFBIG) rather than
 * kills, as on a full disk. */
#define DISK_FULL "trap '' XFSZ; ulimit -f 512; "
/* OpenMPI's shared memory transport sizes its files past that limit and
 * does not start under it, so the ranks talk over TCP. */
#define NO_SHARED_MEMORY "--mca btl self,tcp"
/* long.yaml's share of rank 1, 1,000 runs on two threads, takes two
 * minutes or more; stopped, it takes a few seconds. */
#define STOPPED_SECONDS 40

/* Rank 0 cannot write the first run: it says why, and tells rank 1 to
 * stop, which starts no more runs (the job ends well before rank 1 could
 * run its share). Before, rank 1 ran all of its 1,000 runs for nothing. */
static void a_rank_0_that_cannot_record_stops_the_others(void **state) {
    (void)state;
    skip_without_mpi();
    char *out = NULL;
    two_ranks job = {"long.yaml", "full.sqlite", {DISK_FULL, ""},
                     NO_SHARED_MEMORY, "--jobs 2", STOPPED_SECONDS, {NULL, NULL}};
    int rc = sweep_two(&job, &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    if (!strstr(out, "mishi: full.sqlite: cannot write a run: ") ||
        !strstr(out, " of 2000 runs are left undone; the finished runs are "
                     "kept in full.sqlite: the same command again runs the "
                     "rest\n"))
        fail_msg("no word of the database failing in:\n%s", out);
    if (strstr(out, "give --db another file"))
        fail_msg("a database that failed is called a refusal:\n%s", out);
    free(out);
    assert_int_equal(runs_in("full.sqlite", "1"), 0);
}

/* `what` is in `out` exactly once. */
static void said_once(const char *out, const char *what) {
    const char *first = strstr(out, what);
    if (!first || strstr(first + 1, what))
        fail_msg("'%s' not said exactly once:\n%s", what, out);
}

/* A bad command line is the same on every rank: said once, by rank 0, not
 * once per rank (each rank printed it before MPI was joined). */
static void a_bad_command_line_is_said_once(void **state) {
    (void)state;
    char *out = NULL;
    two_ranks job = {"big.yaml", "bad.sqlite", {"", ""}, "", "--bogus",
                     MPI_SECONDS, {NULL, NULL}};
    int rc = sweep_two(&job, &out);
    if (rc != 2) fail_msg("exit status %d, not 2:\n%s", rc, out);
    said_once(out, "mishi: sweep: unknown flag '--bogus'");
    free(out);
}

/* A sweep file that does not load fails alike on every rank: the ranks
 * agree on it after loading, rank 0 alone says it, every rank exits 1,
 * and none starts the sweep. Each rank said it, one copy per rank. */
static void a_sweep_file_that_does_not_load_is_said_once(void **state) {
    (void)state;
    skip_without_mpi();
    char *out = NULL;
    two_ranks job = {"bad.yaml", "bad-file.sqlite", {"", ""}, "", "",
                     MPI_SECONDS, {NULL, NULL}};
    int rc = sweep_two(&job, &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    said_once(out, "mishi: bad.yaml:1:11: scenario: ");
    said_once(out, "cannot open");
    free(out);
    assert_false(file_exists(path_in(dir, "bad-file.sqlite")));
}

/* A sweep file that rank 1 alone cannot read (it runs in another folder)
 * is said by rank 1, named, and rank 0 does not start the sweep: it would
 * wait for rank 1's runs until mpirun ended the job. */
static void a_sweep_file_one_rank_cannot_load_is_said_by_it(void **state) {
    (void)state;
    skip_without_mpi();
    assert_int_equal(mkdir(path_in(dir, "elsewhere"), 0700), 0);
    char *out = NULL;
    two_ranks job = {"big.yaml", "lone.sqlite", {"", "cd elsewhere; "}, "", "",
                     MPI_SECONDS, {NULL, NULL}};
    int rc = sweep_two(&job, &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    said_once(out, "mishi: rank 1: big.yaml: cannot open");
    said_once(out, "cannot open");
    free(out);
    assert_false(file_exists(path_in(dir, "lone.sqlite")));
}

/* `mishi ARGS` on two ranks in this test's folder: its exit status, and
 * what it printed (to free). */
static int mishi_on_two(const char *args, char **out) {
    char command[2048];
    snprintf(command, sizeof command, "cd '%s' && ASAN_OPTIONS=detect_leaks=0 "
             "timeout %d %s --allow-run-as-root --oversubscribe -x ASAN_OPTIONS "
             "-np 2 '%s' %s", dir, MPI_SECONDS, MISHI_MPIEXEC, MISHI_CLI, args);
    int rc = run_shell(command, out);
    if (rc == 124) fail_msg("mishi %s did not end:\n%s", args, *out);
    return rc;
}

/* An experiment not found, or whose file does not load, is said once too:
 * its name is looked up after the ranks joined the job, and agreed on. */
static void an_experiment_that_does_not_load_is_said_once(void **state) {
    (void)state;
    skip_without_mpi();
    char *out = NULL;
    int rc = mishi_on_two("experiment no-such-experiment --quiet", &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    said_once(out, "mishi: no experiments/no-such-experiment.yaml here");
    said_once(out, "mishi: experiment: the experiments there are E1 ");
    free(out);
    rc = mishi_on_two("experiment bad.yaml --out bad-experiment --quiet", &out);
    if (rc != 1) fail_msg("exit status %d, not 1:\n%s", rc, out);
    said_once(out, "cannot open");
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_rank_that_gives_up_is_not_waited_for),
        cmocka_unit_test(a_rank_0_that_cannot_listen_ends_the_job),
        cmocka_unit_test(a_rank_0_that_cannot_record_stops_the_others),
        cmocka_unit_test(a_bad_command_line_is_said_once),
        cmocka_unit_test(a_sweep_file_that_does_not_load_is_said_once),
        cmocka_unit_test(a_sweep_file_one_rank_cannot_load_is_said_by_it),
        cmocka_unit_test(an_experiment_that_does_not_load_is_said_once),
    };
    return cmocka_run_group_tests_name("ranks", tests, setup, teardown);
}
