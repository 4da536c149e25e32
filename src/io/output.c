/*
 * output.c — a run's tidy output: firms.csv, market.csv, summary.json and
 * plot.gp in one folder.
 *
 * Design. Every file is staged (files.h): written under "<name>.tmp" and
 * renamed to its final name only by a successful mishi_output_close, after
 * it has been flushed, fsync'ed and closed: a crashed or failed run never
 * leaves a half-written file under a final name, and mishi_output_free on
 * an unclosed output removes the temporaries. Only the public API is used (mishi_sim_market,
 * mishi_sim_firms, ...), so a program linking libmishi could write the same
 * files itself. What close needs from the scenario (its JSON echo, name,
 * seed and firm-class names) is copied at open, so the scenario need not
 * outlive the output.
 *
 * The CSV files are tidy (one observation per row, one variable per column,
 * snake_case names) so that pandas.read_csv and R's read.csv load them
 * as is. Integers are written as integers, reals with "%.6g" (six
 * significant digits), a missing value (NaN) as NA and infinities as
 * Inf/-Inf, which both pandas and R read.
 *
 * Columns and units. Time is in weeks, money in the scenario's currency
 * units ("money"), quality and satisfaction are dimensionless (quality 0..1).
 *
 * firms.csv — one row per firm active in the week, per week:
 *   week                  week just simulated (1 = the first)
 *   firm                  firm id, stable for the whole run
 *   class                 name of the firm's class in the scenario
 *   active                1, or 0 in the week the firm exits
 *   units                 devices sold this week (units)
 *   revenue, cost, profit this week (money); profit = revenue - cost
 *   cash                  cash at the end of the week (money)
 *   share                 units / market units (0..1; 0 if the market sold none)
 *   price                 price of a device (money/unit)
 *   design_quality        quality the firm can make (0..1)
 *   shipped_quality       quality it actually shipped this week (0..1)
 *   unit_cost             cost of making one device (money/unit)
 *   new_customers         buyers who never had a device of this firm (buyers)
 *   repeat_buyers         buyers whose last device came from this firm
 *   repeat_rate           repeat_buyers / units (0..1; NA with no units)
 *   defections            this firm's former buyers who bought elsewhere
 *   acquisition_spend     advertising spend this week (money)
 *   cost_per_new_customer acquisition_spend / new_customers (money/buyer)
 *   retention_spend       spend on resolving complaints (money)
 *   complaints, resolved  complaints received and resolved this week
 *
 * market.csv — one row per week:
 *   week, active_firms    the week; firms selling in it
 *   units                 devices sold (units)
 *   newcomers             buyers new to the market who bought this week
 *   adoptions, adopters   prospects who adopted this week; all consumers
 *                         who are not prospects (Bass's cumulative adopters)
 *   buyers_returning      buyers who held a device before
 *   repeat_units          units bought from the maker of the buyer's last
 *   defections            returning buyers who switched maker
 *   repeat_rate           repeat_units / units (0..1)
 *   defection_rate        defections / buyers_returning (0..1)
 *   mean_quality          mean quality of the units sold (0..1)
 *   hhi                   Herfindahl index, sum of squared unit shares (0..1)
 *   loyalty_index         mean over buyers of sum_k P_k^2 (0..1)
 *   preference_concentration  WKH's y, sum J^2 / (sum J)^2, mean (0..1)
 *   mean_satisfaction     mean satisfaction of this week's buyers (-1..1)
 *   complaints, resolved  complaints made and resolved this week
 *   total_profit          sum of the firms' profits this week (money)
 */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mishi_files.h"
#include "mishi.h"

#define TOP_FIRMS 5 /* firms drawn in the share panel of plot.gp */

/* ---------------------------------------------------------------- columns */

/* One table per CSV file: the header and every row come from it, so they
 * cannot disagree. */
typedef enum { COL_INT, COL_INT64, COL_REAL, COL_CLASS } column_type;

typedef struct column {
    const char *name;
    column_type type;
    size_t offset;
} column;

