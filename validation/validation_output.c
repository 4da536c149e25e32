/*
 * validation_output.c — the tidy files of `mishi validate --out`
 * (mishi_validation_write): three tables for every case run and one
 * gnuplot script per case.
 *
 * Design. As with a run's output (output.c), every file is staged
 * (files.h), and all of them are finished before any is renamed, so a
 * failure never leaves a half-written file under a final name; a folder
 * made here is removed again if a failure leaves it empty. The writer only
 * reads the results it is given: it runs no case and no program (the CLI
 * runs gnuplot on the scripts). The results are checked first — plain,
 * distinct case names (each names a file), points in existing panels — so
 * a bad one is MISHI_EARG before anything is written.
 *
 * The CSV files follow output.c's conventions (tidy, snake_case, reals as
 * "%.15g", NaN as NA, infinities as Inf/-Inf):
 *   validation.csv  case, statistic, measured, expected, limit, sample,
 *                   passed (1 or 0): one row per case
 *   details.csv     case, label, simulated, theory: one row per detail row
 *   curves.csv      case, panel (its title; empty if the case declares
 *                   none), series, x, simulated, theory: one row per point
 *
 * NAME.gp is self-contained: each series' points are inline as a datablock
 * ($s1, $s2, ...) whose first line names its columns, and the script draws
 * NAME.svg and NAME.png with one plot per panel, stacked. In a panel each
 * series is drawn in its own colour, the simulated values as points and
 * the theory as a line; a column that is all NaN is left out.
 *
 * A plot selects a column by its header name, never by its position, and
 * the curve columns are named once (curve_columns): the CSV header, each
 * datablock's header line and rows, the plot clauses and their legends all
 * read that table, so a curve cannot be drawn from one column and labelled
 * with another.
 */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mishi_files.h"
#include "mishi_validation.h"

/* A case name is a file name: "NAME.gp.tmp" must fit the 255 bytes most
 * file systems allow. */
#define CASE_NAME_MAX 200

/* The size of NAME.svg and NAME.png: one panel keeps the 1000 x 600 of a
 * single plot; each further panel adds 400 pixels, about the least height
 * at which a panel with a dozen key entries beside it stays legible. */
#define PLOT_WIDTH 1000
#define PLOT_HEIGHT_FIRST 600
#define PLOT_HEIGHT_MORE 400

enum { TABLE_CASES, TABLE_DETAILS, TABLE_CURVES, TABLES };
static const char *const table_files[TABLES] = {"validation.csv",
                                                "details.csv", "curves.csv"};
static const char *const table_headers[TABLES] = {
    "case,statistic,measured,expected,limit,sample,passed",
    "case,label,simulated,theory",
    "case,panel,series"}; /* then the curve columns */

/* The columns of a curve, in the order curves.csv and the datablocks hold
 * them. A plot draws every column that has a style against the first. */
enum { COLUMN_X, COLUMN_SIMULATED, COLUMN_THEORY, CURVE_COLUMNS };
static const struct {
    const char *name;
    size_t offset;     /* of its value in a mishi_validation_point */
    const char *style; /* how a plot draws it; NULL: the abscissa */
} curve_columns[CURVE_COLUMNS] = {
    [COLUMN_X] = {"x", offsetof(mishi_validation_point, x), NULL},
    [COLUMN_SIMULATED] = {"simulated", offsetof(mishi_validation_point, simulated),
                          "points ps 0.8"},
    [COLUMN_THEORY] = {"theory", offsetof(mishi_validation_point, theory),
                       "lines lw 2"},
};

static double curve_value(const mishi_validation_point *p, int column) {
    return *(const double *)((const char *)p + curve_columns[column].offset);
}

static const char *text_or(const char *s, const char *fallback) {
    return s ? s : fallback;
}

/* ---------------------------------------------------------------- checks */

/* Letters, digits, '-', '_' and '.', not starting with '.' (no hidden
 * file, no "..", no folder). */
static int plain_name(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > CASE_NAME_MAX || s[0] == '.') return 0;
    for (; *s; s++) {
        char c = *s;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok) return 0;
    }
    return 1;
}

