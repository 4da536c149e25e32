/*
 * sweep_vary.c — `vary:`: the parameters a sweep varies and their values,
 * a list or a range {from, to, step} on a grid, bounds {min, max} for the
 * other designs.
 *
 * Every value written is checked by the parameter's schema row (its type
 * and range), and a refusal names the value's own line. Whether values fit
 * together (a point's design_quality_min above its max) is not asked of a
 * value alone: 0.85 is a fine minimum next to a maximum of 0.9, though not
 * next to the scenario's 0.8; that is checked point by point, through
 * --set, once the points are known (sweep_points.c). A parameter is varied
 * once: not twice under two names ("firms.local.price", "firms.0.price"),
 * not also in `set:` or in a variants factor's level, and never `seed` or
 * `weeks`, which the sweep owns. A factor of named levels, `NAME:
 * {variants: ...}`, is read by sweep_variants.c; the checks it shares
 * with this file are declared in sweep_read.h.
 *
 * A range is a list written short, computed on the decimal grid of its
 * `from` and `step` as written: 0.05..0.3 step 0.05 gives the six values a
 * person would list, each the very double strtod makes of "0.15" and not
 * 0.05 + 2 * 0.05 = 0.15000000000000002. Values that sit on that grid
 * print short in commands and compare equal to the same value listed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_read.h"

/* The keys of a factor's mapping: a grid's range, then others' bounds. */
enum { RANGE_FROM, RANGE_TO, RANGE_STEP, RANGE_MIN, RANGE_MAX, RANGE_KEYS };
static const char *const range_keys[RANGE_KEYS] = {"from", "to", "step",
                                                   "min", "max"};

/* A range's values are counted up to `to` with this much slack, in steps,
 * for the rounding in (to - from) / step: 0.25 / 0.05 is 4.999999999999999. */
#define RANGE_SLACK 1e-9

/* One factor being read. */
typedef struct factor_reader {
    sweep_reader *r;
    sweep_factor *f;
    sweep_param param;
    mishi_params *scratch; /* where the schema row parses values into */
    char key[SWEEP_PATH_MAX + 8]; /* "vary.PATH", for messages */
} factor_reader;

/* "vary.PATH.step" for range key `i`. */
static void subkey(const factor_reader *fr, int i, char *out, size_t size) {
    snprintf(out, size, "%s.%s", fr->key, range_keys[i]);
}

/* -------------------------------------------------------- the parameter */

mishi_status sweep_find_param(sweep_reader *r, const yaml_node_t *k,
                              const char *path, const char *key,
                              sweep_param *param) {
    if (strlen(path) >= SWEEP_PATH_MAX)
        return fail_at(&r->l, yr_line(k), yr_column(k), "%s: a path of %zu "
                       "characters; at most %d", key, strlen(path),
                       SWEEP_PATH_MAX - 1);
    if (!sweep_param_find(r->sweep->base, path, param)) return MISHI_OK;
    /* the library's reason (an unknown key, no such firm class), got by
     * trying it */
    char *assignment = sweep_join(path, "0");
    if (!assignment) return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = sweep_check_set(r, r->sweep->base, assignment, k, key);
    free(assignment);
    return rc ? rc : fail_at(&r->l, yr_line(k), yr_column(k),
                             "%s: not a parameter --set can change", key);
}

mishi_status sweep_check_not_owned(const sweep_reader *r, const yaml_node_t *k,
                                   const char *key, const sweep_param *param) {
    int line = yr_line(k), column = yr_column(k);
    if (param->row->type == SCHEMA_SEED)
        return fail_at(&r->l, line, column, "%s: the seed is not varied: each "
                       "run's seed comes from the sweep's `seed:`, the point "
                       "and the replicate (use `replicates:`)", key);
    if (param->row == schema_find(SCHEMA_TOP, "weeks"))
        return fail_at(&r->l, line, column, "%s: every run of a sweep has one "
                       "horizon, so that measures and series cover the same "
                       "weeks; give it in `set:` instead", key);
    return MISHI_OK;
}

