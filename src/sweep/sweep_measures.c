/*
 * sweep_measures.c — what every run of a sweep records: `measures:`, one
 * number per run (a column summarised over a window of weeks), and
 * `series:`, columns kept week by week.
 *
 * A quantity is a column of market.csv, or of firms.csv taken over the
 * firms, named "market.X" or "firms.X" as the output files name their
 * columns. The columns are looked up in the library's one column table
 * (mishi_column_at), never a copy, so a misspelt one is answered with the
 * nearest name and the list of what the file has. A measure's name becomes
 * a column of the results database (mishi_batch.h): so a plain identifier,
 * none of the columns the results table has already, and no two that
 * differ only in case (SQLite ignores case in column names).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "columns.h"
#include "mishi_files.h"
#include "sweep_read.h"

enum { M_COLUMN, M_FIRMS, M_CLASS, M_SUMMARY, M_WEEKS, M_VALUE, MEASURE_KEYS };
static const char *const measure_keys[MEASURE_KEYS] = {
    "column", "firms", "class", "summary", "weeks", "value"};
/* A series written as a mapping takes the first three. */
enum { SERIES_KEYS = M_CLASS + 1 };

/* ------------------------------------------------------------ columns */

/* The file whose stem starts `name` ("firms" of "firms.profit"): the
 * `file` field of its columns, or NULL. */
static const char *file_of(const char *name) {
    size_t stem = strcspn(name, ".");
    for (size_t i = 0; i < mishi_column_count(); i++) {
        const char *file = mishi_column_at(i)->file;
        if (name[stem] == '.' && strncmp(file, name, stem) == 0 &&
            strcmp(file + stem, ".csv") == 0)
            return file;
    }
    return NULL;
}

static const mishi_column_info *column_in(const char *file, const char *name) {
    for (size_t i = 0; i < mishi_column_count(); i++) {
        const mishi_column_info *c = mishi_column_at(i);
        if (strcmp(c->file, file) == 0 && strcmp(c->name, name) == 0) return c;
    }
    return NULL;
}

/* A text column (a firm's class) is no number to summarise. */
static int holds_text(const mishi_column_info *c) {
    column_table t = strcmp(c->file, "market.csv") == 0 ? columns_market()
                                                        : columns_firms();
    const column *col = column_find(t, c->name);
    return col && col->type == COL_CLASS;
}

/* "no column 'x' in market.csv; did you mean 'y'? (columns: a, b, ...)" */
static mishi_status no_column(const sweep_reader *r, const yaml_node_t *n,
                              const char *key, const char *file,
                              const char *name) {
    const char *names[128];
    size_t count = 0;
    for (size_t i = 0; i < mishi_column_count() && count < 128; i++)
        if (strcmp(mishi_column_at(i)->file, file) == 0)
            names[count++] = mishi_column_at(i)->name;
    char list[640], hint[96] = "";
    sweep_list_names(names, count, list, sizeof list);
    const char *near = mishi_nearest_name(name, names, count);
    if (near) snprintf(hint, sizeof hint, "; did you mean '%s'?", near);
    return fail_at(&r->l, yr_line(n), yr_column(n),
                   "%s: no column '%s' in %s%s (columns: %s)", key, name, file,
                   hint, list);
}

