/*
 * recorder.c — what one run of a sweep records: each measure's single
 * number (a column summarised over a window of weeks) and each weekly
 * series asked for whole.
 *
 * A sweep makes thousands of runs, several at a time, and a run can last
 * thousands of weeks with a thousand firms trading in each; so a recorder
 * holds no table of the run. Each week it reads the values it needs
 * straight from the rows the engine hands out (mishi_sim_market,
 * mishi_sim_firms), by the type and offset the column table gives
 * (src/io/columns.c: the one list of output columns, so a measure cannot
 * read another column than the CSV file would show), and folds them into
 * O(1) state per measure: a running sum and count (mean), an extreme (max,
 * min), the value of week `to` (final), the first week past a threshold
 * (first_week_above, first_week_below). Only a series keeps one number a
 * week, because it was asked for whole.
 *
 * Names are resolved to column-table entries once, when the recorder is
 * made, and every mistake is reported then; a week compares no strings.
 * Measures and series that ask for the same quantity share it, and a
 * quantity is worked out at most once a week and only when some series,
 * or a measure whose window is open, needs it: a firms.csv quantity walks
 * every firm's row, and that walk is the only cost a week can have.
 */
#include "mishi_sweep.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"

/* ------------------------------------------------------------------ names */

const char *mishi_summary_name(mishi_summary summary) {
    static const char *const names[] = {
#define SUMMARY_NAME(id, name, doc) name,
        MISHI_SUMMARY_LIST(SUMMARY_NAME)
#undef SUMMARY_NAME
    };
    return (size_t)summary < MISHI_SUMMARY_COUNT ? names[summary] : NULL;
}

const char *mishi_summary_doc(mishi_summary summary) {
    static const char *const docs[] = {
#define SUMMARY_DOC(id, name, doc) doc,
        MISHI_SUMMARY_LIST(SUMMARY_DOC)
#undef SUMMARY_DOC
    };
    return (size_t)summary < MISHI_SUMMARY_COUNT ? docs[summary] : NULL;
}

const char *mishi_over_firms_name(mishi_over_firms over) {
    static const char *const names[] = {
#define OVER_FIRMS_NAME(id, name) name,
        MISHI_OVER_FIRMS_LIST(OVER_FIRMS_NAME)
#undef OVER_FIRMS_NAME
    };
    return (size_t)over < MISHI_OVER_FIRMS_COUNT ? names[over] : NULL;
}

/* ------------------------------------------------------------- reductions */

/* A running sum, mean, max or min of the numbers added, NaNs left out:
 * the reductions mishi_over_firms names, used across a week's firms and,
 * for a measure's mean, max and min, across weeks. `acc` stays NaN until
 * a number arrives, so no data reads NaN whatever the reduction. */
typedef struct running {
    double acc;   /* the sum (sum, mean) or the extreme (max, min) */
    size_t count; /* numbers added */
} running;

static const running running_empty = {NAN, 0};

static void running_add(running *r, mishi_over_firms how, double v) {
    if (isnan(v)) return;
    if (r->count++ == 0) {
        r->acc = v;
        return;
    }
    switch (how) {
    case MISHI_OVER_FIRMS_SUM:
    case MISHI_OVER_FIRMS_MEAN: r->acc += v; break;
    case MISHI_OVER_FIRMS_MAX: r->acc = v > r->acc ? v : r->acc; break;
    case MISHI_OVER_FIRMS_MIN: r->acc = v < r->acc ? v : r->acc; break;
    case MISHI_OVER_FIRMS_COUNT: assert(!"refused when the recorder was made");
    }
}

static double running_value(const running *r, mishi_over_firms how) {
    if (r->count == 0) return NAN;
    return how == MISHI_OVER_FIRMS_MEAN ? r->acc / (double)r->count : r->acc;
}

/* ------------------------------------------------------------- the record */

/* A weekly number: a market.csv column, or a firms.csv column reduced over
 * the week's firms. `value` belongs to the week fed when the recorder's
 * tick was `tick`. */
typedef struct quantity {
    const column *col;
    bool firms;            /* col is a firms.csv column */
    int only_class;        /* firms: 0 every firm, else class + 1 */
    mishi_over_firms over; /* firms: how; market: always SUM, so that two
                              requests for a market column compare equal */
    uint64_t tick;
    double value;
} quantity;

