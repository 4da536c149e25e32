/*
 * summary_plot.c — `mishi summarize --plot MEASURE --by PARAMETER`: a
 * measure's mean over replicates against one varied parameter, with its
 * 95% confidence interval, one curve per combination of the other varied
 * parameters.
 *
 * Like a run's plot.gp, the script is self-contained (its data inline, one
 * datablock per curve with a header naming its columns, and every clause
 * picking columns by those names), editable and re-runnable with
 * `gnuplot`. A grid sweep draws each curve as a line inside a shaded band;
 * any other design scatters its points, so they are drawn as points with
 * error bars, not joined. A variants factor on x is categorical: its
 * levels stand at 0, 1, ... in file order, the tics named by the levels,
 * and each curve is points with error bars, not joined either.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mishi_files.h"
#include "results_view.h"

/* Every plot's canvas, in pixels. */
#define PLOT_WIDTH 1100.0
#define PLOT_LEFT 0.08       /* the plot area's left edge, a share of the canvas */
#define CHARACTER_PIXELS 8.5 /* about, at the plots' font */
#define PLOT_SIZE "1100,650"

typedef struct plot_data {
    const mishi_results *r;
    const cli_slice *slice;
    mishi_results_info info;
    size_t measure, by;
    mishi_point_summary *summary; /* per point */
    size_t *curve;                /* per point: which curve it is on;
                                     SIZE_MAX: outside the slice */
    size_t *first;                /* per curve: its first point */
    size_t curves;
} plot_data;

/* Whether points a and b agree on every parameter but `by`. */
static int same_curve(const plot_data *d, size_t a, size_t b) {
    for (size_t k = 0; k < d->info.factors; k++)
        if (k != d->by &&
            mishi_results_value(d->r, a, k) != mishi_results_value(d->r, b, k))
            return 0;
    return 1;
}

/* Whether the design scatters its points (Morris, Saltelli, a Latin
 * hypercube...): then no two share the other parameters' values, and a
 * curve per combination would be a curve per point (fifty in the key of
 * a small Morris design); all are one scatter of points instead. */
static int scatters(const plot_data *d) {
    return d->info.design != MISHI_DESIGN_GRID &&
           !mishi_results_factor_info(d->r, d->by)->levels;
}

static void find_curves(plot_data *d) {
    d->curves = 0;
    for (size_t p = 0; p < d->info.points; p++) {
        d->curve[p] = SIZE_MAX;
        if (!cli_slice_shows(d->slice, p)) continue;
        size_t c = 0;
        while (c < d->curves && !scatters(d) && !same_curve(d, d->first[c], p)) c++;
        if (c == d->curves) d->first[d->curves++] = p;
        d->curve[p] = c;
    }
}

/* "0.1, none": the values that name a curve, under a key title that
 * names their parameters; "mean" with one factor. */
static void curve_title(const plot_data *d, size_t curve, char *buf, size_t n) {
    if (scatters(d)) {
        snprintf(buf, n, "a point of the design");
        return;
    }
    cli_legend_values(d->r, d->slice, d->by, d->first[curve], buf, n);
    if (!buf[0]) snprintf(buf, n, "mean");
}

/* The factor on the x axis. */
static const mishi_factor_info *x_factor(const plot_data *d) {
    return mishi_results_factor_info(d->r, d->by);
}

/* Points of `curve` in order of their x: a small insertion sort. */
static size_t curve_points(const plot_data *d, size_t curve, size_t *out) {
    size_t n = 0;
    for (size_t p = 0; p < d->info.points; p++) {
        if (d->curve[p] != curve) continue;
        double x = mishi_results_value(d->r, p, d->by);
        size_t at = n++;
        while (at > 0 && mishi_results_value(d->r, out[at - 1], d->by) > x)
            out[at] = out[at - 1], at--;
        out[at] = p;
    }
    return n;
}

/* Curve c's datablock: $c1 for the first curve. */
static cli_block curve_block(size_t curve) {
    cli_block b = {.x = "x"};
    snprintf(b.name, sizeof b.name, "$c%zu", curve + 1);
    return b;
}

static void write_block(FILE *f, const plot_data *d, size_t curve,
                        size_t *order) {
    cli_block b = curve_block(curve);
    cli_block_start(f, &b);
    size_t n = curve_points(d, curve, order);
    for (size_t i = 0; i < n; i++)
        cli_block_row(f, mishi_results_value(d->r, order[i], d->by),
                      &d->summary[order[i]]);
    cli_block_end(f);
}