#define FIRM(name, type) {#name, type, offsetof(mishi_firm_row, name)}
static const column firm_columns[] = {
    FIRM(week, COL_INT),
    FIRM(firm, COL_INT),
    {"class", COL_CLASS, offsetof(mishi_firm_row, firm_class)},
    FIRM(active, COL_INT),
    FIRM(units, COL_INT64),
    FIRM(revenue, COL_REAL),
    FIRM(cost, COL_REAL),
    FIRM(profit, COL_REAL),
    FIRM(cash, COL_REAL),
    FIRM(share, COL_REAL),
    FIRM(price, COL_REAL),
    FIRM(design_quality, COL_REAL),
    FIRM(shipped_quality, COL_REAL),
    FIRM(unit_cost, COL_REAL),
    FIRM(new_customers, COL_INT64),
    FIRM(repeat_buyers, COL_INT64),
    FIRM(repeat_rate, COL_REAL),
    FIRM(defections, COL_INT64),
    FIRM(acquisition_spend, COL_REAL),
    FIRM(cost_per_new_customer, COL_REAL),
    FIRM(retention_spend, COL_REAL),
    FIRM(complaints, COL_INT64),
    FIRM(resolved, COL_INT64),
};
#undef FIRM

#define MARKET(name, type) {#name, type, offsetof(mishi_market_row, name)}
static const column market_columns[] = {
    MARKET(week, COL_INT),
    MARKET(active_firms, COL_INT),
    MARKET(units, COL_INT64),
    MARKET(newcomers, COL_INT64),
    MARKET(adoptions, COL_INT64),
    MARKET(adopters, COL_INT64),
    MARKET(buyers_returning, COL_INT64),
    MARKET(repeat_units, COL_INT64),
    MARKET(defections, COL_INT64),
    MARKET(repeat_rate, COL_REAL),
    MARKET(defection_rate, COL_REAL),
    MARKET(mean_quality, COL_REAL),
    MARKET(hhi, COL_REAL),
    MARKET(loyalty_index, COL_REAL),
    MARKET(preference_concentration, COL_REAL),
    MARKET(mean_satisfaction, COL_REAL),
    MARKET(complaints, COL_INT64),
    MARKET(resolved, COL_INT64),
    MARKET(total_profit, COL_REAL),
};
#undef MARKET

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Column numbers (1-based) that plot.gp refers to. */
#define MARKET_COL_ACTIVE 2
#define MARKET_COL_REPEAT 8
#define MARKET_COL_DEFECTION 9
#define MARKET_COL_QUALITY 10
#define MARKET_COL_LOYALTY 12
#define MARKET_COL_PROFIT 16

/* ------------------------------------------------------------------ files */

enum { OUT_FIRMS, OUT_MARKET, OUT_SUMMARY, OUT_PLOT, OUT_FILES };
static const char *const file_names[OUT_FILES] = {"firms.csv", "market.csv",
                                                  "summary.json", "plot.gp"};
static const char *const file_keys[OUT_FILES] = {"firms", "market", "summary",
                                                 "plot_script"};

typedef struct share_point {
    int32_t week, firm;
    float share;
} share_point;

struct mishi_output {
    char *dir;
    int created_dir; /* open made the folder itself (free may remove it) */
    int closed;      /* close was called: no more weeks, no second close */
    int complete;    /* close succeeded: every file is under its final name */
    mishi_staged_file file[OUT_FILES];
    /* copied from the scenario at open */
    char *scenario_json, *name;
    uint64_t seed;
    char **class_names;
    int class_count;
    /* units per firm id over the run, to rank the top firms */
    int64_t *firm_units;
    unsigned char *firm_seen;
    size_t firm_capacity;
    /* every firm row's share (12 bytes a row, a few % of firms.csv), so
     * plot.gp can carry the top firms' series inline instead of making
     * gnuplot re-read firms.csv once per firm and format */
    share_point *shares;
    size_t share_count, share_capacity;
};

static mishi_status open_file(mishi_output *out, int which, mishi_error *err) {
    return mishi_staged_open(&out->file[which], out->dir, file_names[which], err);
}

/* ------------------------------------------------------------ CSV writing */

static const char *class_name(const mishi_output *out, int index) {
    return index >= 0 && index < out->class_count ? out->class_names[index]
                                                  : "NA";
}