/* Which plot point i is in: with no panels declared, all are in one. */
static int point_panel(const mishi_validation *v, size_t i) {
    return v->panel_count > 0 ? v->points[i].panel : 0;
}

static mishi_status check_points(const mishi_validation *v, mishi_error *err) {
    if (v->point_count > 0 && !v->points)
        return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: case "
                               "'%s' has %zu points but no array", v->name,
                               v->point_count);
    for (size_t i = 0; i < v->point_count; i++) {
        const mishi_validation_point *p = &v->points[i];
        int panel = point_panel(v, i);
        if (panel < 0 || panel >= (v->panel_count > 0 ? v->panel_count : 1))
            return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: "
                                   "point %zu of case '%s' is in panel %d, "
                                   "which the case does not have", i, v->name,
                                   p->panel);
        if (!memchr(p->series, '\0', sizeof p->series))
            return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: "
                                   "point %zu of case '%s' has an unterminated "
                                   "series name", i, v->name);
    }
    return MISHI_OK;
}

static mishi_status check_result(const mishi_validation *v, mishi_error *err) {
    if (!v->name || !plain_name(v->name))
        return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: case "
                               "name '%s' is not a plain file name (letters, "
                               "digits, '-', '_', '.')", text_or(v->name, ""));
    if (v->panel_count < 0 || v->panel_count > MISHI_VALIDATION_PANELS ||
        v->detail_count < 0 || v->detail_count > MISHI_VALIDATION_DETAIL)
        return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: case "
                               "'%s' has %d panels and %d detail rows (at most "
                               "%d and %d)", v->name, v->panel_count,
                               v->detail_count, MISHI_VALIDATION_PANELS,
                               MISHI_VALIDATION_DETAIL);
    for (int d = 0; d < v->detail_count; d++)
        if (!memchr(v->detail[d].label, '\0', sizeof v->detail[d].label))
            return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: "
                                   "detail %d of case '%s' has an unterminated "
                                   "label", d, v->name);
    return check_points(v, err);
}

static mishi_status check_results(const mishi_validation *results, size_t count,
                                  mishi_error *err) {
    for (size_t k = 0; k < count; k++) {
        mishi_status rc = check_result(&results[k], err);
        if (rc) return rc;
        for (size_t j = 0; j < k; j++)
            if (strcmp(results[j].name, results[k].name) == 0)
                return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: "
                                       "case '%s' is given twice (results %zu "
                                       "and %zu)", results[k].name, j, k);
    }
    return MISHI_OK;
}

/* ---------------------------------------------------------------- tables */

/* ",x,y,...": a real cell after each comma. */
static void put_reals(FILE *f, const double *x, int n) {
    for (int i = 0; i < n; i++) {
        fputc(',', f);
        mishi_csv_real(f, x[i]);
    }
}

/* The two text columns every table starts with: the case and a name. */
static void put_key(FILE *f, const char *name, const char *label) {
    mishi_csv_text(f, name);
    fputc(',', f);
    mishi_csv_text(f, text_or(label, ""));
}

static void put_case_row(FILE *f, const mishi_validation *v) {
    const double x[3] = {v->measured, v->expected, v->limit};
    put_key(f, v->name, v->statistic);
    put_reals(f, x, 3);
    fprintf(f, ",%" PRId64 ",%d\n", v->sample, v->passed ? 1 : 0);
}

static void put_detail_rows(FILE *f, const mishi_validation *v) {
    for (int d = 0; d < v->detail_count; d++) {
        const double x[2] = {v->detail[d].simulated, v->detail[d].theory};
        put_key(f, v->name, v->detail[d].label);
        put_reals(f, x, 2);
        fputc('\n', f);
    }
}

