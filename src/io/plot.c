/*
 * plot.c — plot.gp: a gnuplot script that draws plot.svg and plot.png from
 * a run's market.csv and the shares of its firms of note (each firm that
 * is a class of its own, then the top sellers over the run).
 *
 * Every series names the column it draws (`using "week":"repeat_rate"`,
 * gnuplot reading market.csv's header) and takes its legend from the same
 * row of the column table (columns.c), so a column added or moved cannot
 * shift a series onto another measure, and a legend cannot say one measure
 * while the line draws another. The script is meant to be read, edited
 * and re-run by hand (`gnuplot plot.gp`); the data files are not touched.
 */
#include "plot.h"

#include <inttypes.h>
#include <math.h>

#include "columns.h"
#include "mishi.h"
#include "mishi_files.h"

/* The panels below the share panel, and what each draws from market.csv. */
typedef struct plot_panel {
    const char *title, *y_label, *y2_label; /* y2_label NULL: no y2 axis */
    const char *unsold; /* said instead when nothing sold (its series are
                           NA every week); NULL: it always has values */
} plot_panel;

enum { PANEL_QUALITY, PANEL_FIRMS, PANELS };
static const plot_panel panels[PANELS] = {
    {"Quality and loyalty", "quality, rate (0..1)", NULL,
     "nothing was sold: no quality or loyalty to show"},
    {"Firms in the market and their profit", "active firms",
     "total profit (money/week)", NULL},
};

typedef struct plot_series {
    int panel;
    const char *column; /* a market.csv column: its label is the legend */
    int y2;             /* drawn against the right-hand axis */
} plot_series;

static const plot_series series[] = {
    {PANEL_QUALITY, "mean_quality", 0},
    {PANEL_QUALITY, "repeat_rate", 0},
    {PANEL_QUALITY, "defection_rate", 0},
    {PANEL_QUALITY, "loyalty_index", 0},
    {PANEL_FIRMS, "active_firms", 0},
    {PANEL_FIRMS, "total_profit", 1},
};
#define SERIES (sizeof series / sizeof series[0])

static void preamble(FILE *f, const plot_input *in) {
    fprintf(f,
            "# plot.gp — written by mishi %s. Run `gnuplot plot.gp` in this\n"
            "# folder: it draws plot.svg and plot.png from market.csv and the\n"
            "# shares of the firms below (copied from firms.csv). Edit it\n"
            "# freely; the data files are not touched. Series are picked by\n"
            "# column name, as market.csv's header writes them.\n\n"
            "# NA cells (no sales) read as NaN: treat them as missing\n"
            "set datafile missing NaN\n"
            "set datafile columnheaders\n\n",
            MISHI_VERSION);
    fputs("scenario = ", f);
    mishi_gnuplot_string(f, in->scenario);
    fprintf(f, "\nseed = '%" PRIu64 "'\n", in->seed);
    fputs("# the firms drawn: each firm that is a class of its own, then those\n"
          "# that sold most units over the run, in order of units (ties: lower id)\n"
          "top = \"", f);
    for (int i = 0; i < in->top_count; i++)
        fprintf(f, "%s%d", i ? " " : "", in->top[i]);
    fputs("\"\n# and their classes (firms[].name), for the key\n", f);
    fprintf(f, "array top_class[%d]\n", in->top_count > 0 ? in->top_count : 1);
    for (int i = 0; i < in->top_count; i++) {
        fprintf(f, "top_class[%d] = ", i + 1);
        mishi_gnuplot_string(f, in->top_class[i]);
        fputc('\n', f);
    }
    fputc('\n', f);
}

/* $shares: a header "week firm_ID ...", then one line per week, the week
 * then each top firm's share (NaN when it did not trade). */
static void share_data(FILE *f, const plot_input *in) {
    fputs("# weekly unit share of the firms drawn (the 'share' column of\n"
          "# firms.csv): week, then one column per firm in `top`\n"
          "$shares << EOD\nweek", f);
    for (int i = 0; i < in->top_count; i++) fprintf(f, " firm_%d", in->top[i]);
    fputc('\n', f);
    float row[PLOT_TOP_FIRMS];
    for (size_t k = 0; k < in->share_count;) {
        int32_t week = in->shares[k].week;
        for (int i = 0; i < in->top_count; i++) row[i] = NAN;
        for (; k < in->share_count && in->shares[k].week == week; k++)
            for (int i = 0; i < in->top_count; i++)
                if (in->shares[k].firm == in->top[i]) row[i] = in->shares[k].share;
        fprintf(f, "%d", (int)week);
        for (int i = 0; i < in->top_count; i++) {
            fputc(' ', f);
            mishi_gnuplot_real(f, row[i]);
        }
        fputc('\n', f);
    }
    fputs("EOD\n\n", f);
}

/* The rows start at week 1. A run of one week is drawn in [0.5:1.5], as
 * gnuplot refuses a range of one point. */
static const char *week_range(const plot_input *in) {
    return in->weeks > 1 ? "1:*" : "0.5:1.5";
}

