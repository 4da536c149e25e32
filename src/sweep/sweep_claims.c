/*
 * sweep_claims.c — what an experiment adds to a sweep file: `claims:`,
 * comparisons the batch library gives a verdict on from the runs, and
 * `plots:`, what `mishi experiment` draws (mishi_sweep.h defines both).
 *
 * A claim names points of a grid by their values, so it is read once the
 * grid is known, and every value is checked to be one of the grid's: a
 * claim about a point the sweep never runs is refused here, not found
 * missing after an hour of runs. A variants factor's level is named, not
 * numbered: `when: {bets: all}`. A term keeps its value's position in its
 * factor's list (its level), from which a claim's points are computed by
 * the grid's strides, never searched for.
 *
 * Neither part enters the sweep's definition (sweep_json.c): they say what
 * to conclude from the runs, not what to run or record.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mishi_files.h"
#include "sweep_read.h"

enum { C_SAYS, C_MEASURE, C_EXPECT, C_WHEN, C_THAN, CLAIM_KEYS };
static const char *const claim_keys[CLAIM_KEYS] = {"says", "measure", "expect",
                                                   "when", "than"};
/* What a required key gives, for "`KEY:` is missing (WHAT)". */
static const char *const claim_key_doc[CLAIM_KEYS] = {
    NULL, "the measure the claim is about", "lower or higher",
    "the condition the claim is about", "the baseline it is compared with"};

enum { P_MEASURE, P_BY, P_SERIES, P_WHEN, PLOT_KEYS };
static const char *const plot_keys[PLOT_KEYS] = {"measure", "by", "series",
                                                 "when"};

/* Room for "claims.NAME.when.PATH". */
enum { WHERE_MAX = SWEEP_PATH_MAX + MISHI_NAME_MAX + 16 };

const char *mishi_expect_name(mishi_expect expect) {
    static const char *const names[] = {
#define EXPECT_NAME(id, name) name,
        MISHI_EXPECT_LIST(EXPECT_NAME)
#undef EXPECT_NAME
    };
    return (size_t)expect < MISHI_EXPECT_COUNT ? names[expect] : NULL;
}

/* ------------------------------------------------------------ names */

/* The names a claim or a plot picks from. */
typedef enum { LIST_FACTORS, LIST_MEASURES, LIST_SERIES } name_list;
static const char *const list_what[] = {"varied parameter", "measure",
                                        "recorded series"};
static const char *const list_head[] = {"varied", "measures", "recorded"};

static size_t names_count(const mishi_sweep *s, name_list list) {
    return list == LIST_FACTORS ? s->info.factors
         : list == LIST_MEASURES ? s->info.measures : s->info.series;
}

static const char *names_at(const mishi_sweep *s, name_list list, size_t i) {
    return list == LIST_FACTORS ? s->factors[i].path
         : list == LIST_MEASURES ? s->measures[i].name : s->series[i].name;
}

/* "KEY: no measure 'x' in this sweep; did you mean 'y'? (measures: ...)" */
static mishi_status unknown_name(const sweep_reader *r, const yaml_node_t *n,
                                 const char *key, name_list list,
                                 const char *text) {
    size_t count = names_count(r->sweep, list);
    const char **names = malloc((count + 1) * sizeof *names);
    if (!names) return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) names[i] = names_at(r->sweep, list, i);
    char all[400] = "none", hint[SWEEP_PATH_MAX + 32] = "";
    if (count) sweep_list_names(names, count, all, sizeof all);
    const char *near = mishi_nearest_name(text, names, count);
    if (near) snprintf(hint, sizeof hint, "; did you mean '%s'?", near);
    free(names);
    return fail_at(&r->l, yr_line(n), yr_column(n), "%s: no %s '%s' in this "
                   "sweep%s (%s: %s)", key, list_what[list], text, hint,
                   list_head[list], all);
}

/* The index of `text` in the list, as written (a factor by the path
 * `vary:` gives it, not another spelling of the same parameter). */