/* A measure's specification, and its state: `run` reduces the weeks for
 * mean, max and min; final and first_week_* keep their answer in run.acc. */
typedef struct measure {
    size_t quantity;
    mishi_summary summary;
    bool reduces;          /* mean, max or min: a reduction across weeks */
    mishi_over_firms over; /* which, when it reduces */
    int from, to;
    double threshold; /* first_week_above, first_week_below */
    running run;
} measure;

struct mishi_recorder {
    int weeks;     /* the horizon: weeks after it are ignored */
    int last_week; /* the last week fed since the reset; 0 for none */
    /* Weeks fed since the recorder was made, never reset: a quantity's
     * value is this week's only if its tick is this, so a week fed before
     * a reset cannot pass for a week of the next run. */
    uint64_t tick;
    quantity *quantities;
    size_t quantity_count;
    measure *measures;
    size_t measure_count;
    size_t *series_quantity; /* series s's quantity */
    size_t series_count;
    double *series; /* series s, week w at [s * weeks + w - 1]; NaN unfed */
};

/* ---------------------------------------------------------- a week's data */

/* A row's cell as a number (text columns are refused before a week). */
static double cell(const column *col, const void *row) {
    const char *field = (const char *)row + col->offset;
    switch (col->type) {
    case COL_INT: return *(const int *)field;
    case COL_INT64: return (double)*(const int64_t *)field;
    case COL_REAL: return *(const double *)field;
    case COL_CLASS: break;
    }
    assert(!"refused when the recorder was made");
    return NAN;
}

/* mishi_sim_firms gives a row for each firm that traded in the week,
 * including one that exits at its end: those are the firms reduced. A sum
 * over no firms is 0 (a class none of whose firms trades any more sold
 * nothing and holds no share); their mean, max or min is NaN. */
static double over_firms(const quantity *q, const mishi_sim *sim) {
    const mishi_firm_row *rows;
    size_t n = mishi_sim_firms(sim, &rows), matched = 0;
    running r = running_empty;
    for (size_t k = 0; k < n; k++)
        if (!q->only_class || rows[k].firm_class == q->only_class - 1) {
            running_add(&r, q->over, cell(q->col, &rows[k]));
            matched++;
        }
    if (matched == 0 && q->over == MISHI_OVER_FIRMS_SUM) return 0.0;
    return running_value(&r, q->over);
}

static double quantity_value(mishi_recorder *rec, size_t i,
                             const mishi_sim *sim) {
    quantity *q = &rec->quantities[i];
    if (q->tick != rec->tick) {
        q->value = q->firms ? over_firms(q, sim)
                            : cell(q->col, mishi_sim_market(sim));
        q->tick = rec->tick;
    }
    return q->value;
}

/* Whether week `week` can still change the measure: in its window, and
 * for final only week `to`, for a first week only until it is found. */
static bool measure_wants(const measure *m, int week) {
    if (week < m->from || week > m->to) return false;
    if (m->summary == MISHI_SUMMARY_FINAL) return week == m->to;
    return m->reduces || isnan(m->run.acc);
}

static void measure_add(measure *m, int week, double v) {
    if (m->reduces)
        running_add(&m->run, m->over, v);
    else if (m->summary == MISHI_SUMMARY_FINAL)
        m->run.acc = v;
    else if (m->summary == MISHI_SUMMARY_FIRST_WEEK_ABOVE ? v > m->threshold
                                                          : v < m->threshold)
        m->run.acc = week;
}

void mishi_recorder_week(mishi_recorder *rec, const mishi_sim *sim) {
    int week = mishi_sim_week(sim);
    if (week < 1 || week > rec->weeks) return;
    assert(week > rec->last_week && "weeks in order; a reset between runs");
    rec->last_week = week;
    rec->tick++;
    for (size_t i = 0; i < rec->measure_count; i++) {
        measure *m = &rec->measures[i];
        if (measure_wants(m, week))
            measure_add(m, week, quantity_value(rec, m->quantity, sim));
    }
    double *at_week = rec->series + (week - 1);
    for (size_t s = 0; s < rec->series_count; s++)
        at_week[s * (size_t)rec->weeks] =
            quantity_value(rec, rec->series_quantity[s], sim);
}