static void put_curve_rows(FILE *f, const mishi_validation *v) {
    for (size_t i = 0; i < v->point_count; i++) {
        const mishi_validation_point *p = &v->points[i];
        double x[CURVE_COLUMNS];
        for (int c = 0; c < CURVE_COLUMNS; c++) x[c] = curve_value(p, c);
        const char *panel = v->panel_count ? v->panel[p->panel].title : "";
        put_key(f, v->name, panel);
        fputc(',', f);
        mishi_csv_text(f, p->series);
        put_reals(f, x, CURVE_COLUMNS);
        fputc('\n', f);
    }
}

static void put_header(FILE *f, int table) {
    fputs(table_headers[table], f);
    for (int c = 0; table == TABLE_CURVES && c < CURVE_COLUMNS; c++)
        fprintf(f, ",%s", curve_columns[c].name);
    fputc('\n', f);
}

static mishi_status write_tables(const char *dir, mishi_staged_file table[TABLES],
                                 const mishi_validation *results, size_t count,
                                 mishi_error *err) {
    for (int t = 0; t < TABLES; t++) {
        mishi_status rc = mishi_staged_open(&table[t], dir, table_files[t], err);
        if (rc) return rc;
        put_header(table[t].f, t);
    }
    for (size_t k = 0; k < count; k++) {
        put_case_row(table[TABLE_CASES].f, &results[k]);
        put_detail_rows(table[TABLE_DETAILS].f, &results[k]);
        put_curve_rows(table[TABLE_CURVES].f, &results[k]);
    }
    return MISHI_OK;
}

/* ---------------------------------------------------------------- series */

/* A curve of one plot: the points of one panel under one series name. */
typedef struct series {
    size_t first; /* index of its first point */
    int panel;
    int colour; /* 1, 2, ... within its panel; points and line share it */
    int shape;  /* 0, 1, ... within its panel: its simulated points' */
    int has[CURVE_COLUMNS]; /* some value in column c is a number */
} series;

static int in_series(const mishi_validation *v, const series *s, size_t i) {
    return point_panel(v, i) == s->panel &&
           strcmp(v->points[i].series, v->points[s->first].series) == 0;
}

/* Part `second` (0: A, 1: B) of series name "A, B"; the whole name when it
 * has no ", " to split at. */
static void name_part(const char *name, int second, const char **at, size_t *len) {
    const char *comma = strstr(name, ", ");
    if (!comma) *at = name, *len = strlen(name);
    else if (second) *at = comma + 2, *len = strlen(comma + 2);
    else *at = name, *len = (size_t)(comma - name);
}

/* Series k's colour (second: its B's) or 1 + its shape (its A's): that of
 * the panel's first series before it with the same part, else one more
 * than any before it (parts are numbered in the order they appear). */
static int part_index(const mishi_validation *v, const series *out, size_t k,
                      int second) {
    const char *mine, *theirs;
    size_t my_len, their_len;
    name_part(v->points[out[k].first].series, second, &mine, &my_len);
    int most = 0;
    for (size_t j = 0; j < k; j++) {
        if (out[j].panel != out[k].panel) continue;
        int index = second ? out[j].colour : out[j].shape + 1;
        name_part(v->points[out[j].first].series, second, &theirs, &their_len);
        if (their_len == my_len && memcmp(theirs, mine, my_len) == 0) return index;
        if (index > most) most = index;
    }
    return most + 1;
}

/* Series k's colour and shape: its order in its panel, or in a paired
 * panel its B's order and its A's. */
static void mark_series(const mishi_validation *v, series *out, size_t k,
                        int order) {
    if (v->panel_count == 0 || !v->panel[out[k].panel].paired) {
        out[k].colour = order, out[k].shape = order - 1;
        return;
    }
    out[k].colour = part_index(v, out, k, 1);
    out[k].shape = part_index(v, out, k, 0) - 1;
}

/* The series of `v` in the order they first appear; `out` has room for one
 * per point. Returns how many. */
static size_t find_series(const mishi_validation *v, series *out) {
    int per_panel[MISHI_VALIDATION_PANELS] = {0};
    size_t n = 0;
    for (size_t i = 0; i < v->point_count; i++) {
        size_t k = 0;
        while (k < n && !in_series(v, &out[k], i)) k++;
        if (k == n) {
            int panel = point_panel(v, i);
            out[n++] = (series){.first = i, .panel = panel};
            mark_series(v, out, k, ++per_panel[panel]);
        }
        for (int c = 0; c < CURVE_COLUMNS; c++)
            out[k].has[c] |= isfinite(curve_value(&v->points[i], c)) != 0;
    }
    return n;
}