static void put_cell(FILE *f, const column *col, const void *row,
                     const mishi_output *out) {
    const char *field = (const char *)row + col->offset;
    switch (col->type) {
    case COL_INT: fprintf(f, "%d", *(const int *)field); break;
    case COL_INT64: fprintf(f, "%" PRId64, *(const int64_t *)field); break;
    case COL_REAL: mishi_csv_real(f, *(const double *)field); break;
    case COL_CLASS: mishi_csv_text(f, class_name(out, *(const int *)field)); break;
    }
}

static void put_row(FILE *f, const column *cols, size_t n, const void *row,
                    const mishi_output *out) {
    for (size_t i = 0; i < n; i++) {
        if (i) fputc(',', f);
        put_cell(f, &cols[i], row, out);
    }
    fputc('\n', f);
}

static void put_header(FILE *f, const column *cols, size_t n) {
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%s", i ? "," : "", cols[i].name);
    fputc('\n', f);
}

/* ------------------------------------------------- scenario copied at open */

static mishi_status copy_scenario_json(mishi_output *out,
                                       const mishi_scenario *sc,
                                       mishi_error *err) {
    size_t size = 0;
    FILE *mem = open_memstream(&out->scenario_json, &size);
    if (!mem) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = mishi_scenario_write_json(sc, mem);
    if (fclose(mem) != 0 && rc == MISHI_OK) rc = MISHI_ENOMEM;
    if (rc != MISHI_OK)
        return mishi_error_set(err, rc, "cannot echo the scenario as JSON: %s",
                               mishi_status_message(rc));
    return MISHI_OK;
}

static mishi_status copy_class_names(mishi_output *out,
                                     const mishi_scenario *sc,
                                     mishi_error *err) {
    int n = 0;
    while (mishi_scenario_class_name(sc, n)) n++;
    out->class_names = calloc(n ? (size_t)n : 1, sizeof *out->class_names);
    if (!out->class_names) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    for (; out->class_count < n; out->class_count++) {
        char *copy = strdup(mishi_scenario_class_name(sc, out->class_count));
        if (!copy) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
        out->class_names[out->class_count] = copy;
    }
    return MISHI_OK;
}

static mishi_status copy_scenario(mishi_output *out, const mishi_scenario *sc,
                                  mishi_error *err) {
    const char *name = mishi_scenario_name(sc);
    out->name = strdup(name ? name : "");
    if (!out->name) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    out->seed = mishi_scenario_seed(sc);
    mishi_status rc = copy_scenario_json(out, sc, err);
    return rc ? rc : copy_class_names(out, sc, err);
}

/* ------------------------------------------------------------------- open */

static mishi_status output_start(mishi_output *out, const char *dir,
                                 const mishi_scenario *sc, mishi_error *err) {
    mishi_status rc;
    out->dir = strdup(dir);
    if (!out->dir) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    if ((rc = copy_scenario(out, sc, err))) return rc;
    if ((rc = mishi_make_dirs(dir, &out->created_dir, err))) return rc;
    if ((rc = open_file(out, OUT_FIRMS, err))) return rc;
    if ((rc = open_file(out, OUT_MARKET, err))) return rc;
    put_header(out->file[OUT_FIRMS].f, firm_columns, COUNT(firm_columns));
    put_header(out->file[OUT_MARKET].f, market_columns, COUNT(market_columns));
    if ((rc = mishi_staged_check(&out->file[OUT_FIRMS], err))) return rc;
    return mishi_staged_check(&out->file[OUT_MARKET], err);
}

mishi_status mishi_output_open(const char *dir, const mishi_scenario *sc,
                               mishi_output **out, mishi_error *err) {
    if (!out)
        return mishi_error_set(err, MISHI_EARG, "mishi_output_open: out is NULL");
    *out = NULL;
    if (!dir || !*dir || !sc)
        return mishi_error_set(err, MISHI_EARG,
                               "mishi_output_open: needs a folder and a scenario");
    mishi_output *o = calloc(1, sizeof *o);
    if (!o) return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = output_start(o, dir, sc, err);
    if (rc != MISHI_OK) {
        mishi_output_free(o);
        return rc;
    }
    *out = o;
    return MISHI_OK;
}

