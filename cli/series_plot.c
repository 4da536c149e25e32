/*
 * series_plot.c — an experiment's `{series: QUANTITY}` plot: a recorded
 * weekly series, its mean over the replicates at each point week by week,
 * one curve per point inside its 95% confidence band.
 *
 * Built like the summary plot (summary_plot.c), whose frame it shares: a
 * self-contained gnuplot script, one datablock per point with a header
 * naming its columns, every clause picking columns by those names. A
 * band is missing in the weeks where a point has fewer than two finished
 * replicates, since it has no interval there, and a point with none in
 * any week has no band at all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mishi_files.h"
#include "results_view.h"

typedef struct series_data {
    const mishi_results *r;
    const cli_slice *slice;
    mishi_results_info info;
    const char *quantity;
    const char *label; /* what the quantity is, for the title */
    mishi_point_summary *week; /* point p's week w at p * weeks + w */
} series_data;

/* Point p's datablock: $p1 for the first point, by week. */
static cli_block point_block(size_t point) {
    cli_block b = {.x = "week"};
    snprintf(b.name, sizeof b.name, "$p%zu", point + 1);
    return b;
}

static void write_block(FILE *f, const series_data *d, size_t point) {
    cli_block b = point_block(point);
    cli_block_start(f, &b);
    size_t weeks = (size_t)d->info.weeks;
    for (size_t w = 0; w < weeks; w++)
        cli_block_row(f, (double)(w + 1), &d->week[point * weeks + w]);
    cli_block_end(f);
}

/* Point p's weeks, counted by what they hold (cli_spread). */
static cli_spread point_spread(const series_data *d, size_t p) {
    size_t weeks = (size_t)d->info.weeks;
    cli_spread t = {0, 0};
    for (size_t w = 0; w < weeks; w++) cli_spread_add(&t, &d->week[p * weeks + w]);
    return t;
}

/* Whether some point shown has an interval in some week: the title says
 * so if none. */
static int any_band(const series_data *d) {
    for (size_t p = 0; p < d->info.points; p++)
        if (cli_slice_shows(d->slice, p) && point_spread(d, p).with) return 1;
    return 0;
}

/* Whether no point shown has a value in any week: no run has finished
 * (every run of the experiment failed), or the series is NA throughout. */
static int nothing_to_draw(const series_data *d) {
    for (size_t p = 0; p < d->info.points; p++) {
        if (!cli_slice_shows(d->slice, p)) continue;
        cli_spread t = point_spread(d, p);
        if (t.with || t.without) return 0;
    }
    return 1;
}

/* A band and a line per point of the slice, titled with its values; no
 * band where a point has no interval, and only a key entry, said so,
 * where it has no value. */
static void write_clauses(FILE *f, const series_data *d) {
    const char *sep = "  plot ";
    for (size_t p = 0, c = 0; p < d->info.points; p++) {
        if (!cli_slice_shows(d->slice, p)) continue;
        c++; /* the curve's number: its colour and dashes */
        char title[512];
        cli_legend_values(d->r, d->slice, SIZE_MAX, p, title, sizeof title);
        if (!title[0]) snprintf(title, sizeof title, "mean");
        cli_spread t = point_spread(d, p);
        cli_block b = point_block(p);
        fputs(sep, f);
        sep = ", \\\n       ";
        /* gnuplot's colours repeat after eight: dashes tell the next
         * eight apart */
        size_t dashes = 1 + (c - 1) / 8 % 4;
        if (!t.with && !t.without) {
            size_t used = strlen(title);
            snprintf(title + used, sizeof title - used, " (no values)");
            fprintf(f, "keyentry with lines lw 2 lc %zu dt %zu title ", c, dashes);
            mishi_gnuplot_string(f, title);
            continue;
        }
        if (t.with) {
            cli_block_using(f, &b, CLI_USE_BAND);
            fprintf(f, " with filledcurves lc %zu fs transparent solid 0.2 "
                       "notitle, \\\n       ", c);
        }
        cli_block_using(f, &b, CLI_USE_LINE);
        fprintf(f, " with lines lw 2 lc %zu dt %zu title ", c, dashes);
        mishi_gnuplot_string(f, title);
    }
    fputs("\n  unset output\n}\n", f);
}

/* Whether no week's mean or interval at a point shown goes below zero (a
 * share, a count): the margin below the curves then stops at 0. */