/* ---------------------------------------------------------------- script */

static void gp_preamble(FILE *f, const mishi_validation *v) {
    fprintf(f,
            "# %s.gp — written by mishi %s (`mishi validate`).\n"
            "# Run `gnuplot %s.gp` in this folder: it draws the .svg and\n"
            "# .png of the same name from the curves below (copied from\n"
            "# curves.csv). Edit it freely; the data files are not touched.\n\n"
            "# NA cells (no value) read as NaN: treat them as missing\n"
            "set datafile missing NaN\n"
            "# a datablock's first line names its columns; plots pick them by name\n"
            "set datafile columnheaders\n\n",
            v->name, MISHI_VERSION, v->name);
    /* the reference names the result ("lemons (Akerlof 1970) and ..."); the
     * case's name is the file's */
    fputs("title = ", f);
    mishi_gnuplot_string(f, v->reference && *v->reference ? v->reference : v->name);
    fputs("\n", f);
    mishi_gnuplot_colours(f);
    fputs("\n", f);
}

/* $sK: series k's points, a header line naming the columns, then a point
 * a line, so the script needs no other file. */
static void gp_block(FILE *f, const mishi_validation *v, const series *s,
                     size_t k) {
    fprintf(f, "# series %zu (plot %d), ", k + 1, s[k].panel + 1);
    mishi_gnuplot_string(f, v->points[s[k].first].series);
    fprintf(f, "\n$s%zu << EOD\n", k + 1);
    for (int c = 0; c < CURVE_COLUMNS; c++)
        fprintf(f, "%s%c", curve_columns[c].name, c + 1 < CURVE_COLUMNS ? ' ' : '\n');
    for (size_t i = s[k].first; i < v->point_count; i++) {
        if (!in_series(v, &s[k], i)) continue;
        for (int c = 0; c < CURVE_COLUMNS; c++) {
            mishi_gnuplot_real(f, curve_value(&v->points[i], c));
            fputc(c + 1 < CURVE_COLUMNS ? ' ' : '\n', f);
        }
    }
    fputs("EOD\n\n", f);
}

static void gp_terminal(FILE *f, const char *name, int panels) {
    int height = PLOT_HEIGHT_FIRST + PLOT_HEIGHT_MORE * (panels - 1);
    fprintf(f,
            "do for [format in \"svg png\"] {\n"
            "  if (format eq \"svg\") {\n"
            "    set terminal svg size %d,%d dynamic noenhanced font \"Sans,12\" "
            "background \"white\"\n"
            "  } else {\n"
            "    set terminal pngcairo size %d,%d noenhanced font \"Sans,11\" "
            "background \"white\"\n"
            "  }\n"
            "  set output ",
            PLOT_WIDTH, height, PLOT_WIDTH, height);
    mishi_gnuplot_string(f, name);
    fputs(".'.'.format\n", f);
}

/* The right edge of the plot area, as a share of the width: the keys stand
 * beside it, so it leaves room for the longest legend (a series' name and
 * ", simulated") at about KEY_CHAR_PIXELS a character, plus the sample. */
#define KEY_CHAR_PIXELS 8.0
#define KEY_SAMPLE_PIXELS 70.0
static double plot_right_edge(const mishi_validation *v, const series *s,
                              size_t n) {
    size_t longest = 0;
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(v->points[s[k].first].series);
        if (len > longest) longest = len;
    }
    double key = ((double)longest + strlen(", simulated")) * KEY_CHAR_PIXELS +
                 KEY_SAMPLE_PIXELS;
    double edge = 0.98 - key / PLOT_WIDTH;
    return edge < 0.45 ? 0.45 : edge > 0.75 ? 0.75 : edge;
}