/* ---------------------------------------------------------------- results */

double mishi_recorder_measure(const mishi_recorder *rec, size_t measure_index) {
    if (measure_index >= rec->measure_count) return NAN;
    const measure *m = &rec->measures[measure_index];
    return m->reduces ? running_value(&m->run, m->over) : m->run.acc;
}

const double *mishi_recorder_series(const mishi_recorder *rec, size_t series,
                                    size_t *weeks) {
    bool known = series < rec->series_count;
    if (weeks) *weeks = known ? (size_t)rec->weeks : 0;
    return known ? rec->series + series * (size_t)rec->weeks : NULL;
}

/* Quantities need nothing: the tick, which goes on, makes old values
 * stale. */
void mishi_recorder_reset(mishi_recorder *rec) {
    rec->last_week = 0;
    for (size_t i = 0; i < rec->measure_count; i++)
        rec->measures[i].run = running_empty;
    size_t cells = rec->series_count * (size_t)rec->weeks;
    for (size_t k = 0; k < cells; k++) rec->series[k] = NAN;
}

void mishi_recorder_free(mishi_recorder *rec) {
    if (!rec) return;
    free(rec->quantities);
    free(rec->measures);
    free(rec->series_quantity);
    free(rec->series);
    free(rec);
}

/* -------------------------------------------------------- resolving names */

enum { TABLE_MARKET, TABLE_FIRMS, TABLE_COUNT };

static column_table table_at(int t) {
    return t == TABLE_FIRMS ? columns_firms() : columns_market();
}

static const char *table_file(int t) { return table_at(t).at[0].info.file; }

/* The table a quantity names: by the stem of its name ("firms.profit")
 * or, when it has no name, by its file ("firms.csv"); -1 if neither
 * matches. *name is then the column's name as the quantity gives it. */
static int table_of(const mishi_quantity *q, const char **name) {
    for (int t = 0; t < TABLE_COUNT; t++) {
        const char *file = table_file(t);
        size_t stem = strcspn(file, ".");
        if (q->name && strncmp(q->name, file, stem) == 0 && q->name[stem] == '.') {
            *name = q->name + stem + 1;
            return t;
        }
        if (!q->name && q->file && strcmp(q->file, file) == 0) {
            *name = q->column;
            return t;
        }
    }
    return -1;
}

/* The column of `t` nearest to a misspelt `name`, or NULL. */
static const char *nearest_column(column_table t, const char *name) {
    const char **names = malloc(t.count * sizeof *names);
    if (!names) return NULL; /* only the hint is lost */
    for (size_t i = 0; i < t.count; i++) names[i] = t.at[i].info.name;
    const char *hint = mishi_nearest_name(name, names, t.count);
    free(names);
    return hint;
}

static mishi_status no_table(const mishi_quantity *q, const char *what,
                             mishi_error *err) {
    const char *market = table_file(TABLE_MARKET), *firms = table_file(TABLE_FIRMS);
    if (q->name)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: '%s' is neither %.*s.COLUMN nor %.*s.COLUMN",
                               what, q->name, (int)strcspn(market, "."), market,
                               (int)strcspn(firms, "."), firms);
    if (q->file)
        return mishi_error_set(err, MISHI_EARG, "%s: file '%s' is neither %s nor %s",
                               what, q->file, market, firms);
    return mishi_error_set(err, MISHI_EARG, "%s: no column given", what);
}

static mishi_status no_column(int t, const char *name, const char *what,
                              mishi_error *err) {
    if (!name)
        return mishi_error_set(err, MISHI_EARG, "%s: no column of %s given",
                               what, table_file(t));
    const char *hint = nearest_column(table_at(t), name);
    return mishi_error_set(err, MISHI_EARG, "%s: %s has no column '%s'%s%s%s",
                           what, table_file(t), name,
                           hint ? "; did you mean '" : "", hint ? hint : "",
                           hint ? "'?" : "");
}

