/*
 * results_view.h — what the batch commands share (sweep.c, summarize.c,
 * summary_plot.c, series_plot.c, sensitivity.c, experiment.c): running a
 * sweep with its progress shown, choosing measures by name, a point's
 * values as text, the summary table, and the plots.
 */
#ifndef MISHI_CLI_RESULTS_VIEW_H
#define MISHI_CLI_RESULTS_VIEW_H

#include <stddef.h>

#include "cli.h"
#include "mishi_batch.h"

#define CLI_MAX_MEASURES 64

/* What both reading commands take first: the database, and the measures
 * asked for with --measure. Each command's options begin with one, so the
 * positional handler and the --measure setter below serve both. */
typedef struct cli_results_options {
    const char *db;
    const char *measure[CLI_MAX_MEASURES];
    int measure_count;
} cli_results_options;

/* What a reading command does with its database; the exit status. */
typedef int (*cli_results_work)(const mishi_results *r, const void *context);
/* Open the database `db` for reading, hand it to `work` and close it; the
 * exit status (the library's message printed when it does not open). */
int cli_with_results(const char *db, cli_results_work work,
                     const void *context);

/* A number of a results table as `format` writes it ("%.4g"), and NA, as
 * the CSV files write it, when it is missing (NaN). */
void cli_number_text(const char *format, double v, char *buf, size_t n);
/* CLI_EXIT_USAGE, said, when `csv` (--csv, NULL if not given) is the
 * database `db` itself; else 0. */
int cli_csv_not_db(const char *csv, const char *db);
/* The positional handler: the one database. */
int cli_take_db(const cli_command *self, void *options, const char *argument);
/* --measure NAME, repeatable. */
int cli_add_measure(const cli_flag *flag, void *options, const char *value);
/* The --measure row of both reading commands; `verb` says what the
 * command does with the measure: "summarise", "analyse". */
#define CLI_MEASURE_FLAG(verb)                                                 \
    {"--measure", "NAME", verb " only this measure; repeatable (default: "    \
     "all)", NULL, cli_add_measure, 0, NULL}

/* The measure `name` into *out, or a usage error (naming `flag`) that
 * lists the measures the database has. */
int cli_pick_measure(const mishi_results *r, const char *flag,
                     const char *name, size_t *out);
/* The `count` measures asked for (--measure), or every measure when none
 * is, into *chosen (to free, also on failure). */
int cli_pick_measures(const mishi_results *r, const char *const *asked,
                      int count, size_t **chosen, size_t *n);
/* Point `point`'s value of factor `factor` as a reader reads it, "%g"
 * or a variants factor's level name (mishi_factor_value_text): what
 * every table, CSV cell and legend of the batch commands shows. */
void cli_value_text(const mishi_results *r, size_t point, size_t factor,
                    char *buf, size_t n);
/* "a=0.05, b=0.1, bets=none": point `point`'s value of every factor. */
void cli_point_text(const mishi_results *r, size_t point, char *buf,
                    size_t n);
/* The --jobs row of the commands that run sweeps; `type` has an int
 * `jobs` (0: every core). */
#define CLI_JOBS_FLAG(type)                                                    \
    {"--jobs", "J", "runs at a time in each process (default: every core; 1 " \
     "per rank under mpirun)", NULL, cli_set_threads, offsetof(type, jobs),   \
     NULL}

/* How a sweep runs, and (set by cli_run_sweep) how many runs it finished. */
typedef struct cli_sweep_run {
    int jobs;  /* 0: every core */
    int quiet; /* print only errors */
    int rank;  /* the MPI rank; only rank 0 prints */
    int idle;  /* print, when the runs are done, the mechanisms that never
                  acted (mishi sweep; an experiment's report prints them
                  with their points) */
    /* runs this invocation finished, done or failed: none when the sweep
     * was refused, or stopped before any run (a failure that follows
     * runs, as a rank giving up, still leaves a report to make) */
    size_t ran;
    /* the database refused the sweep (MISHI_EARG): another would take it;
     * not so when it failed, even before any run finished */
    int refused;
} cli_sweep_run;

/* Run every missing run of `sweep` into `db` (its folder made if missing)
 * through mishi_batch_run, with a progress bar on a terminal and a line
 * per run elsewhere; the exit status (the library's message printed). */
int cli_run_sweep(const mishi_sweep *sweep, const char *db, cli_sweep_run *run);

/* How a command finds and loads its sweep on each MPI rank, saying
 * nothing: a failure's message is left in `err`. */
