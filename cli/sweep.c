/*
 * sweep.c — `mishi sweep SWEEP.yaml --db FILE`: every run of a sweep into
 * a SQLite database, resumable, `--jobs` at a time, and over the ranks of
 * an MPI job when mpirun starts it (`mpirun -np 4 mishi sweep ...`).
 *
 * The library does the work (mishi_batch_run); this file reads the command
 * line, warns of the sweep's settings no run can read (mishi_sweep_unread)
 * and shows progress: a bar with runs done, runs per second and time left
 * on a terminal, one line per finished run anywhere else (a log, a batch
 * system's output file), so a long sweep always says where it is. Only
 * rank 0 prints. `mishi experiment` runs its sweep through the same
 * cli_sweep_session and cli_run_sweep.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mishi_batch.h"
#include "mishi_files.h"
#include "results_view.h"

typedef struct sweep_options {
    const char *file, *db;
    int jobs, quiet;
} sweep_options;

typedef struct sweep_view {
    cli_progress bar;
    int lines; /* not a terminal: a line per run */
    int quiet;
    size_t ran; /* runs this invocation finished, done or failed */
} sweep_view;

static int take_file(const cli_command *self, void *options,
                     const char *argument) {
    return cli_take_one(self, &((sweep_options *)options)->file, "sweep file",
                        argument);
}

static void print_run(const mishi_batch_progress *p) {
    if (p->ok)
        fprintf(stderr, "mishi: run %zu (point %zu, replicate %d) done in "
                "%.2f s on rank %d; %zu/%zu\n", p->run, p->point, p->replicate,
                p->seconds, p->rank, p->done, p->total);
    else
        fprintf(stderr, "mishi: run %zu (point %zu, replicate %d) failed: %s\n",
                p->run, p->point, p->replicate, p->message);
}

static void show(void *context, const mishi_batch_progress *p) {
    sweep_view *v = context;
    v->ran++;
    if (v->quiet && p->ok) return;
    if (v->lines && v->ran == 1 && p->resumed) /* a log says it resumed */
        fprintf(stderr, "mishi: resuming: %zu of %zu runs were done before; "
                "running the other %zu\n", p->resumed, p->total, p->total - p->resumed);
    if (v->lines || !p->ok) {
        cli_progress_clear(&v->bar);
        print_run(p);
    }
    cli_progress_update(&v->bar, (long)p->done, (long)p->resumed,
                        (long)p->total, "run");
}

/* out/<sweep name>.sqlite when --db is not given (cli_default_out). */
static char *default_db(const mishi_sweep *sweep) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    return cli_default_out(info.name, ".sqlite");
}

/* Over every done run, resumed ones too (the runs table's idle column). */
static int idle_counts(const mishi_results *r, const void *context) {
    (void)context;
    return cli_idle_report(r, 0);
}

int cli_run_sweep(const mishi_sweep *sweep, const char *db, cli_sweep_run *run) {
    /* the database's folder, made if missing (rank 0 alone). If it cannot
     * be made, opening the database fails on rank 0, which also tells the
     * other ranks to stop; the cause is said first, since that failure
     * ("cannot open: No such file or directory") would hide it */
    if (run->rank == 0) (void)cli_make_parent(db);
    if (run->rank == 0) {
        char note[4300];
        snprintf(note, sizeof note, "mishi: interrupted; the finished runs are "
                 "kept in %s: the same command again runs the rest", db);
        cli_on_interrupt_say(note);
    }
    sweep_view view = {.lines = !isatty(STDERR_FILENO), .quiet = run->quiet};
    cli_progress_start(&view.bar, run->quiet);
    mishi_batch_options options = {run->jobs, show, &view};
    mishi_error err = {0};
    double start = cli_now();
    mishi_status rc = mishi_batch_run(sweep, db, &options, &err);
    cli_progress_clear(&view.bar);
    run->ran = view.ran;
    run->refused = rc == MISHI_EARG;
    if (run->rank == 0 && !rc && !run->quiet && view.ran == 0)
        printf("mishi: nothing left to run: every run of the sweep is in %s\n", db);
    else if (run->rank == 0 && !rc && !run->quiet) {
        printf("mishi: sweep done in %.1f s; results in %s\n",
               cli_now() - start, db);
        return run->idle ? cli_with_results(db, idle_counts, NULL) : 0;
    }
    return rc && run->rank == 0 ? cli_run_error(&err) : rc ? CLI_EXIT_RUN : 0;
}