static int never_negative(const series_data *d) {
    size_t weeks = (size_t)d->info.weeks;
    for (size_t p = 0; p < d->info.points; p++)
        for (size_t w = 0; cli_slice_shows(d->slice, p) && w < weeks; w++) {
            const mishi_point_summary *s = &d->week[p * weeks + w];
            if (s->mean < 0.0 || s->low < 0.0) return 0;
        }
    return 1;
}

static void write_series_plot(FILE *f, const void *data, const char *name) {
    const series_data *d = data;
    fprintf(f, "# %s.gp — written by mishi %s (`mishi experiment`). Run\n"
               "# `gnuplot %s.gp` in this folder to draw %s.svg and .png.\n"
               "# Each datablock is one point of the sweep: the series' mean\n"
               "# over the replicates in each week, and its 95%% interval.\n\n"
               "set datafile missing NaN\nset datafile columnheaders\n\n",
            name, MISHI_VERSION, name, name);
    for (size_t p = 0; p < d->info.points; p++)
        if (cli_slice_shows(d->slice, p)) write_block(f, d, p);
    char title[512], values[512];
    snprintf(title, sizeof title, "%s: %s by week, a curve per point (%s)",
             d->info.sweep, d->label,
             nothing_to_draw(d) ? "nothing to draw"
             : any_band(d)      ? "mean over replicates, 95% CI"
                                : "one run a point: no interval");
    cli_slice_title(d->slice, title, sizeof title);
    size_t longest = 0;
    for (size_t p = 0; p < d->info.points; p++) {
        if (!cli_slice_shows(d->slice, p)) continue;
        cli_legend_values(d->r, d->slice, SIZE_MAX, p, values, sizeof values);
        if (strlen(values) > longest) longest = strlen(values);
    }
    char names[512];
    cli_legend_names(d->r, d->slice, SIZE_MAX, names, sizeof names);
    char axis[512];
    const mishi_column_info *column = mishi_column_named(d->quantity);
    cli_axis_label(d->quantity, column ? column->unit : NULL, axis, sizeof axis);
    cli_plot_frame(f, name, title, "week", axis, cli_key_chars(longest, names) + 8);
    cli_key_title(f, names);
    fprintf(f, "  set xrange [0:%d]\n  set offsets 0, 0, graph 0.05, graph "
               "0.05\n", d->info.weeks);
    if (never_negative(d)) fputs("  set yrange [0<*:*]\n", f);
    if (!nothing_to_draw(d)) {
        write_clauses(f, d);
        return;
    }
    char why[512];
    cli_why_no_values(d->r, d->slice, d->quantity, why, sizeof why);
    cli_plot_say_instead(f, why, 0.0, (double)d->info.weeks);
}

/* Every point's weeks, read before the script is written. */
static int gather(series_data *d) {
    size_t weeks = (size_t)d->info.weeks;
    d->week = malloc((d->info.points * weeks + 1) * sizeof *d->week);
    if (!d->week) return cli_run_failure("out of memory");
    mishi_error err = {0};
    for (size_t p = 0; p < d->info.points; p++)
        if (mishi_results_series(d->r, d->quantity, p, d->week + p * weeks, &err))
            return cli_run_error(&err);
    return 0;
}

/* What a series is, for its title and axis: "firms.share (sum over the
 * firms of class xiaomi)"; a market.csv column is its name alone. */
static void describe(const mishi_quantity *q, char *buf, size_t n) {
    if (strcmp(q->file, "firms.csv") != 0) {
        snprintf(buf, n, "%s", q->name);
        return;
    }
    snprintf(buf, n, "%s (%s over the firms%s%s)", q->name,
             mishi_over_firms_name(q->over_firms),
             q->class_name ? " of class " : "", q->class_name ? q->class_name : "");
}

int cli_series_plot(const mishi_results *r, const mishi_quantity *q,
                    const cli_slice *slice, const char *dir) {
    char label[512];
    describe(q, label, sizeof label);
    const char *quantity = q->name;
    series_data d = {.r = r, .slice = slice, .quantity = quantity, .label = label};
    mishi_results_describe(r, &d.info);
    int rc = gather(&d);
    char name[1024];
    cli_plot_name(quantity, "week", slice, name, sizeof name);
    if (!rc) rc = cli_plot_script(dir, name, write_series_plot, &d);
    if (!rc && nothing_to_draw(&d)) cli_note_no_values(r, slice, quantity);
    free(d.week);
    return rc;
}