/* The parameter `path` names, which must be a number the sweep may vary. */
static mishi_status find_param(const factor_reader *fr, const yaml_node_t *k,
                               const char *path, sweep_param *param) {
    mishi_status rc = sweep_find_param(fr->r, k, path, fr->key, param);
    if (!rc) rc = sweep_check_not_owned(fr->r, k, fr->key, param);
    if (rc) return rc;
    if (param->row->type != SCHEMA_INT && param->row->type != SCHEMA_INT64 &&
        param->row->type != SCHEMA_REAL)
        return fail_at(&fr->r->l, yr_line(k), yr_column(k), "%s: only numbers "
                       "are varied, and %s takes %s values (a variants factor "
                       "sets any parameter: `vary: {NAME: {variants: ...}}`)",
                       fr->key, param->row->info.path, param->row->info.type);
    return MISHI_OK;
}

int sweep_sets_param(const mishi_sweep *s, const char *assignment,
                     const sweep_param *param) {
    char path[SWEEP_PATH_MAX];
    sweep_param other;
    snprintf(path, sizeof path, "%.*s", (int)strcspn(assignment, "="),
             assignment);
    return !sweep_param_find(s->base, path, &other) &&
           other.row == param->row && other.item == param->item;
}

/* Whether factor `f` sets `param` and, if it does, where the file says
 * so ("vary.PATH", "vary.NAME.variants.LEVEL.PATH") and on which line. */
static int factor_sets(const mishi_sweep *s, const sweep_factor *f,
                       const sweep_param *param, char *where, size_t size,
                       int *line) {
    if (!f->levels) {
        snprintf(where, size, "vary.%s", f->path), *line = f->line;
        return sweep_sets_param(s, f->path, param);
    }
    for (size_t i = 0; i < f->count; i++)
        for (size_t j = 0; j < f->levels[i].set_count; j++) {
            const sweep_set *set = &f->levels[i].sets[j];
            if (!sweep_sets_param(s, set->assignment, param)) continue;
            snprintf(where, size, "vary.%s.variants.%s.%.*s", f->path,
                     f->levels[i].name,
                     (int)strcspn(set->assignment, "="), set->assignment);
            *line = set->line;
            return 1;
        }
    return 0;
}

mishi_status sweep_check_once(const sweep_reader *r, const yaml_node_t *k,
                              const char *key, const sweep_param *param,
                              const sweep_factor *self) {
    const mishi_sweep *s = r->sweep;
    char where[2 * SWEEP_PATH_MAX + MISHI_NAME_MAX];
    int line;
    for (size_t i = 0; i < s->info.factors; i++)
        if (&s->factors[i] != self &&
            factor_sets(s, &s->factors[i], param, where, sizeof where, &line))
            return fail_at(&r->l, yr_line(k), yr_column(k), "%s: the same "
                           "parameter as %s (line %d); vary it once", key,
                           where, line);
    for (size_t i = 0; i < s->set_count; i++)
        if (sweep_sets_param(s, s->sets[i].assignment, param))
            return fail_at(&r->l, yr_line(k), yr_column(k), "%s: also given "
                           "in `set:` (line %d); a parameter is either set "
                           "or varied", key, s->sets[i].line);
    return MISHI_OK;
}

/* ------------------------------------------------------------- values */

/* A value as written, checked by the parameter's schema row. */
static mishi_status read_value(const factor_reader *fr, const yaml_node_t *n,
                               const char *key, double *out) {
    const schema_row *row = fr->param.row;
    const params_list *list = list_of(row->scope);
    void *base = list ? list_item_mut(list, fr->scratch, fr->param.item)
                      : (void *)fr->scratch;
    mishi_status rc = yr_store(&fr->r->l, row, key, n, base);
    if (!rc) *out = strtod(yr_scalar(n), NULL);
    return rc;
}

