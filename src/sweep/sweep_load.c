/*
 * sweep_load.c — reading a sweep file: the top level and the scalar keys,
 * then each part in the order the parts depend on one another.
 *
 * A sweep file is read in two passes. The first finds every top-level key
 * (an unknown or repeated one is refused there, with the nearest name);
 * the second reads the parts in a fixed order — the scalar keys and the
 * design, the scenario, `set:`, `vary:`, `measures:`, `series:`, the
 * design's points, then `claims:` and `plots:` — because each part may
 * need one before it: `vary:`'s values are checked against the scenario's
 * schema, a measure's weeks against its horizon, a claim's values against
 * the grid. The file itself may give the keys in any order.
 *
 * The scalar keys are rows of the scenario schema's own type (schema.h),
 * parsed and range-checked by schema_store, so "seed: expected a whole
 * number from 0 to ..." reads in a sweep file as it does in a scenario.
 * Nothing is silently defaulted: a key that means nothing for the design
 * (`points:` for a grid, `levels:` for anything but morris) is refused.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_read.h"

/* Where the scalar rows store. `scenario` is not among them: a path is
 * not a name, and a schema text holds at most MISHI_NAME_MAX - 1
 * characters (sweep_base.c reads it). */
typedef struct sweep_keys {
    char name[MISHI_NAME_MAX];
    char design[MISHI_NAME_MAX];
    uint64_t seed;
    int replicates, points, levels;
} sweep_keys;

/* The top-level keys, in the order the second pass reads them. */
enum {
    KEY_NAME, KEY_SEED, KEY_REPLICATES, KEY_DESIGN, KEY_POINTS, KEY_LEVELS,
    ROW_KEYS, /* the keys above are rows; those below, parts read whole */
    KEY_SCENARIO = ROW_KEYS, KEY_SET, KEY_VARY, KEY_MEASURES, KEY_SERIES,
    KEY_CLAIMS, KEY_PLOTS, KEY_COUNT
};

#define ROW(type, tname, key, field, unit, lo, hi, fallback, doc)              \
    {{key, tname, unit, lo, hi, fallback, doc}, SCHEMA_TOP, type,              \
     offsetof(sweep_keys, field), NULL}

/* A fallback of "" means none: the name comes from the file's, and
 * `points` must be given for the designs that take it. */
static const schema_row rows[ROW_KEYS] = {
    [KEY_NAME] = ROW(SCHEMA_TEXT, "text", "name", name, "-", 0, 0, "",
                     "the sweep's name (default: the file's, less .yaml)"),
    [KEY_SEED] = ROW(SCHEMA_SEED, "seed", "seed", seed, "-", 0,
                     18446744073709551615.0, "1",
                     "every run's seed is drawn from it, the point and the "
                     "replicate"),
    [KEY_REPLICATES] = ROW(SCHEMA_INT, "int", "replicates", replicates, "runs",
                           1, SWEEP_MAX_RUNS, "1",
                           "runs of each point, each with its own seed"),
    [KEY_DESIGN] = ROW(SCHEMA_TEXT, "text", "design", design, "-", 0, 0,
                       "grid", "how the points are chosen (the designs below)"),
    [KEY_POINTS] = ROW(SCHEMA_INT, "int", "points", points, "points", 1,
                       SWEEP_MAX_RUNS, "",
                       "points (latin-hypercube, sobol), trajectories "
                       "(morris) or base samples (saltelli)"),
    /* Morris's p: 4 to 10 are usual (Saltelli et al. 2008, ch. 3); the
     * cap only catches a number meant for `points`. */
    [KEY_LEVELS] = ROW(SCHEMA_INT, "int", "levels", levels, "levels", 2, 1000,
                       "4", "morris: levels each factor moves on (even)"),
};
#undef ROW

/* The parts: read whole by their own files, documented here beside the
 * rows so that `mishi params --sweep` lists every key of a sweep file. */