static mishi_status find_name(const sweep_reader *r, const yaml_node_t *n,
                              const char *key, name_list list,
                              const char *text, size_t *out) {
    for (size_t i = 0; i < names_count(r->sweep, list); i++)
        if (strcmp(names_at(r->sweep, list, i), text) == 0) {
            *out = i;
            return MISHI_OK;
        }
    return unknown_name(r, n, key, list, text);
}

/* A name given as a value: `measure: profit`, `by: ...`, `series: ...`. */
static mishi_status find_named(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, name_list list, size_t *out) {
    char expected[64];
    snprintf(expected, sizeof expected, "the name of a %s", list_what[list]);
    if (n->type != YAML_SCALAR_NODE || yr_is_null(n))
        return yr_fail_expected(&r->l, n, key, expected);
    return find_name(r, n, key, list, yr_scalar(n), out);
}

/* ------------------------------------------------------------ terms */

/* A term being read into terms[first + *count] (and its level): a
 * claim's `when` first, then its `than`; a plot's `when`. */
typedef struct term_reader {
    mishi_claim_term *terms;
    size_t *level;
    size_t *count;           /* when_count or than_count */
    size_t first;            /* 0, or `than`'s: when_count */
    int than;                /* reading `than`, after `when` */
    char where[WHERE_MAX];   /* "claims.NAME.when", "plots[0].when" */
} term_reader;

/* The index among terms[0..n) of the term that holds `factor`; -1: none. */
static long find_term(const mishi_claim_term *terms, size_t n, size_t factor) {
    for (size_t i = 0; i < n; i++)
        if (terms[i].factor == factor) return (long)i;
    return -1;
}

/* "one of the values vary gives it (0.1, 0.5)", or of a variants
 * factor "one of the levels vary gives it (all, none)", cut to fit. */
static void grid_values(const sweep_factor *f, char *out, size_t size) {
    size_t used = (size_t)snprintf(out, size, "one of the %s vary gives it (",
                                   f->levels ? "levels" : "values");
    for (size_t i = 0; i < f->count && used < size; i++) {
        char value[MISHI_NAME_MAX + SWEEP_REAL_MAX];
        mishi_factor_value_text(&f->info, f->values[i], MISHI_VALUE_EXACT,
                                value, sizeof value);
        used += (size_t)snprintf(out + used, size - used, "%s%s",
                                 i ? ", " : "", value);
    }
    if (used < size) snprintf(out + used, size - used, ")");
}

/* The position of the value written at `n` among the factor's grid
 * values: a number, or a variants factor's level by name. */
static mishi_status read_level(const sweep_reader *r, const yaml_node_t *n,
                               const char *key, const sweep_factor *f,
                               size_t *level) {
    char expected[400];
    grid_values(f, expected, sizeof expected);
    double v = 0;
    mishi_status rc = MISHI_OK;
    if (!f->levels) rc = sweep_read_number(r, n, key, expected, &v);
    for (size_t i = 0; !rc && i < f->count; i++)
        if (f->levels ? n->type == YAML_SCALAR_NODE &&
                            strcmp(yr_scalar(n), f->levels[i].name) == 0
                      : f->values[i] == v) {
            *level = i;
            return MISHI_OK;
        }
    return rc ? rc : yr_fail_expected(&r->l, n, key, expected);
}

/* `than` gives other values to parameters `when` holds: a parameter it
 * alone named would be free at P and fixed at Q, no pairing at all. */
static mishi_status check_in_when(const sweep_reader *r, const term_reader *t,
                                  const yaml_node_t *k, const char *key,
                                  size_t factor) {
    if (!t->than || find_term(t->terms, t->first, factor) >= 0)
        return MISHI_OK;
    return fail_at(&r->l, yr_line(k), yr_column(k), "%s: `when` does not "
                   "name it; `than` gives other values to parameters `when` "
                   "holds", key);
}