static int run_sweep(const sweep_options *o, const mishi_sweep *sweep,
                     int rank) {
    char *db = o->db ? strdup(o->db) : default_db(sweep);
    if (!db) return cli_run_failure("out of memory");
    cli_sweep_run run = {o->jobs, o->quiet, rank, 1, 0, 0};
    int rc = cli_run_sweep(sweep, db, &run);
    if (rank == 0 && run.refused)
        fprintf(stderr, "mishi: sweep: its results go to %s; give --db another "
                "file to run it there\n", db);
    free(db);
    return rc;
}

/* The ranks agree on whether the sweep loaded everywhere before any goes
 * on: rank 0 would wait in the sweep for a rank missing from it. A load
 * that failed on rank 0 failed alike on every rank (the same command and
 * files), most likely: rank 0 alone says it. Else each rank that failed
 * says its own, named: a file that rank alone could not read. */
static int loaded_on_every_rank(int failed, int rank, const mishi_error *err) {
    int anywhere, on_rank_0;
    mishi_batch_parallel_agree(failed, &anywhere, &on_rank_0);
    if (failed && rank == 0) return cli_run_error(err);
    if (failed && !on_rank_0)
        return cli_run_failure("rank %d: %s", rank, err->message);
    return anywhere ? CLI_EXIT_RUN : 0;
}

/* The sweep's settings none of its runs can read, said before any run
 * (and with --quiet): their flat results are no finding of no effect. */
static void warn_unread(const mishi_sweep *sweep) {
    const char *why;
    for (size_t k = 0; (why = mishi_sweep_unread(sweep, k)); k++)
        fprintf(stderr, "mishi: warning: %s\n", why);
}

int cli_sweep_session(int argc, char **argv, cli_sweep_load load,
                      cli_sweep_work work, const void *context) {
    int rank = 0, ranks = 1;
    mishi_error err = {0};
    if (mishi_batch_parallel_begin(&argc, &argv, &rank, &ranks, &err))
        /* a build without MPI started by mpirun: every rank is refused
         * alike, and rank 0 alone says so, as for a bad command line */
        return mishi_batch_mpi_built() ? cli_run_error(&err)
                                       : cli_usage_error("%s", err.message);
    mishi_sweep *sweep = NULL;
    int failed = load(context, &sweep, &err) != MISHI_OK;
    int rc = loaded_on_every_rank(failed, rank, &err);
    if (!rc && rank == 0) warn_unread(sweep);
    if (!rc) rc = work(sweep, rank, context);
    mishi_sweep_free(sweep);
    mishi_batch_parallel_end();
    return rc;
}

static mishi_status sweep_load(const void *options, mishi_sweep **sweep,
                               mishi_error *err) {
    return mishi_sweep_load(((const sweep_options *)options)->file, sweep, err);
}

static int sweep_work(mishi_sweep *sweep, int rank, const void *options) {
    return run_sweep(options, sweep, rank);
}

static int sweep_main(const cli_command *self, int argc, char **argv) {
    sweep_options o = {0};
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc && !o.file)
        rc = cli_usage_error("sweep: expected a sweep file, e.g. 'mishi sweep "
                             "sweeps/transient-threshold.yaml'");
    return rc ? rc : cli_sweep_session(argc, argv, sweep_load, sweep_work, &o);
}

static const cli_flag sweep_flags[] = {
    {"--db", "FILE", "the results database, made if missing; a killed sweep "
     "run again finishes what is missing (default: out/<sweep name>.sqlite)",
     NULL, cli_set_file, offsetof(sweep_options, db), NULL},
    CLI_JOBS_FLAG(sweep_options),
    {"--quiet", NULL, "print only errors and warnings", NULL, cli_set_switch,
     offsetof(sweep_options, quiet), NULL},
};

const cli_command sweep_command = {
    "sweep", "SWEEP", "run every point and replicate of a sweep file into "
    "SQLite", sweep_flags, CLI_COUNT(sweep_flags), take_file, sweep_main, {0},
};