static void write_preamble(FILE *f, const plot_data *d, const char *name) {
    fprintf(f, "# %s.gp — written by mishi %s (`mishi summarize --plot`). Run\n"
               "# `gnuplot %s.gp` in this folder to draw %s.svg and .png.\n"
               "# Each datablock is one curve: the measure's mean over the\n"
               "# replicates at each value of x, and its 95%% interval.\n",
            name, MISHI_VERSION, name, name);
    if (x_factor(d)->levels)
        fprintf(f, "# x is the index of a level of %s, 0 first; the x tics\n"
                   "# name the levels.\n", x_factor(d)->path);
    fputs("\nset datafile missing NaN\nset datafile columnheaders\n\n", f);
    for (size_t c = 0; c < d->curves; c++) {
        size_t *order = malloc(d->info.points * sizeof *order);
        if (!order) return;
        write_block(f, d, c, order);
        free(order);
    }
}

/* The right edge of the plot area, as a share of the canvas: the key
 * stands beside it, so it leaves room for the longest legend entry
 * (`key_chars` characters) at about 8.5 pixels a character plus the
 * sample, and never less than half the canvas for the plot. */
static double plot_right_edge(size_t key_chars) {
    double edge = 0.97 - ((double)key_chars * CHARACTER_PIXELS + 70.0) / PLOT_WIDTH;
    return edge < 0.5 ? 0.5 : edge > 0.85 ? 0.85 : edge;
}

/* A gnuplot string of the lines of `text` ('a'."\n".'b' for "a\nb"), a
 * line longer than `width` characters broken at its last space within
 * them, so that a title centred over the plot stays on the canvas. */
static void write_lines(FILE *f, const char *text, size_t width) {
    for (int first = 1; *text || first; first = 0) {
        size_t length = strcspn(text, "\n");
        if (length > width) { /* the last space within width, if any */
            size_t cut = width;
            while (cut > 0 && text[cut] != ' ') cut--;
            if (cut > 0) length = cut;
        }
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)length, text);
        if (!first) fputs(".\"\\n\".", f);
        mishi_gnuplot_string(f, line);
        text += length;
        if (*text == '\n' || *text == ' ') text++;
    }
}

void cli_plot_frame(FILE *f, const char *name, const char *title,
                    const char *xlabel, const char *ylabel, size_t key_chars) {
    double right = plot_right_edge(key_chars);
    mishi_gnuplot_colours(f);
    fputs("do for [format in \"svg png\"] {\n"
          "  if (format eq \"svg\") {\n"
          "    set terminal svg size " PLOT_SIZE " dynamic noenhanced font "
          "\"Sans,12\" background \"white\"\n  } else {\n"
          "    set terminal pngcairo size " PLOT_SIZE " noenhanced font "
          "\"Sans,11\" background \"white\"\n  }\n  set output ", f);
    mishi_gnuplot_string(f, name);
    fputs(".'.'.format\n  set title ", f);
    /* centred over the plot: as wide as twice the room left of its centre */
    write_lines(f, title, (size_t)((PLOT_LEFT + right) * PLOT_WIDTH / CHARACTER_PIXELS) - 4);
    fputs("\n  set xlabel ", f);
    mishi_gnuplot_string(f, xlabel);
    fputs("\n  set ylabel ", f);
    mishi_gnuplot_string(f, ylabel);
    fprintf(f, "\n  set lmargin at screen %.2f\n  set rmargin at screen %.2f\n"
               "  set key at screen %.2f, graph 0.5 left center vertical Left "
               "reverse samplen 3\n"
               "  set grid lc rgb \"#dddddd\"\n  set offsets graph 0.03, graph "
               "0.03, graph 0.05, graph 0.05\n", PLOT_LEFT, right, right + 0.02);
}

/* The runs at the points a slice shows, counted as a sweep's are. */
typedef struct shown_runs {
    size_t points, runs, done, failed;
} shown_runs;

static shown_runs runs_shown(const mishi_results *r, const cli_slice *slice) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    shown_runs t = {0, 0, 0, 0};
    for (size_t p = 0; p < info.points; p++) {
        if (!cli_slice_shows(slice, p)) continue;
        mishi_point_runs at = mishi_results_point_runs(r, p);
        t.points++, t.runs += (size_t)info.replicates;
        t.done += at.done, t.failed += at.failed;
    }
    return t;
}