/* ------------------------------------------------------------------- week */

static int track_firm(mishi_output *out, int id, int64_t units) {
    if (id < 0) return 0;
    if ((size_t)id >= out->firm_capacity) {
        size_t n = out->firm_capacity ? out->firm_capacity : 64;
        while (n <= (size_t)id) n *= 2;
        int64_t *u = realloc(out->firm_units, n * sizeof *u);
        if (!u) return -1;
        out->firm_units = u;
        unsigned char *s = realloc(out->firm_seen, n);
        if (!s) return -1;
        out->firm_seen = s;
        memset(u + out->firm_capacity, 0, (n - out->firm_capacity) * sizeof *u);
        memset(s + out->firm_capacity, 0, n - out->firm_capacity);
        out->firm_capacity = n;
    }
    out->firm_units[id] += units;
    out->firm_seen[id] = 1;
    return 0;
}

static int log_share(mishi_output *out, const mishi_firm_row *row) {
    if (out->share_count == out->share_capacity) {
        size_t n = out->share_capacity ? 2 * out->share_capacity : 1024;
        share_point *grown = realloc(out->shares, n * sizeof *grown);
        if (!grown) return -1;
        out->shares = grown, out->share_capacity = n;
    }
    out->shares[out->share_count++] =
        (share_point){row->week, row->firm, (float)row->share};
    return 0;
}

mishi_status mishi_output_week(mishi_output *out, const mishi_sim *sim,
                               mishi_error *err) {
    if (!out || !sim || out->closed)
        return mishi_error_set(err, MISHI_EARG,
                               "mishi_output_week: needs an open output and a sim");
    const mishi_market_row *market = mishi_sim_market(sim);
    const mishi_firm_row *rows = NULL;
    size_t n = mishi_sim_firms(sim, &rows);
    FILE *f = out->file[OUT_FIRMS].f;
    for (size_t i = 0; i < n; i++) {
        put_row(f, firm_columns, COUNT(firm_columns), &rows[i], out);
        if (track_firm(out, rows[i].firm, rows[i].units) != 0 ||
            log_share(out, &rows[i]) != 0)
            return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    if (market)
        put_row(out->file[OUT_MARKET].f, market_columns, COUNT(market_columns),
                market, out);
    mishi_status rc = mishi_staged_check(&out->file[OUT_FIRMS], err);
    return rc ? rc : mishi_staged_check(&out->file[OUT_MARKET], err);
}

/* ------------------------------------------------------------- top firms */

static int ranks_above(const mishi_output *out, size_t a, size_t b) {
    return out->firm_units[a] > out->firm_units[b] ||
           (out->firm_units[a] == out->firm_units[b] && a < b);
}

/* The ids of the (up to) TOP_FIRMS firms that sold most units over the run,
 * ties broken by the lower id; returns how many. */
static int top_firms(mishi_output *out, int top[TOP_FIRMS]) {
    int count = 0;
    for (size_t id = 0; id < out->firm_capacity; id++) {
        if (!out->firm_seen[id]) continue;
        int at = count < TOP_FIRMS ? count++ : TOP_FIRMS;
        while (at > 0 && ranks_above(out, id, (size_t)top[at - 1])) {
            if (at < TOP_FIRMS) top[at] = top[at - 1];
            at--;
        }
        if (at < TOP_FIRMS) top[at] = (int)id;
    }
    return count;
}

/* ---------------------------------------------------------- summary.json */

static int is_blank(const char *s) {
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
    return 1;
}

static void put_outputs_json(FILE *f) {
    fputs("  \"outputs\": {", f);
    for (int i = 0; i < OUT_FILES; i++) {
        fprintf(f, "%s\"%s\": ", i ? ", " : "", file_keys[i]);
        mishi_json_string(f, file_names[i]);
    }
    fputs("},\n", f);
}

static void write_summary(FILE *f, const mishi_output *out,
                          const mishi_sim *sim, const char *extra_json,
                          const int *top, int top_count) {
    double bytes = mishi_sim_bytes_per_consumer(sim);
    fprintf(f, "{\n  \"mishi_version\": \"%s\",\n  \"scenario\": %s,\n",
            MISHI_VERSION, out->scenario_json);
    fprintf(f, "  \"seed\": %" PRIu64 ",\n  \"weeks_simulated\": %d,\n",
            out->seed, mishi_sim_week(sim));
    if (isfinite(bytes)) fprintf(f, "  \"bytes_per_consumer\": %.6g,\n", bytes);
    else fputs("  \"bytes_per_consumer\": null,\n", f);
    put_outputs_json(f);
    if (!is_blank(extra_json)) fprintf(f, "  %s,\n", extra_json);
    fputs("  \"top_firms\": [", f);
    for (int i = 0; i < top_count; i++) fprintf(f, "%s%d", i ? ", " : "", top[i]);
    fputs("]\n}\n", f);
}

/* ---------------------------------------------------------------- plot.gp */

static void plot_preamble(FILE *f, const mishi_output *out, const int *top,
                          int top_count) {
    fprintf(f,
            "# plot.gp — written by mishi %s. Run `gnuplot plot.gp` in this\n"
            "# folder: it draws plot.svg and plot.png from market.csv and the\n"
            "# top firms' shares below (copied from firms.csv). Edit it\n"
            "# freely; the data files are not touched.\n\n"
            "# NA cells (no sales) read as NaN: treat them as missing\n"
            "set datafile missing NaN\n\n",
            MISHI_VERSION);
    fputs("scenario = ", f);
    mishi_gnuplot_string(f, out->name);
    fprintf(f, "\nseed = '%" PRIu64 "'\n", out->seed);
    fputs("# the firms that sold most units over the run (ties: lower id)\ntop = \"", f);
    for (int i = 0; i < top_count; i++) fprintf(f, "%s%d", i ? " " : "", top[i]);
    fputs("\"\n\n", f);
}

static void plot_layout(FILE *f) {
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
          "  set rmargin at screen 0.76\n"
          "  set key outside right center vertical Left reverse samplen 3\n"
          "  set grid lc rgb \"#dddddd\"\n"
          "  set border lw 1.2\n"
          "  set xlabel \"week\"\n"
          "  set xrange [0:*]\n"
          "  set autoscale xfixmax\n"
          "  set offsets 0, 0, 0, 0\n\n",
          f);
}