static const mishi_param_info parts[KEY_COUNT - ROW_KEYS] = {
    {"scenario", "path", "-", 0, 0, "",
     "the base scenario file, relative to the sweep file (required)"},
    {"set", "mapping", "-", 0, 0, "",
     "--set paths and values applied to the base scenario as one change "
     "(checked once all are in)"},
    {"vary", "mapping", "-", 0, 0, "",
     "--set paths to vary: a list of values or {from, to, step} (grid: from, "
     "from + step, ... while not past to, so to only if a step lands on it), or "
     "{min, max} (the other designs); or a name to {variants}"},
    {"measures", "mapping", "-", 0, 0, "",
     "name: {column, firms, class, summary, weeks, value}: what each run "
     "records, a column of the results"},
    {"series", "list", "-", 0, 0, "",
     "market.X or firms.X, or {column, firms, class}: quantities recorded "
     "whole, week by week"},
    {"claims", "mapping", "-", 0, 0, "",
     "name: {says, measure, expect, when, than}: comparisons `mishi "
     "experiment` gives a verdict on (grid only; docs/experiments.md)"},
    {"plots", "list", "-", 0, 0, "",
     "{measure, by} or {series}, each with an optional `when`: what `mishi "
     "experiment` draws"},
};

/* Keys inside the parts that a reader must know of, each listed after
 * its part; the parts' own files read them. */
static const struct {
    int part;
    mishi_param_info info;
} nested[] = {
    {KEY_VARY, {"vary.NAME.variants", "mapping", "-", 0, 0, "",
                "a factor of named levels, grid only: LEVEL: {--set path: "
                "value, ...}, in order; shown by the level's name, which "
                "`when` and `than` give"}},
};
enum { NESTED_KEYS = sizeof nested / sizeof nested[0] };

static const char *key_name(int k) {
    return k < ROW_KEYS ? rows[k].info.path : parts[k - ROW_KEYS].path;
}

size_t mishi_sweep_key_count(void) { return KEY_COUNT + NESTED_KEYS; }

const mishi_param_info *mishi_sweep_key_at(size_t index) {
    for (int k = 0; k < KEY_COUNT; k++) {
        if (index-- == 0) return k < ROW_KEYS ? &rows[k].info
                                              : &parts[k - ROW_KEYS];
        for (size_t n = 0; n < NESTED_KEYS; n++)
            if (nested[n].part == k && index-- == 0) return &nested[n].info;
    }
    return NULL;
}

typedef struct top_reader {
    sweep_reader r;
    const char *dir; /* `scenario:` is relative to it; NULL: the current */
    sweep_keys keys;
    const yaml_node_t *key[KEY_COUNT], *value[KEY_COUNT]; /* NULL: not given */
} top_reader;

/* ------------------------------------------------------------ first pass */

static mishi_status find_keys(top_reader *t, const yaml_node_t *root) {
    const char *names[KEY_COUNT];
    for (int k = 0; k < KEY_COUNT; k++) names[k] = key_name(k);
    return sweep_read_fields(&t->r, root, NULL, names, KEY_COUNT, t->key,
                             t->value);
}

/* ------------------------------------------------------------ the keys */

static mishi_status read_rows(top_reader *t) {
    char why[160];
    mishi_status rc = MISHI_OK;
    for (int k = 0; k < ROW_KEYS; k++)
        if (*rows[k].info.fallback &&
            schema_store(&rows[k], rows[k].info.fallback, &t->keys, why,
                         sizeof why) != MISHI_OK)
            return mishi_error_set(t->r.l.err, MISHI_EINTERNAL,
                                   "sweep key %s: default out of range",
                                   key_name(k));
    for (int k = 0; !rc && k < ROW_KEYS; k++)
        if (t->value[k])
            rc = yr_store(&t->r.l, &rows[k], key_name(k), t->value[k],
                          &t->keys);
    return rc;
}

/* The file's name without its folder and extension: "sweeps/a.yaml" is
 * "a". Cut to fit a name, which is all it is used for. */
static void name_from_file(const char *source, char *name, size_t size) {
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    snprintf(name, size, "%.*s", (int)(n < size ? n : size - 1), base);
}

static mishi_status read_name(top_reader *t) {
    mishi_sweep *s = t->r.sweep;
    if (!t->value[KEY_NAME]) {
        name_from_file(s->source, s->name, sizeof s->name);
        return MISHI_OK;
    }
    if (!t->keys.name[0]) {
        char expected[48];
        snprintf(expected, sizeof expected, "a name of 1 to %d characters",
                 MISHI_NAME_MAX - 1);
        return yr_fail_expected(&t->r.l, t->value[KEY_NAME], "name", expected);
    }
    snprintf(s->name, sizeof s->name, "%s", t->keys.name);
    return MISHI_OK;
}