void cli_why_no_values(const mishi_results *r, const cli_slice *slice,
                       const char *what, char *buf, size_t n) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    shown_runs shown = runs_shown(r, slice);
    /* a slice's points may not have run while others have: what is said
     * of the runs is said of theirs */
    int some = shown.points < info.points;
    const char *points = shown.points == 1 ? "point" : "points";
    if (shown.done) {
        snprintf(buf, n, "no values: %s is NA in every finished run", what);
        if (some) mishi_text_append(buf, n, " of the %s shown", points);
        return;
    }
    snprintf(buf, n, "no finished runs");
    if (some) mishi_text_append(buf, n, " at the %s shown", points);
    mishi_text_append(buf, n, ": 0 of %zu runs done", shown.runs);
    if (shown.failed) mishi_text_append(buf, n, "; %zu failed", shown.failed);
    if (some)
        mishi_text_append(buf, n, "; %zu of %zu done in the whole sweep", info.done,
                          info.runs);
}

void cli_note_no_values(const mishi_results *r, const cli_slice *slice,
                        const char *what) {
    char why[512];
    cli_why_no_values(r, slice, what, why, sizeof why);
    printf("note: the plot draws no curve (%s); its panel says so\n", why);
}

void cli_plot_say_instead(FILE *f, const char *why, double low, double high) {
    fputs("  unset key\n", f); /* its title would stand over no entry */
    mishi_gnuplot_say_instead(f, "  ", why, low, high);
    fputs("  unset output\n}\n", f);
}

/* Curve c's points, counted by what they hold (cli_spread). */
static cli_spread curve_spread(const plot_data *d, size_t c) {
    cli_spread t = {0, 0};
    for (size_t p = 0; p < d->info.points; p++)
        if (d->curve[p] == c) cli_spread_add(&t, &d->summary[p]);
    return t;
}

/* Whether some point shown has an interval: the title says so if none. */
static int any_interval(const plot_data *d) {
    for (size_t c = 0; c < d->curves; c++)
        if (curve_spread(d, c).with) return 1;
    return 0;
}

/* Whether any point of `curve` has a mean: a measure can be undefined on a
 * whole curve (a resale premium with no resellers). */
static int curve_defined(const plot_data *d, size_t curve) {
    cli_spread t = curve_spread(d, curve);
    return t.with + t.without > 0;
}

/* Whether no curve has a mean to draw: no run has finished, or the
 * measure is NA in every one at the points shown. */
static int nothing_to_draw(const plot_data *d) {
    for (size_t c = 0; c < d->curves; c++)
        if (curve_defined(d, c)) return 0;
    return 1;
}

/* The curve's key entry: its title, and "(no values)" if it has none. */
static void curve_label(const plot_data *d, size_t curve, char *buf, size_t n) {
    curve_title(d, curve, buf, n);
    size_t used = strlen(buf);
    if (!curve_defined(d, curve)) snprintf(buf + used, n - used, " (no values)");
}

/* The longest curve title: the key is sized to it. */
static size_t longest_title(const plot_data *d) {
    size_t longest = 0;
    for (size_t c = 0; c < d->curves; c++) {
        char title[512];
        curve_label(d, c, title, sizeof title);
        if (strlen(title) > longest) longest = strlen(title);
    }
    return longest;
}

/* A variants factor on x: its levels at 0, 1, ..., each tic its name. */
static void write_level_axis(FILE *f, const mishi_factor_info *by) {
    fputs("  set xtics (", f);
    for (size_t i = 0; i < by->level_count; i++) {
        fputs(i ? ", " : "", f);
        mishi_gnuplot_string(f, by->levels[i]);
        fprintf(f, " %zu", i);
    }
    fprintf(f, ")\n  set xrange [-0.5:%zu.5]\n  set offsets 0, 0, graph 0.05, "
               "graph 0.05\n", by->level_count - 1);
}

/* A numeric x axis spans every point shown, those without a mean too (a
 * sweep still running, a measure NA there): gnuplot would fit it to the
 * points with values alone, squeezing a sweep half done onto its first
 * value (and warning of an empty range when that is one value). Left to
 * gnuplot when the points with values span it anyway. */