static void layout(FILE *f, const plot_input *in) {
    mishi_gnuplot_colours(f);
    fputs("do for [format in \"svg png\"] {\n"
          "  if (format eq \"svg\") {\n"
          "    set terminal svg size 1200,900 dynamic noenhanced font \"Sans,12\" "
          "background \"white\"\n"
          "  } else {\n"
          "    set terminal pngcairo size 1200,900 noenhanced font \"Sans,11\" "
          "background \"white\"\n"
          "  }\n"
          "  set output \"plot.\".format\n"
          "  set multiplot layout 3,1 title sprintf(\"%s (seed %s)\", scenario, "
          "seed) font \",14\"\n"
          "  set lmargin at screen 0.08\n"
          "  set rmargin at screen 0.73\n"
          "  # the key beside the plot, clear of a right-hand axis's labels\n"
          "  set key at screen 0.805, graph 0.5 left center vertical Left "
          "reverse samplen 3\n"
          "  set grid lc rgb \"#dddddd\"\n"
          "  set border lw 1.2\n"
          "  set xlabel \"week\"\n",
          f);
    /* a short run has whole weeks as tics */
    fprintf(f, "  set xrange [%s]\n", week_range(in));
    if (in->weeks < 10) fputs("  set xtics 1\n", f);
    fputs("  set autoscale xfixmax\n"
          "  set offsets 0, 0, 0, 0\n\n", f);
}

/* A line needs two weeks: a run of one week marks its values with points,
 * so its panels are not left empty. */
static const char *series_style(const plot_input *in) {
    return in->weeks > 1 ? "lines" : "linespoints pt 7";
}

/* A panel with nothing to draw says why, over the run's weeks: to the
 * last, not to `*` (a function has no rows to end the axis by), and a run
 * of one week over week_range's [0.5:1.5]. */
static void say_instead(FILE *f, const char *indent, const char *why,
                        const plot_input *in) {
    int one_week = in->weeks <= 1;
    mishi_gnuplot_say_instead(f, indent, why, one_week ? 0.5 : 1.0,
                              one_week ? 1.5 : (double)in->weeks);
}

/* The share panel's title says why its firms were chosen. */
static void share_panel(FILE *f, const plot_input *in) {
    fprintf(f, "  # (1) weekly unit share of the firms drawn ($shares above)\n"
               "  set title \"Weekly unit share of %s\"\n",
            in->own_class_count ? "each firm that is a class of its own, then the "
                                  "top sellers over the run"
                                : "the top sellers over the run");
    fputs("  set ylabel \"unit share (0..1)\"\n"
          "  unset y2tics; unset y2label; set ytics mirror\n"
          "  set yrange [0:*]\n"
          "  set datafile separator whitespace\n"
          "  if (words(top) > 0) {\n"
          "    plot for [i=1:words(top)] $shares \\\n"
          "      using \"week\":(column(\"firm_\".word(top, i))) \\\n", f);
    fprintf(f, "      with %s lw 2 title \"firm \".word(top, i).\" (\".top_class[i].\")\"\n",
            series_style(in));
    fputs("  } else {\n", f);
    say_instead(f, "    ", "no firm sold anything", in);
    fputs("  }\n  set datafile separator \",\"\n\n", f);
}

static void panel_axes(FILE *f, int p) {
    const plot_panel *panel = &panels[p];
    fprintf(f, "  # (%d) %s (market.csv)\n  set title ", p + 2, panel->title);
    mishi_gnuplot_string(f, panel->title);
    fputs("\n  set ylabel ", f);
    mishi_gnuplot_string(f, panel->y_label);
    fputc('\n', f);
    if (panel->y2_label) {
        fputs("  set y2label ", f);
        mishi_gnuplot_string(f, panel->y2_label);
        /* both axes from zero (or below it, for a loss): a right axis
         * autoscaled to its data alone made profit seem to grow from
         * nothing beside a left axis that starts at 0 */
        /* a loss puts the right axis's zero above the left's: a dashed
         * line marks it, so that profit is read against zero and not
         * against the bottom of the panel */
        fputs("\n  set ytics nomirror\n  set y2tics\n  set yrange [0:*]\n"
              "  set y2range [*<0:0<*]\n"
              "  set x2zeroaxis lt 1 lc rgb \"#888888\" dt 2 lw 1\n"
              "  set offsets 0, 0, graph 0.08, 0 # keep a flat line off the "
              "border\n", f);
    } else {
        /* a little past 0 and 1, so that a rate of 0 or 1 is not
         * hidden in the frame */
        fputs("  set yrange [-0.03:1.03]\n  unset x2zeroaxis\n", f);
    }
}

/* One series: the column by name, its label from the column table. */
static void series_element(FILE *f, const plot_series *s, const char *style,
                           int first) {
    const column *c = column_find(columns_market(), s->column);
    fprintf(f, "%s using \"week\":\"%s\"%s with %s lw %s title ",
            first ? "  plot 'market.csv'" : ", \\\n       ''", s->column,
            s->y2 ? " axes x1y2" : "", style, s->y2 ? "1.5" : "2");
    mishi_gnuplot_string(f, c ? c->info.label : s->column);
    if (s->y2) fputs(".' (right axis)'", f);
}

static void market_panel(FILE *f, const plot_input *in, int p) {
    panel_axes(f, p);
    if (!in->units && panels[p].unsold) {
        say_instead(f, "  ", panels[p].unsold, in);
        fputc('\n', f);
        return;
    }
    int first = 1;
    for (size_t k = 0; k < SERIES; k++) {
        if (series[k].panel != p) continue;
        series_element(f, &series[k], series_style(in), first);
        first = 0;
    }
    /* a flat profit (one week, or no sales) gives the right axis a single
     * value: gnuplot warns of an empty range before it widens it to 0, so
     * 0 is drawn, unseen */
    if (panels[p].y2_label)
        fputs(", \\\n       '' using \"week\":(0) axes x1y2 with points ps 0 "
              "lc rgb \"#ffffffff\" notitle # the right axis's 0", f);
    fputs("\n\n", f);
}

void plot_write(FILE *f, const plot_input *in) {
    preamble(f, in);
    share_data(f, in);
    layout(f, in);
    share_panel(f, in);
    for (int p = 0; p < PANELS; p++) market_panel(f, in, p);
    fputs("  unset multiplot\n  unset output\n}\n", f);
}
