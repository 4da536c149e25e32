/*
 * output.c — a run's tidy output: firms.csv, market.csv, summary.json and
 * plot.gp in one folder.
 *
 * Design. Every file is staged (mishi_files.h): written under "<name>.tmp" and
 * renamed to its final name only by a successful mishi_output_close, after
 * it has been flushed, fsync'ed and closed: a crashed or failed run never
 * leaves a half-written file under a final name, and mishi_output_free on
 * an unclosed output removes the temporaries. Only the public API is used
 * (mishi_sim_market,
 * mishi_sim_firms, ...), so a program linking libmishi could write the same
 * files itself. What close needs from the scenario (its JSON echo, name,
 * seed and firm-class names) is copied at open, so the scenario need not
 * outlive the output.
 *
 * The CSV files are tidy (one observation per row, one variable per column,
 * snake_case names) so that pandas.read_csv and R's read.csv load them
 * as is. Integers are written as integers, reals with "%.15g" (fifteen
 * significant digits), a missing value (NaN) as NA and infinities as
 * Inf/-Inf, which both pandas and R read. Their columns, with units and
 * meanings, are the rows of columns.c; plot.gp is written by plot.c.
 */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "mishi.h"
#include "mishi_files.h"
#include "plot.h"
#include "real_text.h"

#define TOP_FIRMS PLOT_TOP_FIRMS

/* ------------------------------------------------------------------ files */

enum { OUT_FIRMS, OUT_MARKET, OUT_SUMMARY, OUT_PLOT, OUT_FILES };
static const char *const file_names[OUT_FILES] = {"firms.csv", "market.csv",
                                                  "summary.json", "plot.gp"};
static const char *const file_keys[OUT_FILES] = {"firms", "market", "summary",
                                                 "plot_script"};

struct mishi_output {
    char *dir;
    int made_dirs;   /* folders open made, the output's and its parents' (free
                        removes them, if empty, unless the output is complete) */
    int lock;        /* the folder's lock, held from open to free, so that
                        the run's pictures are drawn under it too (-1: none) */
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
    int *firm_class; /* firms[] index of each firm seen */
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

/* A row is put together in `line`, a number at a time, and written in
 * as few calls as it has text cells (calls into stdio, each taking the
 * stream's lock, were a third of the writing when made cell by cell). */
typedef struct line {
    char text[64 * REAL_TEXT_MAX];
    size_t used;
} line;

static void line_flush(FILE *f, line *l) {
    fwrite(l->text, 1, l->used, f);
    l->used = 0;
}

static void put_cell(FILE *f, line *l, const column *col, const void *row,
                     const mishi_output *out) {
    const char *field = (const char *)row + col->offset;
    char *at = l->text + l->used;
    switch (col->type) {
    case COL_INT: l->used += (size_t)integer_text(*(const int *)field, at); break;
    case COL_INT64: l->used += (size_t)integer_text(*(const int64_t *)field, at); break;
    case COL_REAL: l->used += (size_t)real_text_csv(*(const double *)field, at); break;
    case COL_CLASS:
        line_flush(f, l);
        mishi_csv_text(f, class_name(out, *(const int *)field));
        break;
    }
}

static void put_row(FILE *f, column_table t, const void *row,
                    const mishi_output *out) {
    line l;
    l.used = 0; /* not `= {0}`: that would clear the whole text */
    for (size_t i = 0; i < t.count; i++) {
        if (l.used + REAL_TEXT_MAX + 2 > sizeof l.text) line_flush(f, &l);
        if (i) l.text[l.used++] = ',';
        put_cell(f, &l, &t.at[i], row, out);
    }
    l.text[l.used++] = '\n';
    line_flush(f, &l);
}

static void put_header(FILE *f, column_table t) {
    for (size_t i = 0; i < t.count; i++)
        fprintf(f, "%s%s", i ? "," : "", t.at[i].info.name);
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
    if ((rc = mishi_make_dirs(dir, &out->made_dirs, err))) return rc;
    if ((rc = mishi_folder_lock(dir, &out->lock, err))) {
        out->made_dirs = 0; /* another run writes in them now */
        return rc;
    }
    if (out->made_dirs) /* gone if stopped early */
        mishi_staged_watch_folder(out->dir, out->made_dirs);
    if ((rc = open_file(out, OUT_FIRMS, err))) return rc;
    if ((rc = open_file(out, OUT_MARKET, err))) return rc;
    put_header(out->file[OUT_FIRMS].f, columns_firms());
    put_header(out->file[OUT_MARKET].f, columns_market());
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
    o->lock = -1;
    mishi_status rc = output_start(o, dir, sc, err);
    if (rc != MISHI_OK) {
        mishi_output_free(o);
        return rc;
    }
    *out = o;
    return MISHI_OK;
}

/* ------------------------------------------------------------------- week */

static int track_firm(mishi_output *out, int id, int firm_class, int64_t units) {
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
        int *c = realloc(out->firm_class, n * sizeof *c);
        if (!c) return -1;
        out->firm_class = c;
        memset(u + out->firm_capacity, 0, (n - out->firm_capacity) * sizeof *u);
        memset(s + out->firm_capacity, 0, n - out->firm_capacity);
        out->firm_capacity = n;
    }
    out->firm_units[id] += units;
    out->firm_seen[id] = 1;
    out->firm_class[id] = firm_class;
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
        put_row(f, columns_firms(), &rows[i], out);
        if (track_firm(out, rows[i].firm, rows[i].firm_class, rows[i].units) != 0 ||
            log_share(out, &rows[i]) != 0)
            return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    if (market)
        put_row(out->file[OUT_MARKET].f, columns_market(), market, out);
    mishi_status rc = mishi_staged_check(&out->file[OUT_FIRMS], err);
    return rc ? rc : mishi_staged_check(&out->file[OUT_MARKET], err);
}