static void span_every_point(FILE *f, const plot_data *d) {
    double all_low = INFINITY, all_high = -INFINITY, low = INFINITY, high = -INFINITY;
    for (size_t p = 0; p < d->info.points; p++) {
        if (d->curve[p] == SIZE_MAX) continue;
        double x = mishi_results_value(d->r, p, d->by);
        all_low = fmin(all_low, x), all_high = fmax(all_high, x);
        if (!isnan(d->summary[p].mean)) low = fmin(low, x), high = fmax(high, x);
    }
    if (!(all_low < all_high) || (low <= all_low && high >= all_high)) return;
    double margin = 0.03 * (all_high - all_low);
    fprintf(f, "  set xrange [%.6g:%.6g] # every point, with a value or not\n",
            all_low - margin, all_high + margin);
}

/* A level at which no point shown has a mean (the measure NA in every run
 * there: E4's rank of an entrant out of the market) says so, rather than
 * stand blank as if it had not been run. */
static void mark_levels_without_values(FILE *f, const plot_data *d) {
    for (size_t level = 0; level < x_factor(d)->level_count; level++) {
        int valued = 0;
        for (size_t p = 0; p < d->info.points && !valued; p++)
            valued = d->curve[p] != SIZE_MAX && !isnan(d->summary[p].mean) &&
                     mishi_results_value(d->r, p, d->by) == (double)level;
        if (!valued)
            fprintf(f, "  set label \"no value\\n(NA in every run)\" at %zu, graph 0.5 "
                       "center tc rgb \"#777777\"\n", level);
    }
}

/* Whether no mean or interval shown goes below zero: a count, a share or
 * a rank, whose axis may then start at 0 but not at a margin below it (a
 * rank axis from -10). */
static int never_negative(const plot_data *d) {
    for (size_t p = 0; p < d->info.points; p++) {
        if (d->curve[p] == SIZE_MAX) continue;
        const mishi_point_summary *s = &d->summary[p];
        if (s->mean < 0.0 || s->low < 0.0) return 0;
    }
    return 1;
}

/* "; 2 to 5 runs a point" when the points shown rest on different numbers
 * of runs (a sweep still running, runs that failed, a measure some runs
 * leave NA), so that a mean of two is not read as one of five. */
static void uneven_runs(const plot_data *d, char *buf, size_t n) {
    size_t fewest = SIZE_MAX, most = 0;
    for (size_t p = 0; p < d->info.points; p++) {
        if (d->curve[p] == SIZE_MAX || d->summary[p].n == 0) continue;
        if (d->summary[p].n < fewest) fewest = d->summary[p].n;
        if (d->summary[p].n > most) most = d->summary[p].n;
    }
    if (most > fewest) snprintf(buf, n, "; %zu to %zu runs a point", fewest, most);
    else buf[0] = '\0';
}

/* What the title says the points are: with nothing drawn, "one run a
 * point" would be said of points with no run. */
static const char *what_is_drawn(const plot_data *d) {
    if (nothing_to_draw(d)) return "nothing to draw";
    return any_interval(d) ? "mean over replicates, 95% CI"
                           : "one run a point: no interval";
}

static void write_axes(FILE *f, const plot_data *d, const char *name) {
    char title[512], runs[64];
    uneven_runs(d, runs, sizeof runs);
    snprintf(title, sizeof title, "%s: %s (%s%s%s)", d->info.sweep,
             mishi_results_measure(d->r, d->measure), what_is_drawn(d),
             runs, scatters(d) ? "; the other parameters vary from point to point" : "");
    cli_slice_title(d->slice, title, sizeof title);
    char names[512] = "";
    if (!scatters(d)) cli_legend_names(d->r, d->slice, d->by, names, sizeof names);
    char axis[512];
    cli_axis_label(mishi_results_measure(d->r, d->measure),
                   mishi_results_measure_unit(d->r, d->measure), axis, sizeof axis);
    char x_axis[512];
    const char *factor = mishi_results_factor(d->r, d->by);
    if (x_factor(d)->levels) /* a variants factor's name is no parameter's path */
        snprintf(x_axis, sizeof x_axis, "%s", factor);
    else cli_factor_label(factor, x_axis, sizeof x_axis);
    cli_plot_frame(f, name, title, x_axis, axis, cli_key_chars(longest_title(d), names));
    cli_key_title(f, names);
    if (x_factor(d)->levels) {
        write_level_axis(f, x_factor(d));
        /* with nothing drawn, the panel says why once, not at each level */
        if (!nothing_to_draw(d)) mark_levels_without_values(f, d);
    } else {
        span_every_point(f, d);
    }
    if (never_negative(d)) /* the margin below the data stops at 0 */
        fputs("  set yrange [0<*:*]\n", f);
}

