/*
 * summarize.c — `mishi summarize DB`: each measure at each point of a
 * sweep, as the mean over its replicates with a standard deviation and a
 * 95% confidence interval (Student t), printed aligned, written as tidy
 * CSV (--csv), and drawn against a varied parameter with its interval as
 * a band (--plot MEASURE --by PARAMETER); then the mechanisms the runs
 * switched on that never acted, where they were idle (idle_report.c).
 *
 * The database is opened read-only, so a sweep can be summarised while it
 * still runs: the points with no finished run yet show n = 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "mishi_batch.h"
#include "mishi_files.h"
#include "results_view.h"

typedef struct summarize_options {
    cli_results_options results; /* first: cli_take_db, cli_add_measure */
    const char *csv, *plot, *by, *out;
} summarize_options;

int cli_take_db(const cli_command *self, void *options, const char *argument) {
    return cli_take_one(self, &((cli_results_options *)options)->db,
                        "database", argument);
}

int cli_with_results(const char *db, cli_results_work work,
                     const void *context) {
    mishi_results *r = NULL;
    mishi_error err = {0};
    if (mishi_results_open(db, &r, &err)) return cli_run_error(&err);
    int rc = work(r, context);
    mishi_results_close(r);
    return rc;
}

/* --csv naming the database itself replaced the results with the table
 * (the staged CSV is renamed over it): refused, before anything is read. */
int cli_csv_not_db(const char *csv, const char *db) {
    struct stat a, b;
    if (!csv || !db || stat(csv, &a) != 0 || stat(db, &b) != 0) return 0;
    if (a.st_dev != b.st_dev || a.st_ino != b.st_ino) return 0;
    return cli_usage_error("--csv: '%s' is the results database %s; give the "
                           "table a file of its own", csv, db);
}

int cli_add_measure(const cli_flag *flag, void *options, const char *value) {
    cli_results_options *o = options;
    if (o->measure_count == CLI_MAX_MEASURES)
        return cli_usage_error("%s: at most %d", flag->name, CLI_MAX_MEASURES);
    o->measure[o->measure_count++] = value;
    return 0;
}

/* ------------------------------------------------------------- choosing */

/* The measure `name`, or a message naming the one meant, if one is near,
 * and listing every one the database has: a sweep may record any number
 * (a name left out of the list, or out of the search for the one meant,
 * would be one the user could not learn of here). */
int cli_pick_measure(const mishi_results *r, const char *flag,
                     const char *name, size_t *out) {
    long m = mishi_results_find_measure(r, name);
    if (m >= 0) {
        *out = (size_t)m;
        return 0;
    }
    mishi_results_info info;
    mishi_results_describe(r, &info);
    const char **names = malloc((info.measures + 1) * sizeof *names);
    if (!names) return cli_run_failure("out of memory");
    for (size_t k = 0; k < info.measures; k++) names[k] = mishi_results_measure(r, k);
    char said[1200];
    snprintf(said, sizeof said, "%s: no measure '%s' in this sweep", flag, name);
    int rc = cli_not_among(said, name, names, info.measures, "measures");
    free(names);
    return rc;
}

/* The measures asked for, or all of them. */
int cli_pick_measures(const mishi_results *r, const char *const *asked,
                      int count, size_t **chosen, size_t *n) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    *n = 0;
    size_t room = count > 0 ? (size_t)count : info.measures;
    if (!(*chosen = malloc((room + 1) * sizeof **chosen)))
        return cli_run_failure("out of memory");
    for (int i = 0; i < count; i++) {
        int rc = cli_pick_measure(r, "--measure", asked[i], &(*chosen)[(*n)++]);
        if (rc) return rc;
    }
    for (size_t m = 0; count == 0 && m < info.measures; m++) (*chosen)[(*n)++] = m;
    return 0;
}

/* ---------------------------------------------------------------- table */

void cli_value_text(const mishi_results *r, size_t point, size_t factor,
                    char *buf, size_t n) {
    mishi_factor_value_text(mishi_results_factor_info(r, factor),
                            mishi_results_value(r, point, factor),
                            MISHI_VALUE_SHORT, buf, n);
}

/* "transient_share=0.05, bets=none": a point's values. */
void cli_point_text(const mishi_results *r, size_t point, char *buf,
                    size_t n) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    buf[0] = '\0';
    for (size_t k = 0; k < info.factors; k++) {
        char value[128];
        cli_value_text(r, point, k, value, sizeof value);
        mishi_text_append(buf, n, "%s%s=%s", k ? ", " : "", mishi_results_factor(r, k),
                          value);
    }
}