typedef mishi_status (*cli_sweep_load)(const void *context,
                                       mishi_sweep **sweep, mishi_error *err);
/* What a command does with its sweep on each MPI rank; the exit status. */
typedef int (*cli_sweep_work)(mishi_sweep *sweep, int rank,
                              const void *context);
/* Join the MPI job (a job of one without mpirun), `load` the sweep, hand
 * it to `work`, and leave the job: `mishi sweep` and `mishi experiment`
 * between their command lines and their work. A sweep that did not load
 * on some rank ends every rank with CLI_EXIT_RUN, said once
 * (mishi_batch_parallel_agree): by rank 0 if it failed, else by each rank
 * that did, named. */
int cli_sweep_session(int argc, char **argv, cli_sweep_load load,
                      cli_sweep_work work, const void *context);

/* The `count` measures asked for (every measure when 0) at every point:
 * n, mean, sd and 95% CI printed as a table and, when `csv` is not NULL,
 * written there as tidy CSV (a row per point and measure). */
int cli_summary_report(const mishi_results *r, const char *const *asked,
                       int count, const char *csv);

/* "idle: ...", then each mechanism idle in some done run with the runs it
 * was idle in, and with `with_points` the points where it was idle in
 * every run (idle_report.c); nothing when none was. */
int cli_idle_report(const mishi_results *r, int with_points);

/* ------------------------------------------------------------------ plots */

/* The slice of a grid a plot draws (an experiment plot's `when:`): the
 * points it keeps, and the parameters it holds at one value, which the
 * legend leaves out and the title and file name state instead. NULL, or
 * a zeroed one: every point, nothing held. */
typedef struct cli_slice {
    unsigned char *shown; /* per point; NULL: every point */
    unsigned char *held;  /* per factor; NULL: none */
    char text[256];             /* "economics=fixed, delay_weeks=2" or "" */
} cli_slice;

int cli_slice_shows(const cli_slice *slice, size_t point);
int cli_slice_holds(const cli_slice *slice, size_t factor);

/* `title` and, for a slice, a second line "at delay_weeks=2, ..." */
void cli_slice_title(const cli_slice *slice, char *title, size_t n);
/* How wide a key must be, in characters of its longest entry, for entries
 * of `entry_chars` under the key title `names`. */
size_t cli_key_chars(size_t entry_chars, const char *names);
/* "  set key title 'NAMES'", when there are names. */
void cli_key_title(FILE *f, const char *names);
/* A factor as a legend names it: the last part of its path
 * ("transient_share" of "consumers.transient_share"), or as many last
 * parts as tell it from the sweep's other factors ("big.price" and
 * "small.price" of firms.big.price and firms.small.price). */
const char *cli_factor_short(const mishi_results *r, size_t factor);
/* A legend's key title, "transient_share, delay_weeks", and a curve's
 * entry, point `point`'s values "0.5, 2": the factors but `skip` (SIZE_MAX:
 * none) and those the slice holds, in file order (plot_legend.c). */
void cli_legend_names(const mishi_results *r, const cli_slice *slice,
                      size_t skip, char *buf, size_t n);
void cli_legend_values(const mishi_results *r, const cli_slice *slice,
                       size_t skip, size_t point, char *buf, size_t n);

/* A plot's data inline, as a gnuplot datablock: its name ("$c1"), a
 * header naming its columns, a row per x, "EOD". Every datablock has the
 * same columns, x then a summary's mean and 95% interval, named once
 * (plot_block.c); the clauses pick them by name through
 * cli_block_using, so a header and a clause cannot disagree. */
typedef struct cli_block {
    char name[32]; /* "$c1" */
    const char *x; /* the x column's name: "x", "week" */
    double shift;  /* drawn this far right of x (curves side by side at
                      categories, so that equal means do not hide each other) */
} cli_block;

/* What a clause draws from a block, and so which columns it picks. */
typedef enum cli_block_use {
    CLI_USE_LINE, /* x, mean */
    CLI_USE_BAND, /* x, low, high: a filled band */
    CLI_USE_BARS  /* x, mean, low, high: error bars */
} cli_block_use;

void cli_block_start(FILE *f, const cli_block *b);
void cli_block_row(FILE *f, double x, const mishi_point_summary *s);
void cli_block_end(FILE *f);
/* '$c1 using "x":"mean"': the block and the columns `use` picks, by name. */
void cli_block_using(FILE *f, const cli_block *b, cli_block_use use);