/* Curve c's offset at a category: the curves side by side, 0.2 of a
 * level's width between the first and the last; none when only one curve
 * has values. */
static double dodge(const plot_data *d, size_t c) {
    size_t drawn = 0;
    for (size_t k = 0; k < d->curves; k++) drawn += curve_defined(d, k);
    if (!x_factor(d)->levels || drawn < 2) return 0.0; /* none to stand beside */
    return 0.2 * ((double)c / (double)(d->curves - 1) - 0.5);
}

/* Curve c's clauses, up to its title: a band and a line for a grid of
 * numbers; points with error bars for levels, which have nothing between
 * them to draw a line through (a line from "all" to "no_software" read as
 * a trend), and for the other designs, which scatter. */
static void write_curve(FILE *f, const plot_data *d, size_t c) {
    cli_block b = curve_block(c);
    b.shift = dodge(d, c);
    cli_spread t = curve_spread(d, c);
    size_t with = t.with, without = t.without;
    if (!with && !without) { /* in the key, said so, not drawn */
        fprintf(f, "keyentry with linespoints lw 2 pt 7 lc %zu title ", c + 1);
        return;
    }
    if (x_factor(d)->levels || d->info.design != MISHI_DESIGN_GRID) {
        if (with) {
            cli_block_using(f, &b, CLI_USE_BARS);
            fprintf(f, " with yerrorbars pt 7 ps 1.3 lw 1.5 lc %zu ", c + 1);
            if (!without) {
                fputs("title ", f);
                return;
            }
            /* the bars leave out the means that have none: drawn again */
            fputs("notitle, \\\n       ", f);
        }
        cli_block_using(f, &b, CLI_USE_LINE);
        fprintf(f, " with points pt 7 ps 1.3 lc %zu title ", c + 1);
        return;
    }
    if (with) {
        cli_block_using(f, &b, CLI_USE_BAND);
        fprintf(f, " with filledcurves lc %zu fs transparent solid 0.2 "
                   "notitle, \\\n       ", c + 1);
    }
    cli_block_using(f, &b, CLI_USE_LINE);
    fprintf(f, " with linespoints lw 2 pt 7 lc %zu title ", c + 1);
}

static void write_clauses(FILE *f, const plot_data *d) {
    const char *sep = "  plot ";
    for (size_t c = 0; c < d->curves; c++) {
        char title[512];
        curve_label(d, c, title, sizeof title);
        fputs(sep, f);
        write_curve(f, d, c);
        mishi_gnuplot_string(f, title);
        sep = ", \\\n       ";
    }
    fputs("\n  unset output\n}\n", f);
}

