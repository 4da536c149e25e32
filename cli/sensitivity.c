/*
 * sensitivity.c — `mishi sensitivity DB`: which varied parameters a
 * measure is sensitive to, from a sweep run on a Morris or Saltelli
 * design: Morris's mu* and sigma, or Sobol's first-order and total
 * indices, each with a 95% bootstrap interval.
 *
 * The output at a design point is the measure's mean over the point's
 * replicates, so replicates shrink the simulation's own noise before the
 * analysis sees it; the intervals come from resampling the design
 * (trajectories or base samples), not the replicates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mishi_batch.h"
#include "mishi_files.h"
#include "results_view.h"


typedef struct sensitivity_options {
    cli_results_options results; /* first: cli_take_db, cli_add_measure */
    const char *csv, *seed;
    long long bootstrap;
} sensitivity_options;

/* One index of one factor for one measure, as printed. */
typedef struct index_row {
    const char *measure, *factor, *index;
    mishi_estimate estimate;
} index_row;

/* A 95% interval's ends are the 2.5% and 97.5% quantiles of the
 * resamples: with a few, or none, they are no interval (0 or 1 printed an
 * interval of width 0, 1 one that missed the estimate). */
enum { FEWEST_RESAMPLES = 100 };

static int set_bootstrap(const cli_flag *flag, void *options,
                         const char *value) {
    return cli_parse_whole(flag->name, value, FEWEST_RESAMPLES, 1000000,
                           &((sensitivity_options *)options)->bootstrap);
}

/* ------------------------------------------------------------- analysis */

/* The measure's mean at every point; every point must have one. */
static int point_outputs(const mishi_results *r, size_t measure, double *y) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    mishi_point_summary *s = malloc((info.points + 1) * sizeof *s);
    mishi_error err = {0};
    if (!s) return cli_run_failure("out of memory");
    int rc = mishi_results_summarize(r, measure, s, &err) ? cli_run_error(&err)
                                                            : 0;
    size_t missing = 0;
    for (size_t p = 0; !rc && p < info.points; p++)
        if (isnan(y[p] = s[p].mean)) missing++;
    free(s);
    if (!rc && missing)
        rc = cli_run_failure("measure '%s' has no value at %zu of %zu points "
                             "(runs not done yet, or NA): finish the sweep "
                             "first", mishi_results_measure(r, measure),
                             missing, info.points);
    return rc;
}

/* The design's points on the unit cube, as the analyses take them. */
static double *unit_points(const mishi_results *r) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    double *unit = malloc((info.points * info.factors + 1) * sizeof *unit);
    for (size_t p = 0; unit && p < info.points; p++)
        for (size_t k = 0; k < info.factors; k++)
            unit[p * info.factors + k] = mishi_results_unit_value(r, p, k);
    return unit;
}

typedef struct analysis {
    const mishi_results *r;
    mishi_results_info info;
    const sensitivity_options *o;
    uint64_t seed;
    index_row *rows;
    size_t count;
} analysis;

static void add_row(analysis *a, size_t measure, size_t factor,
                    const char *index, mishi_estimate e) {
    a->rows[a->count++] = (index_row){mishi_results_measure(a->r, measure),
                                      mishi_results_factor(a->r, factor),
                                      index, e};
}

/* Morris (mu*, sigma) or Sobol (first order, total) for one measure. */
static int analyse(analysis *a, size_t measure, const double *unit,
                   double *y) {
    size_t k = a->info.factors, b = (size_t)a->o->bootstrap;
    mishi_estimate one[64], two[64];
    int rc = point_outputs(a->r, measure, y);
    mishi_error err = {0};
    int morris = a->info.design == MISHI_DESIGN_MORRIS;
    if (!rc && morris &&
        mishi_morris_effects(k, a->info.samples, unit, y, b, a->seed, one, two,
                             &err))
        rc = cli_run_error(&err);
    if (!rc && !morris &&
        mishi_sobol_indices(k, a->info.samples, y, b, a->seed, one, two, &err))
        rc = cli_run_error(&err);
    for (size_t f = 0; !rc && f < k; f++) {
        add_row(a, measure, f, morris ? "mu_star" : "first_order", one[f]);
        add_row(a, measure, f, morris ? "sigma" : "total", two[f]);
    }
    return rc;
}

/* A database the analyses cannot read is bad data, as a missing one is,
 * not a bad command line: CLI_EXIT_RUN. */