void cli_number_text(const char *format, double v, char *buf, size_t n) {
    if (isnan(v)) snprintf(buf, n, "NA");
    else snprintf(buf, n, format, v);
}

static int add_summary_row(cli_table *t, const mishi_results *r,
                           const char *measure, const mishi_point_summary *s) {
    char point[16], values[512], n[16], mean[32], sd[32], low[32], high[32],
        interval[80];
    snprintf(point, sizeof point, "%zu", s->point);
    cli_point_text(r, s->point, values, sizeof values);
    snprintf(n, sizeof n, "%zu", s->n);
    cli_number_text("%.4g", s->mean, mean, sizeof mean);
    cli_number_text("%.4g", s->sd, sd, sizeof sd);
    cli_number_text("%.4g", s->low, low, sizeof low);
    cli_number_text("%.4g", s->high, high, sizeof high);
    snprintf(interval, sizeof interval, "%s .. %s", low, high);
    return cli_table_add(t, (const char *const[]){point, values, measure, n,
                                                  mean, sd, interval});
}

static const cli_column summary_columns[] = {
    {"point", 0}, {"values", 0}, {"measure", 0}, {"n", 0},
    {"mean", 0},  {"sd", 0},     {"95% CI", 0}};

/* Every chosen measure at every point, summarised; summaries[i] holds
 * measure chosen[i]'s, one per point (to free). */
static int summarize_all(const mishi_results *r, const size_t *chosen,
                         size_t n, mishi_point_summary **summaries) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    mishi_error err = {0};
    for (size_t i = 0; i < n; i++) {
        summaries[i] = malloc((info.points + 1) * sizeof **summaries);
        if (!summaries[i]) return cli_run_failure("out of memory");
        if (mishi_results_summarize(r, chosen[i], summaries[i], &err))
            return cli_run_error(&err);
    }
    return 0;
}

static int print_summaries(const mishi_results *r, const size_t *chosen,
                           size_t n, mishi_point_summary *const *summaries) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    cli_table t;
    int rc = cli_table_start(&t, 0, summary_columns, CLI_COUNT(summary_columns));
    for (size_t i = 0; !rc && i < n; i++)
        for (size_t p = 0; !rc && p < info.points; p++)
            rc = add_summary_row(&t, r, mishi_results_measure(r, chosen[i]),
                                 &summaries[i][p]);
    if (!rc) {
        printf("sweep %s: %zu of %zu runs done", info.sweep, info.done, info.runs);
        if (info.failed)
            printf("; %zu failed (their messages are in the runs table; the "
                   "sweep run again retries them)", info.failed);
        putchar('\n');
        cli_table_print(&t);
    }
    cli_table_free(&t);
    return rc;
}

/* ------------------------------------------------------------------ CSV */

static void csv_header(FILE *f, const mishi_results *r) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    fputs("point", f);
    for (size_t k = 0; k < info.factors; k++) {
        fputc(',', f);
        mishi_csv_text(f, mishi_results_factor(r, k));
    }
    fputs(",measure,n,mean,sd,ci_low,ci_high\n", f);
}

static void csv_row(FILE *f, const mishi_results *r, const char *measure,
                    const mishi_point_summary *s) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    fprintf(f, "%zu", s->point);
    /* each value exact, as the database holds it (not the table's "%g"),
     * so the rows join to runs_results on them */
    for (size_t k = 0; k < info.factors; k++) {
        char value[128];
        mishi_factor_value_text(mishi_results_factor_info(r, k),
                                mishi_results_value(r, s->point, k),
                                MISHI_VALUE_EXACT, value, sizeof value);
        fputc(',', f);
        mishi_csv_text(f, value);
    }
    fputc(',', f);
    mishi_csv_text(f, measure);
    fprintf(f, ",%zu", s->n);
    const double x[4] = {s->mean, s->sd, s->low, s->high};
    for (int i = 0; i < 4; i++) {
        fputc(',', f);
        mishi_csv_real(f, x[i]);
    }
    fputc('\n', f);
}

/* What the summary's table is written from. */
typedef struct summary_table {
    const mishi_results *r;
    const size_t *chosen;
    size_t n;
    mishi_point_summary *const *summaries;
} summary_table;