/* Every panel has the same plot area, so their x axes line up. */
static void gp_layout(FILE *f, int panels, double right_edge) {
    fprintf(f,
            "  set multiplot layout %d,1 title title font \",14\"\n"
            "  set lmargin at screen 0.09\n"
            "  set rmargin at screen %.2f\n"
            "  set key at screen %.2f, graph 0.5 left center vertical Left "
            "reverse samplen 3\n"
            "  set grid lc rgb \"#dddddd\"\n"
            "  set border lw 1.2\n"
            "  # the data's own range, a margin so no point sits on the border\n"
            "  set autoscale fix\n"
            "  set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n",
            panels, right_edge, right_edge + 0.02);
}

/* Panel p's axes; with no panels declared, the one plot uses the result's
 * own labels. */
static mishi_validation_panel panel_at(const mishi_validation *v, int p) {
    if (v->panel_count > 0) return v->panel[p];
    return (mishi_validation_panel){.x_label = v->x_label, .y_label = v->y_label};
}

/* x tics named by the panel's categories, at 1, 2, ... */
static void gp_categories(FILE *f, const char *categories) {
    fputs("  set xtics (", f);
    int at = 0;
    for (const char *c = categories; *c;) {
        size_t length = strcspn(c, " ");
        fprintf(f, "%s\"", at ? ", " : "");
        for (size_t i = 0; i < length; i++) fputc(c[i] == '_' ? ' ' : c[i], f);
        fprintf(f, "\" %d", ++at);
        c += length + strspn(c + length, " ");
    }
    fprintf(f, ")\n  set xrange [0.5:%d.5]\n", at);
}

static void gp_axes(FILE *f, const mishi_validation_panel *axes, int drawn) {
    if (axes->categories) gp_categories(f, axes->categories);
    fputs("  set title ", f);
    mishi_gnuplot_string(f, text_or(axes->title, ""));
    fputs("\n  set xlabel ", f);
    mishi_gnuplot_string(f, text_or(axes->x_label, "x"));
    fputs("\n  set ylabel ", f);
    mishi_gnuplot_string(f, text_or(axes->y_label, ""));
    /* the "no curves" placeholder spans [0:1], which a log axis refuses */
    fputs(axes->log_x && drawn ? "\n  set logscale x" : "\n  unset logscale x", f);
    fputs(axes->log_y && drawn ? "\n  set logscale y\n" : "\n  unset logscale y\n", f);
}

/* One plot element: column c of series k against x, both selected by
 * name, in the series' colour, with a legend naming the same column. */
static void gp_element(FILE *f, const char **sep, const mishi_validation *v,
                       const series *s, size_t k, int c) {
    /* between categories there is nothing to draw a line through: theory
     * is an open circle around the simulated point */
    int categories = panel_at(v, s[k].panel).categories != NULL;
    const char *style = categories && c == COLUMN_THEORY ? "points pt 6 ps 2 lw 1.5"
                                                         : curve_columns[c].style;
    /* a filled shape of its own for each series' simulated points, so that
     * points of two series on one spot both show (a dot inside theory's
     * circle among categories) */
    static const int shapes[] = {7, 5, 9, 13, 11, 15};
    char shaped[64];
    if (c == COLUMN_SIMULATED) {
        snprintf(shaped, sizeof shaped, "%s pt %d", style,
                 categories ? 7 : shapes[s[k].shape % 6]);
        style = shaped;
    }
    fprintf(f, "%s$s%zu using \"%s\":\"%s\" with %s lc %d title ", *sep, k + 1,
            curve_columns[COLUMN_X].name, curve_columns[c].name, style, s[k].colour);
    mishi_gnuplot_string(f, v->points[s[k].first].series);
    fprintf(f, ".', %s'", curve_columns[c].name);
    *sep = ", \\\n       ";
}

/* Column c of a series is drawn if it has a style and a number. */
static int drawn_column(const series *s, int c) {
    return curve_columns[c].style && s->has[c];
}