/* What `points` counts for a design. */
static const char *samples_noun(mishi_design design) {
    if (design == MISHI_DESIGN_MORRIS) return "trajectories";
    if (design == MISHI_DESIGN_SALTELLI) return "base samples";
    return "points";
}

static mishi_status read_design_name(top_reader *t) {
    const char *names[MISHI_DESIGN_COUNT];
    for (int d = 0; d < MISHI_DESIGN_COUNT; d++)
        names[d] = mishi_design_name((mishi_design)d);
    int d = MISHI_DESIGN_GRID;
    mishi_status rc = MISHI_OK;
    if (t->value[KEY_DESIGN])
        rc = sweep_read_choice(&t->r, t->value[KEY_DESIGN], "design", names,
                               MISHI_DESIGN_COUNT, &d);
    t->r.sweep->info.design = (mishi_design)d;
    return rc;
}

/* `points` and `levels` where the design takes them, and only there. */
static mishi_status read_design_keys(top_reader *t) {
    const loader *l = &t->r.l;
    mishi_sweep_info *info = &t->r.sweep->info;
    const char *design = mishi_design_name(info->design);
    const yaml_node_t *points = t->key[KEY_POINTS], *levels = t->key[KEY_LEVELS];
    if (info->design == MISHI_DESIGN_GRID && points)
        return fail_at(l, yr_line(points), yr_column(points),
                       "points: a grid runs every combination of its values; "
                       "`points` is for the other designs");
    if (info->design != MISHI_DESIGN_GRID && !points)
        return fail_at(l, yr_line(t->value[KEY_DESIGN]),
                       yr_column(t->value[KEY_DESIGN]),
                       "design: a %s design needs `points:`, the number of %s",
                       design, samples_noun(info->design));
    if (info->design != MISHI_DESIGN_MORRIS && levels)
        return fail_at(l, yr_line(levels), yr_column(levels),
                       "levels: only a morris design moves on levels, and "
                       "this is a %s design", design);
    if (t->keys.levels % 2) {
        char expected[64];
        snprintf(expected, sizeof expected, "an even whole number from %.0f "
                 "to %.0f", rows[KEY_LEVELS].info.min, rows[KEY_LEVELS].info.max);
        return yr_fail_expected(l, t->value[KEY_LEVELS], "levels", expected);
    }
    info->samples = info->design == MISHI_DESIGN_GRID ? 0 : (size_t)t->keys.points;
    info->levels = info->design == MISHI_DESIGN_MORRIS ? t->keys.levels : 0;
    return MISHI_OK;
}

static mishi_status read_keys(top_reader *t) {
    mishi_status rc = read_rows(t);
    if (!rc) rc = read_name(t);
    if (!rc) rc = read_design_name(t);
    if (!rc) rc = read_design_keys(t);
    if (rc) return rc;
    t->r.sweep->info.seed = t->keys.seed;
    t->r.sweep->info.replicates = t->keys.replicates;
    return MISHI_OK;
}

/* ----------------------------------------------------------- the parts */

static mishi_status read_base(top_reader *t) {
    if (!t->value[KEY_SCENARIO])
        return fail_at(&t->r.l, 0, 0, "scenario: missing; give the scenario "
                                      "file the sweep runs, e.g. `scenario: "
                                      "../scenarios/train-station.yaml`");
    mishi_status rc = sweep_read_scenario(&t->r, t->value[KEY_SCENARIO], t->dir);
    if (!rc && t->value[KEY_SET]) rc = sweep_read_set(&t->r, t->value[KEY_SET]);
    if (!rc) t->r.sweep->info.weeks = t->r.sweep->base->params.weeks;
    return rc;
}

static mishi_status read_records(top_reader *t) {
    mishi_status rc = MISHI_OK;
    if (t->value[KEY_MEASURES])
        rc = sweep_read_measures(&t->r, t->value[KEY_MEASURES]);
    if (!rc && t->value[KEY_SERIES])
        rc = sweep_read_series(&t->r, t->value[KEY_SERIES]);
    if (!rc && !t->value[KEY_MEASURES] && !t->value[KEY_SERIES])
        rc = fail_at(&t->r.l, 0, 0, "the sweep records nothing; give "
                                    "`measures:`, `series:` or both");
    return rc;
}