/* A tidy table: a row per point and measure (cli_write_csv). */
static void summary_rows(FILE *f, const void *context) {
    const summary_table *t = context;
    mishi_results_info info;
    mishi_results_describe(t->r, &info);
    csv_header(f, t->r);
    for (size_t i = 0; i < t->n; i++)
        for (size_t p = 0; p < info.points; p++)
            csv_row(f, t->r, mishi_results_measure(t->r, t->chosen[i]),
                    &t->summaries[i][p]);
}

/* ----------------------------------------------------------------- main */

int cli_summary_report(const mishi_results *r, const char *const *asked,
                       int count, const char *csv) {
    size_t *chosen = NULL, n = 0;
    int rc = cli_pick_measures(r, asked, count, &chosen, &n);
    mishi_point_summary **summaries = rc ? NULL : calloc(n + 1, sizeof *summaries);
    if (!rc && !summaries) rc = cli_run_failure("out of memory");
    if (!rc) rc = summarize_all(r, chosen, n, summaries);
    if (!rc) rc = print_summaries(r, chosen, n, summaries);
    if (!rc && csv)
        rc = cli_write_csv(csv, summary_rows,
                           &(summary_table){r, chosen, n, summaries});
    for (size_t i = 0; summaries && i < n; i++) free(summaries[i]);
    free(summaries), free(chosen);
    return rc;
}

/* Into --out, or beside the database, named for the database too, so that
 * two sweeps' plots of one measure by one parameter keep apart. */
static int draw_plot(const mishi_results *r, const summarize_options *o) {
    char folder[4096], stem[1024];
    cli_path_parts(o->results.db, ".sqlite", folder, sizeof folder, stem, sizeof stem);
    return cli_summary_plot(r, o->plot, o->by, NULL, o->out ? o->out : folder, stem);
}

/* The plot's flags are checked first: a misspelt --plot or --by is
 * refused before the table is printed, not after. */
static int summarize_work(const mishi_results *r, const void *options) {
    const summarize_options *o = options;
    int rc = o->plot ? cli_summary_plot_check(r, o->plot, o->by) : 0;
    if (!rc)
        rc = cli_summary_report(r, o->results.measure,
                                o->results.measure_count, o->csv);
    if (!rc) rc = cli_idle_report(r, 1);
    if (!rc && o->plot) rc = draw_plot(r, o);
    return rc;
}

static int summarize_main(const cli_command *self, int argc, char **argv) {
    summarize_options o = {0};
    int rc = cli_parse(self, argc, argv, &o);
    if (!rc && !o.results.db)
        rc = cli_usage_error("summarize: expected a results database, e.g. "
                             "'mishi summarize out/transient-threshold.sqlite'");
    if (!rc && o.by && !o.plot)
        rc = cli_usage_error("--by: goes with --plot MEASURE");
    if (!rc && o.out && !o.plot) /* else ignored without a word */
        rc = cli_usage_error("--out: the folder for --plot's picture; give "
                             "--plot MEASURE, or --csv FILE for the table");
    if (!rc) rc = cli_csv_not_db(o.csv, o.results.db);
    return rc ? rc : cli_with_results(o.results.db, summarize_work, &o);
}

static const cli_flag summarize_flags[] = {
    CLI_MEASURE_FLAG("summarise"),
    {"--csv", "FILE", "also write the table as tidy CSV: a row per point and "
     "measure", NULL, cli_set_file, offsetof(summarize_options, csv), NULL},
    {"--plot", "MEASURE", "draw MEASURE against a varied parameter, with its "
     "95% interval as a band", NULL, cli_set_text,
     offsetof(summarize_options, plot), NULL},
    {"--by", "PARAMETER", "the parameter on the plot's x axis (default: the "
     "first varied one)", NULL, cli_set_text, offsetof(summarize_options, by),
     NULL},
    {"--out", "DIR", "where the plot DB-MEASURE-by-PARAMETER.svg/.png goes "
     "(default: the database's folder)",
     NULL, cli_set_folder, offsetof(summarize_options, out), NULL},
};

const cli_command summarize_command = {
    "summarize", "DB", "each measure per point of a sweep: mean, sd and 95% "
    "CI over replicates", summarize_flags, CLI_COUNT(summarize_flags),
    cli_take_db,
    summarize_main, {0},
};