/* A quantity that gives a name and also a file or column: they must agree. */
static bool name_agrees(const mishi_quantity *q, const column *col) {
    return (!q->file || strcmp(q->file, col->info.file) == 0) &&
           (!q->column || strcmp(q->column, col->info.name) == 0);
}

static mishi_status resolve(const mishi_quantity *q, const char *what,
                            const column **out, mishi_error *err) {
    const char *name = NULL;
    int t = table_of(q, &name);
    if (t < 0) return no_table(q, what, err);
    const column *col = name ? column_find(table_at(t), name) : NULL;
    if (!col) return no_column(t, name, what, err);
    if (q->name && !name_agrees(q, col))
        return mishi_error_set(err, MISHI_EARG,
                               "%s: '%s' is not file '%s', column '%s'", what,
                               q->name, q->file ? q->file : col->info.file,
                               q->column ? q->column : col->info.name);
    if (col->type == COL_CLASS)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: column '%s' of %s is text, not a number",
                               what, col->info.name, col->info.file);
    *out = col;
    return MISHI_OK;
}

/* ---------------------------------------------------------------- making */

/* The index of the quantity `q` asks for: one asked for before, or a new
 * one. */
static mishi_status add_quantity(mishi_recorder *rec, const mishi_quantity *q,
                                 const char *what, size_t *index,
                                 mishi_error *err) {
    quantity want = {.over = MISHI_OVER_FIRMS_SUM, .value = NAN};
    mishi_status rc = resolve(q, what, &want.col, err);
    if (rc) return rc;
    want.firms = strcmp(want.col->info.file, table_file(TABLE_FIRMS)) == 0;
    if (want.firms && (size_t)q->over_firms >= MISHI_OVER_FIRMS_COUNT)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: no way %d to take a column over the firms",
                               what, (int)q->over_firms);
    if (want.firms) want.over = q->over_firms, want.only_class = q->only_class;
    size_t i = 0;
    while (i < rec->quantity_count &&
           (rec->quantities[i].col != want.col ||
            rec->quantities[i].over != want.over ||
            rec->quantities[i].only_class != want.only_class))
        i++;
    if (i == rec->quantity_count) rec->quantities[rec->quantity_count++] = want;
    *index = i;
    return MISHI_OK;
}

static mishi_status check_measure(const mishi_measure_info *m, int weeks,
                                  const char *what, mishi_error *err) {
    if ((size_t)m->summary >= MISHI_SUMMARY_COUNT)
        return mishi_error_set(err, MISHI_EARG, "%s: no summary %d", what,
                               (int)m->summary);
    if (m->from > m->to)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: weeks [%d, %d] end before they begin",
                               what, m->from, m->to);
    if (m->from < 1 || m->to > weeks)
        return mishi_error_set(err, MISHI_EARG,
                               "%s: weeks [%d, %d] are not within the run's "
                               "weeks 1..%d", what, m->from, m->to, weeks);
    bool threshold = m->summary == MISHI_SUMMARY_FIRST_WEEK_ABOVE ||
                     m->summary == MISHI_SUMMARY_FIRST_WEEK_BELOW;
    if (threshold && isnan(m->value))
        return mishi_error_set(err, MISHI_EARG, "%s: %s needs a `value`, not NaN",
                               what, mishi_summary_name(m->summary));
    return MISHI_OK;
}

/* Mean, max and min over weeks are the reductions firms are taken by. */
static bool summary_reduces(mishi_summary summary, mishi_over_firms *over) {
    switch (summary) {
    case MISHI_SUMMARY_MEAN: *over = MISHI_OVER_FIRMS_MEAN; return true;
    case MISHI_SUMMARY_MAX: *over = MISHI_OVER_FIRMS_MAX; return true;
    case MISHI_SUMMARY_MIN: *over = MISHI_OVER_FIRMS_MIN; return true;
    default: return false;
    }
}

static mishi_status add_measure(mishi_recorder *rec,
                                const mishi_measure_info *info, size_t i,
                                mishi_error *err) {
    char what[128];
    if (info->name) snprintf(what, sizeof what, "measure '%s'", info->name);
    else snprintf(what, sizeof what, "measure %zu", i);
    measure *m = &rec->measures[rec->measure_count];
    mishi_status rc = check_measure(info, rec->weeks, what, err);
    if (!rc) rc = add_quantity(rec, &info->quantity, what, &m->quantity, err);
    if (rc) return rc;
    m->summary = info->summary;
    m->reduces = summary_reduces(info->summary, &m->over);
    m->from = info->from, m->to = info->to, m->threshold = info->value;
    rec->measure_count++;
    return MISHI_OK;
}