static mishi_status read_term(sweep_reader *r, const yaml_node_t *map,
                              const yaml_node_pair_t *p, void *context) {
    term_reader *t = context;
    const char *path;
    mishi_status rc = yr_pair_key(&r->l, map, p, t->where, &path);
    if (rc) return rc;
    char key[WHERE_MAX + SWEEP_PATH_MAX];
    snprintf(key, sizeof key, "%s.%s", t->where, path);
    const yaml_node_t *k = yr_node(&r->l, p->key);
    size_t factor, level, i = t->first + *t->count;
    rc = find_name(r, k, key, LIST_FACTORS, path, &factor);
    if (!rc) rc = check_in_when(r, t, k, key, factor);
    if (!rc) rc = read_level(r, yr_node(&r->l, p->value), key,
                             &r->sweep->factors[factor], &level);
    if (rc) return rc;
    t->terms[i] = (mishi_claim_term){factor,
                                     r->sweep->factors[factor].values[level]};
    t->level[i] = level;
    ++*t->count;
    return MISHI_OK;
}

/* `when` or `than` of `owner` ("claims.NAME", "plots[0]"): a mapping of
 * at least one parameter. */
static mishi_status read_terms(sweep_reader *r, const yaml_node_t *map,
                               const char *owner, term_reader *t) {
    snprintf(t->where, sizeof t->where, "%s.%s", owner,
             t->than ? "than" : "when");
    if (map->type != YAML_MAPPING_NODE || yr_pairs(map) == 0)
        return yr_fail_expected(&r->l, map, t->where, "a mapping of varied "
                                "parameters to values, e.g. "
                                "{consumers.transient_share: 0.5}");
    return sweep_each_pair(r, map, read_term, t);
}

static size_t pairs_in(const yaml_node_t *map) {
    return map && map->type == YAML_MAPPING_NODE ? yr_pairs(map) : 0;
}

/* Room for the terms of `when` and `than` (NULL for a plot's). */
static mishi_status alloc_terms(const sweep_reader *r, const yaml_node_t *when,
                                const yaml_node_t *than,
                                mishi_claim_term **terms, size_t **level) {
    size_t n = pairs_in(when) + pairs_in(than);
    *terms = calloc(n + 1, sizeof **terms);
    *level = calloc(n + 1, sizeof **level);
    if (!*terms || !*level)
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    return MISHI_OK;
}

/* P = Q when `than` repeats `when`: the claim would compare a point with
 * itself and "hold" or "fail" on noise alone. */
static mishi_status check_differs(const sweep_reader *r, const sweep_claim *c,
                                  const yaml_node_t *than, const char *claim) {
    for (size_t i = 0; i < c->info.than_count; i++) {
        long w = find_term(c->info.when, c->info.when_count,
                           c->info.than[i].factor);
        assert(w >= 0); /* check_in_when let no other term in */
        if (c->level[w] != c->level[c->info.when_count + i]) return MISHI_OK;
    }
    return fail_at(&r->l, yr_line(than), yr_column(than), "%s.than: every "
                   "value is `when`'s; the claim would compare each point "
                   "with itself", claim);
}

/* The free parameters' numbers of values, multiplied. */
static size_t count_settings(const mishi_sweep *s, const sweep_claim *c) {
    size_t n = 1;
    for (size_t k = 0; k < s->info.factors; k++)
        if (find_term(c->info.when, c->info.when_count, k) < 0)
            n *= s->factors[k].count;
    return n;
}

static mishi_status read_conditions(sweep_reader *r, const yaml_node_t *when,
                                    const yaml_node_t *than,
                                    const char *claim) {
    sweep_claim *c = &r->sweep->claims[r->sweep->claim_count - 1];
    mishi_status rc = alloc_terms(r, when, than, &c->terms, &c->level);
    if (rc) return rc;
    c->info.when = c->terms;
    term_reader w = {c->terms, c->level, &c->info.when_count, 0, 0, ""};
    rc = read_terms(r, when, claim, &w);
    c->info.than = c->terms + c->info.when_count;
    term_reader t = {c->terms, c->level, &c->info.than_count,
                     c->info.when_count, 1, ""};
    if (!rc) rc = read_terms(r, than, claim, &t);
    if (!rc) rc = check_differs(r, c, than, claim);
    c->info.settings = count_settings(r->sweep, c);
    return rc;
}