static int check_design(const analysis *a) {
    mishi_design d = a->info.design;
    if (d != MISHI_DESIGN_MORRIS && d != MISHI_DESIGN_SALTELLI)
        return cli_run_failure("sensitivity: %s holds a %s sweep; expected a "
                               "Morris sweep (`design: morris`, elementary "
                               "effects) or a Saltelli sweep (`design: "
                               "saltelli`, Sobol indices)", a->o->results.db,
                               mishi_design_name(d));
    if (a->info.factors > 64)
        return cli_run_failure("sensitivity: %s varies %zu parameters; the "
                               "analyses take at most 64", a->o->results.db,
                               a->info.factors);
    /* The analyses index the points by the design's layout (samples x
     * (k + 1) or (k + 2)): a points table of another length, edited by
     * hand, was read past its end. */
    size_t per = a->info.factors + (d == MISHI_DESIGN_MORRIS ? 1 : 2);
    if (a->info.points != a->info.samples * per)
        return cli_run_failure("sensitivity: %s holds %zu points; a %s design "
                               "with `points: %zu` and %zu factors has %zu: "
                               "its points table is incomplete or edited",
                               a->o->results.db, a->info.points,
                               mishi_design_name(d), a->info.samples,
                               a->info.factors, a->info.samples * per);
    return 0;
}

/* ---------------------------------------------------------------- output */

static const cli_column index_columns[] = {
    {"measure", 0}, {"parameter", 0}, {"index", 0}, {"value", 0},
    {"95% CI", 0}};

/* Sobol indices lie in 0..1 (Saltelli's estimators can stray past them
 * when N is small): intervals wider than half of that say the design
 * cannot yet tell the parameters apart, which a reader of the table alone
 * might miss. Morris's mu* and sigma have the measure's own scale. */
static void note_wide_intervals(const analysis *a) {
    if (a->info.design != MISHI_DESIGN_SALTELLI) return;
    size_t wide = 0;
    for (size_t i = 0; i < a->count; i++)
        wide += a->rows[i].estimate.high - a->rows[i].estimate.low > 0.5;
    if (wide)
        printf("note: %zu of %zu intervals are wider than 0.5, half the range of a "
               "Sobol index: %zu base samples are too few to rank the parameters; "
               "more `points:` narrow them\n", wide, a->count, a->info.samples);
}

/* Why every index of a one-sample design that needs two is NA: an index
 * rests on a spread over the samples, and one sample has none. */
static void note_one_sample(const analysis *a) {
    if (a->info.design == MISHI_DESIGN_SALTELLI)
        printf("note: every Sobol index is NA: an index apportions the variance "
               "of the output over the base samples, and 1 base sample (`points: "
               "1`) has none; a sweep needs `points: 2` or more\n");
    else
        printf("note: sigma is NA: it is the spread of a parameter's elementary "
               "effects, one per trajectory, and 1 trajectory (`points: 1`) has "
               "none (and mu*'s interval, resampled from it alone, has no "
               "width); a sweep needs `points: 2` or more\n");
}

/* Which estimates are NA, and why. With two samples or more a Sobol index
 * is NA only when the output has no variance over the base samples (a
 * measure that is the same in every run); the fallback names the rest. */
static void note_undefined(const analysis *a) {
    const char *noted = NULL; /* rows come a measure at a time */
    for (size_t i = 0; i < a->count; i++) {
        const index_row *row = &a->rows[i];
        if (!isnan(row->estimate.value) || row->measure == noted) continue;
        if (a->info.samples < 2) {
            note_one_sample(a);
            return;
        }
        noted = row->measure;
        if (a->info.design == MISHI_DESIGN_SALTELLI)
            printf("note: the Sobol indices of %s are NA: it has the same value "
                   "at every base sample, so no variance to apportion\n", noted);
        else
            printf("note: some indices of %s are NA: its outputs leave them "
                   "undefined\n", noted);
    }
}