void cli_plot_name(const char *what, const char *by, const cli_slice *slice,
                   char *buf, size_t n) {
    int at = slice && slice->text[0];
    snprintf(buf, n, "%s-by-%s%s%s", what, by, at ? "-at-" : "",
             at ? slice->text : "");
    char *to = buf;
    for (const char *c = buf; *c; c++) {
        if (*c == ' ') continue;
        int safe = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                   (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
                   *c == '_';
        *to++ = safe ? *c : '_';
    }
    *to = '\0';
}

/* DIR/NAME.gp, staged and renamed when whole. */
static int write_script(const char *dir, const char *name,
                        cli_plot_writer write, const void *data) {
    char file[1100];
    snprintf(file, sizeof file, "%s.gp", name);
    mishi_staged_file script = {0};
    mishi_error err = {0};
    mishi_status rc = mishi_staged_open(&script, dir, file, &err);
    if (!rc) {
        write(script.f, data, name);
        rc = mishi_staged_finish(&script, &err);
    }
    if (!rc) rc = mishi_staged_rename(&script, &err);
    mishi_staged_discard(&script);
    return rc ? cli_run_error(&err) : 0;
}

int cli_plot_script(const char *dir, const char *name, cli_plot_writer write,
                    const void *data) {
    int made;
    mishi_error err = {0};
    if (mishi_make_dirs(dir, &made, &err)) return cli_run_error(&err);
    int rc = write_script(dir, name, write, data);
    if (rc) {
        mishi_remove_made_dirs(dir, made); /* the folders as they were found */
        return rc;
    }
    char script[1100];
    snprintf(script, sizeof script, "%s.gp", name);
    int drawn = cli_draw_plot(dir, script) == 0;
    printf("plot: %s/%s.gp%s\n", dir, name,
           drawn ? " (drawn as .svg and .png)" : "");
    return 0;
}

/* The x range of an empty panel: the levels, or every point shown, a
 * lone value (or none) widened by half a unit each way. */
static void empty_x_range(const plot_data *d, double *low, double *high) {
    if (x_factor(d)->levels) {
        *low = -0.5, *high = (double)x_factor(d)->level_count - 0.5;
        return;
    }
    *low = INFINITY, *high = -INFINITY;
    for (size_t p = 0; p < d->info.points; p++) {
        if (d->curve[p] == SIZE_MAX) continue;
        double x = mishi_results_value(d->r, p, d->by);
        *low = fmin(*low, x), *high = fmax(*high, x);
    }
    if (!(*low <= *high)) *low = *high = 0.5;
    double margin = *low < *high ? 0.03 * (*high - *low) : 0.5;
    *low -= margin, *high += margin;
}

/* The whole script: the data, the frame and the clauses, or, with no
 * value to draw, a panel saying why. */
static void write_summary_plot(FILE *f, const void *data, const char *name) {
    const plot_data *d = data;
    write_preamble(f, d, name);
    write_axes(f, d, name);
    if (!nothing_to_draw(d)) {
        write_clauses(f, d);
        return;
    }
    char why[512];
    double low, high;
    cli_why_no_values(d->r, d->slice, mishi_results_measure(d->r, d->measure), why,
                      sizeof why);
    empty_x_range(d, &low, &high);
    cli_plot_say_instead(f, why, low, high);
}

static int pick_factor(const mishi_results *r, const char *by, size_t *out) {
    mishi_results_info info;
    mishi_results_describe(r, &info);
    if (info.factors == 0)
        return cli_usage_error("--plot: the sweep varies no parameter");
    long k = by ? mishi_results_find_factor(r, by) : 0;
    if (k >= 0) {
        *out = (size_t)k;
        return 0;
    }
    const char *names[64]; /* a sweep varies at most 64 parameters */
    size_t n = info.factors < 64 ? info.factors : 64;
    for (size_t i = 0; i < n; i++) names[i] = mishi_results_factor(r, i);
    char said[1200];
    snprintf(said, sizeof said, "--by: '%s' is not varied in this sweep", by);
    return cli_not_among(said, by, names, n, "varied");
}

static int gather(plot_data *d) {
    size_t points = d->info.points + 1;
    d->summary = malloc(points * sizeof *d->summary);
    d->curve = malloc(points * sizeof *d->curve);
    d->first = malloc(points * sizeof *d->first);
    if (!d->summary || !d->curve || !d->first)
        return cli_run_failure("out of memory");
    mishi_error err = {0};
    if (mishi_results_summarize(d->r, d->measure, d->summary, &err))
        return cli_run_error(&err);
    find_curves(d);
    return 0;
}

int cli_summary_plot_check(const mishi_results *r, const char *measure,
                           const char *by) {
    size_t m, k;
    int rc = cli_pick_measure(r, "--plot", measure, &m);
    return rc ? rc : pick_factor(r, by, &k);
}

int cli_summary_plot(const mishi_results *r, const char *measure,
                     const char *by, const cli_slice *slice, const char *dir,
                     const char *prefix) {
    plot_data d = {.r = r, .slice = slice};
    mishi_results_describe(r, &d.info);
    int rc = cli_pick_measure(r, "--plot", measure, &d.measure);
    if (!rc) rc = pick_factor(r, by, &d.by);
    if (!rc) rc = gather(&d);
    char what[1024], name[1024];
    snprintf(what, sizeof what, "%s%s%s", prefix ? prefix : "", prefix ? "-" : "",
             mishi_results_measure(r, d.measure));
    if (!rc) {
        cli_plot_name(what, mishi_results_factor(r, d.by), slice, name, sizeof name);
        rc = cli_plot_script(dir, name, write_summary_plot, &d);
    }
    if (!rc && nothing_to_draw(&d))
        cli_note_no_values(r, slice, mishi_results_measure(r, d.measure));
    free(d.summary), free(d.curve), free(d.first);
    return rc;
}