/* $shares: one line per week, the week then each top firm's share (NaN
 * when it did not trade). Rows are in week order, as written. */
static void plot_share_data(FILE *f, const mishi_output *out, const int *top,
                            int top_count) {
    fputs("# weekly unit share of the top firms (the 'share' column of\n"
          "# firms.csv): week, then one column per firm in `top`\n"
          "$shares << EOD\n", f);
    float row[TOP_FIRMS];
    for (size_t k = 0; k < out->share_count;) {
        int32_t week = out->shares[k].week;
        for (int i = 0; i < top_count; i++) row[i] = NAN;
        for (; k < out->share_count && out->shares[k].week == week; k++)
            for (int i = 0; i < top_count; i++)
                if (out->shares[k].firm == top[i]) row[i] = out->shares[k].share;
        fprintf(f, "%d", (int)week);
        for (int i = 0; i < top_count; i++) {
            fputc(' ', f);
            mishi_gnuplot_real(f, row[i]);
        }
        fputc('\n', f);
    }
    fputs("EOD\n\n", f);
}

static void plot_share_panel(FILE *f) {
    fputs("  # (1) weekly unit share of the top firms ($shares above)\n"
          "  set title \"Unit share of the top firms by units sold\"\n"
          "  set ylabel \"unit share (0..1)\"\n"
          "  unset y2tics; unset y2label; set ytics mirror\n"
          "  set yrange [0:*]\n"
          "  set datafile separator whitespace\n"
          "  if (words(top) > 0) {\n"
          "    plot for [i=1:words(top)] $shares using 1:(column(i + 1)) \\\n"
          "      with lines lw 2 title \"firm \".word(top, i)\n"
          "  } else {\n"
          "    set label 1 \"no firm sold anything\" at graph 0.5, 0.5 center\n"
          "    plot [0:1][0:1] -1 notitle\n"
          "    unset label 1\n"
          "  }\n"
          "  set datafile separator \",\"\n\n",
          f);
}