/* A value listed twice would run its points twice. */
static mishi_status check_new(const factor_reader *fr, const yaml_node_t *n,
                              size_t i) {
    for (size_t j = 0; j < i; j++)
        if (fr->f->values[j] == fr->f->values[i])
            return fail_at(&fr->r->l, yr_line(n), yr_column(n),
                           "%s: %s is listed twice; the grid would run its "
                           "points twice", fr->key, yr_scalar(n));
    return MISHI_OK;
}

static mishi_status read_list(const factor_reader *fr, const yaml_node_t *seq) {
    size_t n = yr_items(seq);
    if (!n)
        return fail_at(&fr->r->l, yr_line(seq), yr_column(seq),
                       "%s: the list is empty; give at least one value", fr->key);
    if (!(fr->f->values = malloc(n * sizeof *fr->f->values)))
        return mishi_error_set(fr->r->l.err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = MISHI_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        const yaml_node_t *item = yr_node(&fr->r->l, seq->data.sequence.items.start[i]);
        rc = read_value(fr, item, fr->key, &fr->f->values[i]);
        if (!rc) rc = check_new(fr, item, i);
    }
    fr->f->count = n;
    return rc;
}

/* --------------------------------------------------------------- ranges */

typedef struct range {
    double from, to, step;
    int places; /* decimals of `from` and `step`; -1: not on a decimal grid */
    double scale, first, increment; /* from and step times 10^places */
} range;

/* Decimal places of a number as written: "0.05" 2, "5e-2" 2, "300" 0. */
static int decimals(const char *text) {
    const char *e = strpbrk(text, "eE"), *dot = strchr(text, '.');
    const char *end = e ? e : text + strlen(text);
    long d = dot && dot < end ? (long)(end - dot - 1) : 0;
    /* the exponent bounded first: "1e-99999999999999999999" is 0 to strtod
     * and LONG_MIN to strtol, which overflowed d; past 999 any double is
     * 0 or refused, and the result is clamped to 99 anyway */
    long exponent = e ? strtol(e + 1, NULL, 10) : 0;
    d -= exponent < -999 ? -999 : exponent > 999 ? 999 : exponent;
    return d < 0 ? 0 : d > 99 ? 99 : (int)d;
}

/* On the decimal grid when `from` and `step` have at most 15 decimals (so
 * 10^places is exact) and every scaled value stays a whole double below
 * 2^53: then (first + i * increment) / scale is the double nearest the
 * decimal value, as strtod would read it. */
static void range_grid(range *g, const char *from, const char *step,
                       double count) {
    int d = decimals(from) > decimals(step) ? decimals(from) : decimals(step);
    g->places = -1;
    if (d > 15) return;
    g->scale = 1;
    for (int i = 0; i < d; i++) g->scale *= 10;
    g->first = nearbyint(g->from * g->scale);
    g->increment = nearbyint(g->step * g->scale);
    if (fabs(g->first) + count * g->increment < 0x1p53) g->places = d;
}

/* Value i on the decimal grid: the double nearest the decimal value. */
static double grid_value(const range *g, double i) {
    return (g->first + i * g->increment) / g->scale;
}

/* Never past `to`, which was checked: off the decimal grid the slack may
 * count one value that lands a hair above it. */
static double range_value(const range *g, size_t i) {
    double v = g->places < 0 ? g->from + (double)i * g->step : grid_value(g, (double)i);
    return fmin(v, g->to);
}

/* On the decimal grid, the values are counted exactly: every value the
 * grid gives that is no more than `to` (a value equal to `to` as written
 * is the same double, both being the double nearest one decimal). The
 * quotient's count, with its slack of a billionth of a step, is the guess;
 * far from zero its rounding is larger than that ({from: 150000, to:
 * 150000.02, step: 0.01} gave two values). */
static double count_on_grid(const range *g, double count) {
    if (g->places < 0) return count;
    while (count > 1 && grid_value(g, count - 1) > g->to) count--;
    while (grid_value(g, count) <= g->to) count++;
    return count;
}