static mishi_status add_series(mishi_recorder *rec, const mishi_quantity *q,
                               size_t s, mishi_error *err) {
    char what[64];
    snprintf(what, sizeof what, "series %zu", s);
    mishi_status rc = add_quantity(rec, q, what,
                                   &rec->series_quantity[rec->series_count], err);
    if (!rc) rec->series_count++;
    return rc;
}

/* calloc that gives a pointer for no elements too: NULL is out of memory. */
static void *zalloc(size_t count, size_t size) {
    return calloc(count ? count : 1, size);
}

static mishi_status recorder_alloc(size_t measures, size_t series, int weeks,
                                   mishi_recorder **out, mishi_error *err) {
    mishi_recorder *rec = zalloc(1, sizeof *rec);
    bool fits = measures <= SIZE_MAX - series && series <= SIZE_MAX / (size_t)weeks;
    if (rec && fits) {
        rec->weeks = weeks;
        rec->quantities = zalloc(measures + series, sizeof *rec->quantities);
        rec->measures = zalloc(measures, sizeof *rec->measures);
        rec->series_quantity = zalloc(series, sizeof *rec->series_quantity);
        rec->series = zalloc(series * (size_t)weeks, sizeof *rec->series);
    }
    if (!rec || !fits || !rec->quantities || !rec->measures ||
        !rec->series_quantity || !rec->series) {
        mishi_recorder_free(rec);
        return mishi_error_set(err, MISHI_ENOMEM, "recorder: no memory for %zu "
                               "measures and %zu series of %d weeks",
                               measures, series, weeks);
    }
    *out = rec;
    return MISHI_OK;
}

mishi_status mishi_recorder_new_for(const mishi_measure_info *measures,
                                    size_t measure_count,
                                    const mishi_quantity *series,
                                    size_t series_count, int weeks,
                                    mishi_recorder **out, mishi_error *err) {
    *out = NULL;
    if ((measure_count && !measures) || (series_count && !series))
        return mishi_error_set(err, MISHI_EARG,
                               "recorder: %zu measures and %zu series, but "
                               "no array of them", measure_count, series_count);
    if (weeks < 1)
        return mishi_error_set(err, MISHI_EARG,
                               "recorder: runs of %d weeks; at least 1", weeks);
    mishi_recorder *rec = NULL;
    mishi_status rc = recorder_alloc(measure_count, series_count, weeks, &rec, err);
    for (size_t i = 0; !rc && i < measure_count; i++)
        rc = add_measure(rec, &measures[i], i, err);
    for (size_t s = 0; !rc && s < series_count; s++)
        rc = add_series(rec, &series[s], s, err);
    if (rc) {
        mishi_recorder_free(rec);
        return rc;
    }
    mishi_recorder_reset(rec);
    *out = rec;
    return MISHI_OK;
}

/* A sweep's measures and series, copied into the arrays new_for takes. */
mishi_status mishi_recorder_new(const mishi_sweep *sweep, mishi_recorder **out,
                                mishi_error *err) {
    mishi_sweep_info info;
    mishi_sweep_describe(sweep, &info);
    mishi_measure_info *measures = zalloc(info.measures, sizeof *measures);
    mishi_quantity *series = zalloc(info.series, sizeof *series);
    mishi_status rc;
    *out = NULL;
    if (!measures || !series) {
        rc = mishi_error_set(err, MISHI_ENOMEM, "recorder: out of memory");
    } else {
        for (size_t i = 0; i < info.measures; i++)
            measures[i] = *mishi_sweep_measure(sweep, i);
        for (size_t s = 0; s < info.series; s++)
            series[s] = *mishi_sweep_series(sweep, s);
        rc = mishi_recorder_new_for(measures, info.measures, series,
                                    info.series, info.weeks, out, err);
    }
    free(measures);
    free(series);
    return rc;
}