/* What a curve's rows hold, counted row by row (cli_spread_add): rows
 * with a mean and a 95% interval, and rows with a mean alone (one run).
 * gnuplot refuses a clause whose every row is undefined, so a curve with
 * no interval is drawn without its band or bars, and one with neither is
 * only named in the key. */
typedef struct cli_spread {
    size_t with, without;
} cli_spread;
void cli_spread_add(cli_spread *t, const mishi_point_summary *s);

/* Writes a plot's whole script to `f`; `name` is its file name's stem. */
typedef void (*cli_plot_writer)(FILE *f, const void *data, const char *name);
/* DIR/NAME.gp written by `write` (staged; DIR made if missing), drawn as
 * NAME.svg and NAME.png when gnuplot is installed, and "plot: ..." said. */
int cli_plot_script(const char *dir, const char *name, cli_plot_writer write,
                    const void *data);
/* The head of a plot's drawing loop: the svg and png terminals, output
 * NAME.svg and NAME.png, the title, the axes' labels, key and grid; the
 * plot area leaves room beside it for a key whose longest entry is
 * `key_chars` characters. The clauses follow, then "  unset output\n}\n". */
void cli_plot_frame(FILE *f, const char *name, const char *title,
                    const char *xlabel, const char *ylabel, size_t key_chars);
/* Why a plot of the points `slice` shows has no value to draw, as the
 * summary table says it: "no finished runs: 0 of 4 runs done; 4 failed"
 * when none of their runs has finished (a sweep stopped early, every run
 * failed), else "no values: WHAT is NA in every finished run". Of a slice
 * of the sweep's points, it says so: "no finished runs at the points
 * shown: 0 of 2 runs done; 2 failed; 6 of 8 done in the whole sweep", or
 * "... NA in every finished run of the points shown", since the other
 * points may have run, and have values. */
void cli_why_no_values(const mishi_results *r, const cli_slice *slice,
                       const char *what, char *buf, size_t n);
/* "note: the plot draws no curve (WHY); ...", after "plot: ...": said
 * beside the tables, not in the picture alone. */
void cli_note_no_values(const mishi_results *r, const cli_slice *slice,
                        const char *what);
/* In place of a plot's clauses, when no curve has a value: no key, `why`
 * in the middle of an empty panel over x from `low` to `high`
 * (mishi_gnuplot_say_instead), then the end of the drawing loop. gnuplot
 * refuses a plot of key entries alone ("Assertion failed:
 * uses_axis[SECOND_X_AXIS]"), so without it the script mishi said it
 * wrote drew nothing. */
void cli_plot_say_instead(FILE *f, const char *why, double low, double high);
/* An axis's label: "market.profit (money/week)"; WHAT alone when the unit
 * is NULL (a column an older or newer build wrote). A unit that starts
 * with WHAT's last word is not said twice: "firms.share (0..1)", and
 * "market.units" alone. */
void cli_axis_label(const char *what, const char *unit, char *buf, size_t n);
/* A factor's axis label: its --set path, with the parameter's unit from
 * the schema when it has one ("firms.us.price (money/unit)"). */
void cli_factor_label(const char *factor, char *buf, size_t n);
/* "WHAT-by-BY", and "-at-" the slice's text, spaces dropped and every
 * other character but letters, digits, '.', '-' and '_' made '_', so that
 * it is safe as a file name. */
void cli_plot_name(const char *what, const char *by, const cli_slice *slice,
                   char *buf, size_t n);

/* DIR/[PREFIX-]MEASURE-by-PARAMETER.gp, drawn as .svg and .png: the
 * measure's mean over replicates against `by` (default: the first varied
 * parameter), with its 95% interval, a line per combination of the other
 * parameters, of the points in `slice`. `prefix` (NULL for none) keeps
 * apart the plots of sweeps that share a folder. */
int cli_summary_plot(const mishi_results *r, const char *measure,
                     const char *by, const cli_slice *slice, const char *dir,
                     const char *prefix);
/* Whether cli_summary_plot would find `measure` and `by`: a usage error
 * naming the ones the database has if not, so a command can refuse its
 * flags before it prints anything. */
int cli_summary_plot_check(const mishi_results *r, const char *measure,
                           const char *by);
/* DIR/QUANTITY-by-week.gp, drawn as .svg and .png: the recorded weekly
 * series q's mean over replicates at every point in `slice`, a curve per
 * point inside its 95% band, titled with what q takes over which firms. */
int cli_series_plot(const mishi_results *r, const mishi_quantity *q,
                    const cli_slice *slice, const char *dir);

#endif