static mishi_status read_step(const factor_reader *fr, const yaml_node_t *n,
                              double *step) {
    char key[SWEEP_PATH_MAX + 16];
    subkey(fr, RANGE_STEP, key, sizeof key);
    const char *expected = fr->f->info.whole
        ? "a whole number above 0 (the parameter is whole)" : "a number above 0";
    mishi_status rc = sweep_read_number(fr->r, n, key, expected, step);
    if (!rc && (!(*step > 0) || (fr->f->info.whole && *step != floor(*step))))
        rc = yr_fail_expected(&fr->r->l, n, key, expected);
    return rc;
}

/* The ends of an interval, from..to or min..max: each a value, the upper
 * one no less than the lower (`strict`: above it, as bounds must span
 * something for a design to spread points over). */
static mishi_status read_ends(const factor_reader *fr,
                              const yaml_node_t **value, int lower, int upper,
                              int strict, double *low, double *high) {
    char low_key[SWEEP_PATH_MAX + 16], high_key[SWEEP_PATH_MAX + 16];
    subkey(fr, lower, low_key, sizeof low_key);
    subkey(fr, upper, high_key, sizeof high_key);
    mishi_status rc = read_value(fr, value[lower], low_key, low);
    if (!rc) rc = read_value(fr, value[upper], high_key, high);
    if (!rc && (strict ? !(*high > *low) : *high < *low)) {
        char expected[96];
        snprintf(expected, sizeof expected, "a number %s %s (%s)",
                 strict ? "above" : "no less than", range_keys[lower],
                 yr_scalar(value[lower]));
        rc = yr_fail_expected(&fr->r->l, value[upper], high_key, expected);
    }
    return rc;
}

static mishi_status read_range(const factor_reader *fr,
                               const yaml_node_t **value) {
    range g;
    mishi_status rc = read_ends(fr, value, RANGE_FROM, RANGE_TO, 0, &g.from,
                                &g.to);
    if (!rc) rc = read_step(fr, value[RANGE_STEP], &g.step);
    if (rc) return rc;
    double count = floor((g.to - g.from) / g.step + RANGE_SLACK) + 1;
    if (count > SWEEP_MAX_RUNS)
        return fail_at(&fr->r->l, yr_line(value[RANGE_STEP]),
                       yr_column(value[RANGE_STEP]), "%s.step: %.3g values "
                       "from %g to %g; a sweep runs at most %.0f", fr->key,
                       count, g.from, g.to, SWEEP_MAX_RUNS);
    range_grid(&g, yr_scalar(value[RANGE_FROM]), yr_scalar(value[RANGE_STEP]),
               count + 1);
    count = count_on_grid(&g, count);
    if (!(fr->f->values = malloc((size_t)count * sizeof *fr->f->values)))
        return mishi_error_set(fr->r->l.err, MISHI_ENOMEM, "out of memory");
    fr->f->count = (size_t)count;
    for (size_t i = 0; i < fr->f->count; i++) fr->f->values[i] = range_value(&g, i);
    return MISHI_OK;
}

/* ------------------------------------------------------------- a factor */

/* A grid's range keys on a grid, bounds elsewhere, and all of them. */
static mishi_status check_keys(const factor_reader *fr, const yaml_node_t *map,
                               const yaml_node_t **key) {
    mishi_design design = fr->r->sweep->info.design;
    int grid = design == MISHI_DESIGN_GRID;
    for (int i = 0; i < RANGE_KEYS; i++)
        if (key[i] && (i <= RANGE_STEP) != grid)
            return fail_at(&fr->r->l, yr_line(key[i]), yr_column(key[i]),
                           "%s.%s: a %s design takes %s", fr->key,
                           range_keys[i], mishi_design_name(design),
                           grid ? "a list of values or a range {from, to, "
                                  "step}; bounds {min, max} are for the "
                                  "other designs"
                                : "bounds {min, max}; lists and ranges "
                                  "{from, to, step} are for a grid");
    for (int i = grid ? RANGE_FROM : RANGE_MIN; i <= (grid ? RANGE_STEP : RANGE_MAX); i++)
        if (!key[i])
            return fail_at(&fr->r->l, yr_line(map), yr_column(map),
                           "%s: `%s` is missing (%s)", fr->key, range_keys[i],
                           grid ? "a range is {from, to, step}"
                                : "bounds are {min, max}");
    return MISHI_OK;
}