static mishi_status read_sweep(loader *l, void *context) {
    top_reader *t = context;
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    if (!root || yr_is_null(root))
        return fail_at(l, 0, 0, "the sweep file is empty; expected a mapping "
                                "of keys such as 'scenario:' and 'vary:'");
    mishi_status rc = find_keys(t, root);
    if (!rc) rc = read_keys(t);
    if (!rc) rc = read_base(t);
    if (!rc && t->value[KEY_VARY]) rc = sweep_read_vary(&t->r, t->value[KEY_VARY]);
    if (!rc) rc = read_records(t);
    if (!rc) rc = sweep_expand(&t->r, t->value[KEY_DESIGN], t->key[KEY_VARY]);
    if (!rc) rc = sweep_find_unread(t->r.sweep, l->err);
    if (!rc && t->value[KEY_CLAIMS])
        rc = sweep_read_claims(&t->r, t->key[KEY_CLAIMS], t->value[KEY_CLAIMS]);
    if (!rc && t->value[KEY_PLOTS]) rc = sweep_read_plots(&t->r, t->value[KEY_PLOTS]);
    if (!rc) rc = sweep_compute_digest(t->r.sweep, l->err);
    return rc;
}

/* ------------------------------------------------------------ public */

mishi_status mishi_sweep_load_string(const char *yaml, const char *name,
                                     const char *dir, mishi_sweep **out,
                                     mishi_error *err) {
    if (!out || !yaml)
        return mishi_error_set(err, MISHI_EARG, "no sweep text given");
    *out = NULL;
    mishi_sweep *s = calloc(1, sizeof *s);
    if (s) s->source = strdup(name ? name : "(string)");
    if (!s || !s->source) {
        free(s);
        return mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    }
    top_reader t = {.r = {.l = {.file = s->source, .err = err}, .sweep = s},
                    .dir = dir};
    mishi_status rc = yr_read_text(&t.r.l, yaml, "a sweep file", read_sweep, &t);
    loader_free(&t.r.l);
    s->info.name = s->name, s->info.source = s->source;
    s->info.scenario = s->scenario;
    if (rc) mishi_sweep_free(s);
    else *out = s;
    return rc;
}

/* The folder of `path` ("sweeps" for "sweeps/a.yaml"), NULL for a bare
 * file name, which is in the current folder. */
static char *folder_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return NULL;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = malloc(n + 1);
    if (dir) snprintf(dir, n + 1, "%.*s", (int)n, path);
    return dir;
}

mishi_status mishi_sweep_load(const char *path, mishi_sweep **out,
                              mishi_error *err) {
    if (!out || !path)
        return mishi_error_set(err, MISHI_EARG, "no sweep file given");
    *out = NULL;
    char *text = NULL, *dir = NULL;
    mishi_status rc = yr_read_file(path, &text, err);
    if (!rc && strchr(path, '/') && !(dir = folder_of(path)))
        rc = mishi_error_set(err, MISHI_ENOMEM, "out of memory");
    if (!rc) rc = mishi_sweep_load_string(text, path, dir, out, err);
    free(text);
    free(dir);
    return rc;
}

void mishi_sweep_free(mishi_sweep *s) {
    if (!s) return;
    for (size_t i = 0; i < s->set_count; i++) free(s->sets[i].assignment);
    for (size_t k = 0; k < s->info.factors; k++) {
        free(s->factors[k].path);
        free(s->factors[k].values);
        sweep_free_levels(&s->factors[k]);
    }
    for (size_t m = 0; m < s->info.measures; m++) {
        free((char *)s->measures[m].name);
        free((char *)s->measures[m].quantity.name);
        free((char *)s->measures[m].quantity.class_name);
    }
    for (size_t i = 0; i < s->info.series; i++) {
        free((char *)s->series[i].name);
        free((char *)s->series[i].class_name);
    }
    sweep_free_findings(s);
    for (size_t i = 0; i < s->unread_count; i++) free(s->unread[i]);
    free(s->unread);
    free(s->sets), free(s->factors), free(s->unit);
    free(s->measures), free(s->series);
    mishi_scenario_free(s->base);
    free(s->source), free(s->scenario);
    free(s);
}