/* ------------------------------------------------------------ a claim */

static mishi_status check_required(const sweep_reader *r,
                                   const yaml_node_t *map,
                                   const yaml_node_t **value,
                                   const char *claim) {
    for (int k = C_MEASURE; k < CLAIM_KEYS; k++)
        if (!value[k])
            return fail_at(&r->l, yr_line(map), yr_column(map), "%s: `%s:` is "
                           "missing (%s)", claim, claim_keys[k],
                           claim_key_doc[k]);
    return MISHI_OK;
}

static mishi_status read_says(const sweep_reader *r, const yaml_node_t *n,
                              const char *claim, sweep_claim *c) {
    char key[WHERE_MAX + 16]; /* "CLAIM.measure": a name of up to WHERE_MAX and a key */
    snprintf(key, sizeof key, "%s.says", claim);
    if (n->type != YAML_SCALAR_NODE || yr_is_null(n))
        return yr_fail_expected(&r->l, n, key, "the sentence the claim comes "
                                "from, in quotes");
    if (!(c->says = strdup(yr_scalar(n))))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    c->info.says = c->says;
    return MISHI_OK;
}

static mishi_status read_measure_and_expect(const sweep_reader *r,
                                            const yaml_node_t **value,
                                            const char *claim,
                                            sweep_claim *c) {
    const char *names[MISHI_EXPECT_COUNT];
    for (int e = 0; e < MISHI_EXPECT_COUNT; e++)
        names[e] = mishi_expect_name((mishi_expect)e);
    char key[WHERE_MAX + 16]; /* "CLAIM.measure": a name of up to WHERE_MAX and a key */
    snprintf(key, sizeof key, "%s.measure", claim);
    mishi_status rc = find_named(r, value[C_MEASURE], key, LIST_MEASURES,
                                 &c->info.measure);
    snprintf(key, sizeof key, "%s.expect", claim);
    int e = 0;
    if (!rc) rc = sweep_read_choice(r, value[C_EXPECT], key, names,
                                    MISHI_EXPECT_COUNT, &e);
    c->info.expect = (mishi_expect)e;
    return rc;
}

static mishi_status read_claim_fields(sweep_reader *r, const yaml_node_t *map,
                                      const char *claim, sweep_claim *c) {
    const yaml_node_t *key[CLAIM_KEYS] = {0}, *value[CLAIM_KEYS] = {0};
    mishi_status rc = sweep_read_fields(r, map, claim, claim_keys, CLAIM_KEYS,
                                        key, value);
    if (!rc) rc = check_required(r, map, value, claim);
    if (!rc && value[C_SAYS]) rc = read_says(r, value[C_SAYS], claim, c);
    if (!rc) rc = read_measure_and_expect(r, value, claim, c);
    if (!rc) rc = read_conditions(r, value[C_WHEN], value[C_THAN], claim);
    return rc;
}