static mishi_status read_shape(const factor_reader *fr, const yaml_node_t *v) {
    int grid = fr->r->sweep->info.design == MISHI_DESIGN_GRID;
    if (grid && v->type == YAML_SEQUENCE_NODE) return read_list(fr, v);
    if (v->type != YAML_MAPPING_NODE)
        return yr_fail_expected(&fr->r->l, v, fr->key,
                                grid ? "a list of values or a range {from, "
                                       "to, step}"
                                     : "bounds {min, max}");
    const yaml_node_t *key[RANGE_KEYS] = {0}, *value[RANGE_KEYS] = {0};
    mishi_status rc = sweep_read_fields(fr->r, v, fr->key, range_keys,
                                        RANGE_KEYS, key, value);
    if (!rc) rc = check_keys(fr, v, key);
    if (rc) return rc;
    if (grid) return read_range(fr, value);
    return read_ends(fr, value, RANGE_MIN, RANGE_MAX, 1, &fr->f->info.low,
                     &fr->f->info.high);
}

/* A grid's bounds are its least and largest values. */
static void grid_extent(sweep_factor *f) {
    f->info.low = f->info.high = f->values[0];
    for (size_t i = 1; i < f->count; i++) {
        f->info.low = fmin(f->info.low, f->values[i]);
        f->info.high = fmax(f->info.high, f->values[i]);
    }
}

/* The factor's path, its checks and its values; `fr` is filled. */
static mishi_status read_path_and_values(factor_reader *fr,
                                         const yaml_node_t *k,
                                         const yaml_node_t *v,
                                         const char *path) {
    sweep_reader *r = fr->r;
    mishi_status rc = find_param(fr, k, path, &fr->param);
    if (!rc) rc = sweep_check_once(r, k, fr->key, &fr->param, NULL);
    if (!rc && !(fr->f->path = strdup(path)))
        rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    if (rc) return rc;
    r->sweep->info.factors++; /* from here on, mishi_sweep_free frees it */
    fr->f->info.path = fr->f->path;
    fr->f->info.whole = fr->param.row->type != SCHEMA_REAL;
    fr->f->line = yr_line(k), fr->f->column = yr_column(k);
    rc = read_shape(fr, v);
    if (!rc && fr->f->values) grid_extent(fr->f);
    return rc;
}

static mishi_status read_factor(sweep_reader *r, const yaml_node_t *map,
                                const yaml_node_pair_t *p, void *scratch) {
    const char *path;
    mishi_status rc = yr_pair_key(&r->l, map, p, "vary", &path);
    if (rc) return rc;
    const yaml_node_t *k = yr_node(&r->l, p->key), *v = yr_node(&r->l, p->value);
    if (sweep_is_variants(r, path, v)) return sweep_read_variants(r, k, v, path);
    factor_reader fr = {r, &r->sweep->factors[r->sweep->info.factors],
                        {NULL, 0}, scratch, ""};
    snprintf(fr.key, sizeof fr.key, "vary.%s", path);
    return read_path_and_values(&fr, k, v, path);
}

mishi_status sweep_read_vary(sweep_reader *r, const yaml_node_t *map) {
    mishi_status rc;
    r->sweep->factors = sweep_pair_array(r, map, "vary", "a mapping of --set "
                                         "paths to values or ranges, and of "
                                         "names to variants",
                                         sizeof *r->sweep->factors, &rc);
    if (!rc && yr_pairs(map) > SWEEP_MAX_FACTORS)
        rc = fail_at(&r->l, yr_line(map), yr_column(map), "vary: %zu "
                     "parameters; at most %d vary in one sweep",
                     yr_pairs(map), SWEEP_MAX_FACTORS);
    mishi_params *scratch = rc ? NULL : calloc(1, sizeof *scratch);
    if (!rc && !scratch)
        rc = mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    if (!rc) rc = sweep_each_pair(r, map, read_factor, scratch);
    free(scratch);
    return rc;
}