static int print_rows(const analysis *a) {
    cli_table t;
    int rc = cli_table_start(&t, 0, index_columns, CLI_COUNT(index_columns));
    for (size_t i = 0; !rc && i < a->count; i++) {
        const index_row *row = &a->rows[i];
        char value[32], low[32], high[32], interval[80];
        /* an index that cannot be computed (fewer than two samples, an
         * output with no variance) is NaN: NA, said why after the table
         * (note_undefined) */
        cli_number_text("%.4g", row->estimate.value, value, sizeof value);
        cli_number_text("%.4g", row->estimate.low, low, sizeof low);
        cli_number_text("%.4g", row->estimate.high, high, sizeof high);
        snprintf(interval, sizeof interval, "%s .. %s", low, high);
        rc = cli_table_add(&t, (const char *const[]){row->measure, row->factor,
                                                    row->index, value,
                                                    interval});
    }
    if (!rc) {
        printf("sweep %s: %s design, %zu points, %zu bootstrap resamples\n",
               a->info.sweep, mishi_design_name(a->info.design),
               a->info.points, (size_t)a->o->bootstrap);
        cli_table_print(&t);
        note_undefined(a);
        note_wide_intervals(a);
    }
    cli_table_free(&t);
    return rc;
}

/* The indices as a tidy table, a row per measure, factor and index
 * (cli_write_csv). */
static void csv_rows(FILE *f, const void *context) {
    const analysis *a = context;
    fputs("measure,parameter,index,value,ci_low,ci_high\n", f);
    for (size_t i = 0; i < a->count; i++) {
        const index_row *row = &a->rows[i];
        mishi_csv_text(f, row->measure);
        fputc(',', f);
        mishi_csv_text(f, row->factor);
        fprintf(f, ",%s", row->index);
        const double x[3] = {row->estimate.value, row->estimate.low,
                             row->estimate.high};
        for (int j = 0; j < 3; j++) {
            fputc(',', f);
            mishi_csv_real(f, x[j]);
        }
        fputc('\n', f);
    }
}

/* ------------------------------------------------------------------ main */

static int run_analyses(analysis *a) {
    size_t *chosen = NULL, n = 0;
    int rc = check_design(a);
    if (!rc) rc = cli_pick_measures(a->r, a->o->results.measure,
                                    a->o->results.measure_count, &chosen, &n);
    double *unit = rc ? NULL : unit_points(a->r);
    double *y = rc ? NULL : malloc((a->info.points + 1) * sizeof *y);
    a->rows = rc ? NULL : malloc((2 * n * a->info.factors + 1) * sizeof *a->rows);
    if (!rc && (!unit || !y || !a->rows)) rc = cli_run_failure("out of memory");
    for (size_t i = 0; !rc && i < n; i++) rc = analyse(a, chosen[i], unit, y);
    if (!rc) rc = print_rows(a);
    if (!rc && a->o->csv) rc = cli_write_csv(a->o->csv, csv_rows, a);
    free(unit), free(y), free(a->rows), free(chosen);
    return rc;
}

/* `prepared`: an analysis with its options and seed, to run on r. */
static int analyse_results(const mishi_results *r, const void *prepared) {
    analysis a = *(const analysis *)prepared;
    a.r = r;
    mishi_results_describe(r, &a.info);
    return run_analyses(&a);
}

static int sensitivity_main(const cli_command *self, int argc, char **argv) {
    sensitivity_options o = {0};
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc && !o.results.db)
        rc = cli_usage_error("sensitivity: expected a results database, e.g. "
                             "'mishi sensitivity out/morris.sqlite'");
    long long seed = 1;
    if (!rc && o.seed)
        rc = cli_parse_whole("--seed", o.seed, 0, 9.2e18, &seed);
    if (!rc) rc = cli_csv_not_db(o.csv, o.results.db);
    analysis a = {.o = &o, .seed = (uint64_t)seed};
    return rc ? rc : cli_with_results(o.results.db, analyse_results, &a);
}

static const cli_flag sensitivity_flags[] = {
    CLI_MEASURE_FLAG("analyse"),
    {"--bootstrap", "B", "resamples for the 95% intervals, 100 or more", "1000",
     set_bootstrap, 0, NULL},
    {"--seed", "S", "seed of the resampling (default: 1)", NULL, cli_set_text,
     offsetof(sensitivity_options, seed), NULL},
    {"--csv", "FILE", "also write the indices as tidy CSV", NULL, cli_set_file,
     offsetof(sensitivity_options, csv), NULL},
};

const cli_command sensitivity_command = {
    "sensitivity", "DB", "Morris effects or Sobol indices of a sweep's "
    "measures, with bootstrap CIs", sensitivity_flags,
    CLI_COUNT(sensitivity_flags), cli_take_db, sensitivity_main, {0},
};