/* `column: market.mean_quality` into q's name, file and column. */
static mishi_status read_column(const sweep_reader *r, const yaml_node_t *n,
                                const char *key, mishi_quantity *q) {
    const char *expected = "a column, market.NAME or firms.NAME (`mishi "
                           "outputs` lists them)";
    if (n->type != YAML_SCALAR_NODE || yr_is_null(n))
        return yr_fail_expected(&r->l, n, key, expected);
    const char *text = yr_scalar(n), *file = file_of(text);
    if (!file) return yr_fail_expected(&r->l, n, key, expected);
    const char *name = text + strcspn(text, ".") + 1;
    const mishi_column_info *c = column_in(file, name);
    if (!c) return no_column(r, n, key, file, name);
    if (holds_text(c))
        return fail_at(&r->l, yr_line(n), yr_column(n), "%s: %s holds text "
                       "(a class's name), not a number to measure", key, text);
    q->file = c->file, q->column = c->name;
    q->over_firms = MISHI_OVER_FIRMS_SUM;
    if (!(q->name = strdup(text)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    return MISHI_OK;
}

/* `firms: sum|mean|max|min`, for a firms.csv column only. */
static mishi_status read_over_firms(const sweep_reader *r, const yaml_node_t *n,
                                    const char *key, mishi_quantity *q) {
    if (!n) return MISHI_OK;
    if (strcmp(q->file, "firms.csv") != 0)
        return fail_at(&r->l, yr_line(n), yr_column(n), "%s: %s is one number "
                       "a week already; `firms:` is for firms.csv columns",
                       key, q->name);
    const char *names[MISHI_OVER_FIRMS_COUNT];
    for (int i = 0; i < MISHI_OVER_FIRMS_COUNT; i++)
        names[i] = mishi_over_firms_name((mishi_over_firms)i);
    int i = 0;
    mishi_status rc = sweep_read_choice(r, n, key, names,
                                        MISHI_OVER_FIRMS_COUNT, &i);
    q->over_firms = (mishi_over_firms)i;
    return rc;
}

/* A level or rate of each firm (price, repeat rate) summed over the firms
 * is no quantity of theirs; summing is the default, so a column of that
 * kind must say how it is taken over the firms. */
static mishi_status check_taken_over_firms(const sweep_reader *r,
                                           const yaml_node_t *n,
                                           const char *key,
                                           const mishi_quantity *q) {
    const mishi_column_info *c = column_in(q->file, q->column);
    if (strcmp(q->file, "firms.csv") != 0 || c->additive) return MISHI_OK;
    return fail_at(&r->l, yr_line(n), yr_column(n), "%s: %s is each firm's "
                   "own level or rate (%s), and its sum over the firms, the "
                   "default, means nothing; write {column: %s, firms: mean} "
                   "(or max, min, or sum if you mean it)", key, q->name,
                   c->unit, q->name);
}

/* `class: NAME`, for a firms.csv column only: just the firms of that class
 * of the base scenario. */
static mishi_status read_class(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, mishi_quantity *q) {
    if (!n) return MISHI_OK;
    if (strcmp(q->file, "firms.csv") != 0)
        return fail_at(&r->l, yr_line(n), yr_column(n), "%s: %s is the whole "
                       "market's; `class:` is for firms.csv columns", key,
                       q->name);
    const char *names[MISHI_MAX_CLASSES];
    int count = 0;
    while (count < MISHI_MAX_CLASSES &&
           (names[count] = mishi_scenario_class_name(r->sweep->base, count)))
        count++;
    int k = 0;
    mishi_status rc = sweep_read_choice(r, n, key, names, count, &k);
    if (!rc && !(q->class_name = strdup(names[k])))
        rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    q->only_class = rc ? 0 : k + 1;
    return rc;
}

/* A quantity written {column: ..., firms: ..., class: ...}: fields[M_COLUMN]
 * is required, the others optional; `where` names the mapping. */
static mishi_status read_quantity(const sweep_reader *r,
                                  const yaml_node_t *map, const char *where,
                                  const yaml_node_t **value,
                                  mishi_quantity *q) {
    char key[SWEEP_PATH_MAX + 16]; /* where, a dot and a key */
    if (!value[M_COLUMN])
        return fail_at(&r->l, yr_line(map), yr_column(map), "%s: `column:` is "
                       "missing: the market.NAME or firms.NAME to record", where);
    snprintf(key, sizeof key, "%s.column", where);
    mishi_status rc = read_column(r, value[M_COLUMN], key, q);
    snprintf(key, sizeof key, "%s.firms", where);
    if (!rc) rc = value[M_FIRMS] ? read_over_firms(r, value[M_FIRMS], key, q)
                                 : check_taken_over_firms(r, value[M_COLUMN], key, q);
    snprintf(key, sizeof key, "%s.class", where);
    return rc ? rc : read_class(r, value[M_CLASS], key, q);
}

/* ------------------------------------------------------------ measures */

/* The name must make a column of the results of its own. */
static mishi_status check_measure_name(const sweep_reader *r,
                                       const yaml_node_t *k, const char *name) {
    const loader *l = &r->l;
    const mishi_sweep *s = r->sweep;
    mishi_status rc = sweep_check_name(l, k, "measures", name,
                                       "a measure's name becomes a column "
                                       "of the results:",
                                       "the measure column of summary.csv",
                                       "measure");
    if (rc) return rc;
    char all[64];
    sweep_list_names(sweep_reserved_columns, SWEEP_RESERVED_COLUMNS, all,
                     sizeof all);
    const char *taken = sweep_column_taken(name, 0); /* measures are results' */
    if (taken)
        return fail_at(l, yr_line(k), yr_column(k), "measures.%s: the "
                       "results have a column '%s' already (%s); choose "
                       "another name", name, taken, all);
    for (size_t m = 0; m < s->info.measures; m++)
        if (strcasecmp(name, s->measures[m].name) == 0)
            return fail_at(l, yr_line(k), yr_column(k), "measures.%s: the same "
                           "column as measures.%s once case is ignored, as "
                           "SQLite ignores it", name, s->measures[m].name);
    for (size_t f = 0; f < s->info.factors; f++) /* runs_results has both */
        if (s->factors[f].levels && strcasecmp(name, s->factors[f].path) == 0)
            return fail_at(l, yr_line(k), yr_column(k), "measures.%s: the same "
                           "column as vary.%s, the variants factor, once case "
                           "is ignored; choose another name", name,
                           s->factors[f].path);
    return MISHI_OK;
}

static mishi_status read_summary(const sweep_reader *r, const yaml_node_t *n,
                                 const char *where, mishi_summary *out) {
    const char *names[MISHI_SUMMARY_COUNT];
    for (int i = 0; i < MISHI_SUMMARY_COUNT; i++)
        names[i] = mishi_summary_name((mishi_summary)i);
    int i = MISHI_SUMMARY_FINAL;
    char key[SWEEP_PATH_MAX + 16]; /* where, a dot and a key */
    snprintf(key, sizeof key, "%s.summary", where);
    mishi_status rc = n ? sweep_read_choice(r, n, key, names,
                                            MISHI_SUMMARY_COUNT, &i)
                        : MISHI_OK;
    *out = (mishi_summary)i;
    return rc;
}

/* A week of the runs, from `first` on: a row of the schema's own type, so
 * the refusal reads "expected a whole number from 1 to 104". */
static mishi_status read_week(const sweep_reader *r, const yaml_node_t *n,
                              const char *key, int first, int *week) {
    schema_row row = {{"week", "int", "weeks", first, r->sweep->info.weeks, "",
                       "a week of the runs"}, SCHEMA_TOP, SCHEMA_INT, 0, NULL};
    return yr_store(&r->l, &row, key, n, week);
}

/* `weeks: [from, to]`, within the runs' weeks; all of them by default. */
static mishi_status read_weeks(const sweep_reader *r, const yaml_node_t *n,
                               const char *where, mishi_measure_info *m) {
    m->from = 1, m->to = r->sweep->info.weeks;
    if (!n) return MISHI_OK;
    char key[SWEEP_PATH_MAX + 16]; /* where, a dot and a key */
    snprintf(key, sizeof key, "%s.weeks", where);
    if (n->type != YAML_SEQUENCE_NODE || yr_items(n) != 2)
        return yr_fail_expected(&r->l, n, key, "a list of two weeks, [from, to]");
    const yaml_node_item_t *items = n->data.sequence.items.start;
    mishi_status rc = read_week(r, yr_node(&r->l, items[0]), key, 1, &m->from);
    return rc ? rc : read_week(r, yr_node(&r->l, items[1]), key, m->from, &m->to);
}

/* `value:`, the threshold of first_week_above and _below, and only theirs. */
static mishi_status read_threshold(const sweep_reader *r,
                                   const yaml_node_t *map, const yaml_node_t *n,
                                   const char *where, mishi_measure_info *m) {
    int wanted = m->summary == MISHI_SUMMARY_FIRST_WEEK_ABOVE ||
                 m->summary == MISHI_SUMMARY_FIRST_WEEK_BELOW;
    const char *summary = mishi_summary_name(m->summary);
    m->value = NAN;
    if (wanted && !n)
        return fail_at(&r->l, yr_line(map), yr_column(map), "%s: `summary: %s` "
                       "needs `value:`, the threshold", where, summary);
    if (!wanted && n)
        return fail_at(&r->l, yr_line(n), yr_column(n), "%s.value: only "
                       "first_week_above and first_week_below take a value, "
                       "and this measure is `summary: %s`", where, summary);
    char key[SWEEP_PATH_MAX + 16]; /* where, a dot and a key */
    snprintf(key, sizeof key, "%s.value", where);
    return wanted ? sweep_read_number(r, n, key, "a number", &m->value) : MISHI_OK;
}

static mishi_status read_measure_fields(const sweep_reader *r,
                                        const yaml_node_t *map,
                                        const char *where,
                                        mishi_measure_info *m) {
    const yaml_node_t *key[MEASURE_KEYS] = {0}, *value[MEASURE_KEYS] = {0};
    mishi_status rc = sweep_read_fields(r, map, where, measure_keys,
                                        MEASURE_KEYS, key, value);
    if (!rc) rc = read_quantity(r, map, where, value, &m->quantity);
    if (!rc) rc = read_summary(r, value[M_SUMMARY], where, &m->summary);
    if (!rc) rc = read_weeks(r, value[M_WEEKS], where, m);
    if (!rc) rc = read_threshold(r, map, value[M_VALUE], where, m);
    return rc;
}

static mishi_status read_measure(sweep_reader *r, const yaml_node_t *map,
                                 const yaml_node_pair_t *p, void *context) {
    (void)context;
    const char *name;
    mishi_status rc = yr_pair_key(&r->l, map, p, "measures", &name);
    if (!rc) rc = check_measure_name(r, yr_node(&r->l, p->key), name);
    if (rc) return rc;
    mishi_sweep *s = r->sweep;
    mishi_measure_info *m = &s->measures[s->info.measures++];
    if (!(m->name = strdup(name)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    char where[SWEEP_PATH_MAX];
    snprintf(where, sizeof where, "measures.%s", name);
    return read_measure_fields(r, yr_node(&r->l, p->value), where, m);
}

/* Each measure is a column of the results database's runs table, and
 * SQLite holds at most 2,000 columns a table (with the factors and the
 * run's own); past this, a sweep would fail only when it made the table. */
enum { MEASURES_MAX = 1000 };

mishi_status sweep_read_measures(sweep_reader *r, const yaml_node_t *map) {
    mishi_status rc;
    if (map && map->type == YAML_MAPPING_NODE && yr_pairs(map) > MEASURES_MAX)
        return fail_at(&r->l, yr_line(map), yr_column(map), "measures: %zu "
                       "measures; a sweep records at most %d (each is a "
                       "column of its results database)", yr_pairs(map),
                       MEASURES_MAX);
    r->sweep->measures = sweep_pair_array(r, map, "measures", "a mapping of "
                                          "names to measures",
                                          sizeof *r->sweep->measures, &rc);
    return rc ? rc : sweep_each_pair(r, map, read_measure, NULL);
}

/* --------------------------------------------------------------- series */

/* The results key a series by its name, so each is recorded once. */
static mishi_status check_new_series(const sweep_reader *r,
                                     const yaml_node_t *n, size_t i) {
    const mishi_quantity *series = r->sweep->series;
    for (size_t j = 0; j < i; j++)
        if (strcmp(series[j].name, series[i].name) == 0)
            return fail_at(&r->l, yr_line(n), yr_column(n), "series[%zu]: %s "
                           "is series[%zu] already; a series is recorded under "
                           "its column's name, so once, with one `firms:` and "
                           "`class:` (a measure can take the column another way)",
                           i, series[i].name, j);
    return MISHI_OK;
}

static mishi_status read_series_item(sweep_reader *r, const yaml_node_t *n,
                                     size_t i) {
    mishi_quantity *q = &r->sweep->series[i];
    char where[32];
    snprintf(where, sizeof where, "series[%zu]", i);
    mishi_status rc;
    if (n->type == YAML_MAPPING_NODE) {
        const yaml_node_t *key[SERIES_KEYS] = {0}, *value[SERIES_KEYS] = {0};
        rc = sweep_read_fields(r, n, where, measure_keys, SERIES_KEYS, key, value);
        if (!rc) rc = read_quantity(r, n, where, value, q);
    } else {
        rc = read_column(r, n, where, q);
        if (!rc) rc = check_taken_over_firms(r, n, where, q);
    }
    if (q->name) r->sweep->info.series = i + 1; /* mishi_sweep_free frees it */
    return rc ? rc : check_new_series(r, n, i);
}

mishi_status sweep_read_series(sweep_reader *r, const yaml_node_t *seq) {
    if (seq->type != YAML_SEQUENCE_NODE)
        return yr_fail_expected(&r->l, seq, "series", "a list of columns, "
                                "e.g. [market.mean_quality]");
    size_t n = yr_items(seq);
    if (!n)
        return fail_at(&r->l, yr_line(seq), yr_column(seq), "series: the list "
                       "is empty; name at least one column, or leave the key "
                       "out");
    if (!(r->sweep->series = calloc(n, sizeof *r->sweep->series)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = MISHI_OK;
    for (size_t i = 0; !rc && i < n; i++)
        rc = read_series_item(r, yr_node(&r->l, seq->data.sequence.items.start[i]), i);
    return rc;
}