static int panel_drawn(const series *s, size_t n, int p) {
    for (size_t k = 0; k < n; k++)
        for (int c = 0; c < CURVE_COLUMNS; c++)
            if (s[k].panel == p && drawn_column(&s[k], c)) return 1;
    return 0;
}

static void gp_panel(FILE *f, const mishi_validation *v, const series *s,
                     size_t n, int p) {
    mishi_validation_panel axes = panel_at(v, p);
    int drawn = panel_drawn(s, n, p);
    fprintf(f, "\n  # plot %d\n", p + 1);
    gp_axes(f, &axes, drawn);
    const char *sep = "  plot ";
    for (size_t k = 0; k < n; k++) {
        for (int c = 0; s[k].panel == p && c < CURVE_COLUMNS; c++)
            if (drawn_column(&s[k], c)) gp_element(f, &sep, v, s, k, c);
    }
    if (!drawn)
        fputs("  set label 1 \"no curves\" at graph 0.5, 0.5 center\n"
              "  plot [0:1][0:1] -1 notitle\n"
              "  unset label 1", f);
    fputc('\n', f);
    if (axes.categories) /* the next panel's x is numbers again */
        fputs("  set xtics autofreq\n  set xrange [*:*]\n  set autoscale xfix\n", f);
}

static void write_script(FILE *f, const mishi_validation *v, const series *s,
                         size_t n) {
    int panels = v->panel_count > 0 ? v->panel_count : 1;
    gp_preamble(f, v);
    for (size_t k = 0; k < n; k++) gp_block(f, v, s, k);
    gp_terminal(f, v->name, panels);
    gp_layout(f, panels, plot_right_edge(v, s, n));
    for (int p = 0; p < panels; p++) gp_panel(f, v, s, n, p);
    fputs("  unset multiplot\n  unset output\n}\n", f);
}

/* DIR/NAME.gp for one case. */
static mishi_status stage_script(const char *dir, mishi_staged_file *file,
                                 const mishi_validation *v, mishi_error *err) {
    char name[CASE_NAME_MAX + 8];
    snprintf(name, sizeof name, "%s.gp", v->name);
    series *s = malloc((v->point_count ? v->point_count : 1) * sizeof *s);
    if (!s) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = mishi_staged_open(file, dir, name, err);
    if (!rc) write_script(file->f, v, s, find_series(v, s));
    free(s);
    return rc;
}

/* ------------------------------------------------------------------ write */

static mishi_status stage_all(const char *dir, mishi_staged_file *files,
                              const mishi_validation *results, size_t count,
                              mishi_error *err) {
    mishi_status rc = write_tables(dir, files, results, count, err);
    for (size_t k = 0; !rc && k < count; k++)
        rc = stage_script(dir, &files[TABLES + k], &results[k], err);
    return rc;
}

mishi_status mishi_validation_write(const char *dir,
                                    const mishi_validation *results,
                                    size_t count, mishi_error *err) {
    if (!dir || !*dir || (count > 0 && !results))
        return mishi_error_set(err, MISHI_EARG, "mishi_validation_write: needs "
                               "a folder and the results");
    mishi_status rc = check_results(results, count, err);
    if (rc) return rc;
    size_t n = TABLES + count;
    mishi_staged_file *files = calloc(n, sizeof *files);
    if (!files) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    int made = 0, lock = -1;
    rc = mishi_make_dirs(dir, &made, err);
    if (made) mishi_staged_watch_folder(dir, made); /* gone if stopped early */
    /* two validations into one folder would leave a mix of both */
    if (!rc) rc = mishi_folder_lock(dir, &lock, err);
    if (!rc) rc = stage_all(dir, files, results, count, err);
    if (!rc) rc = mishi_staged_commit(dir, files, n, err);
    for (size_t i = 0; i < n; i++) mishi_staged_discard(&files[i]);
    mishi_folder_unlock(&lock);
    free(files);
    /* the folders made here go again if a failure left them empty (rmdir
     * removes only an empty folder) */
    if (rc) mishi_remove_made_dirs(dir, made);
    if (made) mishi_staged_unwatch_folder(dir);
    return rc;
}