/* ------------------------------------------------------------- top firms */

static int ranks_above(const mishi_output *out, size_t a, size_t b) {
    return out->firm_units[a] > out->firm_units[b] ||
           (out->firm_units[a] == out->firm_units[b] && a < b);
}

/* The ids of the (up to) TOP_FIRMS firms that sold most units over the run,
 * ties broken by the lower id, of those `only` marks (all that sold a unit
 * if NULL: a short run's "top sellers" are not padded with firms that sold
 * nothing); returns how many. */
static int top_firms_of(mishi_output *out, const unsigned char *only,
                        int top[TOP_FIRMS]) {
    int count = 0;
    for (size_t id = 0; id < out->firm_capacity; id++) {
        if (!out->firm_seen[id] || (only ? !only[id] : !out->firm_units[id]))
            continue;
        int at = count < TOP_FIRMS ? count++ : TOP_FIRMS;
        while (at > 0 && ranks_above(out, id, (size_t)top[at - 1])) {
            if (at < TOP_FIRMS) top[at] = top[at - 1];
            at--;
        }
        if (at < TOP_FIRMS) top[at] = (int)id;
    }
    return count;
}

static int top_firms(mishi_output *out, int top[TOP_FIRMS]) {
    return top_firms_of(out, NULL, top);
}

/* The class of a firm that traded, or -1 (a firm never seen has none set). */
static int class_of_seen(const mishi_output *out, size_t id) {
    int c = out->firm_seen[id] ? out->firm_class[id] : -1;
    return c >= 0 && c < out->class_count ? c : -1;
}

/* The firms the plot draws: each firm that is a class of its own (the
 * protagonist of scenarios/xiaomi-2010.yaml, which need not outsell a
 * crowd of 500 to be the firm a reader looks for), then the run's top
 * sellers `top`, up to TOP_FIRMS in all, each kind in order of units sold;
 * how many of the first kind in *own. How many; 0 (and `plotted` unset) if out of
 * memory, which `top` then stands in for. */