static void plot_quality_panel(FILE *f) {
    fprintf(f,
            "  # (2) quality and loyalty (market.csv)\n"
            "  set title \"Quality and loyalty\"\n"
            "  set ylabel \"quality, rate (0..1)\"\n"
            "  set yrange [0:1]\n"
            "  plot 'market.csv' every ::1 using 1:%d with lines lw 2 "
            "title \"mean quality sold\", \\\n"
            "       '' every ::1 using 1:%d with lines lw 2 title \"repeat rate\", \\\n"
            "       '' every ::1 using 1:%d with lines lw 2 title \"defection rate\", \\\n"
            "       '' every ::1 using 1:%d with lines lw 2 title \"loyalty index\"\n\n",
            MARKET_COL_QUALITY, MARKET_COL_REPEAT, MARKET_COL_DEFECTION,
            MARKET_COL_LOYALTY);
}

static void plot_firms_panel(FILE *f) {
    fprintf(f,
            "  # (3) active firms and total profit (market.csv)\n"
            "  set title \"Firms in the market and their profit\"\n"
            "  set ylabel \"active firms\"\n"
            "  set y2label \"total profit (money/week)\"\n"
            "  set ytics nomirror\n"
            "  set y2tics\n"
            "  set yrange [0:*]\n"
            "  set offsets 0, 0, graph 0.08, 0 # keep a flat line off the border\n"
            "  plot 'market.csv' every ::1 using 1:%d with lines lw 2.5 "
            "title \"active firms\", \\\n"
            "       '' every ::1 using 1:%d axes x1y2 with lines lw 1.5 "
            "title \"total profit (y2)\"\n"
            "  unset multiplot\n"
            "  unset output\n"
            "}\n",
            MARKET_COL_ACTIVE, MARKET_COL_PROFIT);
}

static void write_plot(FILE *f, const mishi_output *out, const int *top,
                       int top_count) {
    plot_preamble(f, out, top, top_count);
    plot_share_data(f, out, top, top_count);
    plot_layout(f);
    plot_share_panel(f);
    plot_quality_panel(f);
    plot_firms_panel(f);
}

/* ------------------------------------------------------------------ close */

mishi_status mishi_output_close(mishi_output *out, const mishi_sim *sim,
                                const char *extra_json, mishi_error *err) {
    if (!out || !sim || out->closed)
        return mishi_error_set(err, MISHI_EARG,
                               "mishi_output_close: needs an open output and a sim");
    int top[TOP_FIRMS], top_count = top_firms(out, top);
    mishi_status rc;
    out->closed = 1;
    if ((rc = open_file(out, OUT_SUMMARY, err))) return rc;
    write_summary(out->file[OUT_SUMMARY].f, out, sim, extra_json, top, top_count);
    if ((rc = open_file(out, OUT_PLOT, err))) return rc;
    write_plot(out->file[OUT_PLOT].f, out, top, top_count);
    for (int i = 0; i < OUT_FILES; i++)
        if ((rc = mishi_staged_finish(&out->file[i], err))) return rc;
    for (int i = 0; i < OUT_FILES; i++)
        if ((rc = mishi_staged_rename(&out->file[i], err))) return rc;
    mishi_sync_dir(out->dir);
    out->complete = 1;
    return MISHI_OK;
}

/* ------------------------------------------------------------------- free */

void mishi_output_free(mishi_output *out) {
    if (!out) return;
    for (int i = 0; i < OUT_FILES; i++) mishi_staged_discard(&out->file[i]);
    /* a folder this output made and never filled goes too (rmdir only
     * removes an empty folder) */
    if (out->created_dir && !out->complete) rmdir(out->dir);
    for (int i = 0; i < out->class_count; i++) free(out->class_names[i]);
    free(out->class_names);
    free(out->firm_units);
    free(out->firm_seen);
    free(out->shares);
    free(out->scenario_json);
    free(out->name);
    free(out->dir);
    free(out);
}