static mishi_status read_claim(sweep_reader *r, const yaml_node_t *map,
                               const yaml_node_pair_t *p, void *context) {
    (void)context;
    const char *name;
    mishi_status rc = yr_pair_key(&r->l, map, p, "claims", &name);
    const yaml_node_t *k = yr_node(&r->l, p->key);
    if (!rc)
        rc = sweep_check_name(&r->l, k, "claims", name, "a claim's name is",
                              "the claim column of claims.csv", "claim");
    if (rc) return rc;
    mishi_sweep *s = r->sweep;
    sweep_claim *c = &s->claims[s->claim_count++]; /* freed from here on */
    c->info.says = "";
    if (!(c->name = strdup(name)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    c->info.name = c->name;
    char claim[WHERE_MAX];
    snprintf(claim, sizeof claim, "claims.%s", name);
    return read_claim_fields(r, yr_node(&r->l, p->value), claim, c);
}

mishi_status sweep_read_claims(sweep_reader *r, const yaml_node_t *key,
                               const yaml_node_t *map) {
    mishi_design design = r->sweep->info.design;
    if (design != MISHI_DESIGN_GRID)
        return fail_at(&r->l, yr_line(key), yr_column(key), "claims: a claim "
                       "compares points of a grid, and this is a %s design",
                       mishi_design_name(design));
    mishi_status rc;
    r->sweep->claims = sweep_pair_array(r, map, "claims", "a mapping of claim "
                                        "names to claims",
                                        sizeof *r->sweep->claims, &rc);
    return rc ? rc : sweep_each_pair(r, map, read_claim, NULL);
}

/* ------------------------------------------------------------ plots */

static mishi_status read_series_plot(const sweep_reader *r,
                                     const yaml_node_t **key,
                                     const yaml_node_t **value,
                                     const char *where, mishi_plot_info *p) {
    const yaml_node_t *extra = key[P_MEASURE] ? key[P_MEASURE] : key[P_BY];
    if (extra)
        return fail_at(&r->l, yr_line(extra), yr_column(extra), "%s: a series "
                       "plot draws the series against the weeks; `measure:` "
                       "and `by:` make a plot of their own", where);
    char name[64];
    snprintf(name, sizeof name, "%s.series", where);
    p->kind = MISHI_PLOT_SERIES;
    return find_named(r, value[P_SERIES], name, LIST_SERIES, &p->series);
}

static mishi_status read_measure_plot(const sweep_reader *r,
                                      const yaml_node_t *map,
                                      const yaml_node_t **value,
                                      const char *where, mishi_plot_info *p) {
    if (!value[P_MEASURE] || !value[P_BY])
        return fail_at(&r->l, yr_line(map), yr_column(map), "%s: `%s:` is "
                       "missing; a plot is {measure: NAME, by: PARAMETER} or "
                       "{series: QUANTITY}", where,
                       value[P_MEASURE] ? "by" : "measure");
    char name[64];
    snprintf(name, sizeof name, "%s.measure", where);
    p->kind = MISHI_PLOT_MEASURE;
    mishi_status rc = find_named(r, value[P_MEASURE], name, LIST_MEASURES,
                                 &p->measure);
    snprintf(name, sizeof name, "%s.by", where);
    return rc ? rc : find_named(r, value[P_BY], name, LIST_FACTORS, &p->factor);
}

/* `when:` keeps a slice of a grid (mishi_sweep_plot_shows). */
static mishi_status read_plot_when(sweep_reader *r, const yaml_node_t *key,
                                   const yaml_node_t *when, const char *where,
                                   sweep_plot *p) {
    mishi_design design = r->sweep->info.design;
    if (design != MISHI_DESIGN_GRID)
        return fail_at(&r->l, yr_line(key), yr_column(key), "%s.when: a "
                       "slice is of a grid, and this is a %s design", where,
                       mishi_design_name(design));
    mishi_status rc = alloc_terms(r, when, NULL, &p->terms, &p->level);
    if (rc) return rc;
    p->info.when = p->terms;
    term_reader w = {p->terms, p->level, &p->info.when_count, 0, 0, ""};
    return read_terms(r, when, where, &w);
}

static mishi_status read_plot(sweep_reader *r, const yaml_node_t *map,
                              size_t i) {
    char where[32];
    snprintf(where, sizeof where, "plots[%zu]", i);
    const yaml_node_t *key[PLOT_KEYS] = {0}, *value[PLOT_KEYS] = {0};
    mishi_status rc = sweep_read_fields(r, map, where, plot_keys, PLOT_KEYS,
                                        key, value);
    sweep_plot *p = &r->sweep->plots[i];
    if (!rc && value[P_SERIES])
        rc = read_series_plot(r, key, value, where, &p->info);
    else if (!rc) rc = read_measure_plot(r, map, value, where, &p->info);
    if (!rc && value[P_WHEN])
        rc = read_plot_when(r, key[P_WHEN], value[P_WHEN], where, p);
    return rc;
}

mishi_status sweep_read_plots(sweep_reader *r, const yaml_node_t *list) {
    if (list->type != YAML_SEQUENCE_NODE)
        return yr_fail_expected(&r->l, list, "plots", "a list of plots, "
                                "{measure: NAME, by: PARAMETER} or "
                                "{series: QUANTITY}");
    size_t n = yr_items(list);
    if (!(r->sweep->plots = calloc(n + 1, sizeof *r->sweep->plots)))
        return mishi_error_set(r->l.err, MISHI_ENOMEM, "out of memory");
    mishi_status rc = MISHI_OK;
    r->sweep->plot_count = n; /* sweep_free_findings frees what was read */
    for (size_t i = 0; !rc && i < n; i++)
        rc = read_plot(r, yr_node(&r->l, list->data.sequence.items.start[i]), i);
    return rc;
}

/* ------------------------------------------------------------ answers */

size_t mishi_sweep_claim_count(const mishi_sweep *s) {
    return s ? s->claim_count : 0;
}

const mishi_claim_info *mishi_sweep_claim(const mishi_sweep *s, size_t claim) {
    return s && claim < s->claim_count ? &s->claims[claim].info : NULL;
}

/* The setting's number is a mixed-radix number over the free factors, the
 * last one varying fastest, as a grid numbers its points. */
mishi_status mishi_sweep_claim_points(const mishi_sweep *s, size_t claim,
                                      size_t setting, size_t *p, size_t *q) {
    const mishi_claim_info *c = mishi_sweep_claim(s, claim);
    if (!c || setting >= c->settings || !p || !q) return MISHI_EARG;
    const size_t *level = s->claims[claim].level;
    size_t rest = setting;
    *p = *q = 0;
    for (size_t k = s->info.factors; k-- > 0;) {
        const sweep_factor *f = &s->factors[k];
        long w = find_term(c->when, c->when_count, k);
        long t = find_term(c->than, c->than_count, k);
        size_t at = w >= 0 ? level[w] : rest % f->count;
        if (w < 0) rest /= f->count;
        *p += at * f->stride;
        *q += (t >= 0 ? level[c->when_count + (size_t)t] : at) * f->stride;
    }
    return MISHI_OK;
}

size_t mishi_sweep_plot_count(const mishi_sweep *s) {
    return s ? s->plot_count : 0;
}

const mishi_plot_info *mishi_sweep_plot(const mishi_sweep *s, size_t plot) {
    return s && plot < s->plot_count ? &s->plots[plot].info : NULL;
}

/* A grid numbers its points as a mixed-radix number: factor k's level is
 * the point's digit of weight `stride`. */
int mishi_sweep_plot_shows(const mishi_sweep *s, size_t plot, size_t point) {
    if (!s || plot >= s->plot_count || point >= s->info.points) return 0;
    const sweep_plot *p = &s->plots[plot];
    for (size_t i = 0; i < p->info.when_count; i++) {
        const sweep_factor *f = &s->factors[p->terms[i].factor];
        if (point / f->stride % f->count != p->level[i]) return 0;
    }
    return 1;
}

void sweep_free_findings(mishi_sweep *s) {
    for (size_t i = 0; i < s->claim_count; i++) {
        free(s->claims[i].name), free(s->claims[i].says);
        free(s->claims[i].terms), free(s->claims[i].level);
    }
    for (size_t i = 0; i < s->plot_count; i++)
        free(s->plots[i].terms), free(s->plots[i].level);
    free(s->claims), free(s->plots);
}