static int plotted_firms(mishi_output *out, const int *top, int top_count,
                         int plotted[TOP_FIRMS], int *own) {
    int *in_class = calloc((size_t)out->class_count + 1, sizeof *in_class);
    unsigned char *drawn = calloc(out->firm_capacity + 1, 1);
    int count = 0;
    if (in_class && drawn) {
        for (size_t id = 0; id < out->firm_capacity; id++)
            if (class_of_seen(out, id) >= 0) in_class[class_of_seen(out, id)]++;
        for (size_t id = 0; id < out->firm_capacity; id++) /* classes of their own */
            drawn[id] = class_of_seen(out, id) >= 0 && in_class[class_of_seen(out, id)] == 1;
        count = *own = top_firms_of(out, drawn, plotted);
        for (int k = 0; k < top_count && count < TOP_FIRMS; k++) /* then top sellers */
            if (!drawn[top[k]]) drawn[top[k]] = 1, plotted[count++] = top[k];
    }
    free(in_class), free(drawn);
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

/* The mechanisms switched on that never acted (engagement.c), so that a
 * reader of the run's record sees them beside its parameters. */
static void put_idle_json(FILE *f, const mishi_sim *sim) {
    mishi_idle_mechanism idle[MISHI_MAX_MECHANISMS];
    size_t n = mishi_sim_idle_mechanisms(sim, idle, MISHI_MAX_MECHANISMS);
    fputs("  \"idle_mechanisms\": [", f);
    for (size_t k = 0; k < n; k++) {
        const mishi_mechanism_info *m = idle[k].mechanism;
        const char *keys[] = {"mechanism", "switched_on_by", "classes", "measure", "meaning"};
        const char *values[] = {m->name, m->switched_on_by, idle[k].classes, m->measure,
                                m->meaning};
        fputs(k ? ",\n    {" : "\n    {", f);
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            fprintf(f, "%s\"%s\": ", i ? ", " : "", keys[i]);
            mishi_json_string(f, values[i]);
        }
        fputc('}', f);
    }
    fputs(n ? "\n  ],\n" : "],\n", f);
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
    fputs("  \"platform\": ", f);
    mishi_platform_json(f);
    fputs(",\n", f);
    if (!is_blank(extra_json)) fprintf(f, "  %s,\n", extra_json);
    put_idle_json(f, sim);
    fputs("  \"top_firms\": [", f);
    for (int i = 0; i < top_count; i++) fprintf(f, "%s%d", i ? ", " : "", top[i]);
    fputs("]\n}\n", f);
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
    int plotted[TOP_FIRMS], own = 0;
    int plotted_count = plotted_firms(out, top, top_count, plotted, &own);
    if (!plotted_count) memcpy(plotted, top, sizeof top), plotted_count = top_count;
    const char *plotted_class[TOP_FIRMS];
    for (int i = 0; i < plotted_count; i++)
        plotted_class[i] = class_name(out, out->firm_class[plotted[i]]);
    int64_t units = 0;
    for (size_t id = 0; id < out->firm_capacity; id++) units += out->firm_units[id];
    if (!units) plotted_count = 0; /* no share to draw: the panel says so */
    plot_input plot = {out->name, out->seed, plotted, plotted_class, plotted_count,
                       own, out->shares, out->share_count, mishi_sim_week(sim), units};
    plot_write(out->file[OUT_PLOT].f, &plot);
    if ((rc = mishi_staged_commit(out->dir, out->file, OUT_FILES, err))) return rc;
    out->complete = 1;
    return MISHI_OK;
}

/* ------------------------------------------------------------------- free */

void mishi_output_free(mishi_output *out) {
    if (!out) return;
    for (int i = 0; i < OUT_FILES; i++) mishi_staged_discard(&out->file[i]);
    /* the folders this output made and never filled go too (rmdir only
     * removes an empty folder) */
    if (!out->complete) mishi_remove_made_dirs(out->dir, out->made_dirs);
    if (out->made_dirs) mishi_staged_unwatch_folder(out->dir);
    mishi_folder_unlock(&out->lock);
    for (int i = 0; i < out->class_count; i++) free(out->class_names[i]);
    free(out->class_names);
    free(out->firm_units);
    free(out->firm_class);
    free(out->firm_seen);
    free(out->shares);
    free(out->scenario_json);
    free(out->name);
    free(out->dir);
    free(out);
}
